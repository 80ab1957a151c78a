"""Money by source put together: the office's amounts per task/target (``item_funding``) and the
key projects' planned investment by source (``projects.funding``), for a unit, a task or the
whole plan. Used by ``GET /api/funding``, the responsibility letters and the districts' annual
reports. Every sum is an exact decimal (万元, two places), converted to a number only on output.

A project's money done (``invest_done``) is not split by source in the ledger: projects add to
the planned amounts by source and to a separate ``done`` total, never to ``spent``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ecoplan.app.funding import service
from ecoplan.app.funding.models import SYNTHETIC, ItemFunding
from ecoplan.app.plans.models import PlanVersion
from ecoplan.app.projects.models import CENT, SOURCES, Project, to_money

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Scope:
    """Which money: ``unit`` (a unit's name: the amounts arranged for it and its key projects,
    a district's also those in it) and/or ``task`` (a task number: the task's and its targets'
    amounts and the projects serving it); neither: the whole plan."""

    unit: str | None = None
    task: str | None = None


def task_of(version: PlanVersion) -> dict[tuple[str, str], str]:
    """(kind, uid) → the number of the task an item belongs to (a target without task: "")."""
    found = {("task", t.uid): t.number for t in version.tasks}
    found.update({("target", g.uid): g.task.number if g.task is not None else ""
                  for g in version.targets})
    return found


def item_rows(session: Session, version: PlanVersion, scope: Scope) -> list[ItemFunding]:
    """The amounts in scope, in the plan's task order (a task before its targets)."""
    tasks = task_of(version)
    order = {t.number: i for i, t in enumerate(version.tasks)}
    rows = [r for r in service.rows(session, version.plan_id)
            if (scope.unit is None or r.unit == scope.unit)
            and (scope.task is None or tasks.get((r.item_kind, r.item_uid)) == scope.task)]
    return sorted(rows, key=lambda r: (order.get(tasks.get((r.item_kind, r.item_uid)), len(order)),
                                       r.item_kind != "task", r.item_uid, r.unit, r.source))


def projects(session: Session, scope: Scope, unit_kind: str | None = None) -> list[Project]:
    """The projects in scope (a district: those in it or owned by it; any other unit: owned)."""
    query = select(Project).order_by(Project.code)
    if scope.unit is not None:
        where = Project.owner == scope.unit
        if unit_kind == "district":
            where = or_(where, Project.district == scope.unit)
        query = query.where(where)
    if scope.task is not None:
        query = query.where(Project.task == scope.task)
    return list(session.scalars(query))


def project_sources(project: Project) -> dict[str, Decimal]:
    """A project's planned investment by source (the ledger's split, blank sources left out)."""
    return {s: to_money(a) for s, a in (project.funding or {}).items() if s in SOURCES}


def item_totals(rows: list[ItemFunding]) -> dict[str, dict[str, Decimal]]:
    return service.totals(rows)


def project_totals(rows: list[Project]) -> dict[str, dict[str, Decimal]]:
    """Source → planned, plus ``合计`` with planned and done (万元). A project without a split
    adds its planned total to ``合计`` only (``unsplit`` says how much that is)."""
    out = {s: {"planned": ZERO} for s in SOURCES}
    planned = done = unsplit = ZERO
    for p in rows:
        split = project_sources(p)
        for source, amount in split.items():
            out[source]["planned"] += amount
        planned += to_money(p.invest_planned)
        done += to_money(p.invest_done)
        if not split:
            unsplit += to_money(p.invest_planned)
    out["合计"] = {"planned": planned, "done": done, "unsplit": unsplit}
    return {s: {k: v.quantize(CENT) for k, v in a.items()} for s, a in out.items()}


def by_task(version: PlanVersion, rows: list[ItemFunding], projects: list[Project]) -> list[dict]:
    """Per task (plan order; its targets' amounts included, "" for targets without a task):
    amounts planned and spent, and its projects' investment planned and done (万元)."""
    tasks = task_of(version)
    titles = {t.number: t.title for t in version.tasks}
    found: dict[str, dict] = {}

    def slot(number: str) -> dict:
        return found.setdefault(number, {"task": number, "title": titles.get(number, ""),
                                         "planned": ZERO, "spent": ZERO,
                                         "projects_planned": ZERO, "projects_done": ZERO})
    for r in rows:
        s = slot(tasks.get((r.item_kind, r.item_uid), ""))
        s["planned"] += Decimal(r.planned)
        s["spent"] += Decimal(r.spent)
    for p in projects:
        s = slot(p.task or "")
        s["projects_planned"] += to_money(p.invest_planned)
        s["projects_done"] += to_money(p.invest_done)
    order = {t.number: i for i, t in enumerate(version.tasks)}
    return [s for _, s in sorted(found.items(), key=lambda kv: order.get(kv[0], len(order)))]


def combined(items: dict, projs: dict) -> dict[str, dict[str, Decimal]]:
    """Source → planned (items + projects) and spent (items) / done (projects)."""
    out = {s: {"planned": items[s]["planned"] + projs[s]["planned"], "spent": items[s]["spent"]}
           for s in SOURCES}
    out["合计"] = {"planned": items["合计"]["planned"] + projs["合计"]["planned"],
                 "spent": items["合计"]["spent"], "done": projs["合计"]["done"]}
    return out


def unit_money(session: Session, version: PlanVersion, unit) -> dict:
    """What a letter or a district's report states of a unit's money (plain JSON: strings of
    exact decimals): the amounts arranged for it per item and source, and their totals."""
    rows = item_rows(session, version, Scope(unit=unit.name))
    names = service.labels(version)
    totals = item_totals(rows)
    return {"items": [{"name": names.get((r.item_kind, r.item_uid), r.item_uid),
                       "source": r.source, "planned": str(r.planned), "spent": str(r.spent)}
                      for r in rows],
            "by_source": {s: {k: str(v) for k, v in a.items()} for s, a in totals.items()
                          if s == "合计" or a["planned"] or a["spent"]}}


def task_money(session: Session, version: PlanVersion) -> dict[str, tuple[Decimal, Decimal]]:
    """Task number → (money planned, money used) of the whole plan (万元): the task's and its
    targets' amounts planned + its key projects' planned investment; spent + projects' done.
    Tasks with neither are left out."""
    rows = item_rows(session, version, Scope())
    return {t["task"]: (t["planned"] + t["projects_planned"], t["spent"] + t["projects_done"])
            for t in by_task(version, rows, projects(session, Scope()))
            if t["task"] and (t["planned"] or t["projects_planned"])}


def synthetic_tasks(session: Session, version: PlanVersion) -> set[str]:
    """The numbers of the tasks whose money (:func:`task_money`) includes the demo's synthetic
    amounts: a row of the task or its targets noted 合成数据, or a synthetic key project."""
    tasks = task_of(version)
    found = {tasks.get((r.item_kind, r.item_uid), "") for r in service.rows(session, version.plan_id)
             if r.note.startswith(SYNTHETIC)}
    found |= {p.task or "" for p in projects(session, Scope()) if p.synthetic}
    return found - {""}
