"""Approving or returning several reports at once (a unit head's monthly batch): all or nothing.

Each report still goes through ``service.approve`` / ``service.return_report`` (same checks,
same history and audit entry); one report that may not be moved refuses the whole batch, naming
it, so nothing is half done.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Depends, Form, HTTPException, Request
from sqlalchemy.orm import Session

from ecoplan.app.deps import SessionDep
from ecoplan.app.core.actor import current_actor
from ecoplan.app.permissions import Forbidden, require
from ecoplan.app.progress import access, service
from ecoplan.app.progress.models import ProgressReport
from ecoplan.app.templating import redirect
from ecoplan.errors import InputError

router = APIRouter(tags=["progress"])
MAX_BATCH = 500


def _reports(session: Session, ids: list[int], user) -> list[ProgressReport]:
    ids = list(dict.fromkeys(ids))
    if not ids:
        raise InputError("请至少选择一份报告", field="ids")
    if len(ids) > MAX_BATCH:
        raise InputError(f"一次最多 {MAX_BATCH} 份报告", field="ids")
    found = []
    for report_id in ids:
        report = session.get(ProgressReport, report_id)
        if report is None:
            raise HTTPException(404, f"报告 {report_id} 不存在")
        if not access.is_own(user, report):
            raise Forbidden(f"报告 {report_id} 不是本单位的报告", scope="object")
        found.append(report)
    return found


def _each(reports, step) -> list[int]:
    for report in reports:
        try:
            step(report)
        except InputError as err:
            raise InputError(f"报告 {report.id}：{err.message}", field=err.field) from None
    return [r.id for r in reports]


@router.post("/api/progress/reports/approve")
def approve_many(request: Request, session: SessionDep, ids: list[int] = Body(embed=True),
                 user=Depends(require("progress.approve"))) -> dict:
    """Approve every report in ``ids`` (submitted reports of the user's unit), or none."""
    reports = _reports(session, ids, user)
    done = _each(reports, lambda r: service.approve(session, actor=current_actor(request), report=r))
    return {"approved": done, "count": len(done)}


@router.post("/api/progress/reports/return")
def return_many(request: Request, session: SessionDep, ids: list[int] = Body(embed=True),
                comment: str = Body("", embed=True), user=Depends(require("progress.approve"))) -> dict:
    """Return every report in ``ids`` with one comment (each reporter is told), or none."""
    reports = _reports(session, ids, user)
    done = _each(reports, lambda r: service.return_report(session, actor=current_actor(request), report=r,
                                                          comment=comment))
    return {"returned": done, "count": len(done)}


@router.post("/progress/reports/bulk")
def bulk_page(request: Request, session: SessionDep, user=Depends(require("progress.approve")),
              ids: Annotated[list[int], Form()] = (), action: Annotated[str, Form()] = "",
              comment: Annotated[str, Form()] = ""):
    """The to-do page's batch: approve or return the ticked reports (all or nothing)."""
    if action not in ("approve", "return"):
        raise HTTPException(404)
    try:
        if action == "approve":
            count = approve_many(request, session, list(ids), user)["count"]
        else:
            count = return_many(request, session, list(ids), comment, user)["count"]
    except InputError as err:
        session.rollback()
        return redirect("/progress", flash=f"未处理任何报告：{err}", kind="error")
    what = "审核通过" if action == "approve" else "退回，并通知各填报人"
    return redirect("/progress", flash=f"已{what} {count} 份报告")
