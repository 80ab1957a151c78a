"""Turning a parsed plan (``ecoplan.plan/1`` JSON) into a draft version.

All or nothing: the JSON is checked before anything is added, and the caller commits once.
Items keep the ``uid`` of the matching item in the plan's latest version (a re-uploaded
document keeps its links and shows only real differences).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecoplan.app.core import clock
from ecoplan.app.audit.service import record
from ecoplan.app.plans import units as unit_lookup
from ecoplan.app.plans.deadline_kinds import decide, from_reader
from ecoplan.app.plans.models import (
    DRAFT, ROLES, Deadline, DeadlineKind, DeadlineScope, Plan, PlanSource, PlanVersion,
    Responsibility, Section, Target, Task,
)
from ecoplan.errors import InputError
from ecoplan.plan import contract
from ecoplan.plan.roman import roman_classes

FORMAT = contract.FORMAT


def new_uid() -> str:
    return uuid.uuid4().hex


def task_number_of(task_ref: str) -> str:
    """``23(2)`` → ``23``: the task a target inside a sub-item belongs to."""
    return task_ref.split("(")[0].split("（")[0]


class UidMatcher:
    """Gives an item the uid of its counterpart in an earlier version, else a new one.

    Counterparts are found by a key (a task by its number, a target by task, metric and scope);
    where several items share a key (two targets of one metric in one task), they pair up in
    order, an item with the very same text first.
    """

    def __init__(self, previous: PlanVersion | None) -> None:
        self.known: dict[tuple, list[tuple[str, str]]] = defaultdict(list)
        if previous is None:
            return
        for section in previous.sections:
            self.add(section.uid, "", "section", section.key)
        for task in previous.tasks:
            self.add(task.uid, task.text, "task", task.number)
            for d in task.deadlines:
                self.add(d.uid, d.text, "deadline", task.number, d.text)
            for r in task.responsibilities:
                self.add(r.uid, "", "resp", task.number, r.unit_name, r.role)
        for g in previous.targets:
            self.add(g.uid, g.text, "target", g.task_ref, g.metric, g.scope)

    def add(self, uid: str, text: str, *key: Any) -> None:
        self.known[key].append((uid, text))

    def uid(self, *key: Any, text: str = "") -> str:
        candidates = self.known.get(key)
        if not candidates:
            return new_uid()
        same = next((c for c in candidates if c[1] == text), candidates[0])
        candidates.remove(same)
        return same[0]


def find_or_create_plan(session: Session, *, document: dict, now: dt.datetime) -> Plan:
    plan = session.scalars(
        select(Plan).where(Plan.region == document["region"], Plan.year == document["year"])
    ).first()
    if plan is None:
        title = document.get("title") or f"{document['year']}年{document['region']}生态文明建设工作方案"
        plan = Plan(region=document["region"], year=document["year"], title=title, created_at=now)
        session.add(plan)
    return plan


def _sections(version: PlanVersion, plan: contract.PlanData, match: UidMatcher) -> dict[str, Section]:
    sections = {}
    for pos, s in enumerate(plan.sections):
        section = Section(uid=match.uid("section", s.id), key=s.id, path=s.path, title=s.title,
                          position=pos)
        version.sections.append(section)
        sections[s.id] = section
    return sections


def build_tasks(session: Session, version: PlanVersion, plan: contract.PlanData,
                match: UidMatcher) -> dict[str, Task]:
    """The plan's typed tasks (``contract.Task``) as rows of ``version``, by number."""
    sections = _sections(version, plan, match)
    names = unit_lookup.resolver(session)
    tasks = {}
    for pos, t in enumerate(plan.tasks):
        task = Task(uid=match.uid("task", t.number, text=t.text), number=t.number, title=t.title,
                    text=t.text, subitems=[contract.dump_subitem(s) for s in t.subitems], districts=t.districts,
                    section=sections.get(t.section), position=pos)
        for d_pos, d in enumerate(t.deadlines):
            deadline = Deadline(uid=match.uid("deadline", t.number, d.text), date=d.date, text=d.text,
                                position=d_pos, kind=from_reader(d.kind, DeadlineKind),
                                scope=from_reader(d.scope, DeadlineScope))
            decide(deadline, t.text)  # what the reader did not state (a plan JSON from before scopes)
            task.deadlines.append(deadline)
        units = [(role, u) for role in ROLES for u in t.responsibility.get(role, [])]
        for r_pos, (role, unit) in enumerate(units):
            task.responsibilities.append(Responsibility(
                uid=match.uid("resp", t.number, unit.name, role), unit_name=unit.name,
                written=unit.written or unit.name, role=role, unit_id=names(unit.name),
                position=r_pos))
        version.tasks.append(task)
        tasks[t.number] = task
    return tasks


def build_targets(version: PlanVersion, plan: contract.PlanData, tasks: dict[str, Task],
                  match: UidMatcher) -> None:
    for pos, g in enumerate(plan.targets):
        ref = g.task or "goal"
        metric, scope = roman_classes(g.metric), roman_classes(g.scope or "")
        version.targets.append(Target(
            uid=match.uid("target", ref, metric, scope, text=g.text),
            task=tasks.get(task_number_of(ref)), task_ref=ref, metric=metric,
            scope=scope, comparator=g.comparator, value=float(g.value), unit=g.unit,
            baseline=g.baseline, soft=g.soft, deadline=g.deadline, text=g.text, position=pos))


def unknown_units(session: Session, parsed: dict) -> list[dict]:
    """Units the plan names that the gazetteer and the units table do not know; units of another
    level or place (``outside``: 工业和信息化部, 省大数据局) are not the city's to know."""
    names = unit_lookup.resolver(session)
    return [
        {"name": u["name"], "aliases": u.get("aliases", []), "kind": u.get("kind")}
        for u in parsed.get("units", [])
        if not u.get("outside") and (not u.get("known", True) or names(u["name"]) is None)
    ]


def import_plan(session: Session, *, parsed: dict, actor,
                source: PlanSource | None = None) -> PlanVersion:
    """A new draft version of the plan ``parsed`` describes (creating the plan if new).

    Raises
    ------
    InputError
        When the JSON is not a usable plan, or the plan already has an unpublished draft.
    """
    file = (parsed.get("source") or {}).get("file") if isinstance(parsed, dict) else None
    typed = contract.load(parsed, file=file)  # refuses what is not a usable plan, by field
    now = clock.utcnow()
    plan = find_or_create_plan(session, document=parsed["document"], now=now)
    previous = plan.versions[-1] if plan.versions else None
    if previous is not None and previous.is_draft:
        raise InputError(f"该方案已有未发布的草稿（第{previous.number}版），请先发布或删除该草稿",
                         file=file)
    version = PlanVersion(plan=plan, number=(previous.number + 1) if previous else 1, status=DRAFT,
                          source=source, based_on_id=previous.id if previous else None,
                          document=parsed["document"], warnings=parsed.get("warnings", []),
                          unknown_units=unknown_units(session, parsed),
                          created_by=getattr(actor, "id", None),
                          created_at=now)
    session.add(version)
    match = UidMatcher(previous)
    tasks = build_tasks(session, version, typed, match)
    build_targets(version, typed, tasks, match)
    session.flush()
    record(session, actor=actor, action="plan.import", object_type="plan_version",
           object_id=version.id, before=None,
           after={"plan": plan.title, "number": version.number, "source": file,
                  "tasks": len(version.tasks), "targets": len(version.targets)})
    return version
