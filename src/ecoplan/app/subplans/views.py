"""Sub-plan pages: the list with the city's coverage and the upload, a sub-plan with its links,
publishing, and the measures' statuses."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, UploadFile

from ecoplan.app.core.actor import current_actor
from ecoplan.app.deps import FormDep, SessionDep
from ecoplan.app.forms import describe, error_status
from ecoplan.app.permissions import can, ensure, require
from ecoplan.app.progress import evidence
from ecoplan.app.progress.service import calendar
from ecoplan.app.subplans import coverage as cov
from ecoplan.app.subplans import reporting, service
from ecoplan.app.subplans import units as unit_links
from ecoplan.app.subplans.models import (ITEM_KIND_LABELS, ITEM_STATUS_LABELS, STATE_LABELS,
                                         REPORT_STATE_LABELS, SubPlan, SubPlanEvidence,
                                         SubPlanItem, SubPlanReport)
from ecoplan.app.subplans.reading import TEXT_NAME, read_subplan
from ecoplan.app.templating import redirect, render
from ecoplan.app.units.models import Unit
from ecoplan.errors import InputError

router = APIRouter(prefix="/subplans")
NOT_FOUND = "没有找到该子计划"


def _index(request: Request, session, user, *, error: str | None = None, status_code: int = 200):
    plan = service.current_plan(session)
    version = service.city_version(session, plan.id) if plan is not None else None
    subplans = service.visible(session, user, plan_id=plan.id if plan else None)
    if can(user, "subplans.report"):  # a district's town or department: the plans it reports on
        subplans += [s for s in reporting.reported_by(session, user, plan_id=plan.id if plan else None)
                     if s not in subplans]
    city = (cov.city_coverage(session, version)
            if version is not None and can(user, "subplans.coverage") else None)
    units = (session.query(Unit).filter(Unit.kind.in_(("district", "department")), Unit.active)
             .order_by(Unit.kind.desc(), Unit.id).all() if user.role == "admin" else [])
    return render(request, "subplans/index.html", {
        "plan": plan, "rows": [(s, cov.coverage(version, s)) for s in subplans] if version else [],
        "city": city, "units": units, "error": error, "states": STATE_LABELS,
        "may_upload": plan is not None and (user.role == "admin" or user.unit_id is not None)
        and can(user, "subplans.manage")}, status_code=status_code)


@router.get("")
def index(request: Request, session: SessionDep, user=Depends(require("subplans.view"))):
    return _index(request, session, user)


def _owner(session, user, unit_id: str | None) -> Unit:
    if user.role != "admin":
        if user.unit is None:
            raise InputError("您的账户未关联单位，不能上传子计划")
        return user.unit
    unit = session.get(Unit, int(unit_id)) if (unit_id or "").isdigit() else None
    if unit is None:
        raise InputError("请选择子计划所属单位", field="单位")
    return unit


@router.post("/upload")
def upload(request: Request, session: SessionDep, user=Depends(require("subplans.manage")),
           file: Annotated[UploadFile | None, File()] = None,
           text: Annotated[str | None, Form()] = None,
           unit_id: Annotated[str | None, Form()] = None):
    settings = request.app.state.settings
    try:
        plan = service.current_plan(session)
        if plan is None:
            raise InputError("全市工作方案尚未发布")
        unit = _owner(session, user, unit_id)
        if file is not None and file.filename:
            name, data = file.filename, file.file.read(settings.max_upload_bytes + 1)
        elif (text or "").strip():
            name, data = TEXT_NAME, text.encode("utf-8")
        else:
            raise InputError("请上传计划文件，或在文本框中填写计划内容", field="文件")
        read = read_subplan(data, name=name, year=plan.year, max_bytes=settings.max_upload_bytes)
        subplan = service.save_subplan(session, actor=current_actor(request), unit=unit, plan=plan, read=read,
                                       file_name="" if name == TEXT_NAME else name)
    except InputError as err:
        session.rollback()
        return _index(request, session, user, error=describe(err), status_code=422)
    return redirect(f"/subplans/{subplan.id}",
                    flash=f"已读取《{subplan.title}》：{len(subplan.items)} 项，请确认关联后发布")


def _subplan(session, user, subplan_id: int, action: str = "subplans.view") -> SubPlan:
    subplan = session.get(SubPlan, subplan_id)
    if subplan is None:
        raise HTTPException(404, NOT_FOUND)
    ensure(user, action, subplan)
    return subplan


def _page(request: Request, session, user, subplan: SubPlan, *, error: str | None = None,
          status_code: int = 200):
    version = service.city_version(session, subplan.plan_id)
    return render(request, "subplans/subplan.html", {
        "subplan": subplan, "labels": service.city_labels(version),
        "task_ids": service.city_task_ids(version),
        "choices": [(f"{c.kind}:{c.uid}", service.city_labels(version)[c.uid])
                    for c in service.candidates(version)],
        "coverage": cov.coverage(version, subplan), "states": STATE_LABELS,
        "kinds": ITEM_KIND_LABELS, "statuses": ITEM_STATUS_LABELS, "error": error,
        "may_manage": can(user, "subplans.manage", subplan),
        "may_approve": can(user, "subplans.approve", subplan),
        "reports": reporting.reports_of(session, subplan), "report_states": REPORT_STATE_LABELS,
        "my_items": _my_items(session, user, subplan), "evidence_accepted": evidence.ACCEPTED,
        "unit_choices": unit_links.choosable(session, subplan)
        if can(user, "subplans.manage", subplan) else [],
        "may_create_units": unit_links.may_create(user, subplan),
        "proposals": {link.id: unit_links.proposal(subplan, link) for link in subplan.unit_links},
        "may_reopen": can(user, "subplans.reopen")}, status_code=status_code)


def _my_items(session, user, subplan: SubPlan) -> dict[int, int]:
    """Item id → the version of the user's unit's open report (0: none) for the measures it
    reports on (published sub-plans only)."""
    if subplan.state != "published" or not can(user, "subplans.report"):
        return {}
    out = {}
    for item in subplan.items:
        if item.kind == "task" and reporting.reports_on(session, user, item):
            found = reporting.open_report(session, item, user.unit_id)
            out[item.id] = found.version if found is not None else 0
    return out


@router.get("/{subplan_id}")
def subplan_page(subplan_id: int, request: Request, session: SessionDep,
                 user=Depends(require("subplans.view"))):
    """The sub-plan's owner, the office and viewers; and a unit one of its measures names
    (a district's department or town), which reports on it here."""
    subplan = session.get(SubPlan, subplan_id)
    if subplan is None:
        raise HTTPException(404, NOT_FOUND)
    if not _may_see(session, user, subplan):
        raise HTTPException(403, "无权查看该子计划")
    return _page(request, session, user, subplan)


def _may_see(session, user, subplan: SubPlan) -> bool:
    return can(user, "subplans.view", subplan) or (
        subplan.state == "published"
        and any(reporting.reports_on(session, user, i) for i in subplan.items))


@router.post("/{subplan_id}/links")
def save_links(subplan_id: int, request: Request, session: SessionDep, data: FormDep,
               user=Depends(require("subplans.manage"))):
    subplan = _subplan(session, user, subplan_id, "subplans.manage")
    choices = {int(k.removeprefix("link_")): str(v) for k, v in data.items()
               if k.startswith("link_") and k.removeprefix("link_").isdigit()}
    try:
        if subplan.state != "draft":
            raise InputError("子计划已发布，关联不能再修改")
        changed = service.set_links(session, actor=current_actor(request), subplan=subplan, choices=choices)
        if data.get("publish"):
            service.publish(session, actor=current_actor(request), subplan=subplan)
    except InputError as err:
        session.rollback()
        return _page(request, session, user, _subplan(session, user, subplan_id),
                     error=describe(err), status_code=422)
    done = "，子计划已发布" if subplan.state == "published" else ""
    return redirect(f"/subplans/{subplan.id}", flash=f"已确认关联 {changed} 项{done}")


@router.post("/{subplan_id}/units")
def save_units(subplan_id: int, request: Request, session: SessionDep, data: FormDep,
               user=Depends(require("subplans.manage"))):
    """The owner maps each written responsible unit to a unit record (or creates it under the
    district: ``district.units``, checked in :func:`~ecoplan.app.subplans.units.set_units`)."""
    subplan = _subplan(session, user, subplan_id, "subplans.manage")
    choices = {int(k.removeprefix("unit_")): str(v) for k, v in data.items()
               if k.startswith("unit_") and k.removeprefix("unit_").isdigit()}
    names = {int(k.removeprefix("new_name_")): str(v) for k, v in data.items()
             if k.startswith("new_name_") and k.removeprefix("new_name_").isdigit()}
    try:
        changed = unit_links.set_units(session, actor=current_actor(request), subplan=subplan,
                                       choices=choices, names=names)
    except InputError as err:
        session.rollback()
        return _page(request, session, user, _subplan(session, user, subplan_id),
                     error=describe(err), status_code=422)
    return redirect(f"/subplans/{subplan.id}#units", flash=f"已确认责任单位 {changed} 个")


@router.post("/{subplan_id}/reopen")
def reopen(subplan_id: int, request: Request, session: SessionDep,
           user=Depends(require("subplans.reopen"))):
    subplan = _subplan(session, user, subplan_id)
    service.reopen(session, actor=current_actor(request), subplan=subplan)
    return redirect(f"/subplans/{subplan.id}", flash="已退回草稿")


def _item(session, item_id: int) -> SubPlanItem:
    item = session.get(SubPlanItem, item_id)
    if item is None:
        raise HTTPException(404, "没有找到该措施")
    return item


def _refused(request, session, user, subplan_id: int, err: InputError):
    session.rollback()
    return _page(request, session, user, session.get(SubPlan, subplan_id),
                 error=describe(err), status_code=error_status(err))


@router.post("/items/{item_id}/reports")
def report_item(item_id: int, request: Request, session: SessionDep, data: FormDep,
                user=Depends(require("subplans.report"))):
    """A unit the measure names (or the owner) reports its status, for the owner to approve."""
    item = _item(session, item_id)
    unit = next((u for u in reporting.reporting_units(session, item)
                 if u.id == getattr(user, "unit_id", None)), None)
    if unit is None:
        raise HTTPException(403, "该措施不由本单位填报")
    limit = evidence.limit(request.app.state.settings, calendar(session))
    try:
        report = reporting.submit(
            session, actor=current_actor(request), item=item, unit=unit,
            status=str(data.get("status") or ""), note=str(data.get("note") or ""),
            version=data.get("version"), files=evidence.read_uploads(data.getlist("files"), limit),
            data_dir=request.app.state.settings.data_dir, max_bytes=limit)
    except InputError as err:
        return _refused(request, session, user, item.subplan_id, err)
    kept = f"，佐证材料 {len(report.evidence)} 个" if report.evidence else ""
    return redirect(f"/subplans/{item.subplan_id}#item-{item.id}",
                    flash=f"“{item.title}”的进展已提交{item.subplan.owner}审核{kept}")


@router.get("/evidence/{evidence_id}")
def download_evidence(evidence_id: int, request: Request, session: SessionDep,
                      user=Depends(require("subplans.view"))):
    """An evidence file of a measure's report, for whoever sees the sub-plan's page."""
    found = session.get(SubPlanEvidence, evidence_id)
    if found is None:
        raise HTTPException(404, "没有找到该佐证材料")
    if not _may_see(session, user, found.report.item.subplan):
        raise HTTPException(403, "无权查看该佐证材料")
    return evidence.download(found, request.app.state.settings.data_dir)


def _report(session, user, report_id: int) -> SubPlanReport:
    report = session.get(SubPlanReport, report_id)
    if report is None:
        raise HTTPException(404, "没有找到该进展报告")
    ensure(user, "subplans.approve", report)
    return report


@router.post("/reports/{report_id}/approve")
def approve_report(report_id: int, request: Request, session: SessionDep, data: FormDep,
                   user=Depends(require("subplans.approve"))):
    report = _report(session, user, report_id)
    try:
        reporting.approve(session, actor=current_actor(request), report=report,
                          version=data.get("version"))
    except InputError as err:
        return _refused(request, session, user, report.item.subplan_id, err)
    return redirect(f"/subplans/{report.item.subplan_id}#item-{report.item_id}",
                    flash=f"已审核“{report.item.title}”的进展")


@router.post("/reports/{report_id}/return")
def return_report(report_id: int, request: Request, session: SessionDep, data: FormDep,
                  user=Depends(require("subplans.approve"))):
    report = _report(session, user, report_id)
    try:
        reporting.return_report(session, actor=current_actor(request), report=report,
                                comment=str(data.get("comment") or ""),
                                version=data.get("version"))
    except InputError as err:
        return _refused(request, session, user, report.item.subplan_id, err)
    return redirect(f"/subplans/{report.item.subplan_id}#item-{report.item_id}",
                    flash=f"已退回“{report.item.title}”的进展")
