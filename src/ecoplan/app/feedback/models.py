"""Reports from the public (公众举报反馈): what a citizen reported, where it went, and each move.

Personal data (``contact``, the hashed client keys) stays on :class:`FeedbackReport` and is never
part of what :mod:`ecoplan.app.feedback.present` gives the public.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (JSON, Boolean, Date, DateTime, Float, ForeignKey, Integer,
                        String, Text)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ecoplan.app.core.choices import Choices
from ecoplan.app.core.history import StateChange, parent_key
from ecoplan.app.db import Base
from ecoplan.app.units.models import Unit



class Category(Choices):
    AIR = "air", "大气"
    WATER = "water", "水"
    SOIL = "soil", "土壤"
    NOISE = "noise", "噪声"
    WASTE = "waste", "固体废物"
    ECOLOGY = "ecology", "生态"
    OTHER = "other", "其他"


class State(Choices):
    RECEIVED = "received", "已收到，待受理"
    ASSIGNED = "assigned", "已受理，交办单位办理中"
    ANSWERED = "answered", "单位已答复，待审核公开"
    CLOSED = "closed", "已办结"
    REJECTED = "rejected", "不予受理"


CATEGORIES, CATEGORY_LABELS = Category.values(), Category.labels()
STATES, STATE_LABELS = State.values(), State.labels()
# Why a report was closed or not accepted (shown to the public in plain words).
OUTCOMES = ("answered", "duplicate", "referred", "spam")
OUTCOME_LABELS = {"answered": "已答复", "duplicate": "重复举报，已并入另一件办理",
                  "referred": "不属本部门职责，已转交有权处理的部门", "spam": "无效信息"}


class FeedbackReport(Base):
    """One report: what, where, its state, its deadlines and its answer."""

    __tablename__ = "feedback_reports"
    __table_args__ = (
        Category.check("category"),
        State.check("state"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    """The tracking code the reporter keeps (查询码)."""
    category: Mapped[str] = mapped_column(String(20))
    district: Mapped[str] = mapped_column(String(40))
    town: Mapped[str] = mapped_column(String(40), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    content: Mapped[str] = mapped_column(Text)
    contact: Mapped[str] = mapped_column(String(100), default="")
    """Personal data: seen by the office only."""
    photos: Mapped[list] = mapped_column(JSON, default=list)
    """Re-encoded photos: path under the data directory, sha256, size."""
    client_key: Mapped[str] = mapped_column(String(64), default="")
    """A keyed hash of the client's address (to find floods; never the address itself)."""
    state: Mapped[str] = mapped_column(String(20), default="received", index=True)
    outcome: Mapped[str] = mapped_column(String(20), default="")
    received_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    accept_by: Mapped[dt.date] = mapped_column(Date)
    accepted_on: Mapped[dt.date | None] = mapped_column(Date)
    start_by: Mapped[dt.date | None] = mapped_column(Date)
    started_on: Mapped[dt.date | None] = mapped_column(Date)
    due: Mapped[dt.date | None] = mapped_column(Date)
    """办结时限 (close by); moved only by an extension the office granted."""
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    duplicate_of_id: Mapped[int | None] = mapped_column(ForeignKey("feedback_reports.id"))
    referred_to: Mapped[str] = mapped_column(String(100), default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    """Why referred, rejected, or extended: told to the reporter."""
    answer: Mapped[str] = mapped_column(Text, default="")
    """The unit's answer (what it did)."""
    public_answer: Mapped[str] = mapped_column(Text, default="")
    """The answer as the office published it (empty until published)."""
    published: Mapped[bool] = mapped_column(Boolean, default=False)
    closed_on: Mapped[dt.date | None] = mapped_column(Date)
    extension_due: Mapped[dt.date | None] = mapped_column(Date)
    extension_reason: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=1)

    unit: Mapped[Unit | None] = relationship(lazy="joined")
    duplicate_of: Mapped["FeedbackReport | None"] = relationship(remote_side=[id])
    events: Mapped[list["FeedbackEvent"]] = relationship(
        back_populates="report", order_by="FeedbackEvent.id", cascade="all, delete-orphan")

    def snapshot(self) -> dict:
        """What the audit log keeps (no contact, no client key)."""
        return {"code": self.code, "category": self.category, "district": self.district,
                "state": self.state, "outcome": self.outcome,
                "unit": self.unit.name if self.unit else None, "due": str(self.due or ""),
                "referred_to": self.referred_to, "reason": self.reason,
                "published": bool(self.published)}


class FeedbackEvent(StateChange, Base):
    """One move on a report: who, when, from and to which state, the text, evidence files."""

    __tablename__ = "feedback_events"

    report_id: Mapped[int] = parent_key("feedback_reports")
    text: Mapped[str] = mapped_column(Text, default="")
    files: Mapped[list] = mapped_column(JSON, default=list)

    report: Mapped[FeedbackReport] = relationship(back_populates="events")


class PublicChallenge(Base):
    """An arithmetic question a submitter must answer (one use, short-lived)."""

    __tablename__ = "public_challenges"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    answer: Mapped[int] = mapped_column(Integer)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
