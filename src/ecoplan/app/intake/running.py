"""An upload's import while it runs, and imports whose process died.

A confirmed upload is ``importing`` only while its owner (host, process id and start time,
kept in ``preview["owner"]``) exists, and from the moment it writes until its final state is
committed it holds the store's lock (the one ``ecoplan data import`` takes: never two imports
at once). So an ``importing`` row seen while the lock is free and whose owner is gone (on this
host: no such process; on another host: no progress for :data:`LEASE_SECONDS`) was killed: the
lock puts back what it had half-written (:mod:`ecoplan.monitoring.journal`) and :func:`recover`
makes it resumable — a web upload goes back to ``previewed`` (files and confirmed names kept:
one click on 确认导入 imports it again), a drop-folder file is imported again by the next pass
(the reason is written on the row in both cases). It runs at server start, when the history is
listed and before the next import.

:func:`start` checks a previewed upload and marks it ``importing``; :func:`run` (the request's
background task) or :func:`finish` (the drop folder, inline) writes it with progress
``preview["progress"] = {done, total}`` committed after each part.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import socket
from pathlib import Path
from typing import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from ecoplan.app.core.actor import SYSTEM_ACTOR
from ecoplan.app.db import unit_of_work
from ecoplan.app.intake import service
from ecoplan.app.intake.models import MonitoringImport
from ecoplan.errors import InputError
from ecoplan.monitoring import intake
from ecoplan.monitoring.lock import StoreBusy, is_free
from ecoplan.monitoring.store import Store

log = logging.getLogger(__name__)
LEASE_SECONDS = 900
"""An owner on another host (whose process cannot be looked up) is alive while its import
moved within this many seconds."""
BUSY = "监测数据正由其他导入（网页、投递目录或命令行）写入，未写入任何数据；请稍后重新确认导入"


def _started(pid: int) -> str | None:
    """The process's start time (clock ticks since boot, from ``/proc``): None when there is no
    such live process, "" when ``/proc`` cannot tell (then only the id is checked)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return None if Path("/proc/self/stat").exists() else ""
    except OSError:
        return ""
    fields = stat[stat.rindex(")") + 2:].split()
    return None if fields[0] in ("Z", "X") else fields[19]


def owner() -> dict:
    """This process as the owner of an import."""
    return {"host": socket.gethostname(), "pid": os.getpid(), "start": _started(os.getpid()) or ""}


def alive(row: MonitoringImport) -> bool:
    """Whether the process that marked ``row`` importing may still be running it."""
    who = (row.preview or {}).get("owner")
    if not who:
        return False
    if who.get("host") != socket.gethostname():
        moved = (row.preview.get("progress") or {}).get("at") or row.preview.get("started_at")
        return bool(moved) and (service.now() - _parse(moved)).total_seconds() < LEASE_SECONDS
    started = _started(int(who["pid"]))
    if started == "":
        try:
            os.kill(int(who["pid"]), 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            pass
        return True
    return started is not None and started == who.get("start")


def _parse(stamp: str) -> dt.datetime:
    moment = dt.datetime.fromisoformat(stamp)
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)


def recover(session: Session, data_dir: Path) -> list[int]:
    """Make the imports whose process died resumable (:func:`_ended`); their ids. Nothing is
    done while another import holds the store (it may be one of them; it is looked at later)."""
    if not session.scalar(select(MonitoringImport.id).where(MonitoringImport.state == "importing").limit(1)):
        return []
    ended = []
    try:
        with Store(data_dir).lock(timeout=0):  # a half-written import is rolled back here
            rows = session.scalars(select(MonitoringImport).where(MonitoringImport.state == "importing")
                                   .execution_options(populate_existing=True))
            for row in rows:
                if not alive(row):
                    _ended(session, data_dir, row)
                    ended.append(row.id)
    except StoreBusy:
        return []
    return ended


def _ended(session: Session, data_dir: Path, row: MonitoringImport) -> None:
    """What a killed import becomes (its half-written files are already put back by the lock):
    ``done`` when everything was written and registered; a web upload goes back to
    ``previewed`` with its files and confirmed names kept, so the person confirms it again in
    one click; a drop-folder file is ``failed`` here and imported again by the next pass (it
    is moved out of the folder only after its import ended)."""
    who = row.preview.get("owner") or {}
    process = f"{who.get('host', '?')} 上的进程 {who.get('pid', '?')}" if who else "导入进程"
    registered = Store(data_dir).imports()
    if row.files and all(f["sha256"] in registered for f in row.files):
        row.state, row.finished_at = "done", service.now()
        row.preview = {**row.preview, "registry_after": service._registry_hash(data_dir),
                       "recovered": f"导入进程（{process}）在写完全部数据后中断，导入已完成"}
        service._audit(session, row, SYSTEM_ACTOR, "monitoring.import")
        return
    shutil.rmtree(service.folder(data_dir, row.id) / "undo", ignore_errors=True)  # the lock restored from it
    if row.origin == "web":
        row.state, row.finished_at = "previewed", None
        row.preview = {k: v for k, v in row.preview.items() if k not in RUN_KEYS}
        row.errors = [_interrupted(process, "上传的文件仍保留，请点击“确认导入”重新导入（无需重新上传）")]
    else:
        row.state, row.finished_at = "failed", service.now()
        row.errors = [_interrupted(process, "文件仍在投递目录中，下一轮将自动重新导入")]
        service.discard_files(data_dir, row)
    service._audit(session, row, SYSTEM_ACTOR, "monitoring.import")


RUN_KEYS = ("owner", "progress", "started_at")
"""What a run adds to ``preview`` (removed when a killed run goes back to ``previewed``)."""


def _interrupted(process: str, then: str) -> dict:
    return {"file": None, "row": None, "field": None,
            "message": f"导入进程（{process}）在导入过程中中断（如被终止或服务器重启），导入未完成；"
                       f"已恢复导入前的数据，未写入任何数据。{then}"}


def start(session: Session, data_dir: Path, row: MonitoringImport, *, stations: dict[str, str] | None = None,
          sections: dict[str, str] | None = None, actor) -> intake.Staged | None:
    """Check ``row`` with the confirmed names and mark it ``importing`` (the caller commits):
    what to write, or None when it failed. Refuses (:class:`StoreBusy`, nothing changed) while
    another import holds the store."""
    recover(session, data_dir)
    if not is_free(data_dir):
        raise StoreBusy(BUSY)
    staged = service.begin(session, data_dir, row, stations=stations, sections=sections, actor=actor)
    if staged is not None:
        row.preview = {**row.preview, "owner": owner(),
                       "progress": {"done": 0, "total": row.rows, "at": service.now().isoformat()}}
    return staged


def finish(session: Session, data_dir: Path, row: MonitoringImport, staged: intake.Staged, *, actor,
           publish: Callable[[], None]) -> MonitoringImport:
    """Write ``row`` all or nothing under the store's lock, held until its final state is
    published (``publish``: the session's commit). Waits up to ``service.LOCK_WAIT_SECONDS``
    for the lock; past that the upload goes back to ``previewed`` and :class:`StoreBusy` is raised."""
    try:
        with Store(data_dir).lock(timeout=service.LOCK_WAIT_SECONDS):
            _write(session, data_dir, row, staged, actor, publish)
            publish()
    except StoreBusy:
        row.state, row.finished_at = "previewed", None
        row.errors = [{"file": None, "row": None, "field": None, "message": BUSY}]
        publish()
        raise
    return row


def _write(session: Session, data_dir: Path, row: MonitoringImport, staged: intake.Staged, actor,
           publish: Callable[[], None]) -> None:
    def progress(done: int, total: int) -> None:
        row.preview = {**row.preview, "progress": {"done": done, "total": total, "at": service.now().isoformat()}}
        publish()

    try:
        intake.commit(Store(data_dir), staged, service.folder(data_dir, row.id) / "undo",
                      stations=dict(row.stations), lock_timeout=0, progress=progress)
    except InputError as err:
        row.state, row.finished_at, row.errors = "failed", service.now(), intake.error_dict(err)[:service.MAX_ERRORS]
    except Exception as err:
        log.exception("ecoplan: monitoring import %s failed", row.id)
        row.state, row.finished_at = "failed", service.now()
        row.errors = [{"file": None, "row": None, "field": None,
                       "message": f"导入时出错（{err.__class__.__name__}），请核对监测数据后重试"}]
    else:
        row.state, row.finished_at = "done", service.now()
        row.preview = {**row.preview, "registry_after": service._registry_hash(data_dir)}
    service._audit(session, row, actor, "monitoring.import")


def confirm(session: Session, data_dir: Path, row: MonitoringImport, *, stations: dict[str, str] | None = None,
            sections: dict[str, str] | None = None, actor) -> MonitoringImport:
    """:func:`start` and :func:`finish` in one go, in ``session`` (the drop folder)."""
    staged = start(session, data_dir, row, stations=stations, sections=sections, actor=actor)
    session.commit()
    if staged is None:
        return row
    return finish(session, data_dir, row, staged, actor=actor, publish=session.commit)


def run(sessions: sessionmaker[Session], data_dir: Path, import_id: int, staged: intake.Staged, actor) -> None:
    """The background task of a confirmation: :func:`finish` in a session of its own."""
    with unit_of_work(sessions) as session:
        row = session.get(MonitoringImport, import_id)
        if row is None or row.state != "importing":
            return
        try:
            finish(session, data_dir, row, staged, actor=actor, publish=session.commit)
        except StoreBusy:
            log.info("ecoplan: monitoring import %s waited too long for the store", import_id)
