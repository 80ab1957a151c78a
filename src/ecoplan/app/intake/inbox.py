"""The drop folder (``ECOPLAN_MONITORING_INBOX``): files put there are imported unattended.

:func:`run_inbox` is one pass, a plain function the scheduler calls (``InboxWatcher`` every
``ECOPLAN_MONITORING_INBOX_EVERY`` seconds in each ``ecoplan serve`` worker, one at a time by a lease). Each file is one
upload: previewed and imported all or nothing, moved to ``done/`` or ``failed/``, written to the
import history, and reported to every office (admin) account as an in-app notice. A file still
being copied in (changed in the last ``min_age`` seconds) waits for the next pass; station names
the registry does not know fail the file (nobody is there to confirm them).
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from ecoplan.app.core import clock
from ecoplan.app.auth.models import User
from ecoplan.app.db import unit_of_work
from ecoplan.app.intake import attempts, running, service
from ecoplan.app.serving import lease
from ecoplan.app.workbench import notices
from ecoplan.errors import InputError
from ecoplan.monitoring.lock import StoreBusy

log = logging.getLogger(__name__)
ACTOR = "system"
LEASE = "monitoring-inbox"


def ready_files(inbox: Path, min_age: float) -> list[Path]:
    cutoff = clock.utcnow().timestamp() - min_age
    return sorted(p for p in inbox.iterdir() if p.is_file() and not p.name.startswith(".") and p.stat().st_mtime <= cutoff)


def _move(path: Path, to: Path) -> Path:
    to.mkdir(parents=True, exist_ok=True)
    target = to / path.name
    if target.exists():
        target = to / f"{clock.now():%Y%m%d%H%M%S}-{path.name}"
    path.replace(target)
    return target


def run_inbox(sessions: sessionmaker[Session], data_dir: Path, inbox: Path, *, max_bytes: int,
              min_age: float = 10.0) -> list[int]:
    """Import every ready file of ``inbox``; the ids of the uploads made."""
    if not inbox.is_dir():
        return []
    made = []
    for path in ready_files(inbox, min_age):
        try:
            made.append(_one(sessions, data_dir, inbox, path, max_bytes))
        except StoreBusy:  # another import holds the store: the file waits for the next pass
            log.info("ecoplan: store busy, %s left in the drop folder", path.name)
            break
    return made


def _one(sessions, data_dir: Path, inbox: Path, path: Path, max_bytes: int) -> int:
    """One file, its attempt counted first (:mod:`ecoplan.app.intake.attempts`): a file whose
    earlier attempts died :data:`attempts.MAX_ATTEMPTS` times is set aside, not read again."""
    with path.open("rb") as fh:  # streamed: reading a huge file whole is what may kill the worker
        digest = hashlib.file_digest(fh, "sha256").hexdigest()
    died = attempts.begin(sessions, digest, path.name)
    if died >= attempts.MAX_ATTEMPTS:
        return _give_up(sessions, data_dir, inbox, path, digest, path.stat().st_size, died)
    try:
        made = _import(sessions, data_dir, inbox, path, _head(path, max_bytes + 1), max_bytes)
    except StoreBusy:
        attempts.clear(sessions, digest)
        raise
    attempts.clear(sessions, digest)
    return made


def _head(path: Path, size: int) -> bytes:
    """At most ``size`` bytes of the file (the service refuses a file over the upload limit)."""
    with path.open("rb") as fh:
        return fh.read(size)


def _give_up(sessions, data_dir: Path, inbox: Path, path: Path, digest: str, size: int,
             died: int) -> int:
    with unit_of_work(sessions) as session:
        running.recover(session, data_dir)  # the dead attempts' own rows say "interrupted"
        kept = _move(path, inbox / "failed")
        row = attempts.give_up(session, path, kept, sha256=digest, size=size, died=died, actor=ACTOR)
        log.warning("ecoplan: drop-folder file %s set aside after %d interrupted attempts", path.name, died)
        _notify(session, row.errors[0]["message"], row.id, roles=("admin", "monitoring"))
        return row.id


def _import(sessions, data_dir: Path, inbox: Path, path: Path, content: bytes, max_bytes: int) -> int:
    with unit_of_work(sessions) as session:
        try:
            row = service.create(session, data_dir, [(path.name, content)], actor=ACTOR,
                                 origin="inbox", max_bytes=max_bytes)
        except InputError as err:
            _move(path, inbox / "failed")
            _notify(session, f"投递目录文件 {path.name} 未导入：{err}")
            return 0
        if row.state == "previewed" and (row.unknown or row.unknown_sections):
            row.state, row.finished_at = "failed", service.now()
            row.errors = [{"file": path.name, "row": None, "field": "station" if row.unknown else "section",
                           "message": "站点或断面不在名录中（投递目录无法人工确认）："
                                      f"{'、'.join(row.unknown + (row.unknown_sections or []))}"}]
            service._audit(session, row, ACTOR, "monitoring.import")
        elif row.state == "previewed":
            try:
                running.confirm(session, data_dir, row, actor=ACTOR)
            except StoreBusy:  # the file stays for the next pass; this row says why
                row.state, row.finished_at = "failed", service.now()
                row.errors = [{"file": path.name, "row": None, "field": None,
                               "message": "监测数据正由其他导入写入，文件留在投递目录，下一轮再导入"}]
                session.commit()
                raise
        else:
            service._audit(session, row, ACTOR, "monitoring.import")
        _move(path, inbox / ("done" if row.state == "done" else "failed"))
        if row.state == "done":
            _notify(session, f"投递目录文件 {path.name} 已导入：{row.rows} 行，替换 {row.replaced} 个数值", row.id)
        else:
            first = row.errors[0]["message"] if row.errors else ""
            _notify(session, f"投递目录文件 {path.name} 未导入：{first}", row.id)
        return row.id


def _notify(session: Session, message: str, import_id: int | None = None, *,
            roles: tuple[str, ...] = ("admin",)) -> None:
    link = f"/monitoring/intake/{import_id}" if import_id else "/monitoring/intake"
    for user_id in session.scalars(select(User.id).where(User.role.in_(roles), User.active.is_(True))):
        notices.send(session, kind="monitoring", message=message, link=link, user_id=user_id, smtp=None)


class InboxWatcher(lease.LeasedJob):
    """Call :func:`run_inbox` every ``every_s`` seconds in a daemon thread until :meth:`stop`.

    Every worker process runs one; only the holder of the database lease ``monitoring-inbox``
    makes a pass, so two processes never move the same file."""

    name = LEASE

    def __init__(self, sessions, data_dir: Path, inbox: Path, *, max_bytes: int, every_s: float) -> None:
        super().__init__(sessions, every_s=every_s)
        self._paths = (data_dir, inbox)
        self._max_bytes = max_bytes

    def step(self) -> list[int]:
        return run_inbox(self._sessions, *self._paths, max_bytes=self._max_bytes)
