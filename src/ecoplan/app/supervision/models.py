"""Supervision actions (督查 / 通报 / 交办 / 约谈) recorded on units, tasks, targets or items."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ecoplan.app.db import Base
from ecoplan.app.units.models import Unit

KINDS = ("inspection", "circular", "assignment", "summons")
KIND_LABELS = {"inspection": "督查", "circular": "通报", "assignment": "交办", "summons": "约谈"}
SUBJECTS = ("unit", "task", "target", "ledger")
SUBJECT_LABELS = {"unit": "单位", "task": "任务", "target": "目标", "ledger": "整改事项"}


class SupervisionAction(Base):
    """One action the office took; ``proposal_key`` links it to the rule that proposed it."""

    __tablename__ = "supervision_actions"
    __table_args__ = (
        CheckConstraint("kind IN ('inspection', 'circular', 'assignment', 'summons')",
                        name="kind"),
        CheckConstraint("subject IN ('unit', 'task', 'target', 'ledger')", name="subject"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    subject: Mapped[str] = mapped_column(String(20))
    subject_ref: Mapped[str] = mapped_column(String(64))
    """The unit's name, the task's or target's uid, or the ledger item's code."""
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    """The unit the action is addressed to."""
    title: Mapped[str] = mapped_column(String(300))
    content: Mapped[str] = mapped_column(Text, default="")
    deadline: Mapped[dt.date | None] = mapped_column(Date)
    proposal_key: Mapped[str | None] = mapped_column(String(200), index=True)
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))

    unit: Mapped[Unit | None] = relationship(lazy="joined")
