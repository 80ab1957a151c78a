"""What the office decides for the annual assessment: bonuses granted and vetoes applied."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, DateTime, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ecoplan.app.db import Base

GRANT_KINDS = ("bonus", "veto")
GRANT_LABELS = {"bonus": "加分", "veto": "一票否决"}


class AssessmentGrant(Base):
    """A bonus (加分) or veto (一票否决) of the year's rules, granted to one unit with its grounds."""

    __tablename__ = "assessment_grants"
    __table_args__ = (
        CheckConstraint("kind IN ('bonus', 'veto')", name="kind"),
        UniqueConstraint("year", "unit", "kind", "rule_id", name="uq_assessment_grants_once"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    unit: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(10))
    rule_id: Mapped[str] = mapped_column(String(100))
    note: Mapped[str] = mapped_column(Text, default="")
    """The grounds (依据), e.g. the document that awarded the title."""
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
