"""Uploads of monitoring files (one row per upload: preview, then done/failed/undone) and the
column maps of city platforms, saved once per source and reused."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, DateTime, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ecoplan.app.core.choices import Choices
from ecoplan.app.db import Base


class State(Choices):
    PREVIEWED = "previewed", "待确认"
    IMPORTING = "importing", "导入中"
    DONE = "done", "已导入"
    FAILED = "failed", "失败"
    UNDONE = "undone", "已撤销"


STATES, STATE_LABELS = State.values(), State.labels()
ORIGIN_LABELS = {"web": "网页上传", "inbox": "投递目录"}


class MonitoringImport(Base):
    """One upload of one or more files, imported all or nothing: ``previewed`` → ``importing``
    (committed before the files are written, so the history and the API show it while the
    import runs) → ``done`` or ``failed``; a done import may be ``undone``."""

    __tablename__ = "monitoring_imports"
    __table_args__ = (State.check("state"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    state: Mapped[str] = mapped_column(String(20))
    origin: Mapped[str] = mapped_column(String(20), default="web")
    source: Mapped[str] = mapped_column(String(100), default="")
    """The column map used (a source's name), "" when the headers were known as they were."""
    actor: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    files: Mapped[list] = mapped_column(JSON, default=list)
    """``[{name, sha256, bytes}]`` as uploaded."""
    rows: Mapped[int] = mapped_column(Integer, default=0)
    replaced: Mapped[int] = mapped_column(Integer, default=0)
    period_from: Mapped[str] = mapped_column(String(10), default="")
    period_to: Mapped[str] = mapped_column(String(10), default="")
    errors: Mapped[list] = mapped_column(JSON, default=list)
    unknown: Mapped[list] = mapped_column(JSON, default=list)
    """Station names the registry does not know (to be confirmed before the import)."""
    stations: Mapped[dict] = mapped_column(JSON, default=dict)
    """Confirmed station names → codes."""
    unknown_sections: Mapped[list] = mapped_column(JSON, default=list)
    """Water sections named in the files that the section registry does not know."""
    sections: Mapped[dict] = mapped_column(JSON, default=dict)
    """Confirmed section names → codes of the registry."""
    preview: Mapped[dict] = mapped_column(JSON, default=dict)


class InboxAttempt(Base):
    """Imports of one drop-folder file (by content) begun and not ended in order: counted and
    committed before the file is read, cleared when its pass ends (imported, refused, or left
    for a busy store). A count left behind means the process died on it (or an unexpected
    error); after ``inbox.MAX_ATTEMPTS`` the file is no longer retried by itself."""

    __tablename__ = "monitoring_inbox_attempts"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class ColumnMap(Base):
    """A city platform's headers → canonical column names, saved once, chosen as ``source``."""

    __tablename__ = "monitoring_column_maps"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(String(100), unique=True)
    mapping: Mapped[dict] = mapped_column(JSON, default=dict)
    updated_by: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
