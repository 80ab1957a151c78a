"""How long the slowest pages take on the demo, three ways, with the ratios between them.

- per row: the obvious alternative (and what the pages did before): the approved reports loaded
  as ORM objects with their unit, punctuality counted report by report, nothing kept;
- computed: reports read as plain rows and indexed once, punctuality counted vectorized
  (:mod:`ecoplan.app.status.service`, :mod:`ecoplan.app.status.units`), nothing kept;
- kept: as served, the overview kept per database version (:mod:`ecoplan.app.status.freshness`).

Monitoring results are kept in all three (they were before); each page is fetched once to warm
them, then timed (best of ``--repeat``) through FastAPI's TestClient as the admin.

    PYTHONPATH=src python bench/pages.py [--data-dir DIR]   # DIR: an `ecoplan demo` data dir
"""

from __future__ import annotations

import argparse
import re
import shutil
import tempfile
import time
import warnings
from contextlib import ExitStack
from pathlib import Path

import pytest
from sqlalchemy import select

from ecoplan.app.main import create_app
from ecoplan.app.plans.models import Target, Task
from ecoplan.app.progress.models import ProgressReport
from ecoplan.app.status import dashboard, service, units
from ecoplan.app.timeutil import as_utc
from ecoplan.app.units.models import Unit
from ecoplan.config import Settings
from ecoplan.demo.build import ACCOUNTS

warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
from fastapi.testclient import TestClient  # noqa: E402  (after the warning filter)


def orm_reports(session, plan_id: int) -> list[ProgressReport]:
    """The reports as the pages loaded them before: ORM objects with their unit joined."""
    rows = list(session.scalars(select(ProgressReport).where(
        ProgressReport.plan_id == plan_id, ProgressReport.state == "approved")
        .order_by(ProgressReport.period, ProgressReport.id)))
    for row in rows:
        row.unit_name = row.unit.name
    return rows


def punctual_per_row(reports, due_dates) -> dict[int, int]:
    out: dict[int, int] = {}
    for r in reports:
        submitted = as_utc(r.submitted_at or r.approved_at)
        ok = submitted is not None and submitted.astimezone(units.LOCAL).date() <= due_dates[r.period]
        out[r.unit_id] = out.get(r.unit_id, 0) + ok
    return out


def login(app) -> TestClient:
    admin = next(a for a in ACCOUNTS if a.role == "admin")
    client = TestClient(app, base_url="http://testserver")
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text).group(1)
    client.post("/login", data={"csrf_token": token, "username": admin.username,
                                "password": admin.password, "next": "/"})
    return client


def pages(app) -> list[str]:
    with app.state.sessionmaker() as s:
        target = s.scalars(select(Target.uid).where(Target.task_id.is_not(None))).first()
        task = s.scalars(select(Task.uid)).first()
        unit = s.scalars(select(Unit.id).where(Unit.name == "市生态环境局")).one()
    return ["/status", f"/status/items/target/{target}", f"/status/items/task/{task}",
            f"/status/units/{unit}", "/public", "/api/status", "/documents/print/status"]


def best(client: TestClient, path: str, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        assert client.get(path).status_code == 200, path
        times.append(time.perf_counter() - start)
    return min(times)


def timed(client, paths, repeat: int, way: str) -> dict[str, float]:
    with ExitStack() as stack:
        mp = stack.enter_context(pytest.MonkeyPatch.context())
        if way != "kept":
            mp.setattr(dashboard, "cached_status", lambda _key, _version, compute: compute())
        if way == "per row":
            mp.setattr(service, "approved_reports", orm_reports)
            mp.setattr(units, "punctual_by_unit", punctual_per_row)
        return {p: best(client, p, repeat) for p in paths}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=Path("/tmp/perf-demo"))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "demo"
        shutil.copytree(args.data_dir, data)
        app = create_app(Settings(data_dir=data))
        client, paths = login(app), pages(app)
        for path in paths:
            client.get(path)  # warm the monitoring results
        ways = {way: timed(client, paths, args.repeat, way)
                for way in ("per row", "computed", "kept")}
        app.state.engine.dispose()
    print(f"{'page':48s} {'per row':>9s} {'computed':>9s} {'kept':>9s}  ratios (per row ÷)")
    for p in paths:
        row, comp, kept = (ways[w][p] for w in ("per row", "computed", "kept"))
        print(f"{p[:48]:48s} {row * 1000:7.0f}ms {comp * 1000:7.0f}ms {kept * 1000:7.0f}ms"
              f"  computed {row / comp:4.1f}×  kept {row / kept:5.1f}×")


if __name__ == "__main__":
    main()
