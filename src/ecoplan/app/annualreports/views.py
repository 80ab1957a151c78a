"""District annual-report pages: the list, drafting (the office for any district, a district
for itself), a report with its editable text, its .docx; ``GET /api/annual-reports``."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Request

from ecoplan.app.annualreports import service
from ecoplan.app.annualreports.document import title_of
from ecoplan.app.annualreports.models import DistrictReport
from ecoplan.app.assessment.progress_inputs import inputs_of
from ecoplan.app.assessment.service import rules_for
from ecoplan.app.core.actor import current_actor
from ecoplan.app.deps import SessionDep
from ecoplan.app.forms import describe
from ecoplan.app.permissions import can, ensure, require
from ecoplan.app.progress import todo
from ecoplan.app.templating import attachment, redirect, render
from ecoplan.app.units.models import Unit
from ecoplan.errors import InputError
from ecoplan.reports.official_docx import write_official_docx

router = APIRouter()
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _version(session):
    version = todo.published(session)
    if version is None:
        raise HTTPException(404, "全市工作方案尚未发布")
    return version


def _index(request: Request, session, user, *, error=None, status_code=200):
    version = _version(session)
    reports = service.visible(session, user, year=version.plan.year)
    districts = [u for u in service.districts(session)
                 if can(user, "annualreports.draft", SimpleNamespace(unit_id=u.id))]
    return render(request, "annualreports/index.html", {
        "reports": reports, "districts": districts, "year": version.plan.year,
        "error": error}, status_code=status_code)


@router.get("/annual-reports")
def index(request: Request, session: SessionDep, user=Depends(require("annualreports.view"))):
    return _index(request, session, user)


def _assessment(request: Request, session, year: int, unit: Unit) -> dict | None:
    try:
        rules = rules_for(request.app.state.settings.data_dir, year)
    except InputError:  # no assessment rules for the year: no result to state
        return None
    return service.assessment_of(session, rules=rules, source=inputs_of(request.app, session),
                                 year=year, unit=unit.name)


@router.post("/annual-reports/draft")
def draft(request: Request, session: SessionDep, user=Depends(require("annualreports.draft")),
          unit_id: Annotated[str | None, Form()] = None):
    version = _version(session)
    unit = session.get(Unit, int(unit_id)) if (unit_id or "").isdigit() else None
    if unit is None:
        return _index(request, session, user, error="请选择辖市区", status_code=422)
    ensure(user, "annualreports.draft", SimpleNamespace(unit_id=unit.id))
    try:
        report = service.draft(session, actor=current_actor(request), version=version, unit=unit,
                               assessment=_assessment(request, session, version.plan.year, unit))
    except InputError as err:
        session.rollback()
        return _index(request, session, user, error=describe(err), status_code=422)
    return redirect(f"/annual-reports/{report.id}", flash="已按平台数据汇总年度工作情况报告")


def _report(session, user, report_id: int, action: str = "annualreports.view") -> DistrictReport:
    report = session.get(DistrictReport, report_id)
    if report is None:
        raise HTTPException(404, "没有找到该报告")
    ensure(user, action, report)
    return report


def _page(request, user, report, *, error=None, status_code=200, form=None):
    return render(request, "annualreports/report.html", {
        "report": report, "c": report.content, "title": title_of(report.content),
        "form": form or {"text": report.text, "doc_number": report.doc_number,
                         "signer": report.signer, "version": report.version,
                         "dated": report.dated.isoformat() if report.dated else ""},
        "may_edit": can(user, "annualreports.edit", report),
        "may_draft": can(user, "annualreports.draft", report), "error": error},
        status_code=status_code)


@router.get("/annual-reports/{report_id}")
def report_page(report_id: int, request: Request, session: SessionDep,
                user=Depends(require("annualreports.view"))):
    return _page(request, user, _report(session, user, report_id))


@router.post("/annual-reports/{report_id}")
def save(report_id: int, request: Request, session: SessionDep,
         user=Depends(require("annualreports.edit")),
         text: Annotated[str | None, Form()] = None, doc_number: Annotated[str | None, Form()] = None,
         signer: Annotated[str | None, Form()] = None, version: Annotated[str | None, Form()] = None,
         dated: Annotated[str | None, Form()] = None):
    report = _report(session, user, report_id, "annualreports.edit")
    form = {"text": text or "", "doc_number": doc_number or "", "signer": signer or "",
            "version": version or "", "dated": dated or ""}
    try:
        service.save(session, actor=current_actor(request), report=report, version=version or "",
                     text=text or "", doc_number=doc_number or "", signer=signer or "",
                     dated_on=dated or "")
    except InputError as err:
        session.rollback()
        return _page(request, user, _report(session, user, report_id), error=describe(err),
                     status_code=422, form=form)
    return redirect(f"/annual-reports/{report.id}", flash="已保存报告")


@router.get("/annual-reports/{report_id}/report.docx")
def report_docx(report_id: int, request: Request, session: SessionDep,
                user=Depends(require("annualreports.view"))):
    report = _report(session, user, report_id)
    try:
        data = write_official_docx(service.document(report, need_signer=True))
    except InputError as err:
        return _page(request, user, report, error=describe(err), status_code=422)
    return attachment(data, f"{title_of(report.content)}.docx", DOCX)


@router.get("/api/annual-reports")
def list_reports(session: SessionDep, user=Depends(require("annualreports.view"))):
    version = todo.published(session)
    if version is None:
        return []
    return [{"id": r.id, "unit": r.owner, "year": r.year, "version": r.version,
             "doc_number": r.doc_number, "signer": r.signer,
             "dated": service.dated(r).isoformat(),
             "targets": len(r.content.get("targets", [])),
             "projects": r.content.get("projects", {}).get("count"),
             "supervision": r.content.get("supervision", {}).get("total"),
             "assessment": r.content.get("assessment")}
            for r in service.visible(session, user, year=version.plan.year)]
