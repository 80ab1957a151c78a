"""Rectification items (整改事项) and the history of each one's workflow."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Boolean, Date, DateTime, Integer, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ecoplan.app.core.choices import Choices
from ecoplan.app.core.history import StateChange, parent_key
from ecoplan.app.db import Base
from ecoplan.app.ledger.workflow import State


class Source(Choices):
    """Where a problem was found (问题来源)."""

    CENTRAL = "central", "中央生态环境保护督察"
    PROVINCIAL = "provincial", "省生态环境保护督察"
    WARNING_FILM = "warning_film", "警示片"
    SPECIAL = "special", "专项督查"
    CITY = "city", "市级自查"


class Stage(Choices):
    """How long the rectification takes (整改阶段)."""

    SHORT = "short", "短期"
    MEDIUM = "medium", "中期"
    LONG = "long", "长期"


SOURCES, SOURCE_LABELS = Source.values(), Source.labels()
STAGES, STAGE_LABELS = Stage.values(), Stage.labels()


class LedgerItem(Base):
    """One problem to rectify: where it came from, who fixes it, by when, and where it stands."""

    __tablename__ = "ledger_items"
    __table_args__ = (
        Source.check("source"),
        Stage.check("stage"),
        State.check("state"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(50), unique=True)
    """The office's item number (问题编号), e.g. ``ZY-2023-015``."""
    source: Mapped[str] = mapped_column(String(20))
    batch: Mapped[str] = mapped_column(String(100), default="")
    description: Mapped[str] = mapped_column(Text)
    district: Mapped[str] = mapped_column(String(50), default="", index=True)
    units: Mapped[list] = mapped_column(JSON, default=list)
    """Responsible units' names (责任单位)."""
    measures: Mapped[str] = mapped_column(Text, default="")
    deadline: Mapped[dt.date | None] = mapped_column(Date)
    stage: Mapped[str] = mapped_column(String(10), default="short")
    state: Mapped[str] = mapped_column(String(20), default="assigned")
    task_uid: Mapped[str | None] = mapped_column(String(32))
    target_uid: Mapped[str | None] = mapped_column(String(32))
    evidence: Mapped[str] = mapped_column(Text, default="")
    """The evidence (整改佐证) of the latest closure request."""
    requested_on: Mapped[dt.date | None] = mapped_column(Date)
    closed_on: Mapped[dt.date | None] = mapped_column(Date)
    public: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    """The office shows it on the public page (公开): only marked items are ever shown there."""
    public_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    """The progress the public reads (written by the office; no names, no evidence)."""
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer, default=1)

    events: Mapped[list["LedgerEvent"]] = relationship(
        back_populates="item", order_by="LedgerEvent.id", cascade="all, delete-orphan")

    def snapshot(self) -> dict:
        """What the audit log keeps of an item: every field the office may edit, the state and
        the evidence."""
        return {"code": self.code, "state": self.state, "source": self.source,
                "batch": self.batch, "description": self.description, "district": self.district,
                "units": list(self.units or []), "measures": self.measures,
                "deadline": str(self.deadline or ""), "stage": self.stage,
                "task_uid": self.task_uid, "target_uid": self.target_uid,
                "evidence": self.evidence, "public": bool(self.public),
                "public_text": self.public_text or ""}


class LedgerEvent(StateChange, Base):
    """One move of the workflow (or a 回头看), with who, when, the evidence or the reason."""

    __tablename__ = "ledger_events"

    item_id: Mapped[int] = parent_key("ledger_items")
    evidence: Mapped[str] = mapped_column(Text, default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    files: Mapped[list] = mapped_column(JSON, default=list)
    """Evidence files: name, path under the data directory, sha256, size."""

    item: Mapped[LedgerItem] = relationship(back_populates="events")
