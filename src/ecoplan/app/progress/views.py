"""The unit's pages: its to-do list for a period, the report form, a report with its history,
evidence and contributions, and the steps submit → approve / return."""

from __future__ import annotations


from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, UploadFile

from ecoplan.app.deps import SessionDep
from ecoplan.app.core.actor import current_actor
from ecoplan.app.forms import StaleEditError, describe, error_status
from ecoplan.app.permissions import can, require
from ecoplan.app.progress import (access, agenda, evidence, kept_plan, periods, reminders,
                                  service, todo, value_range)
from ecoplan.app.progress.models import EvidenceFile
from ecoplan.app.progress.present import FormSubject, chosen_period, page
from ecoplan.app.templating import redirect, sections
from ecoplan.errors import InputError

router = APIRouter()
NOT_FOUND = "没有找到该报告或报送事项"
NO_PLAN = "还没有已发布的工作方案，暂无报送事项"


def published_or_404(session):
    version = kept_plan.published(session)
    if version is None:
        raise HTTPException(404, NO_PLAN)
    return version


def item_or_404(session, user, kind: str, uid: str):
    version = published_or_404(session)
    item = kept_plan.find_item(version, user.unit, kind, uid) if user.unit else None
    if item is None:
        raise HTTPException(404, NOT_FOUND)
    return version, item


def report_or_404(session, report_id: int):
    try:
        return service.get_report(session, report_id)
    except service.NotFound:
        raise HTTPException(404, NOT_FOUND) from None


@router.get("/progress")
def todo_page(request: Request, session: SessionDep, user=Depends(require("progress.view")),
              state: str = "", due: str = ""):
    """The unit's items for a period by section and task; ``state`` (a report state, ``open``
    or ``none``) and ``due`` (``period`` / ``quarter``: a 时间节点 by then) filter them."""
    if can(user, "progress.review"):
        return redirect("/progress/office")
    version = kept_plan.published(session)
    if version is None or user.unit is None or not can(user, "progress.report"):
        return page(request, "progress/todo.html", {"version": version, "unit": user.unit})
    cal = service.calendar(session)
    period = chosen_period(request, session, cal, version.plan.year)
    mine = service.reports_for(session, plan_id=version.plan_id, period=period,
                               unit_id=user.unit_id)
    reports = {(r.item_kind, r.item_uid): r for r in mine}
    rows = [(item, reports.get(item.key)) for item in kept_plan.items_for(version, user.unit, period)]
    chosen = {"state": state if state in agenda.STATE_FILTERS else "",
              "due": due if due in agenda.DUE_FILTERS else ""}
    return page(request, "progress/todo.html", {
        "version": version, "unit": user.unit, "period": period, "calendar": cal,
        "periods": periods.periods_of_year(version.plan.year, cal.frequency),
        "due": periods.due_date(period, cal), "rows": rows, "chosen": chosen,
        "sections": agenda.grouped(rows, **chosen, period_end=periods.end(period, cal.frequency)),
        "start": periods.first_day(period, cal.frequency), "agenda": agenda,
        "notices": reminders.notices_for(session, unit_id=user.unit_id)})


def visible_contributions(session, user, *, plan_id, kind, uid, period, unit_id):
    others = service.contributions(session, plan_id=plan_id, kind=kind, uid=uid, period=period,
                                   unit_id=unit_id)
    return [r for r in others if access.may_view(session, user, r)]


def form_page(request, session, plan_id, item, period, report, *, values=None, error=None,
              status=200, lost=None, confirm=False):
    """The form with what the reporter needs beside it: the target, the unit's previous
    report on the item, the city figure (a block of the status feature), others' parts."""
    user = request.state.user
    others = visible_contributions(session, user, plan_id=plan_id,
                                   kind=item.kind, uid=item.uid, period=period,
                                   unit_id=user.unit_id)
    previous = service.previous_report(session, plan_id=plan_id, unit_id=user.unit_id,
                                       kind=item.kind, uid=item.uid, period=period)
    subject = FormSubject(item, period, request.app.state.settings.data_dir)
    return page(request, "progress/form.html", {
        "item": item, "period": period, "report": report, "values": values, "error": error,
        "lost": lost, "confirm": confirm, "contributions": others, "previous": previous,
        "evidence_accepted": evidence.ACCEPTED,
        "sections": sections(request, session, user, "progress.form", subject)},
        status_code=status)


@router.get("/progress/items/{kind}/{uid}")
def report_form(kind: str, uid: str, request: Request, session: SessionDep,
                user=Depends(require("progress.report"))):
    version, item = item_or_404(session, user, kind, uid)
    period = chosen_period(request, session, service.calendar(session), version.plan.year)
    report = service.find_report(session, plan_id=version.plan_id, unit_id=user.unit_id,
                                 kind=kind, uid=uid, period=period)
    return form_page(request, session, version.plan_id, item, period, report)


@router.post("/progress/items/{kind}/{uid}")
def save(kind: str, uid: str, request: Request, session: SessionDep,
         user=Depends(require("progress.report")), period: str = Form(""),
         value_to_date: str = Form(""), narrative: str = Form(""), problems: str = Form(""),
         next_steps: str = Form(""), version: str = Form(""), intent: str = Form("save"),
         confirm_value: str = Form(""),
         files: list[UploadFile | str] | None = File(None)):
    """Save (and on ``intent=submit`` submit) the report, with evidence ``files`` attached in
    the same step: the draft is created with them, or nothing is kept."""
    plan_version, item = item_or_404(session, user, kind, uid)
    values = {"value_to_date": value_to_date, "narrative": narrative, "problems": problems,
              "next_steps": next_steps}
    kept = []
    try:
        uploads = _read_uploads(request, session, files or [])
        report = service.save_report(session, actor=current_actor(request), plan_id=plan_version.plan_id,
                                     unit_id=user.unit_id, item=item, period=period,
                                     values=values, version=version or None,
                                     confirmed=bool(confirm_value))
        if uploads:
            kept = evidence.add_many(session, actor=current_actor(request), report=report,
                                     files=uploads, data_dir=request.app.state.settings.data_dir,
                                     max_bytes=_evidence_limit(request, session))
        if intent == "submit":
            service.submit(session, actor=current_actor(request), report=report)
    except InputError as err:
        written = [e.stored_name for e in kept]
        session.rollback()
        evidence.discard(written, request.app.state.settings.data_dir)
        return _refused(request, session, plan_version.plan_id, item, period, values, err)
    done = "已提交单位负责人审核" if intent == "submit" else "已保存草稿"
    if kept:
        done += f"，佐证材料 {len(kept)} 个已上传"
    return redirect(f"/progress/reports/{report.id}", flash=done)


def _evidence_limit(request: Request, session) -> int:
    return evidence.limit(request.app.state.settings, service.calendar(session))


def _read_uploads(request: Request, session, files: list) -> list[tuple[str, bytes]]:
    return evidence.read_uploads(files, _evidence_limit(request, session))


def _refused(request, session, plan_id, item, period, values, err: InputError):
    """The form again with the error; after a conflict, the stored text in the form and the
    person's own text beside it."""
    user = request.state.user
    existing = service.find_report(session, plan_id=plan_id, unit_id=user.unit_id,
                                   kind=item.kind, uid=item.uid, period=period)
    conflict = isinstance(err, StaleEditError) and existing is not None
    return form_page(request, session, plan_id, item, period, existing,
                     values=None if conflict else values, lost=values if conflict else None,
                     confirm=isinstance(err, value_range.NeedsConfirmation),
                     error=describe(err), status=error_status(err))


@router.get("/progress/reports/{report_id}")
def report_page(report_id: int, request: Request, session: SessionDep,
                user=Depends(require("progress.view"))):
    report = report_or_404(session, report_id)
    access.ensure_report(session, user, "progress.view", report)
    version = kept_plan.published(session)
    own = access.is_own(user, report)
    mine = own and service.submitter(report) == user.username
    return page(request, "progress/report.html", {
        "report": report, "subject": todo.describe(version, report), "own": own,
        "submitted_by_me": mine,
        "may_approve_own": mine and service.may_approve_own(session, user, report),
        "contributions": visible_contributions(
            session, user, plan_id=report.plan_id, kind=report.item_kind, uid=report.item_uid,
            period=report.period, unit_id=report.unit_id)})


def _step(session, report_id: int, user, action: str):
    report = report_or_404(session, report_id)
    access.ensure_report(session, user, action, report)
    return report


@router.post("/progress/reports/{report_id}/submit")
def submit(report_id: int, request: Request, session: SessionDep, user=Depends(require("progress.report")),
           version: str = Form("")):
    report = _step(session, report_id, user, "progress.report")
    service.submit(session, actor=current_actor(request), report=report, version=version or None)
    return redirect(f"/progress/reports/{report.id}", flash="已提交单位负责人审核")


@router.post("/progress/reports/{report_id}/approve")
def approve(report_id: int, request: Request, session: SessionDep, user=Depends(require("progress.approve")),
            version: str = Form("")):
    report = _step(session, report_id, user, "progress.approve")
    service.approve(session, actor=current_actor(request), report=report, version=version or None)
    return redirect(f"/progress/reports/{report.id}", flash="已审核通过，生态办可以看到该报告")


@router.post("/progress/reports/{report_id}/return")
def return_report(report_id: int, request: Request, session: SessionDep, user=Depends(require("progress.return")),
                  comment: str = Form(""), version: str = Form("")):
    report = _step(session, report_id, user, "progress.return")
    service.return_report(session, actor=current_actor(request), report=report, comment=comment,
                          version=version or None)
    return redirect(f"/progress/reports/{report.id}", flash="已退回，并通知填报单位")


@router.post("/progress/reports/{report_id}/evidence")
def upload_evidence(report_id: int, request: Request, session: SessionDep, file: UploadFile,
                    user=Depends(require("progress.report"))):
    report = _step(session, report_id, user, "progress.report")
    limit = _evidence_limit(request, session)
    data = file.file.read(limit + 1)
    evidence.add_evidence(session, actor=current_actor(request), report=report,
                          file_name=file.filename or "", data=data,
                          data_dir=request.app.state.settings.data_dir, max_bytes=limit)
    return redirect(f"/progress/reports/{report.id}", flash="佐证材料已上传")


@router.get("/progress/evidence/{evidence_id}")
def download_evidence(evidence_id: int, request: Request, session: SessionDep,
                      user=Depends(require("progress.view"))):
    item = session.get(EvidenceFile, evidence_id)
    if item is None:
        raise HTTPException(404, NOT_FOUND)
    access.ensure_report(session, user, "progress.view", item.report)
    return evidence.download(item, request.app.state.settings.data_dir)
