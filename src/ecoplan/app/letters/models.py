"""Target-responsibility letters (目标责任书): one per unit and city plan.

A letter's ``content`` is what it binds the unit to, gathered from the unit's obligations when
the office drafts it (``letters.content``) and frozen from issue on, so the document issued and
the copy signed say the same thing. States: drafted (拟定) → issued (已下达) → signed (已签订,
the signed copy uploaded).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (JSON, DateTime, ForeignKey, Integer, String,
                        UniqueConstraint)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ecoplan.app.core.choices import Choices
from ecoplan.app.db import Base

class LetterState(Choices):
    DRAFTED = "drafted", "拟定"
    ISSUED = "issued", "已下达"
    SIGNED = "signed", "已签订"


STATES, STATE_LABELS = LetterState.values(), LetterState.labels()


class ResponsibilityLetter(Base):
    __tablename__ = "responsibility_letters"
    __table_args__ = (
        UniqueConstraint("unit_id", "plan_id", name="uq_responsibility_letters_unit_plan"),
        LetterState.check("state"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id"), index=True)
    state: Mapped[str] = mapped_column(String(20), default="drafted")
    content: Mapped[dict] = mapped_column(JSON, default=dict)
    """Targets, tasks, money and schedule as the letter states them (``letters.content``)."""
    doc_number: Mapped[str] = mapped_column(String(60), default="")
    drafted_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    issued_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    signed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    signed_file: Mapped[str] = mapped_column(String(200), default="")
    """The signed copy's name as uploaded; stored under ``letters/`` by ``signed_stored``."""
    signed_stored: Mapped[str] = mapped_column(String(64), default="")
    signed_type: Mapped[str] = mapped_column(String(10), default="")
    signed_sha256: Mapped[str] = mapped_column(String(64), default="")

    unit = relationship("Unit")

    @property
    def owner(self) -> str:
        return self.unit.name if self.unit is not None else ""

    def snapshot(self) -> dict:
        c = self.content or {}
        return {"unit": self.owner, "state": self.state, "doc_number": self.doc_number,
                "targets": len(c.get("targets", [])), "tasks": len(c.get("tasks", [])),
                "signed_file": self.signed_file, "signed_sha256": self.signed_sha256}
