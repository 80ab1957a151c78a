"""Reporting on a sub-plan's measures within the district, with the targets' tools: the units a
measure names report its status with a word on progress — each written name mapped by the
owner to a unit record (:mod:`ecoplan.app.subplans.units`: a town or department of the district,
created there if need be) — or the sub-plan's owner for a measure naming none it mapped; the
owner unit (the district) approves or returns it through the shared workflow
(:mod:`ecoplan.app.progress.workflow`: version checks, four eyes with the calendar's
``self_approval``, a comment to return); the approved report sets the measure's status, which
rolls up on the city task. Evidence files go with a submission, checked and kept as a target
report's (:func:`ecoplan.app.progress.evidence.store`: the calendar's size limit, type by
content, all or none). Never commits."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecoplan.app.audit.service import record
from ecoplan.app.core import clock
from ecoplan.app.permissions import unit_name
from ecoplan.app.progress import evidence, workflow
from ecoplan.app.progress.service import calendar
from ecoplan.app.subplans.models import (ITEM_STATUSES, SubPlan, SubPlanEvidence, SubPlanItem,
                                         SubPlanReport, SubPlanUnit)
from ecoplan.app.subplans.units import reporters
from ecoplan.app.units.models import Unit
from ecoplan.errors import InputError

NOUN = "措施进展"
OPEN = ("draft", "submitted", "returned")


def reporting_units(session: Session, item: SubPlanItem,
                    mapped: dict[str, Unit] | None = None) -> list[Unit]:
    """The units that report on ``item``: the active units its written names are mapped to,
    else the owner (``mapped``: :func:`ecoplan.app.subplans.units.reporters` of its sub-plan,
    when the caller has it)."""
    if mapped is None:
        mapped = reporters(item.subplan)
    found = {mapped[n].id: mapped[n] for n in item.units or [] if n in mapped}
    return list(found.values()) or [item.subplan.unit]


def reported_by(session: Session, user, *, plan_id: int | None = None) -> list[SubPlan]:
    """The published sub-plans whose measures ``user``'s unit reports on (mapped to it)."""
    unit_id = getattr(user, "unit_id", None)
    if unit_id is None:
        return []
    mapped = select(SubPlanUnit.subplan_id).where(SubPlanUnit.unit_id == unit_id)
    query = (select(SubPlan).where(SubPlan.id.in_(mapped), SubPlan.state == "published",
                                   SubPlan.unit_id != unit_id).order_by(SubPlan.id))
    if plan_id is not None:
        query = query.where(SubPlan.plan_id == plan_id)
    return list(session.scalars(query))


def reports_on(session: Session, user, item: SubPlanItem) -> bool:
    """Whether ``user``'s unit reports on ``item``."""
    name = unit_name(user)
    return name is not None and any(u.name == name for u in reporting_units(session, item))


def open_report(session: Session, item: SubPlanItem, unit_id: int) -> SubPlanReport | None:
    return session.scalars(select(SubPlanReport).where(
        SubPlanReport.item_id == item.id, SubPlanReport.reporter_unit_id == unit_id,
        SubPlanReport.state.in_(OPEN))).first()


def submit(session: Session, *, actor, item: SubPlanItem, unit: Unit, status: str, note: str,
           version=None, files: list[tuple[str, bytes]] = (), data_dir: Path | None = None,
           max_bytes: int = 0) -> SubPlanReport:
    """The unit's report on ``item`` (its open one, or a new one) saved and submitted to the
    owner, with evidence ``files`` (name, content) kept under ``data_dir``; ``version``: the
    open report's, as the form had it (``0``: none was open)."""
    if item.subplan.state != "published":
        raise InputError("子计划发布后才能填报措施进展", field="状态")
    if status not in ITEM_STATUSES:
        raise InputError(f"无效的状态“{status}”", field="状态")
    note = (note or "").strip()
    if len(note) > 2000:
        raise InputError("进展说明不能超过 2000 字", field="进展说明")
    period = f"{clock.evaluation_day(session):%Y-%m}"
    report = open_report(session, item, unit.id)
    before = report.snapshot() if report is not None else None
    if report is None:
        if version not in (None, "", "0", 0):  # the report the form showed was approved since
            workflow.check_version(SimpleNamespace(version=0), version, noun=NOUN)
        now = clock.utcnow()
        report = SubPlanReport(item=item, item_id=item.id, reporter=unit,
                               reporter_unit_id=unit.id, state="draft", return_comment="",
                               period=period, status=status, note=note, version=0,
                               created_at=now, updated_at=now)
    workflow.check_submit(report, text=note, field="进展说明",
                          version=None if before is None else version, noun=NOUN)
    session.add(report)
    if files:  # checked, then written all or none: nothing is kept when one is refused
        report.evidence.extend(s.row(SubPlanEvidence, actor)
                               for s in evidence.store(list(files), data_dir, max_bytes))
    report.period, report.status, report.note = period, status, note
    report.state, report.submitted_by = "submitted", getattr(actor, "id", None)
    _step(session, actor, "subplan.report_submitted", report, before)
    return report


def approve(session: Session, *, actor, report: SubPlanReport, version=None) -> None:
    """The owner unit approves: the measure takes the report's status and word."""
    own = report.submitted_by == getattr(actor, "id", None)
    may_own = own and workflow.may_approve_own(
        calendar(session).self_approval, actor,
        workflow.approver_ids(session, permission="subplans.approve", unit_id=report.unit_id))
    workflow.check_approve(report, own=own, may_own=may_own, version=version, noun=NOUN)
    before = report.snapshot()
    report.state, report.approved_by = "approved", getattr(actor, "id", None)
    report.return_comment = ""
    _apply(session, actor, report)
    _step(session, actor, "subplan.report_approved_own" if own else "subplan.report_approved",
          report, before)


def _apply(session: Session, actor, report: SubPlanReport) -> None:
    item = report.item
    item_before = item.snapshot()
    item.status, item.note, item.updated_at = report.status, report.note, clock.utcnow()
    record(session, actor=actor, action="subplan.status", object_type="subplan_item",
           object_id=item.id, before=item_before, after=item.snapshot())


def replay_approved(session: Session, *, item: SubPlanItem, status: str, note: str) -> None:
    """An approved report by the owner, as the demo replays one (no people to submit and
    approve it: both steps are the system's, audited as such)."""
    unit = item.subplan.unit
    now = clock.utcnow()
    report = SubPlanReport(item=item, item_id=item.id, reporter=unit, reporter_unit_id=unit.id,
                           period=f"{clock.evaluation_day(session):%Y-%m}", status=status,
                           note=note, state="approved", return_comment="", version=0,
                           created_at=now, updated_at=now)
    session.add(report)
    _apply(session, None, report)
    _step(session, None, "subplan.report_approved", report, None)


def return_report(session: Session, *, actor, report: SubPlanReport, comment: str,
                  version=None) -> None:
    comment = workflow.check_return(report, actor=actor, comment=comment, version=version,
                                    noun=NOUN, office_returns_approved=False)
    before = report.snapshot()
    report.state, report.return_comment = "returned", comment[:2000]
    _step(session, actor, "subplan.report_returned", report, before)


def _step(session: Session, actor, action: str, report: SubPlanReport, before) -> None:
    report.version = (report.version or 0) + 1
    report.updated_at = clock.utcnow()
    session.flush()
    record(session, actor=actor, action=action, object_type="subplan_report",
           object_id=report.id, before=before, after=report.snapshot())


def reports_of(session: Session, subplan: SubPlan) -> dict[int, list[SubPlanReport]]:
    """Item id → its reports, newest first."""
    out: dict[int, list[SubPlanReport]] = {}
    rows = session.scalars(select(SubPlanReport).join(SubPlanItem)
                           .where(SubPlanItem.subplan_id == subplan.id)
                           .order_by(SubPlanReport.id.desc()))
    for report in rows:
        out.setdefault(report.item_id, []).append(report)
    return out


def to_dos(session: Session, user, _day=None) -> dict[str, int]:
    """The workbench's ``subplan_to_report`` (measures of published sub-plans the user's unit
    reports on, not done, with no report open for approval this month…) and
    ``subplan_to_approve`` (submitted reports on the user's unit's sub-plans)."""
    name = unit_name(user)
    if name is None or getattr(user, "unit_id", None) is None:
        return {}
    submitted = session.scalars(select(SubPlanReport).join(SubPlanItem).join(SubPlan).where(
        SubPlan.unit_id == user.unit_id, SubPlanReport.state == "submitted")).all()
    out = {"subplan_to_approve": len(submitted) if user.role in ("leader", "district") else 0}
    period = f"{clock.evaluation_day(session):%Y-%m}"
    out["subplan_to_report"] = sum(1 for unit, _ in owing(session, period) if unit.name == name)
    return out


def owing(session: Session, period: str) -> list[tuple[Unit, SubPlanItem]]:
    """(unit, measure) for each measure of a published sub-plan, not done, that the unit
    reports on and has not reported for ``period`` (its latest report a draft or returned, or
    approved for an earlier month; a submitted one awaits the owner, not the unit)."""
    items = session.scalars(select(SubPlanItem).join(SubPlan).where(
        SubPlan.state == "published", SubPlanItem.kind == "task",
        SubPlanItem.status != "done").order_by(SubPlanItem.id)).all()
    mapped: dict[int, dict[str, Unit]] = {}
    latest: dict[tuple[int, int], SubPlanReport] = {}
    for report in session.scalars(select(SubPlanReport).order_by(SubPlanReport.id)):
        latest[(report.item_id, report.reporter_unit_id)] = report
    found = []
    for item in items:
        if item.subplan_id not in mapped:
            mapped[item.subplan_id] = reporters(item.subplan)
        for unit in reporting_units(session, item, mapped[item.subplan_id]):
            last = latest.get((item.id, unit.id))
            if last is None or last.state in ("draft", "returned") or \
                    (last.state == "approved" and last.period < period):
                found.append((unit, item))
    return found
