"""Money per task/target: the office's entry (from the task page), the city's totals by source
with the key projects' money (``/funding``, ``?unit=`` for one unit's) and the export (.xlsx,
cells never run as formulas); the task page's block."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from sqlalchemy import select

from ecoplan.app.core.actor import current_actor
from ecoplan.app.deps import SessionDep
from ecoplan.app.forms import describe
from ecoplan.app.funding import service, summary
from ecoplan.app.funding.models import KIND_LABELS
from ecoplan.app.permissions import can, require
from ecoplan.app.plans.models import PlanVersion, Task
from ecoplan.app.progress import todo
from ecoplan.app.projects.models import SOURCES, to_money
from ecoplan.app.projects.service import sees
from ecoplan.app.templating import attachment, redirect, render
from ecoplan.app.units.models import Unit
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


def _units(session) -> list[Unit]:
    return list(session.scalars(select(Unit).order_by(Unit.kind, Unit.id)))


def _scope(session, request: Request) -> tuple[summary.Scope, Unit | None]:
    """``?unit=`` (a unit's name) or the whole plan; an unknown name shows the whole plan."""
    name = (request.query_params.get("unit") or "").strip()
    unit = session.scalar(select(Unit).where(Unit.name == name)) if name else None
    return summary.Scope(unit=unit.name if unit else None), unit


def _gather(session, user, version, request: Request):
    scope, unit = _scope(session, request)
    names = service.labels(version)
    funding = summary.item_rows(session, version, scope)
    projects = [p for p in summary.projects(session, scope, unit.kind if unit else None)
                if sees(user, p)]
    listing = [(names.get((r.item_kind, r.item_uid), r.item_uid), r) for r in funding]
    return unit, listing, funding, projects


@router.get("")
def index(request: Request, session: SessionDep, user=Depends(require("funding.view"))):
    version = _version(session)
    unit, listing, funding, projects = _gather(session, user, version, request)
    items, projs = summary.item_totals(funding), summary.project_totals(projects)
    return render(request, "funding/index.html", {
        "rows": listing, "totals": items, "project_totals": projs,
        "all_totals": summary.combined(items, projs), "projects": projects,
        "unit": unit, "units": _units(session),
        "year": version.plan.year, "kinds": KIND_LABELS})


@router.post("")
def save(request: Request, session: SessionDep, admin=Depends(require("funding.manage")),
         item: Annotated[str | None, Form()] = None,
         source: Annotated[str | None, Form()] = None, planned: Annotated[str | None, Form()] = None,
         spent: Annotated[str | None, Form()] = None, note: Annotated[str | None, Form()] = None,
         task_id: Annotated[str | None, Form()] = None,
         unit: Annotated[str | None, Form()] = None):
    version = _version(session)
    back = f"/tasks/{task_id}" if (task_id or "").isdigit() else "/funding"
    kind, _, uid = (item or "").partition(":")  # "task:<uid>" or "target:<uid>"
    try:
        service.save(session, actor=current_actor(request), version=version, kind=kind or "",
                     uid=uid or "", source=source or "", planned=planned or "",
                     spent=spent or "", note=note or "", unit=unit or "")
    except InputError as err:
        session.rollback()
        return render(request, "funding/error.html", {"error": describe(err), "back": back},
                      status_code=422)
    return redirect(back + "#funding", flash="已保存资金安排")


def _task_sheet(version, funding, projects) -> Sheet:
    rows = [[t["task"] or "—", t["title"] or "工作目标", float(t["planned"]), float(t["spent"]),
             float(t["projects_planned"]), float(t["projects_done"])]
            for t in summary.by_task(version, funding, projects)]
    return Sheet(title="按任务汇总", columns=("任务", "任务名称", "任务、目标计划（万元）",
                                         "任务、目标已支出（万元）", "项目计划投资（万元）",
                                         "项目累计完成（万元）"),
                 rows=rows, widths=(6, 40, 18, 18, 18, 18), number_formats=MONEY(2, 3, 4, 5))


def _project_sheet(projects) -> Sheet:
    rows = [[p.code, p.name, p.task, p.owner, p.district or "市级",
             *[float(summary.project_sources(p).get(s, 0)) for s in SOURCES],
             float(to_money(p.invest_planned)), float(to_money(p.invest_done))] for p in projects]
    return Sheet(title="重点工程项目资金", columns=("项目编号", "项目名称", "任务", "责任单位", "所在地区",
                                             *SOURCES, "计划总投资（万元）", "累计完成（万元）"),
                 rows=rows, widths=(16, 40, 6, 20, 10, *(12,) * len(SOURCES), 16, 16),
                 number_formats=MONEY(*range(5, 7 + len(SOURCES))))


@router.get("/export.xlsx")
def export(request: Request, session: SessionDep, user=Depends(require("funding.view"))):
    version = _version(session)
    unit, listing, funding, projects = _gather(session, user, version, request)
    rows = [[name, KIND_LABELS[r.item_kind], r.unit or "市级统筹", r.source, float(r.planned),
             float(r.spent), r.note] for name, r in listing]
    items, projs = summary.item_totals(funding), summary.project_totals(projects)
    both = summary.combined(items, projs)
    sheets = [Sheet(title="资金安排", columns=("事项", "类型", "承担单位", "资金来源", "计划金额（万元）",
                                           "已支出（万元）", "说明"),
                    rows=rows, widths=(50, 8, 18, 12, 16, 16, 40), number_formats=MONEY(4, 5)),
              Sheet(title="按资金来源汇总", columns=("资金来源", "计划金额（万元）", "已支出（万元）",
                                              "项目计划投资（万元）", "计划合计（万元）"),
                    rows=[[s, float(a["planned"]), float(a["spent"]),
                           float(projs[s]["planned"]), float(both[s]["planned"])]
                          for s, a in items.items()],
                    widths=(14, 16, 16, 18, 16), number_formats=MONEY(1, 2, 3, 4)),
              _task_sheet(version, funding, projects), _project_sheet(projects)]
    return attachment(write_workbook(sheets),
                      f"{version.plan.year}年度资金安排{'（' + unit.name + '）' if unit else ''}.xlsx", XLSX)


def task_section(session, user, task: Task) -> dict | None:
    """The task page's block: the task's and its targets' money by source (the office edits)."""
    keys = {("task", task.uid), *(("target", g.uid) for g in task.targets)}
    plan_id = session.get(PlanVersion, task.version_id).plan_id
    funding = [r for r in service.rows(session, plan_id)
               if (r.item_kind, r.item_uid) in keys]
    manage = can(user, "funding.manage")
    projects = [p for p in summary.projects(session, summary.Scope(task=task.number))
                if sees(user, p)]
    if not funding and not manage and not projects:
        return None
    return {"funding_rows": funding, "funding_totals": service.totals(funding),
            "funding_task": task, "funding_manage": manage, "funding_sources": SOURCES,
            "funding_units": _units(session) if manage else [],
            "funding_projects": len(projects),
            "funding_project_totals": summary.project_totals(projects) if projects else None,
            "funding_kinds": KIND_LABELS,
            "funding_names": {("task", task.uid): f"任务{task.number}",
                              **{("target", g.uid): f"目标：{g.metric}" for g in task.targets}}}

