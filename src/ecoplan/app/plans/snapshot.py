"""A version as plain data: the ``ecoplan.plan/1`` shape plus each item's ``uid``.

The API returns it, :mod:`ecoplan.app.plans.diff` compares two of them, and the audit log keeps
items in the same shapes (:func:`item_dict`).
"""

from __future__ import annotations

import datetime as dt

from ecoplan.app.plans.models import (
    CONTRACT_ROLES, Deadline, PlanVersion, Responsibility, Section, Target, Task,
)
from ecoplan.app.core.clock import as_utc



def _iso(value) -> str | None:
    """ISO text of a date or datetime (datetimes in UTC, which SQLite hands back naive)."""
    if isinstance(value, dt.datetime):
        value = as_utc(value)
    return value.isoformat() if value is not None else None


def section_dict(section: Section) -> dict:
    return {"uid": section.uid, "id": section.id, "key": section.key, "path": list(section.path),
            "title": section.title, "row_version": section.row_version}


def responsibility_dict(r: Responsibility) -> dict:
    return {"uid": r.uid, "id": r.id, "unit_id": r.unit_id, "name": r.unit_name,
            "written": r.written, "role": r.role, "row_version": r.row_version}


def deadline_dict(d: Deadline) -> dict:
    return {"uid": d.uid, "id": d.id, "date": _iso(d.date), "text": d.text,
            "row_version": d.row_version}


def responsibility_groups(task: Task) -> dict[str, list[dict]]:
    groups: dict[str, list[dict]] = {key: [] for key in CONTRACT_ROLES.values()}
    for r in task.responsibilities:
        groups[CONTRACT_ROLES[r.role]].append(
            {"name": r.unit_name, "written": r.written, "unit_id": r.unit_id})
    return groups


def task_dict(task: Task) -> dict:
    return {
        "uid": task.uid, "id": task.id, "number": task.number,
        "section": task.section.uid if task.section else None,
        "title": task.title, "text": task.text, "status": task.status,
        "responsibility": responsibility_groups(task),
        "subitems": list(task.subitems), "districts": list(task.districts),
        "deadlines": [{"date": _iso(d.date), "text": d.text} for d in task.deadlines],
        "row_version": task.row_version,
    }


def target_dict(target: Target) -> dict:
    return {
        "uid": target.uid, "id": target.id, "task": target.task_ref,
        "task_uid": target.task.uid if target.task else None,
        "metric": target.metric, "scope": target.scope, "comparator": target.comparator,
        "value": target.value, "unit": target.unit, "baseline": target.baseline,
        "soft": target.soft, "deadline": _iso(target.deadline), "text": target.text,
        "row_version": target.row_version,
    }


ITEM_DICTS = {"section": section_dict, "task": task_dict, "target": target_dict,
              "deadline": deadline_dict, "responsibility": responsibility_dict}


def item_dict(kind: str, item) -> dict:
    return ITEM_DICTS[kind](item)


def version_dict(version: PlanVersion) -> dict:
    return {
        "id": version.id, "plan_id": version.plan_id, "number": version.number,
        "status": version.status, "created_at": _iso(version.created_at),
        "published_at": _iso(version.published_at), "row_version": version.row_version,
    }


def snapshot(version: PlanVersion) -> dict:
    """The whole version: document, sections, tasks, targets, unknown units and warnings."""
    return {
        "format": "ecoplan.plan/1",
        "plan": {"id": version.plan.id, "region": version.plan.region, "year": version.plan.year,
                 "title": version.plan.title},
        "version": version_dict(version),
        "document": dict(version.document or {}),
        "sections": [section_dict(s) for s in version.sections],
        "tasks": [task_dict(t) for t in version.tasks],
        "targets": [target_dict(g) for g in version.targets],
        "unknown_units": list(version.unknown_units or []),
        "warnings": list(version.warnings or []),
    }
