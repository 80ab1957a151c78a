"""What a unit's responsibility letter binds it to, gathered from its obligations:

- **targets**: the targets whose figure it reports or contributes to, with its quota
  (``progress.todo.items_for``: the same obligations its to-do list comes from);
- **tasks**: the tasks it is named in, with its role and their dated steps;
- **money**: the key projects it owns (a district: also those in it), planned investment by
  source and done (万元, two decimals); ``arranged``: the amounts the office arranged for it per
  task/target and source, planned and spent (``funding.summary.unit_money``);
- **schedule**: every dated step of its tasks and every target deadline, by date.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ecoplan.app.funding.summary import unit_money
from ecoplan.app.plans.models import PlanVersion
from ecoplan.app.plans.present import ROLE_LABELS, target_text
from ecoplan.app.progress import todo
from ecoplan.app.projects.models import CENT, SOURCES, Project, to_money


def _amount(value) -> Decimal:
    return to_money(value)


def money(session: Session, unit) -> dict:
    """The unit's key projects: count, planned by source, planned and done in all (万元)."""
    where = Project.owner == unit.name
    if unit.kind == "district":
        where = or_(where, Project.district == unit.name)
    projects = list(session.scalars(select(Project).where(where).order_by(Project.code)))
    by_source = {s: Decimal("0") for s in SOURCES}
    for p in projects:
        for source, amount in (p.funding or {}).items():
            by_source[source] = by_source.get(source, Decimal("0")) + _amount(amount)
    return {"projects": len(projects),
            "planned": str(sum((_amount(p.invest_planned) for p in projects), Decimal("0.00"))),
            "done": str(sum((_amount(p.invest_done) for p in projects), Decimal("0.00"))),
            "by_source": {s: str(a.quantize(CENT)) for s, a in by_source.items() if a}}


def gather(session: Session, version: PlanVersion, unit) -> dict:
    """The letter's content for ``unit`` under ``version`` (plain JSON values)."""
    items = [i for i in todo.items_for(version, unit) if i.uid != todo.IMPLEMENTATION]
    targets = [{"uid": i.uid, "task": i.number, "metric": i.target.metric,
                "text": target_text(i.target), "quota": i.quota,
                "unit": i.target.unit,
                "deadline": i.target.deadline.isoformat() if i.target.deadline else None}
               for i in items if i.kind == "target"]
    tasks = [{"uid": i.uid, "number": i.task.number, "title": i.task.title,
              "role": ROLE_LABELS.get(i.role, i.role),
              "deadlines": [{"date": d.date.isoformat() if d.date else None, "text": d.text}
                            for d in i.task.deadlines]}
             for i in items if i.kind == "task"]
    schedule = sorted(
        [{"date": d["date"], "text": d["text"], "task": t["number"]}
         for t in tasks for d in t["deadlines"] if d["date"]]
        + [{"date": g["deadline"], "text": f"{g['metric']}：{g['text']}", "task": g["task"]}
           for g in targets if g["deadline"]],
        key=lambda row: (row["date"], row["task"]))
    return {"year": version.plan.year, "plan": version.plan.title, "unit": unit.name,
            "unit_kind": unit.kind, "version": version.number, "targets": targets,
            "tasks": tasks, "money": {**money(session, unit),
                                      "arranged": unit_money(session, version, unit)},
            "schedule": schedule}
