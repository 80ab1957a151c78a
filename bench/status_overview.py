"""How long the status overview takes on a year of reports, against the obvious alternative.

Builds the Changzhou demo database (no monitoring data) in a temporary folder (its reports:
every unit on its whole to-do list, January to June, ~12,900 approved), and times
``service.tasks`` + ``units.units`` with reports looked up through the per-item and
per-item-and-unit indexes against a linear scan of every report per lookup.

    PYTHONPATH=src python bench/status_overview.py
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import tempfile
import time
from pathlib import Path

from ecoplan.app.db import unit_of_work
from ecoplan.app.versions import make_sessionmaker
from ecoplan.app.setup import prepare_database
from ecoplan.app.status import service
from ecoplan.app.status.units import units
from ecoplan.config import Settings
from ecoplan.demo.build import build_demo



def timed(session, linear: bool) -> float:
    ctx = service.context(session, today=dt.date(2023, 7, 10))
    if linear:
        ctx = dataclasses.replace(ctx, by_item=_Scan(ctx.reports),  # by_unit kept: one scan per unit
                                  latest=_ScanLatest(ctx.reports))
    start = time.perf_counter()
    units(session, ctx, service.tasks(ctx))
    return time.perf_counter() - start


class _Scan(dict):
    """The obvious alternative: every lookup scans all reports."""

    def __init__(self, reports):
        super().__init__()
        self.reports = reports

    def get(self, key, default=None):
        return [r for r in self.reports if (r.item_kind, r.item_uid) == key]


class _ScanLatest(_Scan):
    """The latest report of a unit on an item, by scanning all reports."""

    def get(self, key, default=None):
        found = [r for r in self.reports if (r.item_kind, r.item_uid, r.unit_id) == key]
        return found[-1] if found else default


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        engine = prepare_database(Settings(data_dir=Path(tmp)))
        sessions = make_sessionmaker(engine)
        with unit_of_work(sessions) as session:
            build_demo(session)
        with unit_of_work(sessions) as session:
            count = len(service.context(session, today=dt.date(2023, 7, 10)).reports)
            indexed = min(timed(session, False) for _ in range(3))
            linear = min(timed(session, True) for _ in range(3))
        engine.dispose()
    print(f"reports: {count}")
    print(f"overview (index by item): {indexed:.3f} s")
    print(f"overview (scan per lookup): {linear:.3f} s  ratio {linear / indexed:.1f}×")


if __name__ == "__main__":
    main()
