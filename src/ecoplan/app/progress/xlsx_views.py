"""Downloading a unit's pre-filled workbook and importing it back (all or nothing)."""

from __future__ import annotations


from fastapi import APIRouter, Depends, Request, UploadFile

from ecoplan.app.audit.service import record
from ecoplan.app.deps import SessionDep
from ecoplan.app.core.actor import current_actor
from ecoplan.app.forms import error_status
from ecoplan.app.permissions import require
from ecoplan.app.progress import periods, service, todo, xlsx_io
from ecoplan.app.progress.models import REPORTED_STATES
from ecoplan.app.progress.present import chosen_period, page
from ecoplan.app.progress.views import published_or_404
from ecoplan.app.templating import attachment, redirect
from ecoplan.errors import InputError

router = APIRouter()
SHOWN_ERRORS = 50
"""Errors listed on the page (the first ones; the count says how many in all)."""
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _unit_items(session, user):
    version = published_or_404(session)
    if user.unit is None:
        raise InputError("您的账户没有所属单位")
    return version, todo.items_for(version, user.unit)


def _reports(session, version, user, period) -> dict:
    mine = service.reports_for(session, plan_id=version.plan_id, period=period,
                               unit_id=user.unit_id)
    return {(r.item_kind, r.item_uid): r for r in mine}


@router.get("/progress/xlsx")
def download(request: Request, session: SessionDep, user=Depends(require("progress.report"))):
    version, items = _unit_items(session, user)
    period = chosen_period(request, session, service.calendar(session), version.plan.year)
    items = todo.items_for(version, user.unit, period)
    data = xlsx_io.template(period, items, _reports(session, version, user, period))
    return attachment(data, f"{user.unit.name}-{periods.label(period)}-进展填报.xlsx", XLSX_TYPE)


@router.post("/progress/xlsx")
def upload(request: Request, session: SessionDep, user=Depends(require("progress.report")),
           file: UploadFile | None = None):
    limit = request.app.state.settings.max_upload_bytes
    data = file.file.read(limit + 1) if file is not None else b""
    name = (file.filename if file is not None else "") or "上传文件"
    try:
        if not data:
            raise InputError("请选择要上传的 .xlsx 文件", field="文件")
        version, items = _unit_items(session, user)
        workbook = xlsx_io.open_workbook(data, name)
        period = xlsx_io.period_in(workbook, name, service.calendar(session).frequency,
                                   version.plan.year)
        items = todo.items_for(version, user.unit, period)
        reports = _reports(session, version, user, period)
        locked = {k: r.state for k, r in reports.items() if r.state in REPORTED_STATES}
        updates = xlsx_io.read(workbook, name=name, period=period, items=items,
                               locked_states=locked,
                               versions={k: r.version for k, r in reports.items()})
        for update in updates:
            current = reports.get(update.item.key)
            report = service.save_report(session, actor=current_actor(request), plan_id=version.plan_id,
                                         unit_id=user.unit_id, item=update.item, period=period,
                                         values=update.values,
                                         version=current.version if current else 0)
            if update.submit:
                service.submit(session, actor=current_actor(request), report=report)
        record(session, actor=current_actor(request), action="progress.import", object_type="progress_xlsx",
               object_id=period, after={"file": name, "rows": len(updates),
                                        "submitted": sum(u.submit for u in updates)})
    except InputError as err:
        session.rollback()
        errors = getattr(err, "errors", [])
        return page(request, "progress/import_errors.html", {
            "message": err.message, "file": name, "errors": errors[:SHOWN_ERRORS],
            "total": len(errors)}, status_code=error_status(err))
    return redirect(f"/progress?period={period}",
                    flash=f"已导入 {len(updates)} 项（其中提交审核 "
                          f"{sum(u.submit for u in updates)} 项）")
