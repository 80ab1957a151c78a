"""Entering and changing a project in the app (office): /projects/new, /projects/{id}/edit."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request

from ecoplan.app.core.actor import current_actor
from ecoplan.app.deps import FormDep, SessionDep
from ecoplan.app.permissions import require
from ecoplan.app.plans.queries import DISTRICTS
from ecoplan.app.projects import editing
from ecoplan.app.projects.fields import CITY, COLUMNS
from ecoplan.app.projects.importing import save
from ecoplan.app.projects.models import CATEGORIES, Project
from ecoplan.app.templating import redirect, render

router = APIRouter(prefix="/projects")


def _form(request: Request, values: dict, *, project: Project | None = None,
          problems: list | None = None):
    return render(request, "projects/form.html", {
        "project": project, "values": values, "columns": COLUMNS, "problems": problems or [],
        "categories": CATEGORIES, "districts": (*DISTRICTS, CITY),
        "error": "请改正以下错误" if problems else None},
        status_code=422 if problems else 200)


def _form_dict(data) -> dict:
    return {k: str(v) for k, v in data.items() if k != "csrf_token"}


@router.get("/new")
def new_page(request: Request, _admin=Depends(require("projects.manage"))):
    return _form(request, {})


@router.post("/new")
def create(request: Request, session: SessionDep, data: FormDep,
           admin=Depends(require("projects.manage"))):
    form = _form_dict(data)
    try:
        project = editing.create(session, actor=current_actor(request), form=form)
    except editing.ProjectFormError as err:
        session.rollback()
        return _form(request, form, problems=err.problems)
    return redirect(f"/projects/{project.id}", flash=f"已新建项目 {project.code}")


def _project(session, project_id: int) -> Project:
    project = session.get(Project, project_id)
    if project is None:
        raise HTTPException(404, "没有找到该项目")
    return project


@router.get("/{project_id}/edit")
def edit_page(project_id: int, request: Request, session: SessionDep,
              _admin=Depends(require("projects.manage"))):
    project = _project(session, project_id)
    return _form(request, editing.form_values(project), project=project)


@router.post("/{project_id}/edit")
def edit(project_id: int, request: Request, session: SessionDep, data: FormDep,
         admin=Depends(require("projects.manage"))):
    project, form = _project(session, project_id), _form_dict(data)
    try:
        changed = editing.update(session, actor=current_actor(request), project=project, form=form)
    except editing.ProjectFormError as err:
        session.rollback()
        return _form(request, form, project=_project(session, project_id), problems=err.problems)
    return redirect(f"/projects/{project.id}", flash="已保存修改" if changed else "没有修改")


@router.post("/{project_id}/public")
def set_public(project_id: int, request: Request, session: SessionDep, data: FormDep,
               admin=Depends(require("projects.manage"))):
    """Show the project on the public page (公开), or stop showing it."""
    project = _project(session, project_id)
    shown = data.get("public") == "1"
    save(session, {"public": shown}, actor=current_actor(request), existing=project)
    return redirect(f"/projects/{project.id}",
                    flash="已在公开页面展示" if shown else "已取消在公开页面展示")
