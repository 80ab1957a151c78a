"""Plans as stored: a plan (region + year) has numbered versions; a version holds its items.

A published version is immutable; a later edit copies it into a new draft. Every item carries a
``uid`` kept across versions (so differences and links survive re-publishing) and a
``row_version`` that SQLAlchemy bumps on each update: a form that carries an older one is stale.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship

from ecoplan.app.core.choices import Choices
from ecoplan.app.db import Base



class VersionStatus(Choices):
    DRAFT = "draft", "草稿"
    PUBLISHED = "published", "已发布"


class TaskStatus(Choices):
    """Where a task stands; progress reporting moves it."""

    NOT_STARTED = "not_started", "未开始"
    IN_PROGRESS = "in_progress", "推进中"
    DONE = "done", "已完成"
    BEHIND = "behind", "滞后"


class Comparator(Choices):
    """How a target's value is compared (the label is the sign people read)."""

    LE = "<=", "≤"
    GE = ">=", "≥"
    LT = "<", "<"
    GT = ">", ">"
    EQ = "==", "="


class Role(Choices):
    """A unit's role in a task, coded as the plan contract (``ecoplan.plan/1``) groups its
    units: one name everywhere (stored rows, progress reports, the API)."""

    LEAD = "lead", "牵头"
    COOPERATING = "cooperating", "配合"
    SHARED = "shared", "按职责分工负责"
    IMPLEMENTERS = "implementers", "负责落实"


DRAFT, PUBLISHED = VersionStatus.values()
ROLES = Role.values()
TASK_STATUSES = TaskStatus.values()


class Plan(Base):
    """工作方案: one region's plan for one year."""

    __tablename__ = "plans"
    __table_args__ = (UniqueConstraint("region", "year", name="uq_plans_region_year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    region: Mapped[str] = mapped_column(String(100))
    year: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))

    versions: Mapped[list["PlanVersion"]] = relationship(
        back_populates="plan", order_by="PlanVersion.number"
    )


class PlanSource(Base):
    """The uploaded document, stored under the data directory (never the web root)."""

    __tablename__ = "plan_sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    file_name: Mapped[str] = mapped_column(String(300))
    stored_path: Mapped[str] = mapped_column(String(500))
    """Relative to the data directory."""
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    """The reader's extracted text: positions of items refer to it."""
    uploaded_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    uploaded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class PlanVersion(Base):
    """One version of a plan: a draft being reviewed, or a published, immutable version."""

    __tablename__ = "plan_versions"
    __table_args__ = (
        UniqueConstraint("plan_id", "number", name="uq_plan_versions_plan_number"),
        VersionStatus.check("status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), default=DRAFT)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("plan_sources.id"))
    based_on_id: Mapped[int | None] = mapped_column(ForeignKey("plan_versions.id"))
    document: Mapped[dict] = mapped_column(JSON, default=dict)
    """``document`` of ecoplan.plan/1: title, doc_number, issuer, signed, published, year, region."""
    warnings: Mapped[list] = mapped_column(JSON, default=list)
    unknown_units: Mapped[list] = mapped_column(JSON, default=list)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    published_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    published_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    edited_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    """Last change of any of its items: it bumps ``row_version``, so a publish form filled in
    before someone else's change is stale."""
    row_version: Mapped[int] = mapped_column(Integer, default=1)

    plan: Mapped[Plan] = relationship(back_populates="versions")
    source: Mapped[PlanSource | None] = relationship()
    sections: Mapped[list["Section"]] = relationship(
        order_by="Section.position", cascade="all, delete-orphan"
    )
    tasks: Mapped[list["Task"]] = relationship(
        order_by="Task.position", cascade="all, delete-orphan"
    )
    targets: Mapped[list["Target"]] = relationship(
        order_by="Target.position", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": row_version}

    @property
    def is_draft(self) -> bool:
        return self.status == DRAFT


class _Item:
    """Columns every plan item has: its version, its stable uid, its row version."""

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(32), index=True)
    row_version: Mapped[int] = mapped_column(Integer, default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict:
        return {"version_id_col": cls.__table__.c.row_version}


class Section(_Item, Base):
    """A heading of the plan's outline (二、重点任务 › （一）加快推动绿色低碳发展)."""

    __tablename__ = "plan_sections"

    version_id: Mapped[int] = mapped_column(ForeignKey("plan_versions.id"), index=True)
    key: Mapped[str] = mapped_column(String(50))
    """The parser's id (``s2-1``), unique within a version."""
    path: Mapped[list] = mapped_column(JSON, default=list)
    title: Mapped[str] = mapped_column(String(300))
    position: Mapped[int] = mapped_column(Integer, default=0)


class Task(_Item, Base):
    """重点任务: a numbered task with its responsible units, districts and deadlines."""

    __tablename__ = "plan_tasks"
    __table_args__ = (
        TaskStatus.check("status"),
    )

    version_id: Mapped[int] = mapped_column(ForeignKey("plan_versions.id"), index=True)
    section_id: Mapped[int | None] = mapped_column(ForeignKey("plan_sections.id"))
    number: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(500))
    text: Mapped[str] = mapped_column(Text, default="")
    subitems: Mapped[list] = mapped_column(JSON, default=list)
    districts: Mapped[list] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(20), default="not_started")
    position: Mapped[int] = mapped_column(Integer, default=0)

    section: Mapped[Section | None] = relationship()
    responsibilities: Mapped[list["Responsibility"]] = relationship(
        back_populates="task", order_by="Responsibility.position", cascade="all, delete-orphan"
    )
    deadlines: Mapped[list["Deadline"]] = relationship(
        back_populates="task", order_by="Deadline.position", cascade="all, delete-orphan"
    )
    targets: Mapped[list["Target"]] = relationship(
        back_populates="task", order_by="Target.position"
    )


class Target(_Item, Base):
    """工作目标 / 指标: metric, comparator, value, unit, deadline, as written in ``text``."""

    __tablename__ = "plan_targets"
    __table_args__ = (
        Comparator.check("comparator"),
    )

    version_id: Mapped[int] = mapped_column(ForeignKey("plan_versions.id"), index=True)
    task_id: Mapped[int | None] = mapped_column(ForeignKey("plan_tasks.id"))
    """None for the plan's overall goals (工作目标)."""
    task_ref: Mapped[str] = mapped_column(String(30))
    """``goal``, a task number, or a number with its sub-item (``23(2)``)."""
    metric: Mapped[str] = mapped_column(String(200))
    scope: Mapped[str] = mapped_column(String(100), default="")
    comparator: Mapped[str] = mapped_column(String(2))
    value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(50), default="")
    baseline: Mapped[str | None] = mapped_column(String(50))
    soft: Mapped[bool] = mapped_column(Boolean, default=False)
    deadline: Mapped[dt.date | None] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)

    task: Mapped[Task | None] = relationship(back_populates="targets")


class Responsibility(_Item, Base):
    """A unit's role in a task (task × unit × role)."""

    __tablename__ = "plan_responsibilities"
    __table_args__ = (
        Role.check("role"),
    )

    task_id: Mapped[int] = mapped_column(ForeignKey("plan_tasks.id"), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    """None while the unit is unknown to the gazetteer (listed first on the review page)."""
    unit_name: Mapped[str] = mapped_column(String(200))
    written: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(20))
    position: Mapped[int] = mapped_column(Integer, default=0)

    task: Mapped[Task] = relationship(back_populates="responsibilities")


class DeadlineKind(Choices):
    """What a deadline's date is (ecoplan.plan/1 ``deadlines[].kind``): statuses use only ``due``."""

    DUE = "due", "完成时限"
    START = "start", "起始时间"


class DeadlineScope(Choices):
    """What a deadline governs in its task (ecoplan.plan/1 ``deadlines[].scope``)."""

    TASK = "task", "整项任务"
    PARAGRAPH = "paragraph", "本段"
    CLAUSE = "clause", "所在分句"


class Deadline(_Item, Base):
    """A dated step of a task (时间节点), with its exact text, its kind and what it governs.

    ``kind`` and ``scope`` come from the reader at import; a draft edit of the deadline's or
    its task's text clears them and publishing fills what is empty from the texts
    (:func:`ecoplan.app.plans.deadline_kinds.fill`), so a published deadline always has both."""

    __tablename__ = "plan_deadlines"
    __table_args__ = (DeadlineKind.check("kind"), DeadlineScope.check("scope"))

    task_id: Mapped[int] = mapped_column(ForeignKey("plan_tasks.id"), index=True)
    date: Mapped[dt.date | None] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[str | None] = mapped_column(String(10))
    scope: Mapped[str | None] = mapped_column(String(10))

    task: Mapped[Task] = relationship(back_populates="deadlines")
