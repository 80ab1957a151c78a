"""JSON API of the project ledger under /api/projects: the same rules as the pages.

``GET /api/projects`` lists the projects the caller may see; ``POST /api/projects/import``
(multipart, field ``file``) applies a whole .xlsx or nothing and answers
``{created, updated, errors}`` (422 with every wrong cell when anything is wrong).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, File, HTTPException, Request, UploadFile
from fastapi.responses import JSONResponse

from ecoplan.app.deps import SessionDep
from ecoplan.app.core.actor import current_actor
from ecoplan.app.permissions import ensure, require
from ecoplan.app.core.clock import evaluation_day
from ecoplan.app.projects import service
from ecoplan.app.projects.importing import ImportProblem, ProjectImportError, import_projects
from ecoplan.app.projects.models import Project
from ecoplan.errors import InputError

router = APIRouter(prefix="/api/projects", tags=["projects"])


@router.get("")
def list_projects(request: Request, session: SessionDep, user=Depends(require("projects.view"))):
    day = evaluation_day(session)
    flt = service.ProjectFilter(category=request.query_params.get("category") or None,
                                district=request.query_params.get("district"),
                                owner=request.query_params.get("owner") or None)
    return [service.project_out(p, day) for p in service.list_projects(session, user, day=day,
                                                                      flt=flt)]


@router.get("/summary")
def summary(session: SessionDep, user=Depends(require("projects.view"))):
    """Totals (count, investment planned and done, completion rate, milestones reached) overall
    and by category, district and owner, over the projects the caller may see."""
    day = evaluation_day(session)
    projects = service.list_projects(session, user, day=day)
    return {"evaluation_day": day.isoformat(),
            "total": service.roll_up(projects, day, None)[0].out() if projects else None,
            **{f"by_{by}": [t.out() for t in service.roll_up(projects, day, by)]
               for by in ("category", "district", "owner")}}


@router.get("/{project_id}")
def one_project(project_id: int, session: SessionDep, user=Depends(require("projects.view"))):
    project = session.get(Project, project_id)
    if project is None:
        raise HTTPException(404, "没有找到该项目")
    ensure(user, "projects.view", project)
    return service.project_out(project, evaluation_day(session))


@router.post("/import")
def import_file(request: Request, session: SessionDep, admin=Depends(require("projects.manage")),
                file: Annotated[UploadFile | None, File()] = None):
    name = file.filename if file is not None and file.filename else "（未上传文件）"
    try:
        if file is None or not file.filename:
            raise ProjectImportError([ImportProblem("", None, "file", "请上传 .xlsx 文件")],
                                     file=name)
        return import_projects(session, actor=current_actor(request), data=file.file.read(), file=name)
    except InputError as err:
        session.rollback()
        problems = (err.problems if isinstance(err, ProjectImportError)
                    else [ImportProblem("", None, "", err.message)])
        return JSONResponse({"created": 0, "updated": 0, "errors": [p.out() for p in problems]},
                            status_code=422)
