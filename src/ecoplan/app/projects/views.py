"""Project ledger pages: the list with its roll-ups and filters, a project, the import (with
its template) and the export."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, File, HTTPException, Request, UploadFile
from fastapi.responses import Response

from ecoplan.app.deps import SessionDep
from ecoplan.app.core.actor import current_actor
from ecoplan.app.forms import describe
from ecoplan.app.permissions import can, ensure, require
from ecoplan.app.plans.queries import DISTRICTS
from ecoplan.app.core.clock import evaluation_day
from ecoplan.app.projects import exporting, reporting, service
from ecoplan.app.projects.fields import CITY
from ecoplan.app.projects.importing import ProjectImportError, import_projects
from ecoplan.app.projects.models import CATEGORIES, REPORT_STATE_LABELS, Project
from ecoplan.app.templating import attachment, redirect, render
from ecoplan.errors import InputError
from ecoplan.reports.xlsx import MEDIA_TYPE

router = APIRouter(prefix="/projects")
SHOWN_ERRORS = 50
"""Import errors listed on the page; the rest are counted (另有 N 处错误)."""
GROUPS = (("category", "按项目类别"), ("district", "按辖市区"), ("owner", "按责任单位"))


def filter_of(request: Request) -> service.ProjectFilter:
    """The list's filters from the query string (unknown values ignored)."""
    q = request.query_params
    district = q.get("district")
    return service.ProjectFilter(
        category=q.get("category") if q.get("category") in CATEGORIES else None,
        district="" if district == CITY else district if district in DISTRICTS else None,
        owner=q.get("owner") or None,
        status=q.get("status") if q.get("status") in service.STATUS_LABELS else None)


def _xlsx(data: bytes, name: str) -> Response:
    return attachment(data, name, MEDIA_TYPE)


@router.get("")
def projects_page(request: Request, session: SessionDep, user=Depends(require("projects.view"))):
    day, flt = evaluation_day(session), filter_of(request)
    projects = service.list_projects(session, user, day=day, flt=flt)
    statuses = {p.id: service.status(p, day) for p in projects}
    return render(request, "projects/index.html", {
        "projects": projects, "statuses": statuses, "flt": flt, "day": day,
        "total": service.roll_up(projects, day, None),
        "groups": [(label, service.roll_up(projects, day, by)) for by, label in GROUPS],
        "synthetic": any(p.synthetic for p in projects), "categories": CATEGORIES,
        "districts": (*DISTRICTS, CITY), "status_labels": service.STATUS_LABELS})


@router.get("/export.xlsx")
def projects_export(request: Request, session: SessionDep, user=Depends(require("projects.view"))):
    day = evaluation_day(session)
    projects = service.list_projects(session, user, day=day, flt=filter_of(request))
    return _xlsx(exporting.export(projects, day), "projects.xlsx")


@router.get("/template.xlsx")
def projects_template(_admin=Depends(require("projects.manage"))):
    return _xlsx(exporting.template(), "projects-template.xlsx")


@router.get("/import")
def import_page(request: Request, _admin=Depends(require("projects.manage"))):
    return render(request, "projects/import.html", {"errors": []})


@router.post("/import")
def import_file(request: Request, session: SessionDep, admin=Depends(require("projects.manage")),
                file: Annotated[UploadFile | None, File()] = None):
    if file is None or not file.filename:
        return render(request, "projects/import.html",
                      {"errors": [], "error": "请选择 .xlsx 文件"}, status_code=422)
    try:
        result = import_projects(session, actor=current_actor(request), data=file.file.read(),
                                 file=file.filename)
    except InputError as err:
        session.rollback()
        problems = err.problems if isinstance(err, ProjectImportError) else []
        return render(request, "projects/import.html",
                      {"errors": problems[:SHOWN_ERRORS], "more": len(problems[SHOWN_ERRORS:]),
                       "error": describe(err)}, status_code=422)
    return redirect("/projects", flash=f"已导入：新建 {result['created']} 个项目，"
                                       f"更新 {result['updated']} 个项目")


def project_view(request: Request, session, user, project: Project, *,
                 error: str | None = None, status_code: int = 422):
    """A project's page: its figures, milestones and monthly reports (with their forms)."""
    day = evaluation_day(session)
    return render(request, "projects/project.html", {
        "project": project, "day": day, "status": service.status(project, day),
        "late": service.late_milestones(project, day), "status_labels": service.STATUS_LABELS,
        "rate": service.roll_up([project], day, None)[0].rate,
        "reports": reporting.reports_seen(session, user, project),
        "report_states": REPORT_STATE_LABELS, "error": error,
        "may_report": can(user, "projects.report", project),
        "may_approve": can(user, "projects.approve", project)},
        status_code=status_code if error else 200)


@router.get("/{project_id}")
def project_page(project_id: int, request: Request, session: SessionDep,
                 user=Depends(require("projects.view"))):
    project = session.get(Project, project_id)
    if project is None:
        raise HTTPException(404, "没有找到该项目")
    ensure(user, "projects.view", project)
    return project_view(request, session, user, project)
