"""Key projects (重点工程项目): the ledger of task 31's infrastructure projects and their like.

Money is in 万元 (10^4 yuan), as the plan and the office's spreadsheets write it. Milestones are
the three the office tracks: 开工, 主体完工, 投运, each with a planned and an actual date.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import (JSON, Boolean, Date, DateTime, ForeignKey, Integer,
                        Numeric, String, Text, UniqueConstraint, false)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ecoplan.app.core.choices import Choices
from ecoplan.app.db import Base

CATEGORIES = ("城镇污水处理设施", "农村生活污水治理", "工业园区废水处理设施",
              "环太湖有机废弃物收运处置", "危险废物与一般工业固体废物收贮处置利用设施", "工业绿岛",
              "生态保护基础设施", "清洁能源供应能力建设", "生态环境监测监控能力建设",
              "环境风险防控与应急能力建设")
"""Task 31's ten categories, in the plan's order."""
SOURCES = ("市级财政", "区级财政", "专项债", "社会资本", "其他")
"""Sources of money (资金来源) a planned investment is split into."""
MILESTONES = (("start", "开工"), ("main", "主体完工"), ("ops", "投运"))
CENT = Decimal("0.01")


def to_money(value) -> Decimal:
    """An amount (万元) as the exact decimal stored: two places, from its shortest text."""
    return Decimal(str(value or 0)).quantize(CENT)


class Project(Base):
    """One key project: what, whose, where, how much, and its milestones."""

    __tablename__ = "projects"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(50), unique=True)
    """The office's project number (项目编号), the key an import updates by."""
    name: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(60), index=True)
    task: Mapped[str] = mapped_column(String(20), default="")
    """The plan's task number (e.g. ``31``) the project serves."""
    owner: Mapped[str] = mapped_column(String(100), index=True)
    """The owner unit's name (责任单位)."""
    district: Mapped[str] = mapped_column(String(50), default="", index=True)
    """The district it is in; empty: city level (市级)."""
    location: Mapped[str] = mapped_column(String(200), default="")
    content: Mapped[str] = mapped_column(Text, default="")
    invest_planned: Mapped[Decimal] = mapped_column(Numeric(14, 2), default=Decimal("0"))
    invest_done: Mapped[Decimal] = mapped_column(Numeric(14, 2), default=Decimal("0"))
    """Money in 万元 as exact decimals (two places), never binary floats."""
    funding: Mapped[dict] = mapped_column(JSON, default=dict)
    """Planned investment by source (万元), keys from :data:`SOURCES`; may be empty."""
    start_planned: Mapped[dt.date | None] = mapped_column(Date)
    start_actual: Mapped[dt.date | None] = mapped_column(Date)
    main_planned: Mapped[dt.date | None] = mapped_column(Date)
    main_actual: Mapped[dt.date | None] = mapped_column(Date)
    ops_planned: Mapped[dt.date | None] = mapped_column(Date)
    ops_actual: Mapped[dt.date | None] = mapped_column(Date)
    synthetic: Mapped[bool] = mapped_column(Boolean, default=False)
    """Invented for the demo (合成数据), not a real project."""
    public: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    """The office shows it on the public page (公开)."""
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))

    def milestones(self) -> list[dict]:
        return [{"key": key, "name": name, "planned": getattr(self, f"{key}_planned"),
                 "actual": getattr(self, f"{key}_actual")} for key, name in MILESTONES]

    def snapshot(self) -> dict:
        """What the audit log keeps of a project: every field an import or the office sets."""
        def day(value: dt.date | None) -> str:
            return str(value or "")

        return {"code": self.code, "name": self.name, "category": self.category,
                "task": self.task, "owner": self.owner, "district": self.district,
                "location": self.location, "content": self.content,
                "invest_planned": float(self.invest_planned or 0),
                "invest_done": float(self.invest_done or 0),
                "funding": dict(self.funding or {}),
                "start_planned": day(self.start_planned), "start_actual": day(self.start_actual),
                "main_planned": day(self.main_planned), "main_actual": day(self.main_actual),
                "ops_planned": day(self.ops_planned), "ops_actual": day(self.ops_actual),
                "synthetic": self.synthetic, "public": self.public}


EDITABLE = ("name", "category", "task", "owner", "district", "location", "content",
            "invest_planned", "invest_done", "funding", "start_planned", "start_actual",
            "main_planned", "main_actual", "ops_planned", "ops_actual", "synthetic", "public")


class ReportState(Choices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "待审核"
    APPROVED = "approved", "已审核"
    RETURNED = "returned", "已退回"


REPORT_STATES, REPORT_STATE_LABELS = ReportState.values(), ReportState.labels()


class ProjectReport(Base):
    """A project's monthly report (月报) by its owner unit: investment done to date (万元, exact
    decimal) and the milestones reached; approved by the unit's leader, it updates the project."""

    __tablename__ = "project_reports"
    __table_args__ = (
        UniqueConstraint("project_id", "period", name="uq_project_reports_project_period"),
        ReportState.check("state"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), index=True)
    period: Mapped[str] = mapped_column(String(7))
    """``2023-06``: the month reported on."""
    invest_done: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    """累计完成投资 to the end of the period (万元)."""
    start_actual: Mapped[dt.date | None] = mapped_column(Date)
    main_actual: Mapped[dt.date | None] = mapped_column(Date)
    ops_actual: Mapped[dt.date | None] = mapped_column(Date)
    narrative: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(20), default="draft")
    return_comment: Mapped[str] = mapped_column(Text, default="")
    submitted_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    approved_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    """Bumped on every step; a form carrying an older one is refused
    (:func:`ecoplan.app.progress.workflow.check_version`)."""

    project: Mapped[Project] = relationship()

    @property
    def owner(self) -> str:
        """The project's owner unit (the permission rule's ``obj.owner``)."""
        return self.project.owner

    @property
    def district(self) -> str:
        return self.project.district

    def snapshot(self) -> dict:
        def day(value: dt.date | None) -> str:
            return str(value or "")

        return {"project": self.project.code, "period": self.period,
                "invest_done": str(self.invest_done), "start_actual": day(self.start_actual),
                "main_actual": day(self.main_actual), "ops_actual": day(self.ops_actual),
                "narrative": self.narrative, "state": self.state,
                "return_comment": self.return_comment}
