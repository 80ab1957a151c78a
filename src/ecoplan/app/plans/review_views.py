"""Upload → review → correct inline (htmx) → publish; starting and discarding drafts.

Item edits answer with the item's row (or its form with the message when the input is wrong);
a stale form answers 409 with the item as it now is and says so: nothing is overwritten.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, HTTPException, Request, UploadFile
from starlette.datastructures import FormData

from sqlalchemy import select

from ecoplan.app.deps import FormDep, SessionDep
from ecoplan.app.core.actor import current_actor
from ecoplan.app.forms import describe
from ecoplan.app.permissions import require
from ecoplan.app.plans import highlight, ingest, queries, service, versions
from ecoplan.app.plans.models import PlanVersion
from ecoplan.app.plans.present import page, target_text
from ecoplan.app.templating import redirect
from ecoplan.app.units.models import Unit
from ecoplan.errors import InputError

router = APIRouter()
REVISION_HEADER = "X-Draft-Revision"
"""The draft's row_version the review page shows; answered with the new one after an edit."""
KINDS = ("target", "task", "deadline", "responsibility")
NOT_FOUND = "没有找到该方案或条目"


def upload_form(request: Request, *, error: str | None = None, status_code: int = 200):
    return page(request, "plans/upload.html", {"error": error,
                                               "allowed": ", ".join(ingest.ALLOWED_SUFFIXES)},
                status_code=status_code)


@router.get("/plans/upload")
def upload_page(request: Request, _user=Depends(require("plans.edit"))):
    return upload_form(request)


@router.post("/plans/upload")
def upload(request: Request, session: SessionDep, file: UploadFile,
           user=Depends(require("plans.edit")), year: str | None = Form(None)):
    try:
        version = ingest.ingest_upload(session, stream=file.file, name=file.filename,
                                       settings=request.app.state.settings, actor=current_actor(request), year=ingest.form_year(year))
    except InputError as err:
        session.rollback()
        status = 413 if isinstance(err, ingest.TooLarge) else 422
        return upload_form(request, error=describe(err), status_code=status)
    return redirect(f"/plans/versions/{version.id}/review",
                    flash=f"已读取《{version.plan.title}》，请核对后发布")


def draft_or_404(session, version_id: int) -> PlanVersion:
    version = queries.load_version(session, version_id)
    if version is None:
        raise HTTPException(404, NOT_FOUND)
    return version


@router.get("/plans/versions/{version_id}/review")
def review(version_id: int, request: Request, session: SessionDep,
           _user=Depends(require("plans.edit"))):
    version = draft_or_404(session, version_id)
    text = version.source.text if version.source else ""
    needles = [(f"task-{t.id}", t.text) for t in version.tasks]
    needles += [(f"target-{g.id}", g.text) for g in version.targets]
    needles += [(f"deadline-{d.id}", d.text) for t in version.tasks for d in t.deadlines]
    spans, missing = highlight.locate(text, needles)
    labels = {f"task-{t.id}": f"任务 {t.number}. {t.title}" for t in version.tasks}
    labels |= {f"target-{g.id}": f"目标：{target_text(g)}" for g in version.targets}
    labels |= {f"deadline-{d.id}": f"时间节点：{d.text}" for t in version.tasks for d in t.deadlines}
    pieces = [(p, any(not k.startswith("task-") for k in p.keys))
              for p in highlight.pieces(text, spans)]
    return page(request, "plans/review.html", {
        "plan_version": version, "plan": version.plan, "pieces": pieces,
        "missing": set(missing), "missing_labels": [labels[k] for k in missing],
        "unknown": queries.unknown_responsibilities(version),
        "blocks": queries.outline(version, queries.Filters()),
        "goals": queries.goal_targets(version),
        "unit_names": session.scalars(select(Unit.name).order_by(Unit.name)).all()})


def row(request: Request, kind: str, item, *, error: str | None = None, status_code: int = 200):
    return page(request, f"plans/_{kind}_row.html", {kind: item, "item": item, "error": error,
                                                     "editable": True}, status_code=status_code)


def form(request: Request, kind: str, item, *, values: dict | None = None,
         error: str | None = None, status_code: int = 200, version_id: int | None = None,
         task_id: int | None = None):
    return page(request, "plans/_item_form.html", {
        "kind": kind, "item": item, "values": values, "error": error,
        "version_id": version_id, "task_id": task_id}, status_code=status_code)


def follow_revision(request: Request, response, *, before: int, version: PlanVersion):
    """Let the page's publish form follow this edit, when it was made on the state the page
    shows; after someone else's change it keeps the old revision, so publishing is refused."""
    if request.headers.get(REVISION_HEADER) == str(before):
        response.headers[REVISION_HEADER] = str(version.row_version)
    return response


def kind_or_404(kind: str) -> str:
    if kind not in KINDS:
        raise HTTPException(404, NOT_FOUND)
    return kind


def item_or_404(session, kind: str, item_id: int):
    try:
        return service.get_item(session, kind=kind_or_404(kind), item_id=item_id)
    except service.NotFound:
        raise HTTPException(404, NOT_FOUND) from None


@router.get("/plans/items/{kind}/{item_id}")
def item_row(kind: str, item_id: int, request: Request, session: SessionDep,
             _user=Depends(require("plans.edit"))):
    return row(request, kind, item_or_404(session, kind, item_id))


@router.get("/plans/items/{kind}/{item_id}/edit")
def item_edit(kind: str, item_id: int, request: Request, session: SessionDep,
              _user=Depends(require("plans.edit"))):
    return form(request, kind, item_or_404(session, kind, item_id))


def form_values(data: FormData) -> dict:
    values = {k: v for k, v in data.items() if k not in ("csrf_token", "row_version")}
    if "soft" not in values and data.get("has_soft"):
        values["soft"] = ""
    return values


@router.post("/plans/items/{kind}/{item_id}")
def item_save(kind: str, item_id: int, request: Request, session: SessionDep, data: FormDep,
              user=Depends(require("plans.edit")), row_version: int | None = Form(None)):
    item = item_or_404(session, kind, item_id)
    version = service.version_of(session, kind, item)
    before = version.row_version
    values = form_values(data)
    try:
        item = service.update_item(session, actor=current_actor(request), kind=kind, item_id=item_id,
                                   row_version=row_version, values=values)
    except service.StaleError as err:
        session.rollback()
        return row(request, kind, item_or_404(session, kind, item_id), error=describe(err), status_code=409)
    except InputError as err:
        session.rollback()
        return form(request, kind, item_or_404(session, kind, item_id), values=values,
                    error=describe(err), status_code=422)
    return follow_revision(request, row(request, kind, item), before=before, version=version)


@router.post("/plans/items/{kind}/{item_id}/delete")
def item_delete(kind: str, item_id: int, request: Request, session: SessionDep,
                user=Depends(require("plans.edit")), row_version: int | None = Form(None)):
    version = service.version_of(session, kind, item_or_404(session, kind, item_id))
    before = version.row_version
    try:
        service.remove_item(session, actor=current_actor(request), kind=kind, item_id=item_id,
                            row_version=row_version)
    except service.StaleError as err:
        session.rollback()
        return row(request, kind, item_or_404(session, kind, item_id), error=describe(err), status_code=409)
    return follow_revision(request, page(request, "plans/_removed.html", {}), before=before,
                           version=version)


@router.get("/plans/versions/{version_id}/items/{kind}/new")
def item_new(version_id: int, kind: str, request: Request, _session: SessionDep,
             _user=Depends(require("plans.edit")), task_id: int | None = None):
    return form(request, kind_or_404(kind), None, version_id=version_id, task_id=task_id)


@router.post("/plans/versions/{version_id}/items/{kind}")
def item_add(version_id: int, kind: str, request: Request, session: SessionDep, data: FormDep,
             user=Depends(require("plans.edit")), task_id: int | None = None):
    values = form_values(data)
    version = session.get(PlanVersion, version_id)
    before = version.row_version if version else None
    try:
        item = service.add_item(session, actor=current_actor(request), kind=kind_or_404(kind),
                                version_id=version_id, values=values, task_id=task_id)
    except service.NotFound:
        raise HTTPException(404, NOT_FOUND) from None
    except InputError as err:
        session.rollback()
        return form(request, kind, None, values=values, error=describe(err), status_code=422,
                    version_id=version_id, task_id=task_id)
    return follow_revision(request, row(request, kind, item), before=before, version=version)


@router.post("/plans/versions/{version_id}/publish")
def publish(version_id: int, request: Request, session: SessionDep,
            user=Depends(require("plans.edit")), row_version: int | None = Form(None)):
    try:
        version = service.publish(session, actor=current_actor(request), version_id=version_id,
                                  row_version=row_version)
    except service.NotFound:
        raise HTTPException(404, NOT_FOUND) from None
    return redirect(f"/plans/{version.plan_id}", flash=f"第{version.number}版已发布")


@router.post("/plans/{plan_id}/draft")
def start_draft(plan_id: int, request: Request, session: SessionDep,
                user=Depends(require("plans.edit"))):
    try:
        version = versions.start_draft(session, actor=current_actor(request), plan_id=plan_id)
    except service.NotFound:
        raise HTTPException(404, NOT_FOUND) from None
    return redirect(f"/plans/versions/{version.id}/review")


@router.post("/plans/versions/{version_id}/discard")
def discard(version_id: int, request: Request, session: SessionDep,
            user=Depends(require("plans.edit")), row_version: int | None = Form(None)):
    version = draft_or_404(session, version_id)
    plan_id = version.plan_id
    versions.discard_draft(session, actor=current_actor(request), version_id=version_id, row_version=row_version)
    return redirect(f"/plans/{plan_id}/history", flash="草稿已删除")
