"""Monthly project reports on the project's page: save / submit (owner unit), approve / return
(its leader), and ``GET /api/projects/{id}/reports``."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request

from ecoplan.app.core.actor import current_actor
from ecoplan.app.deps import FormDep, SessionDep
from ecoplan.app.forms import describe, error_status
from ecoplan.app.permissions import ensure, require
from ecoplan.app.plans.versions import latest_published
from ecoplan.app.projects import reporting
from ecoplan.app.projects.models import Project, ProjectReport
from ecoplan.app.projects.views import project_view
from ecoplan.app.templating import redirect
from ecoplan.errors import InputError

router = APIRouter()


def _project(session, user, project_id: int, action: str) -> Project:
    project = session.get(Project, project_id)
    if project is None:
        raise HTTPException(404, "没有找到该项目")
    ensure(user, action, project)
    return project


def _report(session, user, report_id: int, action: str) -> ProjectReport:
    report = session.get(ProjectReport, report_id)
    if report is None:
        raise HTTPException(404, "没有找到该月报")
    ensure(user, action, report)
    return report


def _back(request: Request, session, user, project_id: int, err: InputError):
    session.rollback()
    return project_view(request, session, user, session.get(Project, project_id),
                        error=describe(err), status_code=error_status(err))


@router.post("/projects/{project_id}/reports")
def save_report(project_id: int, request: Request, session: SessionDep, data: FormDep,
                user=Depends(require("projects.report"))):
    project = _project(session, user, project_id, "projects.report")
    try:
        version = latest_published(session)
        if version is None:
            raise InputError("全市工作方案尚未发布")
        values = reporting.check_values(project, dict(data), year=version.plan.year)
        report = reporting.save_report(session, actor=current_actor(request), project=project,
                                       values=values, version=data.get("version"))
        if data.get("submit"):
            reporting.submit(session, actor=current_actor(request), report=report)
    except InputError as err:
        return _back(request, session, user, project_id, err)
    done = "已提交单位负责人审核" if report.state == "submitted" else "已保存草稿"
    return redirect(f"/projects/{project.id}#reports", flash=f"{report.period} 月报{done}")


@router.post("/projects/reports/{report_id}/approve")
def approve(report_id: int, request: Request, session: SessionDep, data: FormDep,
            user=Depends(require("projects.approve"))):
    report = _report(session, user, report_id, "projects.approve")
    try:
        reporting.approve(session, actor=current_actor(request), report=report,
                          version=data.get("version"))
    except InputError as err:
        return _back(request, session, user, report.project_id, err)
    return redirect(f"/projects/{report.project_id}#reports",
                    flash=f"{report.period} 月报已审核，项目台账已更新")


@router.post("/projects/reports/{report_id}/return")
def return_report(report_id: int, request: Request, session: SessionDep, data: FormDep,
                  user=Depends(require("projects.approve"))):
    report = _report(session, user, report_id, "projects.approve")
    try:
        reporting.return_report(session, actor=current_actor(request), report=report,
                                comment=str(data.get("comment") or ""),
                                version=data.get("version"))
    except InputError as err:
        return _back(request, session, user, report.project_id, err)
    return redirect(f"/projects/{report.project_id}#reports", flash=f"{report.period} 月报已退回")


@router.get("/api/projects/{project_id}/reports")
def list_reports(project_id: int, session: SessionDep, user=Depends(require("projects.view"))):
    project = _project(session, user, project_id, "projects.view")
    return [{"id": r.id, "period": r.period, "invest_done": float(r.invest_done),
             "milestones": {k: (getattr(r, f"{k}_actual").isoformat()
                                if getattr(r, f"{k}_actual") else None)
                            for k in ("start", "main", "ops")},
             "narrative": r.narrative, "state": r.state, "return_comment": r.return_comment,
             "version": r.version}
            for r in reporting.reports_seen(session, user, project)]
