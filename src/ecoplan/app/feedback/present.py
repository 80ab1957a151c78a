"""What each audience sees of a report. ``public_out`` is the only shape anonymous visitors get:
no contact, no address, no photos, no unit's internal answer before the office published it."""

from __future__ import annotations

import datetime as dt

from ecoplan.app.feedback.limits import OVERDUE_LABELS, overdue
from ecoplan.app.feedback.models import (CATEGORY_LABELS, OUTCOME_LABELS, STATE_LABELS,
                                         FeedbackReport)
from ecoplan.app.core.clock import BEIJING, as_utc


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def received_on(report: FeedbackReport) -> str:
    return as_utc(report.received_at).astimezone(BEIJING).date().isoformat()


def public_out(report: FeedbackReport) -> dict:
    """State, published answer and what the reporter is told; nothing personal."""
    return {
        "code": report.code, "state": report.state, "state_label": STATE_LABELS[report.state],
        "category": report.category, "category_label": CATEGORY_LABELS[report.category],
        "district": report.district, "town": report.town, "received_on": received_on(report),
        "accept_by": _day(report.accept_by), "due": _day(report.due),
        "outcome": report.outcome or None,
        "outcome_label": OUTCOME_LABELS.get(report.outcome) if report.outcome else None,
        "duplicate_of": report.duplicate_of.code if report.duplicate_of else None,
        "referred_to": report.referred_to or None,
        "reason": report.reason or None,
        "answer": report.public_answer if report.published else None,
        "closed_on": _day(report.closed_on),
        "steps": steps(report),
    }


def steps(report: FeedbackReport) -> list[dict]:
    """The report's progress as the reporter follows it: dated steps in plain words, from its
    dates only (never the events' texts, which may name staff)."""
    out = [{"on": received_on(report), "text": "举报已收到"}]
    if report.outcome in ("duplicate", "referred", "spam") or report.state == "rejected":
        out.append({"on": _day(report.closed_on), "text": OUTCOME_LABELS.get(report.outcome, "已办结")})
        return out
    if report.accepted_on:
        out.append({"on": _day(report.accepted_on), "text": "已受理，交承办单位办理"})
    if report.started_on:
        out.append({"on": _day(report.started_on), "text": "承办单位已开始办理"})
    if report.reason and report.accepted_on:
        out.append({"on": None, "text": f"办理时限已延长至{_day(report.due)}：{report.reason}"})
    if report.state == "answered":
        out.append({"on": None, "text": "承办单位已答复，生态环境部门审核中"})
    if report.published:
        out.append({"on": _day(report.closed_on), "text": "已办结，答复已公开"})
    return out


def evidence_out(report: FeedbackReport) -> list[dict]:
    """The unit's answer evidence (files attached to answers), newest answer first, with the
    link the office and the unit open it by. Never public."""
    return [{"event": e.id, "n": n, "name": f["name"], "size": f["size"], "sha256": f["sha256"],
             "at": e.at.isoformat(), "url": f"/feedback/{report.id}/evidence/{e.id}/{n}"}
            for e in sorted(report.events, key=lambda e: e.id, reverse=True)
            if e.action == "answer" for n, f in enumerate(e.files or [])]


def published_out(report: FeedbackReport) -> dict:
    """One line of the public list of answered reports (the text itself is not shown: it may
    name people or places of the reporter)."""
    return {"code": report.code, "category": report.category,
            "category_label": CATEGORY_LABELS[report.category], "district": report.district,
            "received_on": received_on(report), "closed_on": _day(report.closed_on),
            "answer": report.public_answer}


def office_out(report: FeedbackReport, today: dt.date) -> dict:
    """Everything the office and the assigned unit see, with the limit passed (if any)."""
    late = overdue(report, today)
    return {
        **public_out(report), "id": report.id, "content": report.content,
        "address": report.address, "contact": report.contact,
        "lat": report.lat, "lon": report.lon, "photos": len(report.photos or []),
        "unit": report.unit.name if report.unit else None,
        "start_by": _day(report.start_by), "started_on": _day(report.started_on),
        "accepted_on": _day(report.accepted_on), "unit_answer": report.answer,
        "published": bool(report.published), "reason": report.reason,
        "extension": ({"due": report.extension_due.isoformat(), "reason": report.extension_reason}
                      if report.extension_due else None),
        "overdue": late, "overdue_label": OVERDUE_LABELS.get(late) if late else None,
        "version": report.version, "evidence": evidence_out(report),
    }
