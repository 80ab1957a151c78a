"""The districts' annual report (辖市区年度生态文明建设工作情况报告) to 市委、市政府: one per
district and year.

``content`` holds the figures gathered from the platform when the report is drafted (quotas
with the values reported, key projects, supervision items, the assessment);
``text`` is the 正文 the district edits (a line starting ``一、`` is a heading), ``version``
is bumped on every save so a form carrying an older one is refused.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ecoplan.app.db import Base


class DistrictReport(Base):
    __tablename__ = "district_reports"
    __table_args__ = (UniqueConstraint("unit_id", "year", name="uq_district_reports_unit_year"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    content: Mapped[dict] = mapped_column(JSON, default=dict)
    text: Mapped[str] = mapped_column(Text, default="")
    doc_number: Mapped[str] = mapped_column(String(60), default="")
    signer: Mapped[str] = mapped_column(String(60), default="")
    """签发人 (GB/T 9704-2012 7.2.6: a 上行文 names who signed it off)."""
    dated: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    """成文日期 (GB/T 9704-2012 7.3.5.1: the day the 签发人 signed it off), set by the district;
    None: the day the report was last changed. The year in the 发文字号 is this date's year."""
    version: Mapped[int] = mapped_column(Integer, default=1)
    drafted_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))

    unit = relationship("Unit")

    @property
    def owner(self) -> str:
        return self.unit.name if self.unit is not None else ""

    def snapshot(self) -> dict:
        return {"unit": self.owner, "year": self.year, "doc_number": self.doc_number,
                "signer": self.signer,
                "dated": self.dated.isoformat() if self.dated else None, "version": self.version, "text_length": len(self.text)}
