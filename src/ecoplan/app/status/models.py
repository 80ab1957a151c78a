"""The status settings (one row): thresholds between statuses, how the pace is computed, and
the day statuses are computed for. Editable by the office (admin) on /status/settings."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Date, Float, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ecoplan.app.db import Base
from ecoplan.app.status.pace import PaceMode


class StatusSettings(Base):
    __tablename__ = "status_settings"
    __table_args__ = (
        CheckConstraint("lag_points >= 0 AND severe_points >= lag_points", name="thresholds"),
        PaceMode.check("pace_mode"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    lag_points: Mapped[float] = mapped_column(Float, default=10.0)
    """Percentage points behind the expected pace beyond which an item is 滞后."""
    severe_points: Mapped[float] = mapped_column(Float, default=25.0)
    """Percentage points behind beyond which an item is 严重滞后."""
    pace_mode: Mapped[str] = mapped_column(String(12), default="milestones")
    """"milestones": a task's own deadlines when it has any; "time": always time-proportional."""
    as_of: Mapped[dt.date | None] = mapped_column(Date)
    """The day statuses are computed for (评估日期); None: today, within the plan's year."""
    version: Mapped[int] = mapped_column(Integer, default=1)

    def snapshot(self) -> dict:
        return {"lag_points": self.lag_points, "severe_points": self.severe_points,
                "pace_mode": self.pace_mode,
                "as_of": self.as_of.isoformat() if self.as_of else None}
