"""Meetings (专题会议、调度会), help visits (帮扶指导) and accountability records (追责).

A meeting's decisions become supervision items (交办, the supervision life-cycle) with an owner
unit and a deadline; an accountability record names the supervision item that caused it and is
seen by the office only.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ecoplan.app.core.choices import Choices
from ecoplan.app.db import Base

class MeetingKind(Choices):
    TOPIC = "topic", "专题会议"
    DISPATCH = "dispatch", "调度会"
    HELP = "help", "帮扶指导"


class AccountabilityForm(Choices):
    TALK = "talk", "约谈"
    ADMONISH = "admonish", "诫勉"
    CRITICIZE = "criticize", "通报批评"
    DISCIPLINE = "discipline", "党纪政务处分"
    OTHER = "other", "其他"


KINDS, KIND_LABELS = MeetingKind.values(), MeetingKind.labels()
FORMS, FORM_LABELS = AccountabilityForm.values(), AccountabilityForm.labels()


class Meeting(Base):
    __tablename__ = "meetings"
    __table_args__ = (MeetingKind.check("kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(200))
    held_on: Mapped[dt.date] = mapped_column(Date)
    chair: Mapped[str] = mapped_column(String(100), default="")
    """Who chaired (a meeting) or led the visit (帮扶指导)."""
    attendees: Mapped[list] = mapped_column(JSON, default=list)
    """Unit names attending (a visit: the units visited)."""
    minutes: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))

    decisions: Mapped[list["MeetingDecision"]] = relationship(
        back_populates="meeting", order_by="MeetingDecision.id", cascade="all, delete-orphan")

    def snapshot(self) -> dict:
        return {"kind": self.kind, "title": self.title, "held_on": str(self.held_on),
                "chair": self.chair, "attendees": list(self.attendees or []),
                "minutes": self.minutes,
                "decisions": [d.text for d in self.decisions]}


class MeetingDecision(Base):
    """A decision of a meeting, issued as a supervision item (交办) to its owner unit."""

    __tablename__ = "meeting_decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    due: Mapped[dt.date | None] = mapped_column(Date)
    supervision_item_id: Mapped[int | None] = mapped_column(ForeignKey("supervision_items.id"))

    meeting: Mapped[Meeting] = relationship(back_populates="decisions")
    unit = relationship("Unit")
    item = relationship("SupervisionItem")


class AccountabilityRecord(Base):
    """追责: who was held to account, how and why, and the supervision item that caused it."""

    __tablename__ = "accountability_records"
    __table_args__ = (AccountabilityForm.check("form"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    supervision_item_id: Mapped[int] = mapped_column(ForeignKey("supervision_items.id"),
                                                     index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    person: Mapped[str] = mapped_column(String(100), default="")
    form: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text)
    decided_on: Mapped[dt.date] = mapped_column(Date)
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))

    unit = relationship("Unit")
    item = relationship("SupervisionItem")

    def snapshot(self) -> dict:
        return {"supervision_item_id": self.supervision_item_id, "unit_id": self.unit_id,
                "person": self.person, "form": self.form, "reason": self.reason,
                "decided_on": str(self.decided_on)}
