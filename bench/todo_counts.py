"""The demo's monthly to-do per unit (June 2023) before and after reporting obligations (issue 13).

before: every unit named in a task reported every target of it, and each district every target
of every task (the standing 各辖市区 clause); after: what the unit owes
(:func:`ecoplan.app.progress.todo.items_for` with the Changzhou demo obligations). Prints one
line per unit and the totals, with the ratio.

    PYTHONPATH=src python bench/todo_counts.py [--period 2023-06]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from sqlalchemy import select

from ecoplan.app.db import make_engine, unit_of_work
from ecoplan.app.versions import make_sessionmaker
from ecoplan.app.migrate import upgrade
from ecoplan.app.obligations.demo import load_demo_obligations
from ecoplan.app.plans import queries
from ecoplan.app.plans.demo import publish_seed_plan
from ecoplan.app.plans.models import ROLES
from ecoplan.app.progress import todo
from ecoplan.app.units.models import Unit
from ecoplan.app.units.service import load_gazetteer_units
from ecoplan.demo.build import DemoReport
from ecoplan.plan.gazetteer import load_gazetteer


def before(version, unit) -> int:
    """The rule before obligations: every task naming the unit (a district: every task binding
    it) with every one of its targets."""
    if todo.represented(unit):
        return 0
    district = todo.is_district(unit)
    count = 0
    for task in version.tasks:
        roles = {r.role for r in task.responsibilities
                 if r.unit_id == unit.id or (district and r.unit_name.startswith(unit.name))}
        if not roles and district and queries.binds_district(task, unit.name):
            roles = {"implementers"}
        if any(role in roles for role in ROLES):
            count += 1 + len(task.targets)
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--period", default="2023-06")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'db.sqlite3'}")
        upgrade(engine)
        sessions = make_sessionmaker(engine)
        with unit_of_work(sessions) as s:
            load_gazetteer_units(s, load_gazetteer())
            publish_seed_plan(s, DemoReport())
        with unit_of_work(sessions) as s:
            load_demo_obligations(s, DemoReport())
        with unit_of_work(sessions) as s:
            version = todo.published(s)
            rows = [(u.name, before(version, u), len(todo.items_for(version, u, args.period)))
                    for u in s.scalars(select(Unit).order_by(Unit.id))]
        engine.dispose()
    rows = [r for r in rows if r[1] or r[2]]
    print(f"{'单位':<24}{'before':>8}{'after':>8}")
    for name, old, new in rows:
        print(f"{name:<24}{old:>8}{new:>8}")
    total_old, total_new = sum(r[1] for r in rows), sum(r[2] for r in rows)
    print(f"{'合计':<24}{total_old:>8}{total_new:>8}   after/before = {total_new / total_old:.2f}")


if __name__ == "__main__":
    main()
