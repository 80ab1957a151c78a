"""Reports from the public: submitting, and each move the office and the units make.

Services take the session, never commit (the request commits once). Moves check the state
machine in :data:`MOVES`; the caller has checked the permission.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecoplan.app.audit.service import record
from ecoplan.app.core.actor import actor_name
from ecoplan.app.feedback import photos
from ecoplan.app.feedback.limits import Limits
from ecoplan.app.feedback.models import CATEGORIES, CATEGORY_LABELS, FeedbackEvent, FeedbackReport
from ecoplan.app.core.clock import BEIJING, utcnow
from ecoplan.app.units.addressees import directory, resolve_one
from ecoplan.errors import InputError
from ecoplan.plan.gazetteer import load_gazetteer

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
MAX_CONTENT = 2000

# move → (states it may start from, state it leads to; None: stays)
MOVES = {
    "assign": (("received", "assigned"), "assigned"),
    "duplicate": (("received",), "closed"),
    "refer": (("received",), "rejected"),
    "spam": (("received", "assigned", "answered"), "rejected"),
    "start": (("assigned",), None),
    "answer": (("assigned",), "answered"),
    "return": (("answered",), "assigned"),  # the comment stays on the event
    "publish": (("answered",), "closed"),
    "extend": (("assigned",), None),
    "extension": (("assigned",), None),
    "remind": (("assigned",), None),
}
MOVE_LABELS = {"submit": "提交举报", "assign": "受理并交办", "duplicate": "认定为重复举报",
               "refer": "转交有权处理的部门", "spam": "标记为无效信息", "start": "开始办理",
               "answer": "答复办理情况", "return": "退回答复", "publish": "审核并公开答复",
               "extend": "申请延期", "extension": "答复延期申请", "remind": "催办"}


@dataclass(frozen=True)
class Submission:
    category: str
    district: str
    content: str
    town: str = ""
    address: str = ""
    contact: str = ""
    lat: float | None = None
    lon: float | None = None


def districts() -> list[str]:
    """The districts a report or a survey answer may name (the city's gazetteer)."""
    return list(load_gazetteer().districts)


def today() -> dt.date:
    return utcnow().astimezone(BEIJING).date()


def new_code() -> str:
    return "JB" + "".join(secrets.choice(CODE_ALPHABET) for _ in range(10))


def _check(sub: Submission, districts: list[str]) -> None:
    if sub.category not in CATEGORIES:
        raise InputError(f"请选择问题类别（{'、'.join(CATEGORY_LABELS.values())}）", field="category")
    if sub.district.strip() not in districts:
        raise InputError(f"请选择所在辖市区（{'、'.join(districts)}）", field="district")
    if not sub.content.strip():
        raise InputError("请描述您发现的问题", field="content")
    if len(sub.content) > MAX_CONTENT:
        raise InputError(f"问题描述最多 {MAX_CONTENT} 字", field="content")
    if len(sub.contact) > 100 or len(sub.address) > 200 or len(sub.town) > 40 \
            or len(sub.district) > 40:
        raise InputError("联系方式、地址或地点过长", field="contact")
    for value, low, high, name in ((sub.lat, -90, 90, "lat"), (sub.lon, -180, 180, "lon")):
        if value is not None and not low <= value <= high:
            raise InputError("地图位置无效", field=name)


def submit(session: Session, sub: Submission, *, uploads: list[tuple[str, bytes]], data_dir: Path,
           limits: Limits, max_photo_bytes: int, client_key: str = "") -> FeedbackReport:
    """A new report in state ``received`` with its tracking code and acceptance deadline."""
    _check(sub, districts())
    code = new_code()
    kept = photos.store(uploads, data_dir=data_dir, code=code, max_bytes=max_photo_bytes)
    report = FeedbackReport(
        code=code, category=sub.category, district=sub.district.strip(), town=sub.town.strip(),
        address=sub.address.strip(), lat=sub.lat, lon=sub.lon, content=sub.content.strip(),
        contact=sub.contact.strip(), photos=kept, client_key=client_key, state="received",
        outcome="", received_at=utcnow(), accept_by=limits.accept_by(today()), version=1)
    session.add(report)
    session.flush()
    session.add(FeedbackEvent(report_id=report.id, at=report.received_at, actor="public",
                              action="submit", from_state="", to_state="received", text="",
                              files=[]))
    record(session, actor="anonymous", action="feedback.submit", object_type="feedback_report",
           object_id=report.id, after=report.snapshot())
    return report


def by_code(session: Session, code: str) -> FeedbackReport | None:
    return session.scalar(select(FeedbackReport).where(FeedbackReport.code == code.strip().upper()))


def listing(session: Session, *, unit_id: int | None = None, state: str = "") -> list[FeedbackReport]:
    query = select(FeedbackReport).order_by(FeedbackReport.id.desc())
    if unit_id is not None:
        query = query.where(FeedbackReport.unit_id == unit_id)
    if state:
        query = query.where(FeedbackReport.state == state)
    return list(session.scalars(query))


def published(session: Session, *, limit: int = 50) -> list[FeedbackReport]:
    """Closed reports whose answer the office published, newest first."""
    return list(session.scalars(select(FeedbackReport).where(FeedbackReport.published.is_(True))
                                .order_by(FeedbackReport.closed_on.desc(), FeedbackReport.id.desc())
                                .limit(limit)))


@dataclass(frozen=True)
class Move:
    text: str = ""
    unit: str = ""
    due: dt.date | None = None
    of: str = ""
    grant: bool = False
    files: tuple = ()


def _apply(session: Session, report: FeedbackReport, action: str, move: Move, limits: Limits):
    day, text = today(), move.text.strip()
    if action == "assign":
        if not move.unit.strip():
            raise InputError("请选择承办单位", field="unit")
        unit = resolve_one(move.unit, directory(session), field="unit")
        report.unit_id, report.unit = unit.id, unit
        report.accepted_on = report.accepted_on or day
        report.start_by = limits.start_by(report.accepted_on)
        close_by = limits.close_by(report.accepted_on)
        if move.due is not None and not day <= move.due <= close_by:
            raise InputError(f"办理时限应在今天至 {close_by} 之间（受理后 {limits.close} 日内）",
                             field="due")
        report.due = move.due or close_by
    elif action == "duplicate":
        other = by_code(session, move.of)
        if other is None or other.id == report.id or other.state in ("closed", "rejected"):
            raise InputError("请填写一件仍在办理中的举报的查询码", field="of")
        report.duplicate_of_id, report.outcome, report.closed_on = other.id, "duplicate", day
        report.accepted_on = day
    elif action == "refer":
        if not move.unit.strip() or not text:
            raise InputError("请写明有权处理的部门和转交理由", field="reason")
        report.referred_to, report.reason, report.outcome = move.unit.strip(), text, "referred"
        report.closed_on = day
    elif action == "spam":
        report.outcome, report.closed_on = "spam", day
    elif action == "start":
        report.started_on = report.started_on or day
    elif action == "answer":
        if not text:
            raise InputError("请填写办理情况", field="content")
        report.answer, report.started_on = text, report.started_on or day
    elif action == "publish":
        report.public_answer = text or report.answer
        report.published, report.outcome, report.closed_on = True, "answered", day
    elif action == "extend":
        if move.due is None or not text or (report.due and move.due <= report.due):
            raise InputError("延期申请须写明理由和晚于原时限的新日期", field="due")
        report.extension_due, report.extension_reason = move.due, text
    elif action == "extension":
        if report.extension_due is None:
            raise InputError("没有待答复的延期申请", field="grant")
        if move.grant:
            report.due, report.reason = report.extension_due, report.extension_reason
        report.extension_due = None
    elif action == "remind":
        from ecoplan.app.workbench import notices

        late = f"，办结时限 {report.due}" if report.due else ""
        notices.send(session, kind="remind", unit_id=report.unit_id, link=f"/feedback/{report.id}",
                     message=f"催办：公众举报 {report.code}（{CATEGORY_LABELS[report.category]}，"
                             f"{report.district}）尚未答复{late}，请抓紧办理并答复。")


def act(session: Session, report: FeedbackReport, action: str, *, actor, move: Move = Move(),
        limits: Limits = Limits(), data_dir: Path | None = None) -> FeedbackEvent:
    """Make ``action`` on ``report`` as ``actor``: state, event, audit entry. Never commits."""
    sources, target = MOVES[action]
    if report.state not in sources:
        raise InputError(f"当前状态下不能{MOVE_LABELS[action]}", field="state")
    before, from_state = report.snapshot(), report.state
    _apply(session, report, action, move, limits)
    report.state = target or report.state
    report.version = (report.version or 1) + 1
    files = []
    if move.files and action == "answer":
        from ecoplan.app.ledger import evidence
        files = evidence.store(list(move.files), data_dir=data_dir, item_id=report.id,
                               area="feedback-evidence")
    event = FeedbackEvent(report_id=report.id, at=utcnow(), actor=actor_name(actor), action=action,
                          from_state=from_state, to_state=report.state,
                          text=move.text.strip(), files=files)
    session.add(event)
    record(session, actor=actor, action=f"feedback.{action}", object_type="feedback_report",
           object_id=report.id, before=before, after=report.snapshot())
    session.flush()
    return event
