"""Money per task/target: the office's entry (from the task page), the city's totals by source
(``/funding``) and the export (.xlsx, cells never run as formulas); the task page's block."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import Response

from ecoplan.app.core.actor import current_actor
from ecoplan.app.deps import SessionDep
from ecoplan.app.forms import describe
from ecoplan.app.funding import service
from ecoplan.app.funding.models import KIND_LABELS
from ecoplan.app.permissions import can, require
from ecoplan.app.plans.models import PlanVersion, Task
from ecoplan.app.progress import todo
from ecoplan.app.projects.models import SOURCES
from ecoplan.app.templating import redirect, render
from ecoplan.errors import InputError
from ecoplan.reports.xlsx import Sheet, write_workbook

router = APIRouter(prefix="/funding")

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def MONEY(*columns: int) -> dict[int, str]:  # noqa: N802
    """Money columns shown with two places (万元)."""
    return {i: "0.00" for i in columns}


def _version(session):
    version = todo.published(session)
    if version is None:
        raise HTTPException(404, "全市工作方案尚未发布")
    return version


def _listing(session, version) -> list[tuple[str, object]]:
    names = service.labels(version)
    return [(names.get((r.item_kind, r.item_uid), r.item_uid), r)
            for r in service.rows(session, version.plan_id)]


@router.get("")
def index(request: Request, session: SessionDep, user=Depends(require("funding.view"))):
    version = _version(session)
    funding = service.rows(session, version.plan_id)
    return render(request, "funding/index.html", {
        "rows": _listing(session, version), "totals": service.totals(funding),
        "year": version.plan.year, "kinds": KIND_LABELS})


@router.post("")
def save(request: Request, session: SessionDep, admin=Depends(require("funding.manage")),
         item: Annotated[str | None, Form()] = None,
         source: Annotated[str | None, Form()] = None, planned: Annotated[str | None, Form()] = None,
         spent: Annotated[str | None, Form()] = None, note: Annotated[str | None, Form()] = None,
         task_id: Annotated[str | None, Form()] = None):
    version = _version(session)
    back = f"/tasks/{task_id}" if (task_id or "").isdigit() else "/funding"
    kind, _, uid = (item or "").partition(":")  # "task:<uid>" or "target:<uid>"
    try:
        service.save(session, actor=current_actor(request), version=version, kind=kind or "",
                     uid=uid or "", source=source or "", planned=planned or "",
                     spent=spent or "", note=note or "")
    except InputError as err:
        session.rollback()
        return render(request, "funding/error.html", {"error": describe(err), "back": back},
                      status_code=422)
    return redirect(back + "#funding", flash="已保存资金安排")


@router.get("/export.xlsx")
def export(session: SessionDep, user=Depends(require("funding.view"))):
    version = _version(session)
    listing = _listing(session, version)
    rows = [[name, KIND_LABELS[r.item_kind], r.source, float(r.planned), float(r.spent), r.note]
            for name, r in listing]
    totals = service.totals([r for _, r in listing])
    sheets = [Sheet(title="资金安排", columns=("事项", "类型", "资金来源", "计划金额（万元）",
                                           "已支出（万元）", "说明"),
                    rows=rows, widths=(50, 8, 12, 16, 16, 40), number_formats=MONEY(3, 4)),
              Sheet(title="按资金来源汇总", columns=("资金来源", "计划金额（万元）", "已支出（万元）"),
                    rows=[[s, float(a["planned"]), float(a["spent"])] for s, a in totals.items()],
                    widths=(14, 16, 16), number_formats=MONEY(1, 2))]
    name = quote(f"{version.plan.year}年度资金安排.xlsx")
    return Response(write_workbook(sheets), media_type=XLSX,
                    headers={"Content-Disposition": f"attachment; filename*=UTF-8''{name}"})


def task_section(session, user, task: Task) -> dict | None:
    """The task page's block: the task's and its targets' money by source (the office edits)."""
    keys = {("task", task.uid), *(("target", g.uid) for g in task.targets)}
    plan_id = session.get(PlanVersion, task.version_id).plan_id
    funding = [r for r in service.rows(session, plan_id)
               if (r.item_kind, r.item_uid) in keys]
    manage = can(user, "funding.manage")
    if not funding and not manage:
        return None
    return {"funding_rows": funding, "funding_totals": service.totals(funding),
            "funding_task": task, "funding_manage": manage, "funding_sources": SOURCES,
            "funding_kinds": KIND_LABELS,
            "funding_names": {("task", task.uid): f"任务{task.number}",
                              **{("target", g.uid): f"目标：{g.metric}" for g in task.targets}}}

