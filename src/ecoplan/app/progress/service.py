"""Changing progress reports: save, submit, approve, return; the reporting calendar.

Keyword-only functions that take the session and never commit (the request commits once).
Every change adds a step to the report's history and an entry to the audit log. The flow:
a unit saves a draft and submits it; its leader approves it (from then on the office sees
it) or returns it; the office may return an approved report with a comment; a returned
report is edited and submitted again.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ecoplan.app.core import events
from ecoplan.app.core.actor import actor_name
from ecoplan.app.core import clock
from ecoplan.app.audit.service import record, save_settings
from ecoplan.app.forms import StaleEditError, check_fresh
from ecoplan.app.plans.models import Plan
from ecoplan.app.progress import evidence_files, periods, value_range, workflow
from ecoplan.app.progress.models import ProgressEvent, ProgressReport, ReportingCalendar
from ecoplan.app.progress.todo import TodoItem
from ecoplan.errors import InputError

TEXT_FIELDS = {"narrative": "工作进展", "problems": "存在问题", "next_steps": "下步计划"}
MAX_TEXT = 5000
"""Characters per text field: a report is a summary, not a document (attach those)."""
EDITABLE_STATES = workflow.EDITABLE_STATES
CALENDAR_DEFAULTS = {"frequency": "monthly", "due_day": 5, "workday_due": True,
                     "remind_days": 3, "max_evidence_bytes": 10 * 1024 * 1024, "self_approval": False,
                     "version": 1}


class NotFound(LookupError):
    """No such report (the page answers 404)."""


def now() -> dt.datetime:
    return clock.utcnow()


def calendar(session: Session) -> ReportingCalendar:
    """The reporting calendar; the defaults (monthly, due on the 5th) until the office saves one."""
    found = session.scalars(select(ReportingCalendar).order_by(ReportingCalendar.id)).first()
    return found or ReportingCalendar(**CALENDAR_DEFAULTS)


def update_calendar(session: Session, *, actor, values: dict[str, Any], version) -> ReportingCalendar:
    """Save the calendar settings (a stale ``version`` is refused)."""
    cal = calendar(session)
    check_fresh(cal, version, what="报送日历")
    return save_settings(session, cal, actor=actor, values=values,
                         action="progress.calendar.update", object_type="progress_calendar")


def get_report(session: Session, report_id: int) -> ProgressReport:
    report = session.get(ProgressReport, report_id)
    if report is None:
        raise NotFound(f"report {report_id}")
    return report


def find_report(session: Session, *, plan_id: int, unit_id: int, kind: str, uid: str,
                period: str) -> ProgressReport | None:
    return session.scalars(select(ProgressReport).where(
        ProgressReport.plan_id == plan_id, ProgressReport.unit_id == unit_id,
        ProgressReport.item_kind == kind, ProgressReport.item_uid == uid,
        ProgressReport.period == period)).first()


def previous_report(session: Session, *, plan_id: int, unit_id: int, kind: str, uid: str,
                    period: str) -> ProgressReport | None:
    """The unit's latest report on the item in an earlier period of the same calendar (a month
    before a month, a quarter before a quarter) that gave a value, or else any text: what the
    form shows as "上期" so a cumulative figure is not typed from memory."""
    earlier = [r for r in session.scalars(select(ProgressReport).where(
        ProgressReport.plan_id == plan_id, ProgressReport.unit_id == unit_id,
        ProgressReport.item_kind == kind, ProgressReport.item_uid == uid,
        ProgressReport.period < period))
        if ("Q" in r.period) == ("Q" in period)]
    earlier.sort(key=lambda r: (r.value_to_date is not None, r.period), reverse=True)
    return earlier[0] if earlier else None


def parse_value(raw, *, quantitative: bool) -> float | None:
    """The value achieved to date: a finite number for a quantitative target, else nothing."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if not quantitative:
        raise InputError("任务没有量化目标，不填写完成值", field="截至本期完成值")
    try:
        value = float(str(raw).strip().replace(",", ""))
    except ValueError:
        raise InputError(f"「{raw}」不是数字", field="截至本期完成值") from None
    if not math.isfinite(value):
        raise InputError(f"「{raw}」不是有限的数字", field="截至本期完成值")
    return value


def clean_texts(values: dict[str, Any]) -> dict[str, str]:
    """The three text fields, stripped and length-checked (missing ones left out)."""
    texts = {}
    for name, label in TEXT_FIELDS.items():
        if name in values:
            text = str(values[name] or "").strip()
            if len(text) > MAX_TEXT:
                raise InputError(f"不能超过 {MAX_TEXT} 字（现有 {len(text)} 字）", field=label)
            texts[name] = text
    return texts


def record_step(session: Session, report: ProgressReport, *, actor, action: str,
                before: dict | None, comment: str = "",
                at: dt.datetime | None = None) -> None:
    """Keep the change in the report's history and the audit log (``at``: when it happened,
    now unless a demo or an import replays the past)."""
    report.version = (report.version or 0) + 1
    report.updated_at = at or now()
    session.flush()
    after = report.snapshot()
    report.history.append(ProgressEvent(at=report.updated_at, actor=actor_name(actor), action=action,
                                        state=report.state, comment=comment, snapshot=after))
    record(session, actor=actor, action=f"progress.{action}", object_type="progress_report",
           object_id=report.id, before=before, after=after)


def save_report(session: Session, *, actor, plan_id: int, unit_id: int, item: TodoItem,
                period: str, values: dict[str, Any], version=None, confirmed: bool = False, at: dt.datetime | None = None) -> ProgressReport:
    """Create or update the unit's report on ``item`` for ``period`` (a draft or returned one).

    ``version`` is the version the form was opened on; ``0`` means "the report did not exist
    yet": if someone created it meanwhile, the save is refused (409) rather than overwriting
    their text. ``confirmed``: the person confirmed a value outside the target's usual range.
    """
    periods.check_in_year(period, calendar(session).frequency, session.get(Plan, plan_id).year)
    value = parse_value(values.get("value_to_date"), quantitative=item.quantitative)
    value_range.check(value, item.target, confirmed=confirmed)
    texts = clean_texts(values)
    report = find_report(session, plan_id=plan_id, unit_id=unit_id, kind=item.kind,
                         uid=item.uid, period=period)
    if report is None:
        report, before = _create(session, plan_id=plan_id, unit_id=unit_id, item=item,
                                 period=period, at=at), None
    else:
        check_editable(report)
        if version is not None:
            check_fresh(report, version, what="该报告")
        before = report.snapshot()
    report.role = item.role
    report.value_to_date = value
    for name, text in texts.items():
        setattr(report, name, text)
    comment = "数值超出常见范围，填报人已确认" if confirmed and _unusual(value, item) else ""
    record_step(session, report, actor=actor, action="save", before=before, comment=comment, at=at)
    return report


def _unusual(value, item: TodoItem) -> bool:
    try:
        value_range.check(value, item.target, confirmed=False)
    except value_range.NeedsConfirmation:
        return True
    return False


def _create(session: Session, *, plan_id: int, unit_id: int, item: TodoItem, period: str,
            at: dt.datetime | None) -> ProgressReport:
    """A new empty report, inserted at once: when another request created the same report a
    moment earlier the unique constraint refuses it and the save answers 409 (never a 500,
    never a silent second writer). The caller rolls the transaction back, as after any
    refused input."""
    stamp = at or now()
    report = ProgressReport(plan_id=plan_id, unit_id=unit_id, item_kind=item.kind,
                            item_uid=item.uid, period=period, role=item.role, state="draft",
                            value_unit=item.value_unit, created_at=stamp, updated_at=stamp,
                            version=0, narrative="", problems="", next_steps="",
                            return_comment="")
    session.add(report)
    try:
        session.flush()
    except IntegrityError:
        raise StaleEditError("该报告刚刚已由他人创建，您的内容未保存。"
                             "请刷新页面查看对方填写的内容后再修改。") from None
    return report


check_editable = workflow.check_editable


def submit(session: Session, *, actor, report: ProgressReport, version=None, at: dt.datetime | None = None) -> ProgressReport:
    """Send a draft (or a returned report) to the unit leader."""
    workflow.check_submit(report, text=report.narrative, field="工作进展", version=version)
    before = report.snapshot()
    report.state = "submitted"
    report.submitted_at = at or now()
    report.approved_at = None
    record_step(session, report, actor=actor, action="submit", before=before, at=at)
    return report


def approve(session: Session, *, actor, report: ProgressReport, version=None, at: dt.datetime | None = None) -> ProgressReport:
    """The unit leader approves a submitted report: from now on the office sees it.

    Four eyes: the person who submitted it may not approve it, unless the reporting calendar
    allows it (``self_approval``) and nobody else in the unit may approve; such an approval
    is kept as ``approve_own`` in the history and the audit log.
    """
    own = submitter(report) == actor_name(actor)
    workflow.check_approve(report, own=own, may_own=own and may_approve_own(session, actor, report),
                           version=version)
    before = report.snapshot()
    report.state = "approved"
    report.approved_at = at or now()
    report.approved_by = getattr(actor, "id", None)
    report.return_comment = ""
    record_step(session, report, actor=actor, action="approve_own" if own else "approve",
                before=before, comment="本人提交、本人审核（单人单位）" if own else "", at=at)
    return report


def submitter(report: ProgressReport) -> str | None:
    """Who made the report's latest submission (a user name), from its history."""
    steps = [e for e in report.history if e.action == "submit"]
    return steps[-1].actor if steps else None


def may_approve_own(session: Session, actor, report: ProgressReport) -> bool:
    """Self-approval is allowed by the calendar and ``actor`` is the unit's only active user
    who may approve."""
    return workflow.may_approve_own(
        calendar(session).self_approval, actor,
        workflow.approver_ids(session, permission="progress.approve", unit_id=report.unit_id))


def return_report(session: Session, *, actor, report: ProgressReport, comment: str,
                  version=None,
                  at: dt.datetime | None = None) -> ProgressReport:
    """Send a report back with a comment: the leader a submitted one, the office an approved one."""
    comment = workflow.check_return(report, actor=actor, comment=comment, version=version)
    before = report.snapshot()
    report.state = "returned"
    report.return_comment = comment[:MAX_TEXT]
    record_step(session, report, actor=actor, action="return", before=before, comment=comment, at=at)
    events.announce("progress.report_returned", session, report=report, comment=comment)
    return report


def contributions(session: Session, *, plan_id: int, kind: str, uid: str, period: str,
                  unit_id: int) -> list[ProgressReport]:
    """Other units' reports on the same item and period (what cooperating units contribute);
    the caller keeps those the viewer may see."""
    return list(session.scalars(select(ProgressReport).where(
        ProgressReport.plan_id == plan_id, ProgressReport.item_kind == kind,
        ProgressReport.item_uid == uid, ProgressReport.period == period,
        ProgressReport.unit_id != unit_id).order_by(ProgressReport.role, ProgressReport.id)))


def reports_for(session: Session, *, plan_id: int, period: str,
                unit_id: int | None = None) -> list[ProgressReport]:
    """Reports of a period (of one unit when ``unit_id`` is given)."""
    query = select(ProgressReport).where(ProgressReport.plan_id == plan_id,
                                         ProgressReport.period == period)
    if unit_id is not None:
        query = query.where(ProgressReport.unit_id == unit_id)
    return list(session.scalars(query.order_by(ProgressReport.id)))


def invalid_reports(session: Session, *, plan_id: int, year: int) -> list[ProgressReport]:
    """The plan's reports whose period is not one of ``year``'s (stored before periods were
    checked, e.g. ``9999-12``): the office sees them listed and may delete them."""
    found = session.scalars(select(ProgressReport).where(ProgressReport.plan_id == plan_id)
                            .order_by(ProgressReport.id)).all()
    return [r for r in found if not periods.is_valid(r.period, year)]


def delete_invalid(session: Session, *, actor, report: ProgressReport, version,
                   data_dir: Path) -> None:
    """Delete a report with an invalid period (only those: a valid report is returned, never
    deleted); its evidence files go to ``evidence/deleted/`` in the same transaction (back
    again if it fails). The audit log keeps its last snapshot and where each file went."""
    if periods.is_valid(report.period, session.get(Plan, report.plan_id).year):
        raise InputError("只能删除报告期无效的报告")
    check_fresh(report, version, what="该报告")
    moved = evidence_files.set_aside(session, data_dir, [e.stored_name for e in report.evidence])
    record(session, actor=actor, action="progress.delete", object_type="progress_report",
           object_id=report.id, before={**report.snapshot(), "evidence_moved_to": moved},
           after=None)
    session.delete(report)
