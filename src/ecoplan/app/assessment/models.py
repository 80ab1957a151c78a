"""What the office decides for the annual assessment: bonuses granted and vetoes applied."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ecoplan.app.core.choices import Choices
from ecoplan.app.db import Base


class GrantKind(Choices):
    BONUS = "bonus", "加分"
    VETO = "veto", "一票否决"


GRANT_KINDS, GRANT_LABELS = GrantKind.values(), GrantKind.labels()


class AssessmentGrant(Base):
    """A bonus (加分) or veto (一票否决) of the year's rules, granted to one unit with its grounds."""

    __tablename__ = "assessment_grants"
    __table_args__ = (
        GrantKind.check("kind"),
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
