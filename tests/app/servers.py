"""``ecoplan serve`` as a real process on loopback, for the serving tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import httpx

START_TIMEOUT_S = 120  # a bound, not an assertion on speed: the machine may be busy


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(settings, *, workers: int = 1, env: dict | None = None, log: Path | None = None):
    """A base URL of ``ecoplan serve`` on ``settings``' database and data dir; stopped after."""
    port = free_port()
    environ = {**os.environ, **(env or {})}
    if settings.database_url:
        environ["ECOPLAN_DATABASE_URL"] = settings.database_url
    out = open(log or os.devnull, "wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "ecoplan", "serve", "--host", "127.0.0.1", "--port", str(port),
         "--workers", str(workers), "--data-dir", str(settings.data_dir)],
        env=environ, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(process, base)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        out.close()


def _wait_until_up(process: subprocess.Popen, base: str) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"ecoplan serve exited with {process.returncode}")
        try:
            if httpx.get(base + "/healthz", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"ecoplan serve did not answer within {START_TIMEOUT_S} s")
