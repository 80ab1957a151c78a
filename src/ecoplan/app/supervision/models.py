"""Supervision items (督查督办事项): what the office issues to a unit, and each item's history.

An item is addressed to one unit; issuing to several units makes one item per unit (sharing a
``batch``), because each unit signs for, handles and reports back on its own.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ecoplan.app.core.choices import Choices
from ecoplan.app.core.history import StateChange, parent_key
from ecoplan.app.db import Base
from ecoplan.app.supervision.workflow import State
from ecoplan.app.units.models import Unit



class Kind(Choices):
    INSPECTION = "inspection", "督查"
    CIRCULAR = "circular", "通报"
    ASSIGNMENT = "assignment", "交办"
    SUMMONS = "summons", "约谈"
    SUPERVISE = "supervise", "督办"
    EXPOSURE = "exposure", "媒体曝光"


class Basis(Choices):
    UNIT = "unit", "单位"
    TASK = "task", "任务"
    TARGET = "target", "目标"
    LEDGER = "ledger", "整改事项"
    ASSESSMENT = "assessment", "考评结果"
    OTHER = "other", "其他"


KINDS, KIND_LABELS = Kind.values(), Kind.labels()
# The official document each kind produces (GB/T 9704 layout).
DOCUMENT_LABELS = {"inspection": "督查通知", "circular": "通报", "assignment": "交办单",
                   "summons": "约谈通知书", "supervise": "督办通知", "exposure": "督办通知"}
BASES, BASIS_LABELS = Basis.values(), Basis.labels()
# Kept for the proposals (a proposal's ``subject``) and the old form's wording.
SUBJECTS = BASES[:4]
SUBJECT_LABELS = {k: BASIS_LABELS[k] for k in SUBJECTS}


class SupervisionItem(Base):
    """One item issued to one unit, with its basis, deadline and where it stands."""

    __tablename__ = "supervision_items"
    __table_args__ = (
        Kind.check("kind"),
        Basis.check("basis"),
        State.check("state"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    """The unit addressed (None only on records kept from before items had a life-cycle)."""
    title: Mapped[str] = mapped_column(String(300))
    content: Mapped[str] = mapped_column(Text, default="")
    basis: Mapped[str] = mapped_column(String(20), default="unit")
    basis_ref: Mapped[str] = mapped_column(String(200), default="")
    """The unit's name, the task's or target's uid, the ledger item's code, or the assessment
    result as written (``2023年考评等次不合格``)."""
    link: Mapped[str] = mapped_column(String(500), default="")
    """媒体曝光: the address of the exposure."""
    due: Mapped[dt.date | None] = mapped_column(Date)
    state: Mapped[str] = mapped_column(String(20), default="issued", index=True)
    batch: Mapped[str] = mapped_column(String(40), default="", index=True)
    doc_number: Mapped[str] = mapped_column(String(60), default="")
    proposal_key: Mapped[str | None] = mapped_column(String(200), index=True)
    response: Mapped[str] = mapped_column(Text, default="")
    """The latest 办理情况 reported back."""
    return_comment: Mapped[str] = mapped_column(Text, default="")
    extension_due: Mapped[dt.date | None] = mapped_column(Date)
    """The date a pending 延期申请 asks for (None: no request pending)."""
    extension_reason: Mapped[str] = mapped_column(Text, default="")
    reminders: Mapped[int] = mapped_column(Integer, default=0)
    issued_by: Mapped[str] = mapped_column(String(64))
    issued_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    closed_on: Mapped[dt.date | None] = mapped_column(Date)
    version: Mapped[int] = mapped_column(Integer, default=1)

    unit: Mapped[Unit | None] = relationship(lazy="joined")
    events: Mapped[list["SupervisionEvent"]] = relationship(
        back_populates="item", order_by="SupervisionEvent.id", cascade="all, delete-orphan")

    def snapshot(self) -> dict:
        """What the audit log keeps of an item."""
        return {"kind": self.kind, "unit": self.unit.name if self.unit else None,
                "title": self.title, "state": self.state, "due": str(self.due or ""),
                "basis": self.basis, "basis_ref": self.basis_ref, "link": self.link,
                "proposal": self.proposal_key, "response": self.response,
                "return_comment": self.return_comment,
                "extension_due": str(self.extension_due or "")}


class SupervisionEvent(StateChange, Base):
    """One move on an item: who, when, the text (办理情况, 退回意见, reason), the files."""

    __tablename__ = "supervision_events"

    item_id: Mapped[int] = parent_key("supervision_items")
    text: Mapped[str] = mapped_column(Text, default="")
    new_due: Mapped[dt.date | None] = mapped_column(Date)
    files: Mapped[list] = mapped_column(JSON, default=list)
    """Evidence files: name, path under the data directory, sha256, size."""

    item: Mapped[SupervisionItem] = relationship(back_populates="events")
