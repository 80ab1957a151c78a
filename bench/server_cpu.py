"""The server's own CPU time per request, page by page, read from ``/proc`` (Linux).

One ``ecoplan serve`` worker on loopback (a copy of an ``ecoplan demo`` data dir); each page is
fetched twice to warm it, then ``--requests`` times in a row as its role would; the worker
process's user + system time (``/proc/PID/stat``, children included) before and after, divided
by the count. Other processes on a shared machine barely inflate it (it is CPU time, not wall
time), unlike response times.

    PYTHONPATH=src python bench/server_cpu.py --data-dir DIR [--port 18810] [--requests 40]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).parent))
from load import copy_of, prepared, server  # noqa: E402

PAGES = (("/public", None), ("/status", "viewer"), ("/status/export.xlsx", "viewer"),
         ("/progress", "reporter"), ("/plans", "admin"), ("/healthz", None))
TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pids: list[int]) -> float:
    """utime + stime + cutime + cstime of ``pids`` (fields 14–17 of /proc/PID/stat)."""
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += sum(int(f) for f in fields[11:15])
    return total / TICKS


def workers(parent: int) -> list[int]:
    """The server's processes: the ``ecoplan serve`` parent and its children."""
    children = Path(f"/proc/{parent}/task/{parent}/children").read_text().split()
    return [parent, *map(int, children)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data-dir", type=Path, required=True, help="an `ecoplan demo` data dir")
    parser.add_argument("--port", type=int, default=18810)
    parser.add_argument("--requests", type=int, default=40)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ecoplan-cpu-") as scratch:
        data = copy_of(args.data_dir, Path(scratch), "cpu")
        logins = prepared(data)[0]
        with server(data, 1, args.port) as (base, _first, process):
            pids = workers(process.pid)
            with httpx.Client(base_url=base, timeout=60) as client:
                for path, role in PAGES:
                    cookies = {"ecoplan_session": logins[role][0]} if role else {}
                    for _ in range(2):
                        client.get(path, cookies=cookies)
                    before = cpu_seconds(pids)
                    for _ in range(args.requests):
                        assert client.get(path, cookies=cookies).status_code == 200, path
                    ms = (cpu_seconds(pids) - before) / args.requests * 1000
                    print(f"{path:22} {ms:6.1f} ms of server CPU per request")
    print(f"load average (1 min): {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
