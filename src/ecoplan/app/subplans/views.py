"""Sub-plan pages: the list with the city's coverage and the upload, a sub-plan with its links,
publishing, and the measures' statuses."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, UploadFile

from ecoplan.app.core.actor import current_actor
from ecoplan.app.deps import FormDep, SessionDep
from ecoplan.app.forms import describe
from ecoplan.app.permissions import can, ensure, require
from ecoplan.app.subplans import coverage as cov
from ecoplan.app.subplans import service
from ecoplan.app.subplans.models import (ITEM_KIND_LABELS, ITEM_STATUS_LABELS, STATE_LABELS,
                                         SubPlan, SubPlanItem)
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
        "may_reopen": can(user, "subplans.reopen")}, status_code=status_code)


@router.get("/{subplan_id}")
def subplan_page(subplan_id: int, request: Request, session: SessionDep,
                 user=Depends(require("subplans.view"))):
    return _page(request, session, user, _subplan(session, user, subplan_id))


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


@router.post("/{subplan_id}/reopen")
def reopen(subplan_id: int, request: Request, session: SessionDep,
           user=Depends(require("subplans.reopen"))):
    subplan = _subplan(session, user, subplan_id)
    service.reopen(session, actor=current_actor(request), subplan=subplan)
    return redirect(f"/subplans/{subplan.id}", flash="已退回草稿")


@router.post("/items/{item_id}/status")
def item_status(item_id: int, request: Request, session: SessionDep, data: FormDep,
                user=Depends(require("subplans.manage"))):
    item = session.get(SubPlanItem, item_id)
    if item is None:
        raise HTTPException(404, "没有找到该措施")
    ensure(user, "subplans.manage", item)
    try:
        service.set_status(session, actor=current_actor(request), item=item, status=str(data.get("status") or ""),
                           note=str(data.get("note") or ""))
    except InputError as err:
        session.rollback()
        return _page(request, session, user, _subplan(session, user, item.subplan_id),
                     error=describe(err), status_code=422)
    return redirect(f"/subplans/{item.subplan_id}#item-{item.id}",
                    flash=f"已更新“{item.title}”的进展")
