"""Progress reporting as stored: reports per item × unit × period, their history and evidence,
the reporting calendar, in-app notices and the e-mail addresses reminders go to.

A report names its plan item by ``item_kind`` ("task" or "target") and the item's ``uid``
(stable across plan versions), so re-publishing the plan keeps every report attached.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    JSON, CheckConstraint, Date, DateTime, Float, ForeignKey, Integer, String, Text,
    UniqueConstraint, false,
)
from sqlalchemy import inspect
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ecoplan.app.core.choices import Choices
from ecoplan.app.core import history
from ecoplan.app.core.history import EventRow, parent_key
from ecoplan.app.db import Base
from ecoplan.app.plans.models import Role
from ecoplan.app.units.models import Unit



class ItemKind(Choices):
    TASK = "task", "任务"
    TARGET = "target", "目标"


class State(Choices):
    """待审核: submitted to the unit leader; 已审核: approved, the office sees it."""

    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "待审核"
    APPROVED = "approved", "已审核"
    RETURNED = "returned", "已退回"


class Frequency(Choices):
    MONTHLY = "monthly", "每月"
    QUARTERLY = "quarterly", "每季度"


class NoticeKind(Choices):
    DUE_SOON = "due_soon", "即将到期"
    MISSING = "missing", "逾期未报"


ITEM_KINDS, STATES = ItemKind.values(), State.values()
REPORTED_STATES = (State.SUBMITTED.value, State.APPROVED.value)
"""States in which a unit counts as having reported for the period."""
FREQUENCIES, NOTICE_KINDS = Frequency.values(), NoticeKind.values()


class ProgressReport(Base):
    """A unit's report on one task or target for one period (工作进展 / 存在问题 / 下步计划)."""

    __tablename__ = "progress_reports"
    __table_args__ = (
        UniqueConstraint("plan_id", "item_kind", "item_uid", "unit_id", "period",
                         name="uq_progress_reports_item_unit_period"),
        ItemKind.check("item_kind"),
        State.check("state"),
        Role.check("role"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id"), index=True)
    item_kind: Mapped[str] = mapped_column(String(10))
    item_uid: Mapped[str] = mapped_column(String(32), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    period: Mapped[str] = mapped_column(String(7), index=True)
    """``2023-05`` (monthly) or ``2023-Q2`` (quarterly)."""
    role: Mapped[str] = mapped_column(String(20))
    """The unit's role in the item: a lead reports for the whole task, others contribute."""
    value_to_date: Mapped[float | None] = mapped_column(Float)
    """Value achieved to date, in ``value_unit`` (quantitative targets only)."""
    value_unit: Mapped[str] = mapped_column(String(50), default="")
    narrative: Mapped[str] = mapped_column(Text, default="")
    """工作进展."""
    problems: Mapped[str] = mapped_column(Text, default="")
    """存在问题."""
    next_steps: Mapped[str] = mapped_column(Text, default="")
    """下步计划."""
    state: Mapped[str] = mapped_column(String(20), default="draft")
    return_comment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    submitted_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    approved_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    """Set when the unit leader approves; from then on the office sees the report."""
    approved_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    version: Mapped[int] = mapped_column(Integer, default=1)
    """Bumped on every change; a form carrying an older one is refused."""

    unit: Mapped[Unit] = relationship(lazy="joined")
    history: Mapped[list["ProgressEvent"]] = relationship(
        back_populates="report", order_by="ProgressEvent.id", cascade="all, delete-orphan")
    evidence: Mapped[list["EvidenceFile"]] = relationship(
        back_populates="report", order_by="EvidenceFile.id", cascade="all, delete-orphan")

    def snapshot(self) -> dict:
        """What the audit log and the history keep of a report."""
        return {"item": f"{self.item_kind}:{self.item_uid}", "unit_id": self.unit_id,
                "period": self.period, "role": self.role, "value_to_date": self.value_to_date,
                "value_unit": self.value_unit, "narrative": self.narrative,
                "problems": self.problems, "next_steps": self.next_steps, "state": self.state,
                "return_comment": self.return_comment,
                "evidence": [e.file_name for e in self.evidence]}

    DATA_VERSIONS = ("progress_reports", "progress_reports.approved")
    """What a write to reports bumps (:mod:`ecoplan.app.versions`); the status overview reads
    approved reports only and is kept under ``progress_reports.approved``."""

    def data_versions(self) -> tuple[str, ...]:
        """Both names when this change is to an approved report or takes one out of that state;
        a draft saved or submitted bumps ``progress_reports`` only."""
        was = inspect(self).attrs.state.history.deleted or ()
        if self.state == "approved" or "approved" in was:
            return self.DATA_VERSIONS
        return self.DATA_VERSIONS[:1]


class ProgressEvent(EventRow, Base):
    """One step in a report's history: saved, submitted, approved, returned, evidence added."""

    __tablename__ = "progress_events"

    report_id: Mapped[int] = parent_key("progress_reports", ondelete="CASCADE")
    action: Mapped[str] = mapped_column(String(30), sort_order=history.ACTION)
    """Longer codes than the other event tables' (``evidence_added``…): the column is wider."""
    state: Mapped[str] = mapped_column(String(20))
    """The report's state after the step."""
    comment: Mapped[str] = mapped_column(Text, default="")
    snapshot: Mapped[dict] = mapped_column(JSON, default=dict)

    report: Mapped[ProgressReport] = relationship(back_populates="history")


class EvidenceColumns:
    """The columns of an evidence file's row (``evidence.Stored.row``), shared by the reports
    that keep evidence (targets' here, sub-plan measures' in ``subplans``)."""

    file_name: Mapped[str] = mapped_column(String(300))
    """The name the uploader gave (shown, never used as a path)."""
    stored_name: Mapped[str] = mapped_column(String(64), unique=True)
    """Random name under ``<data dir>/evidence/``."""
    file_type: Mapped[str] = mapped_column(String(10))
    """Detected from the content (magic bytes): pdf, png, jpeg, gif, docx, xlsx, pptx, doc, …"""
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    uploaded_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    uploaded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class EvidenceFile(EvidenceColumns, Base):
    """A supporting file (pdf, image, office document) kept under the data dir, random name."""

    __tablename__ = "progress_evidence"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(
        ForeignKey("progress_reports.id", ondelete="CASCADE"), index=True)

    report: Mapped[ProgressReport] = relationship(back_populates="evidence")


class ReportingCalendar(Base):
    """The reporting calendar (one row): how often units report, when it is due, reminders."""

    __tablename__ = "progress_calendar"
    __table_args__ = (
        Frequency.check("frequency"),
        CheckConstraint("due_day BETWEEN 1 AND 28", name="due_day"),
        CheckConstraint("remind_days >= 0", name="remind_days"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    frequency: Mapped[str] = mapped_column(String(10), default="monthly")
    due_day: Mapped[int] = mapped_column(Integer, default=5)
    """Day of the month after the period on which the report is due (5: the 5th)."""
    workday_due: Mapped[bool] = mapped_column(default=True)
    """A due date on a holiday or weekend moves to the next PRC working day."""
    remind_days: Mapped[int] = mapped_column(Integer, default=3)
    """Working days before the due date when the "due soon" notice goes out."""
    max_evidence_bytes: Mapped[int] = mapped_column(Integer, default=10 * 1024 * 1024)
    self_approval: Mapped[bool] = mapped_column(default=False, server_default=false())
    """A unit whose only approver submitted a report may approve it (marked ``approve_own``);
    off: the approver is never the submitter."""
    version: Mapped[int] = mapped_column(Integer, default=1)

    def snapshot(self) -> dict:
        return {"frequency": self.frequency, "due_day": self.due_day,
                "workday_due": self.workday_due, "remind_days": self.remind_days,
                "max_evidence_bytes": self.max_evidence_bytes,
                "self_approval": self.self_approval}


class Notice(Base):
    """An in-app notice to a unit (due soon, report missing); one per unit, kind and period."""

    __tablename__ = "progress_notices"
    __table_args__ = (
        UniqueConstraint("unit_id", "kind", "period", name="uq_progress_notices_unit_kind_period"),
        NoticeKind.check("kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    period: Mapped[str] = mapped_column(String(7))
    due: Mapped[dt.date] = mapped_column(Date)
    message: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    emailed_to: Mapped[list] = mapped_column(JSON, default=list)
    read_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class UnitContact(Base):
    """The e-mail address a unit's reminders go to (when SMTP is configured)."""

    __tablename__ = "progress_contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), unique=True)
    email: Mapped[str] = mapped_column(String(200))
