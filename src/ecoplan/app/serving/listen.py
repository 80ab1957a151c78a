"""How ``ecoplan serve`` runs uvicorn: its listening socket sends every answer at once.

With several workers, uvicorn binds the listening socket itself, in the supervisor, as
``socket.socket(family)``: a TCP socket whose ``proto`` attribute is 0, not ``IPPROTO_TCP``.
Every connection a worker accepts from it inherits that 0, and asyncio sets ``TCP_NODELAY`` only
on sockets whose ``proto`` is ``IPPROTO_TCP`` (``asyncio.base_events._set_nodelay``). So with
``--workers 2`` every connection ran Nagle's algorithm: an answer written in two parts (the
headers, then the body) waited for the client's delayed acknowledgement, about 40 ms, between
them. Measured on loopback (issue #11): ``/healthz`` took 48 ms a request on 2 workers against
3 ms on one, and one client got 18–28 requests/s instead of 120. One worker is not affected
(uvicorn then lets asyncio create the socket).

:class:`ListenConfig` binds the socket as uvicorn does and wraps it again so that its ``proto`` is
the kernel's (``SO_PROTOCOL``: ``IPPROTO_TCP``); :func:`run` is ``uvicorn.run`` on such a
config.
"""

from __future__ import annotations

import os
import socket
import sys

import uvicorn
from uvicorn.supervisors import Multiprocess

STARTUP_FAILURE = 3  # uvicorn's exit code when the application did not start


class ListenConfig(uvicorn.Config):
    """uvicorn's configuration whose listening TCP socket says it is TCP (see the module)."""

    def bind_socket(self) -> socket.socket:
        sock = super().bind_socket()
        if sock.family not in (socket.AF_INET, socket.AF_INET6) or sock.proto:
            return sock
        inheritable = sock.get_inheritable()
        tcp = socket.socket(fileno=sock.detach())  # family, type and proto read from the kernel
        tcp.set_inheritable(inheritable)
        return tcp


def run(app: str, **options) -> None:
    """``uvicorn.run(app, **options)`` with :class:`ListenConfig` (no reload: not used here)."""
    config = ListenConfig(app, **options)
    server = uvicorn.Server(config=config)
    try:
        if config.workers > 1:
            Multiprocess(config, sockets=[config.bind_socket()]).run()
        else:
            server.run()
    except KeyboardInterrupt:
        pass
    finally:
        if config.uds and os.path.exists(config.uds):
            os.remove(config.uds)
    if not server.started and config.workers == 1:
        sys.exit(STARTUP_FAILURE)
