"""Crash hunting (issue #11): suspects of the workers' heap corruption run from many threads
at once, under Python's debug allocator, for a bounded time; a crash prints every thread's stack.

Suspects (``--parts``, comma-separated): ``strings`` (pandas 3 Arrow-backed strings, each in a
new short-lived thread as AnyIO's pool makes them), ``xlsx`` (openpyxl with lxml writing a
status-like workbook), ``duck`` (DuckDB cursors of the kept monitoring store, results to
pandas), ``sessions`` (SQLAlchemy sessions on SQLite opened, used with modified objects and
closed in three different pool threads, as FastAPI runs a request's dependency and endpoint).
None of them crashed in 60–90 s on this machine (docs/deployment.md, "Crash hunt").

    PYTHONPATH=src python bench/thread_stress.py --data-dir DEMO_DIR --seconds 60 --parts sessions
"""

from __future__ import annotations

import argparse
import faulthandler
import os
import random
import shutil
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path


def strings() -> None:
    import pandas as pd

    words = pd.Series([f"站点{i}" for i in range(200)] + [""] * 20)
    frame = pd.DataFrame({"district": words, "town": words[::-1].reset_index(drop=True)})
    rows = frame[(frame["district"] != "") & (frame["town"] != "")].drop_duplicates()
    {d: sorted(g["town"]) for d, g in rows.groupby("district")}


def xlsx() -> None:
    from ecoplan.reports.xlsx import Sheet, write_workbook

    rows = [[f"任务{i}", i * 1.5, "进行中", "说明" * (i % 40)] for i in range(300)]
    write_workbook([Sheet(title="表", columns=["名称", "数值", "状态", "说明"], rows=rows,
                          wrap={3}, marks=[["yellow", "", "red", ""]] * 300)])


def duck(store) -> None:
    con = store.connect()
    con.execute("SELECT station, day, pm25 FROM air_daily LIMIT 2000").df()
    con.execute("SELECT station, avg(pm25) FROM air_daily GROUP BY station").fetchall()


def session_steps(sessions, pool: ThreadPoolExecutor) -> None:
    from sqlalchemy import select

    from ecoplan.app.auth.models import User
    from ecoplan.app.progress.models import ProgressReport

    def enter():
        s = sessions()
        s.scalars(select(User).limit(5)).all()
        return s

    def use(s):
        with s.no_autoflush:
            for report in s.scalars(select(ProgressReport).limit(random.randint(5, 60))).all()[:5]:
                report.narrative = (report.narrative or "") + "x"  # held strongly by the session
                [event.action for event in report.history]
        return s

    def leave(s):
        s.rollback()
        s.close()

    pool.submit(leave, pool.submit(use, pool.submit(enter).result()).result()).result()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data-dir", type=Path, required=True, help="an `ecoplan demo` data dir (copied)")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--parts", default="strings,xlsx,duck,sessions")
    args = parser.parse_args()
    if os.environ.get("PYTHONMALLOC") != "debug":  # catches a write to freed memory at its free
        os.execve(sys.executable, [sys.executable, *sys.argv], {**os.environ, "PYTHONMALLOC": "debug"})
    faulthandler.enable()
    from ecoplan.app.db import make_engine
    from ecoplan.app.versions import make_sessionmaker
    from ecoplan.monitoring.store import Store

    with tempfile.TemporaryDirectory(prefix="ecoplan-stress-") as scratch:
        data = Path(shutil.copytree(args.data_dir, Path(scratch) / "data"))
        engine = make_engine(f"sqlite:///{data / 'ecoplan.sqlite3'}", pool_size=24, max_overflow=10)
        pool = ThreadPoolExecutor(24)
        jobs = {"strings": strings, "xlsx": xlsx, "duck": lambda: duck(Store(data)),
                "sessions": lambda: session_steps(make_sessionmaker(engine), pool)}
        parts = [jobs[name] for name in args.parts.split(",")]
        stop, done = time.monotonic() + args.seconds, [0]

        def work():
            for _ in range(5):
                random.choice(parts)()
                done[0] += 1

        while time.monotonic() < stop:  # new threads each round, as AnyIO's pool makes them
            threads = [threading.Thread(target=work) for _ in range(args.threads)]
            [t.start() for t in threads]
            [t.join() for t in threads]
        pool.shutdown()
        engine.dispose()
    print(f"{done[0]} jobs of {args.parts} in {args.seconds:.0f} s from {args.threads} threads: no crash")
    return 0


if __name__ == "__main__":
    sys.exit(main())
