"""A version as the ``ecoplan.plan/1`` contract's typed models, and the JSON the API returns.

Rows become typed objects once (:func:`typed_plan`, :func:`typed_task`, :func:`typed_target`…):
the contract's models (:mod:`ecoplan.plan.contract`) with what the database adds — each item's
``uid``, ``row_id`` and ``row_version``, a task's status, a unit's id. The JSON is written from
their attributes (:func:`plan_json`, :func:`task_json`…): the API returns it,
:mod:`ecoplan.app.plans.diff` compares two of them, and the audit log keeps items in the same
shapes (:func:`item_dict`). The monitoring library binds the same typed targets
(:func:`typed_target`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ecoplan.app.core.clock import as_utc
from ecoplan.app.plans import models as rows
from ecoplan.app.plans.models import ROLES, PlanVersion
from ecoplan.plan import contract


@dataclass(kw_only=True)
class Stored:
    """What the database adds to an item of the contract."""

    uid: str
    row_id: int
    """The row's id (``id`` in the API's JSON)."""
    row_version: int


@dataclass(kw_only=True)
class StoredSection(contract.Section, Stored):
    """``id`` is the reader's section id (``key`` in the API's JSON)."""


@dataclass(kw_only=True)
class Duty(contract.UnitRef):
    """A unit in a task's responsibility groups, with its id in the units table."""

    unit_id: int | None


@dataclass(kw_only=True)
class StoredDuty(Duty, Stored):
    role: str


@dataclass(kw_only=True)
class StoredDeadline(contract.Deadline, Stored):
    pass


@dataclass(kw_only=True)
class StoredTask(contract.Task, Stored):
    """``section`` is the section's uid; ``deadlines`` are :class:`StoredDeadline`."""

    status: str


@dataclass(kw_only=True)
class StoredTarget(contract.Target, Stored):
    """``id`` is the uid (what the monitoring bindings report); ``task`` the task reference."""

    task_uid: str | None


@dataclass(kw_only=True)
class StoredPlan(contract.PlanData):
    """``raw`` holds the version's stored ``document``, ``unknown_units`` and ``warnings``."""

    plan_id: int
    version: PlanVersion = field(repr=False)


def typed_section(s: rows.Section) -> StoredSection:
    return StoredSection(id=s.key, title=s.title, path=list(s.path), uid=s.uid, row_id=s.id,
                         row_version=s.row_version)


def typed_duty(r: rows.Responsibility) -> StoredDuty:
    return StoredDuty(name=r.unit_name, written=r.written, unit_id=r.unit_id, role=r.role,
                      uid=r.uid, row_id=r.id, row_version=r.row_version)


def typed_deadline(d: rows.Deadline) -> StoredDeadline:
    return StoredDeadline(date=d.date, text=d.text, kind=d.kind, scope=d.scope, uid=d.uid,
                          row_id=d.id, row_version=d.row_version)


def typed_task(t: rows.Task) -> StoredTask:
    groups: dict[str, list[contract.UnitRef]] = {role: [] for role in ROLES}
    for r in t.responsibilities:
        groups[r.role].append(typed_duty(r))
    return StoredTask(
        number=t.number, title=t.title, text=t.text, section=t.section.uid if t.section else None,
        responsibility=groups, deadlines=[typed_deadline(d) for d in t.deadlines],
        districts=list(t.districts), subitems=[contract.subitem(s) for s in t.subitems], status=t.status, uid=t.uid,
        row_id=t.id, row_version=t.row_version)


def typed_target(g: rows.Target) -> StoredTarget:
    return StoredTarget(
        id=g.uid, task=g.task_ref, metric=g.metric, comparator=g.comparator, value=g.value,
        unit=g.unit, scope=g.scope, baseline=g.baseline, soft=g.soft, deadline=g.deadline,
        text=g.text, task_uid=g.task.uid if g.task else None, uid=g.uid, row_id=g.id,
        row_version=g.row_version)


def typed_goals(version: PlanVersion) -> list[StoredTarget]:
    """The plan's goals (工作目标: targets without a task), typed."""
    return [typed_target(g) for g in version.targets if g.task_id is None]


def goals_plan(version: PlanVersion) -> contract.PlanData:
    """The plan's year, region and goals: what the monitoring library measures."""
    return contract.PlanData(document=contract.Document(year=version.plan.year, region=version.plan.region),
                             tasks=[], targets=typed_goals(version))


def typed_plan(version: PlanVersion) -> StoredPlan:
    plan = version.plan
    return StoredPlan(
        document=contract.Document(year=plan.year, region=plan.region, title=plan.title),
        sections=[typed_section(s) for s in version.sections],
        tasks=[typed_task(t) for t in version.tasks],
        targets=[typed_target(g) for g in version.targets],
        raw={"document": dict(version.document or {}),
             "unknown_units": list(version.unknown_units or []),
             "warnings": list(version.warnings or [])},
        plan_id=plan.id, version=version)


def _iso(value) -> str | None:
    """ISO text of a date or datetime (datetimes in UTC, which SQLite hands back naive)."""
    if isinstance(value, dt.datetime):
        value = as_utc(value)
    return value.isoformat() if value is not None else None


def section_json(s: StoredSection) -> dict:
    return {"uid": s.uid, "id": s.row_id, "key": s.id, "path": list(s.path), "title": s.title,
            "row_version": s.row_version}


def duty_json(r: StoredDuty) -> dict:
    return {"uid": r.uid, "id": r.row_id, "unit_id": r.unit_id, "name": r.name,
            "written": r.written, "role": r.role, "row_version": r.row_version}


def deadline_json(d: StoredDeadline) -> dict:
    return {"uid": d.uid, "id": d.row_id, "date": _iso(d.date), "text": d.text, "kind": d.kind,
            "scope": d.scope, "row_version": d.row_version}


def task_json(t: StoredTask) -> dict:
    return {
        "uid": t.uid, "id": t.row_id, "number": t.number, "section": t.section,
        "title": t.title, "text": t.text, "status": t.status,
        "responsibility": {role: [{"name": u.name, "written": u.written, "unit_id": u.unit_id}
                                  for u in units] for role, units in t.responsibility.items()},
        "subitems": [contract.dump_subitem(s) for s in t.subitems], "districts": list(t.districts),
        "deadlines": [{"date": _iso(d.date), "text": d.text, "kind": d.kind, "scope": d.scope}
                      for d in t.deadlines],
        "row_version": t.row_version,
    }


def target_json(g: StoredTarget) -> dict:
    return {
        "uid": g.uid, "id": g.row_id, "task": g.task, "task_uid": g.task_uid,
        "metric": g.metric, "scope": g.scope, "comparator": g.comparator, "value": g.value,
        "unit": g.unit, "baseline": g.baseline, "soft": g.soft, "deadline": _iso(g.deadline),
        "text": g.text, "row_version": g.row_version,
    }


def task_dict(task: rows.Task) -> dict:
    return task_json(typed_task(task))


def target_dict(target: rows.Target) -> dict:
    return target_json(typed_target(target))


ITEMS = {"section": (typed_section, section_json), "task": (typed_task, task_json),
         "target": (typed_target, target_json), "deadline": (typed_deadline, deadline_json),
         "responsibility": (typed_duty, duty_json)}


def item_dict(kind: str, item) -> dict:
    """An item of ``kind`` (a row) as the API and the audit log show it."""
    typed, as_json = ITEMS[kind]
    return as_json(typed(item))


def version_dict(version: PlanVersion) -> dict:
    return {
        "id": version.id, "plan_id": version.plan_id, "number": version.number,
        "status": version.status, "created_at": _iso(version.created_at),
        "published_at": _iso(version.published_at), "row_version": version.row_version,
    }


def plan_json(plan: StoredPlan) -> dict:
    """The whole version: document, sections, tasks, targets, unknown units and warnings."""
    return {
        "format": contract.FORMAT,
        "plan": {"id": plan.plan_id, "region": plan.document.region, "year": plan.document.year,
                 "title": plan.document.title},
        "version": version_dict(plan.version),
        "document": plan.raw["document"],
        "sections": [section_json(s) for s in plan.sections],
        "tasks": [task_json(t) for t in plan.tasks],
        "targets": [target_json(g) for g in plan.targets],
        "unknown_units": plan.raw["unknown_units"],
        "warnings": plan.raw["warnings"],
    }


def snapshot(version: PlanVersion) -> dict:
    """:func:`plan_json` of the version's typed plan."""
    return plan_json(typed_plan(version))
