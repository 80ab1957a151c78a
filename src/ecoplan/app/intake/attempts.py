"""A drop-folder file that kills the import (the worker process dies on it, or an unexpected
error) is retried a bounded number of times, not at every pass forever.

Each pass counts an attempt at the file (by content: SHA-256) in ``monitoring_inbox_attempts``
and commits it before reading the file; the pass clears it when it ends in order (imported,
refused with a reason, or left for a busy store). A count left behind is an attempt that died.
After :data:`MAX_ATTEMPTS` such attempts the file is moved to ``failed/`` and a ``failed`` row
of the import history says why (``errors[0].kind == "gave_up"``), visible to the monitoring
role on the history page and reported as a notice. :func:`retry` (the detail page's button,
``POST /api/monitoring/imports/{id}/retry``) puts it back into the folder on purpose; a file
put back by hand counts afresh too.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import delete
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.attributes import flag_modified

from ecoplan.app.db import unit_of_work
from ecoplan.app.intake import service
from ecoplan.app.intake.models import InboxAttempt, MonitoringImport
from ecoplan.errors import InputError

MAX_ATTEMPTS = 3
GAVE_UP, RETRIED = "gave_up", "retried"


def begin(sessions: sessionmaker[Session], sha256: str, name: str) -> int:
    """Count an attempt at the file (committed at once); the attempts that died before it."""
    with unit_of_work(sessions) as session:
        row = session.get(InboxAttempt, sha256, with_for_update=True)
        if row is None:
            row = InboxAttempt(sha256=sha256, name=name[:300], attempts=0)
            session.add(row)
        died = row.attempts
        row.attempts, row.last_at = died + 1, service.now()
        return died


def clear(sessions: sessionmaker[Session], sha256: str) -> None:
    """The attempt ended in order: nothing died."""
    with unit_of_work(sessions) as session:
        session.execute(delete(InboxAttempt).where(InboxAttempt.sha256 == sha256))


def give_up(session: Session, path: Path, kept: Path, *, sha256: str, size: int, died: int,
            actor: str) -> MonitoringImport:
    """The history's ``failed`` row of a file no longer retried (already moved to ``kept``)."""
    stamp = service.now()
    message = (f"投递目录文件 {path.name} 已连续 {died} 次在导入过程中中断（导入进程崩溃、被终止或出现"
               f"意外错误），不再自动重试；文件已移到投递目录的 failed/{kept.name}。请检查文件后点击"
               "“重新导入”（或把文件放回投递目录）再试一次")
    row = MonitoringImport(state="failed", origin="inbox", source="", actor=actor, created_at=stamp,
                           finished_at=stamp, files=[{"name": path.name, "sha256": sha256, "bytes": size}],
                           errors=[{"file": path.name, "row": None, "field": None, "kind": GAVE_UP,
                                    "kept": kept.name, "message": message}],
                           rows=0, replaced=0, period_from="", period_to="", unknown=[], stations={},
                           unknown_sections=[], sections={}, preview={})
    session.add(row)
    session.flush()
    session.execute(delete(InboxAttempt).where(InboxAttempt.sha256 == sha256))
    service._audit(session, row, actor, "monitoring.import")
    return row


def may_retry(row: MonitoringImport) -> bool:
    return row.origin == "inbox" and row.state == "failed" and bool(row.errors) \
        and row.errors[0].get("kind") == GAVE_UP


def retry(session: Session, row: MonitoringImport, inbox: Path | None, *, actor) -> Path:
    """Put the file of a given-up row back into the drop folder; where it now is."""
    if not may_retry(row):
        raise InputError("只有因多次导入中断而停止自动重试的投递目录文件可以重新导入")
    if inbox is None:
        raise InputError("本服务器未设置投递目录（ECOPLAN_MONITORING_INBOX）")
    kept, target = inbox / "failed" / row.errors[0]["kept"], inbox / row.files[0]["name"]
    if not kept.is_file():
        raise InputError(f"投递目录的 failed/ 中已没有文件 {kept.name}，请重新放入投递目录")
    if target.exists():
        raise InputError(f"投递目录中已有同名文件 {target.name}，请先处理后再重新导入")
    kept.replace(target)
    first = dict(row.errors[0], kind=RETRIED)
    first["message"] += f"。已于 {service.now():%Y-%m-%d %H:%M} 放回投递目录重新导入"
    row.errors = [first, *row.errors[1:]]
    flag_modified(row, "errors")
    service._audit(session, row, actor, "monitoring.retry")
    return target
