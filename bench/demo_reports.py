"""The demo's progress reports written in bulk against the obvious alternative, the progress
service one report at a time (save, submit, approve, each with its history and audit entry).

Builds two SQLite databases with the units and the published seed plan, writes the whole demo
(some 12 900 reports) in bulk into one, and the first ``n`` of the same reports through the
service into the other; prints the time per report of each and the ratio.

Run: ``PYTHONPATH=src python bench/demo_reports.py [n]``
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from ecoplan.app.db import unit_of_work
from ecoplan.app.versions import make_sessionmaker
from ecoplan.app.plans.demo import publish_seed_plan
from ecoplan.app.progress import demo, periods, service, todo
from ecoplan.app.setup import prepare_database
from ecoplan.app.units.service import load_gazetteer_units
from ecoplan.config import Settings
from ecoplan.demo.build import DemoReport
from ecoplan.plan.gazetteer import load_gazetteer


def _database(root: Path):
    sessions = make_sessionmaker(prepare_database(Settings(data_dir=root)))
    with unit_of_work(sessions) as session:
        load_gazetteer_units(session, load_gazetteer())
        publish_seed_plan(session, DemoReport())
    return sessions


def bulk(sessions) -> tuple[float, int]:
    start = time.perf_counter()
    with unit_of_work(sessions) as session:
        demo.load_demo_reports(session, DemoReport())
    elapsed = time.perf_counter() - start
    with unit_of_work(sessions) as session:
        count = session.query(demo.ProgressReport).count()
    return elapsed, count


def one_by_one(sessions, n: int) -> tuple[float, int]:
    start, done = time.perf_counter(), 0
    with unit_of_work(sessions) as session:
        version, cal = todo.published(session), service.calendar(session)
        for unit, items in todo.reporting_units(session, version):
            for period in demo.MONTHS:
                for item in items:
                    row, _ = demo._rows(version, unit, item, period,
                                        periods.due_date(period, cal), None)
                    if not row or done >= n:
                        continue
                    report = service.save_report(
                        session, actor=None, plan_id=version.plan_id, unit_id=unit.id, item=item,
                        period=period, values=row, at=row["created_at"])
                    service.submit(session, actor=None, report=report, at=row["submitted_at"])
                    service.approve(session, actor=None, report=report, at=row["approved_at"])
                    done += 1
    return time.perf_counter() - start, done


def main(n: int) -> None:
    with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
        fast, fast_n = bulk(_database(Path(a)))
        slow, slow_n = one_by_one(_database(Path(b)), n)
    per_fast, per_slow = fast / fast_n * 1000, slow / slow_n * 1000
    print(f"bulk:       {fast_n} reports in {fast:.2f} s ({per_fast:.3f} ms per report)")
    print(f"one by one: {slow_n} reports in {slow:.2f} s ({per_slow:.3f} ms per report)")
    print(f"ratio: the service path takes {per_slow / per_fast:.1f}× as long per report "
          f"(≈{per_slow * fast_n / 1000:.0f} s for the whole demo)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1500)
