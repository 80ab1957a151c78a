"""JSON shapes of the progress API (what the status and dashboard pages read)."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel


class TodoOut(BaseModel):
    kind: str
    uid: str
    task_number: str
    title: str
    role: str
    value_unit: str
    state: str | None
    report_id: int | None


class ReportOut(BaseModel):
    id: int
    item_kind: str
    item_uid: str
    unit: str
    period: str
    role: str
    value_to_date: float | None
    value_unit: str
    narrative: str
    problems: str
    next_steps: str
    state: str
    return_comment: str
    submitted_at: dt.datetime | None
    approved_at: dt.datetime | None
    evidence: list[str]

    @classmethod
    def of(cls, report) -> "ReportOut":
        return cls(id=report.id, item_kind=report.item_kind, item_uid=report.item_uid,
                   unit=report.unit.name, period=report.period, role=report.role,
                   value_to_date=report.value_to_date, value_unit=report.value_unit,
                   narrative=report.narrative, problems=report.problems,
                   next_steps=report.next_steps, state=report.state,
                   return_comment=report.return_comment, submitted_at=report.submitted_at,
                   approved_at=report.approved_at,
                   evidence=[e.file_name for e in report.evidence])


class MissingOut(BaseModel):
    unit: str
    unit_id: int
    reported: int
    items: int
    missing: list[str]
    """``kind:uid`` of each item not reported."""
