"""Pages: /monitoring/intake (upload, column maps, history, undo), /monitoring/intake/{id}
(preview, station confirmation, import), /monitoring/completeness (one month)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Depends, File, Form, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from sqlalchemy import select

from ecoplan.app.core import clock
from ecoplan.app.auth.models import User
from ecoplan.app.deps import SessionDep
from ecoplan.app.core.actor import current_actor
from ecoplan.app.forms import describe
from ecoplan.app.intake import attempts, service
from ecoplan.app.intake.api import _row, read_uploads, recovered, start_import
from ecoplan.app.intake.models import ORIGIN_LABELS, STATE_LABELS, ColumnMap
from ecoplan.app.permissions import require
from ecoplan.app.templating import redirect, render
from ecoplan.errors import InputError
from ecoplan.monitoring.completeness import LABELS, month_report
from ecoplan.monitoring.store import DAILY_KEYS, Store

router = APIRouter(prefix="/monitoring")
Importer = Annotated[User, Depends(require("monitoring.import"))]


def _home(request: Request, session, *, error: str | None = None, status: int = 200, form: dict | None = None):
    recovered(request, session)
    maps = list(session.scalars(select(ColumnMap).order_by(ColumnMap.source)))
    last = service.last_done(session)
    return render(request, "intake/index.html", {
        "imports": service.history(session), "maps": maps, "labels": STATE_LABELS, "origins": ORIGIN_LABELS,
        "undoable": last if last is not None and last.state == "done" else None, "error": error, "form": form or {},
        "max_mb": request.app.state.settings.max_upload_bytes // (1024 * 1024)}, status_code=status)


@router.get("/intake")
def intake_page(request: Request, session: SessionDep, _user: Importer):
    return _home(request, session)


@router.post("/intake")
async def upload(request: Request, session: SessionDep, user: Importer,
                 files: Annotated[list[UploadFile], File()] = (), source: Annotated[str, Form()] = ""):
    settings = request.app.state.settings
    try:
        uploads = await read_uploads(list(files), settings.max_upload_bytes)
        row = service.create(session, settings.data_dir, uploads, source=source.strip(), actor=current_actor(request),
                             max_bytes=settings.max_upload_bytes)
    except InputError as err:
        session.rollback()
        return _home(request, session, error=describe(err), status=422, form={"source": source})
    if row.state == "failed":
        service._audit(session, row, current_actor(request), "monitoring.import")
    session.commit()
    return redirect(f"/monitoring/intake/{row.id}")


@router.post("/intake/maps")
def save_map(request: Request, session: SessionDep, user: Importer, source: Annotated[str, Form()] = "",
             mapping: Annotated[str, Form()] = ""):
    try:
        service.save_column_map(session, source=source, text=mapping, actor=current_actor(request))
    except InputError as err:
        session.rollback()
        return _home(request, session, error=describe(err), status=422, form={"map_source": source, "mapping": mapping})
    return redirect("/monitoring/intake", flash=f"已保存数据来源“{source.strip()}”的列对应关系")


@router.post("/intake/undo")
def undo(request: Request, session: SessionDep, user: Importer):
    try:
        row = service.undo_last(session, request.app.state.settings.data_dir, actor=current_actor(request))
    except InputError as err:
        session.rollback()
        return _home(request, session, error=describe(err), status=409)
    return redirect("/monitoring/intake", flash=f"已撤销第 {row.id} 次导入，被替换的数值已恢复")


def _detail(request: Request, session, row, *, error: str | None = None, status: int = 200):
    store = Store(request.app.state.settings.data_dir)
    registry, sections = store.table("stations"), store.table("sections")
    known = [] if registry is None else sorted(zip(registry["station"], registry["station_name"]))
    known_sections = [] if sections is None else sorted(zip(sections["section"], sections["section_name"]))
    return render(request, "intake/detail.html", {"row": row, "labels": STATE_LABELS, "origins": ORIGIN_LABELS,
                                                  "known": known, "known_sections": known_sections,
                                                  "error": error}, status_code=status)


@router.get("/intake/{import_id}")
def detail(import_id: int, request: Request, session: SessionDep, _user: Importer):
    recovered(request, session)
    return _detail(request, session, _row(session, import_id))


@router.post("/intake/{import_id}/confirm")
async def confirm(import_id: int, request: Request, session: SessionDep, user: Importer, tasks: BackgroundTasks):
    form = await request.form()
    row = _row(session, import_id)
    stations = {}
    for i, name in enumerate(row.unknown):
        choice = str(form.get(f"code_{i}", "")).strip()
        stations[name] = str(form.get(f"new_{i}", "")).strip() if choice == "__new__" else choice
    sections = {name: str(form.get(f"section_{i}", "")).strip()
                for i, name in enumerate(row.unknown_sections or [])}
    try:
        await run_in_threadpool(start_import, request, session, row, tasks, stations=stations, sections=sections)
    except InputError as err:
        session.rollback()
        return _detail(request, session, _row(session, import_id), error=describe(err), status=422)
    if row.state == "failed":
        return redirect(f"/monitoring/intake/{row.id}", flash="导入失败，未写入任何数据", kind="error")
    return redirect(f"/monitoring/intake/{row.id}", flash=f"正在导入 {row.rows} 行，本页显示进度")


@router.post("/intake/{import_id}/retry")
def retry(import_id: int, request: Request, session: SessionDep, user: Importer):
    row = _row(session, import_id)
    try:
        where = attempts.retry(session, row, request.app.state.settings.monitoring_inbox,
                               actor=current_actor(request))
    except InputError as err:
        session.rollback()
        return _detail(request, session, _row(session, import_id), error=describe(err), status=422)
    return redirect(f"/monitoring/intake/{row.id}", flash=f"文件 {where.name} 已放回投递目录，下一轮将重新导入")


@router.get("/completeness")
def completeness_page(request: Request, _user=Depends(require("monitoring.completeness")), period: str = ""):
    period = period or (clock.today().replace(day=1) - dt.timedelta(days=1)).strftime("%Y-%m")
    try:
        report = month_report(Store(request.app.state.settings.data_dir), period)
    except InputError as err:
        return render(request, "intake/completeness.html", {"report": None, "period": period, "error": describe(err)},
                      status_code=422)
    return render(request, "intake/completeness.html", {"report": report, "period": report["period"], "keys": DAILY_KEYS,
                                                        "key_labels": LABELS, "error": None})
