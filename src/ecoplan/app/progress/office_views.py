"""The office's pages (生态办): approved reports of a period, who has not reported, sending
reminders, the reporting calendar; and a unit marking its notices read."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from sqlalchemy import select

from ecoplan.app.core import clock
from ecoplan.app.audit.service import record
from ecoplan.app.deps import FormDep, SessionDep
from ecoplan.app.core.actor import current_actor
from ecoplan.app.forms import describe, error_status
from ecoplan.app.permissions import Forbidden, require
from ecoplan.app.progress import (access, contacts, mail, office_filter, periods, reminders,
                                  service, todo)
from ecoplan.app.progress.models import FREQUENCIES, Notice, ProgressReport
from ecoplan.app.progress.present import chosen_period, page
from ecoplan.app.progress.views import published_or_404
from ecoplan.app.templating import attachment, redirect
from ecoplan.app.core.clock import as_utc
from ecoplan.app.units.models import Unit
from ecoplan.errors import InputError
from ecoplan.reports.xlsx import MEDIA_TYPE as XLSX_MEDIA_TYPE
from ecoplan.reports.xlsx import write_workbook

router = APIRouter()
OFFICE_PAGE = 100
"""Approved reports per page of the office's list."""
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


def _period_context(request, session) -> dict:
    version = published_or_404(session)
    cal = service.calendar(session)
    period = chosen_period(request, session, cal, version.plan.year)
    return {"version": version, "calendar": cal, "period": period,
            "periods": periods.periods_of_year(version.plan.year, cal.frequency),
            "due": periods.due_date(period, cal)}


def _office_rows(request, session, context):
    """What the office's list shows (all pages), filtered as the query asks."""
    version, period = context["version"], context["period"]
    seen = [r for r in service.reports_for(session, plan_id=version.plan_id, period=period)
            if access.office_sees(r)]
    # Newest first, a page at a time: a city's month is some 2 000 reports.
    seen.sort(key=lambda r: (as_utc(r.approved_at) or EPOCH, r.id), reverse=True)
    names = dict(session.execute(select(Unit.id, Unit.name)).all())
    flt = office_filter.ReportFilter.of(request.query_params)
    return flt, office_filter.rows(version, seen, names, flt)


@router.get("/progress/office")
def office(request: Request, session: SessionDep, _user=Depends(require("progress.review"))):
    context = _period_context(request, session)
    version, period = context["version"], context["period"]
    flt, found = _office_rows(request, session, context)
    pages = max(1, -(-len(found) // OFFICE_PAGE))
    number = min(max(_page_number(request), 1), pages)
    rows = found[(number - 1) * OFFICE_PAGE:number * OFFICE_PAGE]
    states = reminders.statuses(session, version, period)
    return page(request, "progress/office.html", {
        **context, "rows": rows, "units_total": len(states), "page": number, "pages": pages,
        "invalid": service.invalid_reports(session, plan_id=version.plan_id,
                                           year=version.plan.year),
        "plan_year": version.plan.year, "flt": flt, "districts": office_filter.DISTRICTS,
        "reports_total": len(found), "units_done": sum(1 for s in states if not s.missing)})


@router.get("/progress/office.xlsx")
def office_xlsx(request: Request, session: SessionDep, _user=Depends(require("progress.review"))):
    """The list as shown (same filter, every page) as .xlsx."""
    context = _period_context(request, session)
    _flt, found = _office_rows(request, session, context)
    data = write_workbook([office_filter.sheet(found, context["period"])])
    return attachment(data, "reports.xlsx", XLSX_MEDIA_TYPE)


@router.post("/progress/reports/{report_id}/delete")
def delete_report(report_id: int, request: Request, session: SessionDep,
                  user=Depends(require("progress.review")), version: str = Form("")):
    """Delete a report whose period is not one of the plan year's (audited)."""
    report = session.get(ProgressReport, report_id)
    if report is None:
        raise HTTPException(404, "没有找到该报告")
    service.delete_invalid(session, actor=current_actor(request), report=report, version=version,
                           data_dir=request.app.state.settings.data_dir)
    return redirect("/progress/office", flash="已删除报告期无效的报告")


def _page_number(request: Request) -> int:
    raw = request.query_params.get("page", "1")
    return int(raw) if raw.isascii() and raw.isdigit() else 1


@router.get("/progress/missing")
def missing_page(request: Request, session: SessionDep,
                 _user=Depends(require("progress.review"))):
    context = _period_context(request, session)
    behind = reminders.missing(session, context["version"], context["period"])
    return page(request, "progress/missing.html", {**context, "behind": behind,
                                                   "smtp": mail.SmtpSettings.from_env()})


@router.post("/progress/reminders")
def send_reminders(request: Request, session: SessionDep, user=Depends(require("progress.review"))):
    result = reminders.run(session, today=clock.evaluation_day(session), smtp=mail.SmtpSettings.from_env(), actor=current_actor(request))
    text = f"已发出站内提醒 {len(result.notices)} 条，邮件 {len(result.emailed)} 封"
    if result.error:
        return redirect("/progress/missing", flash=f"{text}；{result.error}", kind="warning")
    return redirect("/progress/missing", flash=text)


def calendar_page(request, cal, *, error=None, status=200):
    return page(request, "progress/calendar.html", {"calendar": cal, "error": error,
                                                    "frequencies": FREQUENCIES},
                status_code=status)


@router.get("/progress/calendar")
def calendar_form(request: Request, session: SessionDep,
                  _user=Depends(require("progress.review"))):
    return calendar_page(request, service.calendar(session))


def _int(raw: str, *, field: str, low: int, high: int) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise InputError(f"「{raw}」不是整数", field=field) from None
    if not low <= value <= high:
        raise InputError(f"应在 {low} 到 {high} 之间", field=field)
    return value


@router.post("/progress/calendar")
def calendar_save(request: Request, session: SessionDep, user=Depends(require("progress.review")),
                  frequency: str = Form(""), due_day: str = Form(""),
                  remind_days: str = Form(""), max_evidence_mb: str = Form(""),
                  workday_due: str = Form(""), self_approval: str = Form(""),
                  version: str = Form("")):
    try:
        if frequency not in FREQUENCIES:
            raise InputError("请选择报送频次", field="报送频次")
        values = {"frequency": frequency, "workday_due": bool(workday_due),
                  "self_approval": bool(self_approval),
                  "due_day": _int(due_day, field="截止日", low=1, high=28),
                  "remind_days": _int(remind_days, field="提前提醒工作日数", low=0, high=20),
                  "max_evidence_bytes": _int(max_evidence_mb, field="佐证材料大小上限",
                                             low=1, high=50) * 1024 * 1024}
        service.update_calendar(session, actor=current_actor(request), values=values, version=version)
    except InputError as err:
        session.rollback()
        return calendar_page(request, service.calendar(session), error=describe(err),
                             status=error_status(err))
    return redirect("/progress/calendar", flash="报送日历已保存")


def contacts_page(request, session, *, wanted=None, error=None, status=200):
    version = published_or_404(session)
    units = [unit for unit, _ in todo.reporting_units(session, version)]
    return page(request, "progress/contacts.html", {
        "units": units, "emails": wanted or contacts.emails(session), "error": error,
        "smtp": mail.SmtpSettings.from_env()}, status_code=status)


@router.get("/progress/contacts")
def contacts_form(request: Request, session: SessionDep,
                  _user=Depends(require("progress.review"))):
    return contacts_page(request, session)


@router.post("/progress/contacts")
def contacts_save(request: Request, session: SessionDep, form: FormDep,
                  user=Depends(require("progress.review"))):
    names = dict(session.execute(select(Unit.id, Unit.name)).all())
    wanted = {int(key[6:]): str(value).strip() for key, value in form.items()
              if key.startswith("email-") and key[6:].isdigit() and int(key[6:]) in names}
    try:
        changed = contacts.save_emails(session, actor=current_actor(request), wanted=wanted, names=names)
    except InputError as err:
        session.rollback()
        return contacts_page(request, session, wanted=wanted, error=describe(err), status=422)
    return redirect("/progress/contacts", flash=f"已保存（{changed} 个单位的邮箱有变化）")


@router.post("/progress/notices/{notice_id}/read")
def read_notice(notice_id: int, request: Request, session: SessionDep,
                user=Depends(require("progress.view"))):
    notice = session.get(Notice, notice_id)
    if notice is None:
        raise HTTPException(404, "没有找到该提醒")
    if notice.unit_id != user.unit_id:
        raise Forbidden(scope="object")
    if notice.read_at is None:
        notice.read_at = service.now()
        record(session, actor=current_actor(request), action="progress.notice.read", object_type="progress_notice",
               object_id=notice.id, before={"read_at": None},
               after={"kind": notice.kind, "period": notice.period,
                      "read_at": notice.read_at.isoformat()})
    return redirect("/progress")
