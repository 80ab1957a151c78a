"""JSON API of monitoring intake under /api/monitoring (writes carry ``X-CSRF-Token``).

``POST /imports`` (multipart ``files``, optional ``source``) previews an upload → 202 ``{id, state}``;
``GET /imports/{id}`` → ``{state, rows, replaced, errors, progress: {done, total}, …}``;
``POST /imports/{id}/confirm`` (optional JSON ``{"stations": {"name as written": "code"},
"sections": {"name": "code"}}``: a section only to a code of the section registry) → 202
``{state: "importing", …}``: the import runs in the background, all or nothing (poll
``GET /imports/{id}`` until ``done`` or ``failed``; a store busy with another import → 422,
the upload stays ``previewed``);
``POST /imports/undo`` undoes the last import; ``POST /imports/{id}/retry`` puts a drop-folder
file set aside after repeated interrupted imports back into the folder; ``GET /completeness?period=YYYY-MM``.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Body, Depends, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import JSONResponse

from ecoplan.app.auth.models import User
from ecoplan.app.deps import SessionDep
from ecoplan.app.core.actor import current_actor
from ecoplan.app.intake import attempts, running, service
from ecoplan.app.intake.models import MonitoringImport
from ecoplan.app.permissions import require
from ecoplan.monitoring.completeness import month_report
from ecoplan.monitoring.store import Store

router = APIRouter(prefix="/api/monitoring", tags=["monitoring"])
Importer = Annotated[User, Depends(require("monitoring.import"))]


async def read_uploads(files: list[UploadFile], max_bytes: int) -> list[tuple[str, bytes]]:
    """Each upload read up to one byte past the limit (the service refuses what is larger)."""
    return [(f.filename or "upload.csv", await f.read(max_bytes + 1)) for f in files if f.filename or f.size]


def _row(session, import_id: int) -> MonitoringImport:
    row = session.get(MonitoringImport, import_id)
    if row is None:
        raise HTTPException(404, "没有找到该导入")
    return row


@router.post("/imports", status_code=202)
async def create_import(request: Request, session: SessionDep, user: Importer,
                        files: Annotated[list[UploadFile], File()], source: Annotated[str, Form()] = ""):
    settings = request.app.state.settings
    uploads = await read_uploads(files, settings.max_upload_bytes)
    row = service.create(session, settings.data_dir, uploads, source=source.strip(), actor=current_actor(request),
                         max_bytes=settings.max_upload_bytes)
    if row.state == "failed":
        service._audit(session, row, current_actor(request), "monitoring.import")
    session.commit()
    return JSONResponse({"id": row.id, "state": row.state}, status_code=202)


def recovered(request: Request, session) -> None:
    """Imports whose process died are marked so before anyone reads the history."""
    if running.recover(session, request.app.state.settings.data_dir):
        session.commit()


@router.get("/imports")
def list_imports(request: Request, session: SessionDep, _user: Importer):
    recovered(request, session)
    return [service.out(row) for row in service.history(session)]


@router.get("/imports/{import_id}")
def get_import(import_id: int, request: Request, session: SessionDep, _user: Importer):
    recovered(request, session)
    return service.out(_row(session, import_id))


@router.post("/imports/undo")
def undo_import(request: Request, session: SessionDep, user: Importer):
    row = service.undo_last(session, request.app.state.settings.data_dir, actor=current_actor(request))
    session.commit()
    return service.out(row)


@router.post("/imports/{import_id}/confirm", status_code=202)
def confirm_import(import_id: int, request: Request, session: SessionDep, user: Importer, tasks: BackgroundTasks,
                   stations: Annotated[dict[str, str] | None, Body(embed=True)] = None,
                   sections: Annotated[dict[str, str] | None, Body(embed=True)] = None):
    row = start_import(request, session, _row(session, import_id), tasks, stations=stations, sections=sections)
    return JSONResponse(service.out(row), status_code=202)


def start_import(request: Request, session, row: MonitoringImport, tasks: BackgroundTasks, *,
                 stations: dict[str, str] | None, sections: dict[str, str] | None) -> MonitoringImport:
    """Mark ``row`` importing (committed) and write it in a background task of the request."""
    settings, actor = request.app.state.settings, current_actor(request)
    staged = running.start(session, settings.data_dir, row, stations=stations, sections=sections, actor=actor)
    session.commit()
    if staged is not None:
        tasks.add_task(running.run, request.app.state.sessionmaker, settings.data_dir, row.id, staged, actor)
    return row


@router.post("/imports/{import_id}/retry")
def retry_import(import_id: int, request: Request, session: SessionDep, user: Importer):
    """Put a drop-folder file no longer retried by itself back into the folder (the next pass
    imports it)."""
    row = _row(session, import_id)
    attempts.retry(session, row, request.app.state.settings.monitoring_inbox, actor=current_actor(request))
    session.commit()
    return service.out(row)


@router.get("/completeness")
def completeness(request: Request, period: str, _user=Depends(require("monitoring.completeness"))):
    return month_report(Store(request.app.state.settings.data_dir), period)
