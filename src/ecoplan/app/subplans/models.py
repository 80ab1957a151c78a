"""Sub-plans (辖市区、部门年度工作计划和措施清单): a unit's own plan under the city plan.

A sub-plan belongs to one unit (a district or a department) and serves one city plan; its items
are the measures (任务/措施) and goals (目标) the reader finds in it. Each item links to the city
task or target it serves by the city item's ``uid`` (kept across the city plan's versions), first
as the system's suggestion, then as the owner confirmed it. Items carry their own status, which
rolls up into the city task's page.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (JSON, Boolean, CheckConstraint, Date, DateTime, Float, ForeignKey, Integer,
                        String, Text, UniqueConstraint)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ecoplan.app.core.choices import Choices
from ecoplan.app.db import Base
from ecoplan.app.progress.models import EvidenceColumns

class SubPlanState(Choices):
    DRAFT = "draft", "待确认关联"
    PUBLISHED = "published", "已发布"


class ItemKind(Choices):
    TASK = "task", "措施"
    TARGET = "target", "目标"


class ItemStatus(Choices):
    NOT_STARTED = "not_started", "未开始"
    IN_PROGRESS = "in_progress", "推进中"
    DONE = "done", "已完成"
    BEHIND = "behind", "滞后"


STATES, STATE_LABELS = SubPlanState.values(), SubPlanState.labels()
ITEM_KINDS, ITEM_KIND_LABELS = ItemKind.values(), ItemKind.labels()
ITEM_STATUSES, ITEM_STATUS_LABELS = ItemStatus.values(), ItemStatus.labels()


class SubPlan(Base):
    """One unit's annual work plan and measure list under one city plan."""

    __tablename__ = "subplans"
    __table_args__ = (UniqueConstraint("unit_id", "plan_id", name="uq_subplans_unit_plan"),
                      SubPlanState.check("state"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id"), index=True)
    """The city plan it serves."""
    title: Mapped[str] = mapped_column(String(300))
    state: Mapped[str] = mapped_column(String(20), default="draft")
    file_name: Mapped[str] = mapped_column(String(300), default="")
    """The uploaded document's name; empty when written in the app."""
    text: Mapped[str] = mapped_column(Text, default="")
    """The reader's extracted text."""
    warnings: Mapped[list] = mapped_column(JSON, default=list)
    synthetic: Mapped[bool] = mapped_column(Boolean, default=False)
    """Invented for the demo (合成数据)."""
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))

    unit = relationship("Unit")
    items: Mapped[list["SubPlanItem"]] = relationship(
        back_populates="subplan", order_by="SubPlanItem.position", cascade="all, delete-orphan")
    unit_links: Mapped[list["SubPlanUnit"]] = relationship(
        back_populates="subplan", order_by="SubPlanUnit.id", cascade="all, delete-orphan")

    @property
    def owner(self) -> str:
        return self.unit.name if self.unit is not None else ""

    def snapshot(self) -> dict:
        return {"unit": self.owner, "title": self.title, "state": self.state,
                "file_name": self.file_name, "items": len(self.items),
                "synthetic": self.synthetic}


class SubPlanItem(Base):
    """A measure or goal of a sub-plan and the city item it serves."""

    __tablename__ = "subplan_items"
    __table_args__ = (
        ItemKind.check("kind"),
        ItemStatus.check("status"),
        CheckConstraint("link_kind IS NULL OR link_kind IN ('task', 'target')", name="link_kind"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    subplan_id: Mapped[int] = mapped_column(ForeignKey("subplans.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    number: Mapped[str] = mapped_column(String(20), default="")
    title: Mapped[str] = mapped_column(String(500))
    text: Mapped[str] = mapped_column(Text, default="")
    units: Mapped[list] = mapped_column(JSON, default=list)
    """The responsible units as the sub-plan writes them."""
    deadline: Mapped[dt.date | None] = mapped_column(Date)
    position: Mapped[int] = mapped_column(Integer, default=0)
    suggested_kind: Mapped[str | None] = mapped_column(String(10))
    suggested_uid: Mapped[str | None] = mapped_column(String(32))
    suggested_score: Mapped[float | None] = mapped_column(Float)
    """Similarity of the suggestion (0–1, see ``subplans.similarity``)."""
    link_kind: Mapped[str | None] = mapped_column(String(10))
    link_uid: Mapped[str | None] = mapped_column(String(32), index=True)
    """The city task's or target's uid the owner confirmed; None with ``confirmed``: serves none."""
    confirmed: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(20), default="not_started")
    note: Mapped[str] = mapped_column(Text, default="")
    """The owner's latest word on its progress."""
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))

    subplan: Mapped[SubPlan] = relationship(back_populates="items")
    reports: Mapped[list["SubPlanReport"]] = relationship(
        back_populates="item", cascade="all, delete-orphan")
    """Its reports go with it when a replaced document's items do (the audit log keeps them)."""

    @property
    def unit_id(self) -> int:
        return self.subplan.unit_id

    def snapshot(self) -> dict:
        return {"number": self.number, "title": self.title, "link_kind": self.link_kind,
                "link_uid": self.link_uid, "confirmed": self.confirmed, "status": self.status,
                "note": self.note}


class SubPlanUnit(Base):
    """A responsible unit as a sub-plan writes it (``区工业和信息化局``, ``湖塘镇``) and the unit record
    that reports on the measures naming it, as the sub-plan's owner decided (mapped to an existing
    unit, or created under the district: :mod:`ecoplan.app.subplans.units`); ``unit_id`` None: the
    owner reports them itself. ``decided`` False: the system's suggestion, not yet looked at."""

    __tablename__ = "subplan_units"
    __table_args__ = (UniqueConstraint("subplan_id", "name", name="uq_subplan_units_subplan_name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    subplan_id: Mapped[int] = mapped_column(ForeignKey("subplans.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    decided: Mapped[bool] = mapped_column(Boolean, default=False)

    subplan: Mapped[SubPlan] = relationship(back_populates="unit_links")
    unit = relationship("Unit")

    def snapshot(self) -> dict:
        return {"name": self.name, "unit": self.unit.name if self.unit is not None else "",
                "decided": self.decided}


class ReportState(Choices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "待审核"
    APPROVED = "approved", "已审核"
    RETURNED = "returned", "已退回"


REPORT_STATE_LABELS = ReportState.labels()


class SubPlanReport(Base):
    """A unit's report on one measure of a district's (or department's) sub-plan: the status it
    proposes and a word on progress, approved or returned by the sub-plan's owner unit through
    the targets' workflow (:mod:`ecoplan.app.progress.workflow`); an approved one sets the
    measure's status."""

    __tablename__ = "subplan_reports"
    __table_args__ = (ItemStatus.check("status"), ReportState.check("state"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("subplan_items.id"), index=True)
    reporter_unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    """The unit reporting (a department or town the measure names, else the owner itself)."""
    period: Mapped[str] = mapped_column(String(7))
    """The month reported on (the month of the evaluation day)."""
    status: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(20), default="draft")
    return_comment: Mapped[str] = mapped_column(Text, default="")
    submitted_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    approved_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))

    item: Mapped[SubPlanItem] = relationship(back_populates="reports")
    reporter = relationship("Unit")
    evidence: Mapped[list["SubPlanEvidence"]] = relationship(
        back_populates="report", cascade="all, delete-orphan", order_by="SubPlanEvidence.id")

    @property
    def unit_id(self) -> int:
        """The sub-plan's owner unit: who approves (``permissions.same_unit``)."""
        return self.item.subplan.unit_id

    def snapshot(self) -> dict:
        return {"item": self.item.number, "unit": self.reporter.name if self.reporter else "",
                "period": self.period, "status": self.status, "note": self.note,
                "state": self.state, "return_comment": self.return_comment,
                "evidence": [e.file_name for e in self.evidence]}


class SubPlanEvidence(EvidenceColumns, Base):
    """A supporting file of a measure's report, kept like a target report's
    (``progress.evidence``: type by content, random name under ``<data dir>/evidence/``)."""

    __tablename__ = "subplan_evidence"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(
        ForeignKey("subplan_reports.id", ondelete="CASCADE"), index=True)

    report: Mapped[SubPlanReport] = relationship(back_populates="evidence")
