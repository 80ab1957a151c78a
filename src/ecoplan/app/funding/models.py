"""Money per task or target (资金安排) by source, planned and spent (万元, exact decimals as the
projects' money), entered by the office: one row per plan, item, source and unit (the unit the
money is arranged for, as the responsibility letters state it; empty: the city's own)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import (DateTime, ForeignKey, Integer, Numeric, String, Text,
                        UniqueConstraint)
from sqlalchemy.orm import Mapped, mapped_column

from ecoplan.app.core.choices import Choices
from ecoplan.app.db import Base


class ItemKind(Choices):
    TASK = "task", "任务"
    TARGET = "target", "目标"


KIND_LABELS = ItemKind.labels()
SYNTHETIC = "合成数据"
"""How a row's note starts when the demo invented its amounts."""


class ItemFunding(Base):
    __tablename__ = "item_funding"
    __table_args__ = (
        UniqueConstraint("plan_id", "item_kind", "item_uid", "source", "unit",
                         name="uq_item_funding_item_source_unit"),
        ItemKind.check("item_kind"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id"), index=True)
    item_kind: Mapped[str] = mapped_column(String(10))
    item_uid: Mapped[str] = mapped_column(String(32), index=True)
    source: Mapped[str] = mapped_column(String(20))
    """One of ``projects.models.SOURCES`` (市级财政, 区级财政, 专项债, 社会资本, 其他)."""
    unit: Mapped[str] = mapped_column(String(100), default="", server_default="", index=True)
    """The unit's name the amounts are arranged for (承担单位, as projects name their owner);
    empty: not allotted to a unit (市级统筹)."""
    planned: Mapped[Decimal] = mapped_column(Numeric(14, 2), default=Decimal("0"))
    spent: Mapped[Decimal] = mapped_column(Numeric(14, 2), default=Decimal("0"))
    note: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))

    def snapshot(self) -> dict:
        return {"item_kind": self.item_kind, "item_uid": self.item_uid, "source": self.source,
                "unit": self.unit, "planned": str(self.planned), "spent": str(self.spent), "note": self.note}
