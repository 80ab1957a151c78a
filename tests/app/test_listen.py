"""``ecoplan serve``'s listening socket: every accepted connection sends without Nagle's delay.

With several workers uvicorn bound a socket whose ``proto`` was 0, so asyncio never set
``TCP_NODELAY`` on the connections the workers accepted, and an answer written in two parts
(headers, body) waited ~40 ms for the client's delayed acknowledgement between them: one client
got 18–28 requests/s from 2 workers against 120 from one (issue #11, docs/deployment.md).
"""

from __future__ import annotations

import asyncio
import socket
from concurrent.futures import ThreadPoolExecutor

import pytest
import uvicorn

from ecoplan.app.serving.listen import ListenConfig


def _accepted_nodelay(sock: socket.socket) -> int:
    """TCP_NODELAY of a connection asyncio accepts on ``sock`` (as a uvicorn worker does)."""
    async def run() -> int:
        loop = asyncio.get_running_loop()
        seen: asyncio.Future[int] = loop.create_future()

        class Probe(asyncio.Protocol):
            def connection_made(self, transport) -> None:
                raw = transport.get_extra_info("socket")
                seen.set_result(raw.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
                transport.close()

        server = await loop.create_server(Probe, sock=sock)
        host, port = sock.getsockname()[:2]
        _reader, writer = await asyncio.open_connection(host, port)
        try:
            return await asyncio.wait_for(seen, 30)
        finally:
            writer.close()
            server.close()

    # its own thread: an earlier test (Playwright's sync API) may leave a loop running here
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, run()).result(timeout=60)


@pytest.mark.parametrize("workers", [2, 4])
def test_the_workers_connections_send_without_delay(workers):
    config = ListenConfig("ecoplan.app.serving.factory:app_from_env", factory=True,
                          host="127.0.0.1", port=0, workers=workers)
    sock = config.bind_socket()
    assert sock.proto == socket.IPPROTO_TCP and sock.get_inheritable()
    assert _accepted_nodelay(sock) != 0


def test_uvicorns_own_socket_would_delay():
    """The cause, kept as a check: should uvicorn ever fix it, ListenConfig can go."""
    config = uvicorn.Config("ecoplan.app.serving.factory:app_from_env", factory=True,
                            host="127.0.0.1", port=0, workers=2)
    assert _accepted_nodelay(config.bind_socket()) == 0


def test_serve_runs_on_the_listen_config(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from ecoplan.app.serving import listen
    from ecoplan.cli import cli

    made = []
    monkeypatch.setattr(listen, "ListenConfig", lambda app, **o: made.append(o) or ListenConfig(
        app, **o))
    monkeypatch.setattr(listen.uvicorn, "Server", lambda config: _NoServer(config))
    monkeypatch.setattr(listen, "Multiprocess", lambda config, sockets: _NoServer(config, sockets))
    monkeypatch.setenv("ECOPLAN_DATA_DIR", str(tmp_path))
    result = CliRunner().invoke(cli, ["serve", "--data-dir", str(tmp_path), "--workers", "2",
                                      "--port", "18642"])
    assert result.exit_code == 0, result.output
    assert made and made[0]["workers"] == 2
    assert _NoServer.sockets[0].proto == socket.IPPROTO_TCP


class _NoServer:
    sockets: list = []
    started = True

    def __init__(self, config, sockets=None) -> None:
        if sockets is not None:
            _NoServer.sockets = sockets

    def run(self) -> None:
        for sock in _NoServer.sockets:
            sock.close()
