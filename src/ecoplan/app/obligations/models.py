"""Reporting obligations as the office sets them (报送责任): where a target's figure comes from.

A row overrides the default derived from the plan (:mod:`ecoplan.app.obligations.defaults`) for
one target (by its ``uid``, stable across plan versions) from plan version ``from_version`` on:
the obligation in force for version N is the row with the highest ``from_version`` ≤ N, else the
default. A change made while version N is current therefore travels with the plan's later
versions and leaves earlier versions as they were; every change is audited.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy import UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ecoplan.app.db import Base
from ecoplan.app.obligations.rules import Frequency, Source

SOURCES = ("monitoring", "report", "contributions", "survey", "projects")
"""监测数据 / 单位报送全市数 / 分解到单位汇总 / 满意度调查（公众调查的综合指数）/ 重点工程项目台账."""
FREQUENCIES = ("monthly", "quarterly", "half_yearly", "yearly")
AGGREGATIONS = ("sum", "mean", "min", "all_met", "share_met")
"""How contributions make the city figure: 求和 / 平均 / 最小值 / 全部达标 / 达标单位占比."""


class ObligationRow(Base):
    """The office's obligation for one target of a plan, from one plan version on."""

    __tablename__ = "obligations"
    __table_args__ = (
        UniqueConstraint("plan_id", "target_uid", "from_version",
                         name="uq_obligations_plan_target_version"),
        Source.check("source"),
        Frequency.check("frequency"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id"), index=True)
    from_version: Mapped[int] = mapped_column(Integer)
    target_uid: Mapped[str] = mapped_column(String(32), index=True)
    source: Mapped[str] = mapped_column(String(20))
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    """The unit reporting the city figure (``report``); None otherwise."""
    frequency: Mapped[str] = mapped_column(String(20))
    first_month: Mapped[int] = mapped_column(Integer, default=1)
    """The month (1–12) of the plan year whose period is the first one due."""
    aggregation: Mapped[str | None] = mapped_column(String(20))
    contributions: Mapped[list] = mapped_column(JSON, default=list)
    """``[{"unit_id": 3, "quota": 8.0 | null}, ...]`` (``contributions`` only)."""
    indicator: Mapped[str | None] = mapped_column(String(50))
    """The monitoring binding's id (``monitoring`` only)."""
    projects: Mapped[dict | None] = mapped_column(JSON)
    """``{"measure", "category", "district"}``: the project aggregate (``projects`` only)."""
    note: Mapped[str] = mapped_column(Text, default="")
    updated_by: Mapped[str] = mapped_column(String(64), default="system")
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    row_version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": row_version}

    @property
    def version(self) -> int:
        """What a form carries to detect a stale edit (:func:`ecoplan.app.forms.check_fresh`)."""
        return self.row_version

    def snapshot(self) -> dict:
        return {"target_uid": self.target_uid, "from_version": self.from_version,
                "source": self.source, "owner_id": self.owner_id, "frequency": self.frequency,
                "first_month": self.first_month, "aggregation": self.aggregation,
                "contributions": list(self.contributions or []), "indicator": self.indicator,
                "projects": self.projects, "note": self.note}
