"""Ledger pages: the list (filters, overdue flags, export), an item with its history and the
workflow buttons the user may press, creating and editing items, importing a spreadsheet."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import FileResponse

from ecoplan.app.core import clock
from ecoplan.app.audit.service import field_changes
from ecoplan.app.deps import FormDep, SessionDep
from ecoplan.app.core.actor import as_actor, current_actor
from ecoplan.app.forms import StaleEditError, describe, error_status
from ecoplan.app.ledger import disclosure, service
from ecoplan.app.ledger.evidence import Upload, resolve
from ecoplan.app.ledger.exporting import export_ledger
from ecoplan.app.ledger.fields import (check_fields, target_metrics, task_numbers, task_titles,
                                      unit_names)
from ecoplan.app.ledger.importing import LedgerImportError, import_ledger
from ecoplan.app.ledger.models import SOURCE_LABELS, STAGE_LABELS, LedgerItem
from ecoplan.app.ledger.workflow import (ACTION_LABELS, CLOSED, NEEDS_REASON, REQUEST,
                                         STATE_LABELS, NotYours, allowed_actions)
from ecoplan.app.permissions import Forbidden, can, require
from ecoplan.app.plans.queries import DISTRICTS
from ecoplan.app.units.addressees import choices
from ecoplan.app.templating import attachment, redirect, render
from ecoplan.errors import InputError
from ecoplan.reports.xlsx import MEDIA_TYPE

router = APIRouter(prefix="/ledger")
LABELS = {"sources": SOURCE_LABELS, "stages": STAGE_LABELS, "states": STATE_LABELS,
          "actions": ACTION_LABELS, "districts": DISTRICTS, "needs_reason": NEEDS_REASON,
          "request_action": REQUEST}
SHOWN_ERRORS = 50
"""Import errors listed on the page; the rest are counted (另有 N 处错误)."""


def filter_of(request: Request) -> service.ItemFilter:
    """The list's filters from the query string (unknown values ignored); the export and the
    print view use the same."""
    q = request.query_params
    return service.ItemFilter(
        district=q.get("district") if q.get("district") in DISTRICTS else None,
        state=q.get("state") if q.get("state") in STATE_LABELS else None,
        source=q.get("source") if q.get("source") in SOURCE_LABELS else None,
        unit=q.get("unit") or None, overdue=q.get("overdue") == "1",
        task_uid=q.get("task") or None, target_uid=q.get("target") or None)


def _item(session, item_id: int) -> LedgerItem:
    item = session.get(LedgerItem, item_id)
    if item is None:
        raise HTTPException(404, "没有找到该整改事项")
    return item


@router.get("")
def ledger_page(request: Request, session: SessionDep, _user=Depends(require("ledger.view"))):
    flt, today = filter_of(request), clock.evaluation_day(session)
    items = service.list_items(session, flt=flt, today=today)
    overdue = {i.id for i in items if service.is_overdue(i, today)}
    return render(request, "ledger/index.html",
                  {"items": items, "overdue": overdue, "flt": flt, **LABELS})


@router.get("/export.xlsx")
def ledger_export(request: Request, session: SessionDep, _user=Depends(require("ledger.view"))):
    today = clock.evaluation_day(session)
    items = service.list_items(session, flt=filter_of(request), today=today)
    data = export_ledger(items, today=today, links=link_keys(session))
    return attachment(data, "ledger.xlsx", MEDIA_TYPE)


def link_keys(session) -> dict[str, str]:
    """uid → task number or target metric of the latest published plan."""
    return {uid: key for found in (task_numbers(session), target_metrics(session))
            for key, uid in found.items()}


def _form_page(request: Request, session, form: dict, error: str | None = None, status: int = 200,
               *, item: LedgerItem | None = None):
    """The new-item form, or with ``item`` the form editing it."""
    tasks = sorted(task_numbers(session).items(), key=lambda kv: (len(kv[0]), kv[0]))
    context = {"form": form, "error": error, "tasks": tasks, "item": item,
               "task_titles": task_titles(session), "unit_choices": choices(session),
               "closed": item is not None and item.state == CLOSED,
               "targets": sorted(target_metrics(session).items()), **LABELS}
    name = "ledger/new.html" if item is None else "ledger/edit.html"
    return render(request, name, context, status_code=status)


def _form_of(session, item: LedgerItem) -> dict:
    """The edit form's values: the item as people write it (task number, target metric)."""
    keys = link_keys(session)
    return {"source": item.source, "batch": item.batch, "description": item.description,
            "district": item.district, "units": "、".join(item.units or []),
            "measures": item.measures, "deadline": str(item.deadline or ""), "stage": item.stage,
            "task": keys.get(item.task_uid or "", item.task_uid or ""),
            "target": keys.get(item.target_uid or "", item.target_uid or "")}


@router.get("/new")
def new_item_page(request: Request, session: SessionDep, _admin=Depends(require("ledger.manage"))):
    return _form_page(request, session, {"source": "city", "stage": "short"})


@router.post("")
def new_item(request: Request, session: SessionDep, data: FormDep,
             admin=Depends(require("ledger.manage"))):
    form = dict(data)
    form.pop("csrf_token", None)
    try:
        fields = check_fields(form, known_units=unit_names(session), tasks=task_numbers(session),
                              targets=target_metrics(session))
        item = service.create_item(session, actor=current_actor(request), fields=fields)
    except InputError as err:
        session.rollback()
        return _form_page(request, session, form, describe(err), 422)
    return redirect(f"/ledger/{item.id}", flash=f"已新建整改事项 {item.code}")


@router.get("/import")
def import_page(request: Request, _admin=Depends(require("ledger.manage"))):
    return render(request, "ledger/import.html", {"errors": []})


@router.post("/import")
def import_file(request: Request, session: SessionDep, admin=Depends(require("ledger.manage")),
                file: Annotated[UploadFile | None, File()] = None):
    if file is None or not file.filename:
        return render(request, "ledger/import.html", {"errors": [], "error": "请选择 .xlsx 文件"},
                      status_code=422)
    try:
        items = import_ledger(session, actor=current_actor(request), data=file.file.read(), file=file.filename)
    except InputError as err:
        session.rollback()
        errors = err.errors if isinstance(err, LedgerImportError) else []
        return render(request, "ledger/import.html",
                      {"errors": errors[:SHOWN_ERRORS], "more": len(errors[SHOWN_ERRORS:]),
                       "error": describe(err)}, status_code=422)
    return redirect("/ledger", flash=f"已导入 {len(items)} 个整改事项")


def _edits(request, session, item: LedgerItem) -> list[dict]:
    """Each edit of the item: when, by whom, which fields (in Chinese)."""
    field_label = request.app.state.audit_labels.field_label
    return [{"at": e.at, "actor": e.actor,
             "fields": "、".join(field_label(c.name, "ledger_item")
                                for c in field_changes(e.before, e.after) if c.changed)}
            for e in service.edits(session, item)]


def _detail(request, session, item: LedgerItem, user, error: str | None = None, status=200):
    links = link_keys(session)
    context = {"item": item, "error": error, "overdue": service.is_overdue(item, clock.evaluation_day(session)),
               "allowed": allowed_actions(service.facts(item), as_actor(user)),
               "task_number": links.get(item.task_uid or ""),
               "task_title": task_titles(session).get(links.get(item.task_uid or ""), ""),
               "target_metric": links.get(item.target_uid or ""),
               "can_edit": can(user, "ledger.manage") and item.state != CLOSED,
               "can_publish": can(user, "ledger.manage"),
               "edits": _edits(request, session, item), **LABELS}
    return render(request, "ledger/item.html", context, status_code=status)


@router.get("/{item_id}")
def item_page(item_id: int, request: Request, session: SessionDep,
              user=Depends(require("ledger.view"))):
    return _detail(request, session, _item(session, item_id), user)


@router.post("/{item_id}/act")
def item_act(item_id: int, request: Request, session: SessionDep,
             user=Depends(require("ledger.act")), action: Annotated[str, Form()] = "",
             version: Annotated[str, Form()] = "", evidence: Annotated[str, Form()] = "",
             reason: Annotated[str, Form()] = "",
             files: Annotated[list[UploadFile] | None, File()] = None):
    item = _item(session, item_id)
    uploads = [Upload(f.filename, f.file.read()) for f in files or [] if f.filename]
    try:
        service.act(session, item, actor=current_actor(request), action=action, version=version,
                    evidence=evidence, reason=reason, files=uploads,
                    data_dir=request.app.state.settings.data_dir)
    except NotYours as err:
        session.rollback()
        raise Forbidden(err.message, scope="object") from None
    except InputError as err:
        session.rollback()
        return _detail(request, session, _item(session, item_id), user, describe(err),
                       error_status(err))
    return redirect(f"/ledger/{item.id}", flash=f"{item.code}：{ACTION_LABELS[action]}")


@router.post("/{item_id}/public")
def item_public(item_id: int, request: Request, session: SessionDep,
                admin=Depends(require("ledger.manage")), public: Annotated[str, Form()] = "",
                public_text: Annotated[str, Form()] = "", version: Annotated[str, Form()] = ""):
    """The office shows the item on the public page (or stops), with the progress it reads."""
    item = _item(session, item_id)
    try:
        changed = disclosure.set_public(session, item, actor=current_actor(request),
                                        public=public == "1", text=public_text, version=version)
    except (StaleEditError, InputError) as err:
        session.rollback()
        return _detail(request, session, _item(session, item_id), admin, describe(err),
                       409 if isinstance(err, StaleEditError) else error_status(err))
    done = ("已在公开信息页显示" if item.public else "不再公开") if changed else "公开设置没有变化"
    return redirect(f"/ledger/{item.id}", flash=f"{item.code}：{done}")


@router.get("/{item_id}/edit")
def edit_item_page(item_id: int, request: Request, session: SessionDep,
                   _admin=Depends(require("ledger.manage"))):
    item = _item(session, item_id)
    return _form_page(request, session, _form_of(session, item), item=item)


@router.post("/{item_id}/edit")
def edit_item(item_id: int, request: Request, session: SessionDep, data: FormDep,
              admin=Depends(require("ledger.manage"))):
    """Save the office's changes; a stale form (409) or a closed item is refused and the item
    shown as it now is, a field error (422) keeps what was typed."""
    item, form = _item(session, item_id), dict(data)
    form.pop("csrf_token", None)
    try:
        service.check_editable(item, form.get("version"))
        fields = check_fields({**form, "code": item.code}, known_units=unit_names(session),
                              tasks=task_numbers(session), targets=target_metrics(session))
        changed = service.update_item(session, item, actor=current_actor(request), fields=fields,
                                      version=form.get("version"))
    except (StaleEditError, service.ClosedItemError) as err:
        session.rollback()
        item = _item(session, item_id)
        return _form_page(request, session, _form_of(session, item), describe(err), 409,
                          item=item)
    except InputError as err:
        session.rollback()
        return _form_page(request, session, form, describe(err), 422, item=_item(session, item_id))
    done = f"已修改 {len(changed)} 项内容" if changed else "内容没有变化，未修改"
    return redirect(f"/ledger/{item.id}", flash=f"{item.code}：{done}")


@router.get("/{item_id}/files/{event_id}/{index}")
def evidence_file(item_id: int, event_id: int, index: int, request: Request, session: SessionDep,
                  _user=Depends(require("ledger.view"))):
    event = next((e for e in _item(session, item_id).events if e.id == event_id), None)
    if event is None or not 0 <= index < len(event.files or []):
        raise HTTPException(404, "没有找到该佐证材料")
    stored = event.files[index]
    try:
        path = resolve(request.app.state.settings.data_dir, stored["path"])
    except FileNotFoundError:
        raise HTTPException(404, "佐证材料文件已不存在") from None
    return FileResponse(path, filename=stored["name"])
