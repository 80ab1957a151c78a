"""The deployment example of docs/deployment.md (``deploy/``) works: nginx with the example
site in front of two real ``ecoplan serve`` processes on one database serves through either
and goes on when one stops; the systemd unit runs an ``ecoplan serve`` command the CLI
accepts; PostgreSQL's connection limit covers what the example's hosts and workers open."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import time
from contextlib import ExitStack
from pathlib import Path

import httpx
import pytest

from ecoplan.app.cli import serve
from ecoplan.cli import cli
from ecoplan.app.serving.gate import Limits

from servers import free_port, serving

DEPLOY = Path(__file__).resolve().parents[3] / "deploy"
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)


def _site(upstreams: list[str], port: int) -> str:
    site = (DEPLOY / "nginx-ecoplan.conf").read_text(encoding="utf-8")
    servers = re.findall(r"^\s*server \S+:\d+ .*;$", site, flags=re.M)
    assert len(servers) == 2
    for line, address in zip(servers, upstreams):
        site = site.replace(line, re.sub(r"server \S+:\d+", f"server {address}", line))
    return site.replace("listen 80;", f"listen 127.0.0.1:{port};")


def _nginx(tmp: Path, site: str) -> subprocess.Popen:
    (tmp / "logs").mkdir()
    (tmp / "site.conf").write_text(site, encoding="utf-8")
    (tmp / "nginx.conf").write_text(
        f"daemon off;\npid {tmp}/nginx.pid;\nerror_log {tmp}/logs/error.log;\n"
        "events { worker_connections 256; }\n"
        f"http {{ access_log off; client_body_temp_path {tmp}/body; proxy_temp_path {tmp}/proxy;"
        f" fastcgi_temp_path {tmp}/f; uwsgi_temp_path {tmp}/u; scgi_temp_path {tmp}/s;"
        f" include {tmp}/site.conf; }}\n", encoding="utf-8")
    return subprocess.Popen([NGINX, "-p", str(tmp), "-c", str(tmp / "nginx.conf")],
                            stderr=subprocess.DEVNULL)


@pytest.mark.skipif(NGINX is None, reason="nginx not installed (scripts/system-deps.sh)")
def test_nginx_example_in_front_of_two_servers(seeded, settings, tmp_path):
    port = free_port()
    with ExitStack() as stack:
        first = stack.enter_context(ExitStack())
        a = first.enter_context(serving(settings, log=tmp_path / "a.log"))
        b = stack.enter_context(serving(settings, log=tmp_path / "b.log"))
        proxy_dir = tmp_path / "nginx"
        proxy_dir.mkdir()
        proxy = _nginx(proxy_dir, _site([a.removeprefix("http://"), b.removeprefix("http://")],
                                        port))
        stack.callback(proxy.wait, 30)
        stack.callback(proxy.terminate)
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
            for _ in range(50):  # nginx starting
                try:
                    client.get("/healthz")
                    break
                except httpx.TransportError:
                    time.sleep(0.2)
            assert [client.get("/public").status_code for _ in range(4)] == [200] * 4
            first.close()  # one host stops: the other serves everything
            assert [client.get("/public").status_code for _ in range(4)] == [200] * 4


def _serve_params(args: list[str]) -> dict:
    """What ``ecoplan serve ARGS`` would run with (parsed under the real group, so the
    command's help option is made as the group makes it)."""
    parent = cli.make_context("ecoplan", ["serve"], resilient_parsing=True)
    return serve.make_context("serve", args, parent=parent).params


def _unit_command() -> list[str]:
    unit = (DEPLOY / "ecoplan.service").read_text(encoding="utf-8")
    return shlex.split(re.search(r"^ExecStart=(.+)$", unit, flags=re.M).group(1))


def test_systemd_unit_runs_a_command_the_cli_accepts():
    command = _unit_command()
    assert Path(command[0]).name == "ecoplan" and command[1] == "serve"
    params = _serve_params(command[2:])
    assert params["workers"] == 2 and params["host"] == "0.0.0.0"


def test_postgresql_connection_limit_covers_the_example():
    conf = (DEPLOY / "postgresql-ecoplan.conf").read_text(encoding="utf-8")
    max_connections = int(re.search(r"^max_connections = (\d+)", conf, flags=re.M).group(1))
    env = (DEPLOY / "ecoplan.env").read_text(encoding="utf-8")
    requests = int(re.search(r"^ECOPLAN_MAX_CONCURRENT_REQUESTS=(\d+)", env, flags=re.M).group(1))
    hosts = len(re.findall(r"^\s*server \S+:\d+", (DEPLOY / "nginx-ecoplan.conf").read_text(),
                           flags=re.M))
    workers = _serve_params(_unit_command()[2:])["workers"]
    limits = Limits(requests)
    per_process = limits.pool_size + limits.max_overflow
    assert hosts * workers * per_process + 10 <= max_connections
