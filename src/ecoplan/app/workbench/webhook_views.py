"""The admin's page of group robots (企业微信 / 钉钉): add, remove, see failed pushes, retry."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from sqlalchemy import select

from ecoplan.app.audit.service import record
from ecoplan.app.auth.models import User
from ecoplan.app.deps import SessionDep
from ecoplan.app.core.actor import current_actor
from ecoplan.app.forms import describe
from ecoplan.app.permissions import require
from ecoplan.app.templating import redirect, render
from ecoplan.app.units.models import Unit
from ecoplan.app.workbench import webhooks
from ecoplan.errors import InputError

router = APIRouter(prefix="/admin/webhooks")
Admin = Annotated[User, Depends(require("admin.webhooks"))]


def _page(request: Request, session, error: str | None = None, status: int = 200):
    hooks = list(session.scalars(select(webhooks.Webhook).order_by(webhooks.Webhook.id)))
    recent = list(session.scalars(select(webhooks.WebhookDelivery).order_by(
        webhooks.WebhookDelivery.id.desc()).limit(50)))
    units = list(session.scalars(select(Unit).where(Unit.active.is_(True)).order_by(Unit.kind, Unit.name)))
    return render(request, "workbench/webhooks.html", {
        "hooks": hooks, "deliveries": recent, "units": units, "formats": webhooks.FORMATS,
        "failed": sum(d.status == "failed" for d in recent), "error": error,
        "max_attempts": webhooks.MAX_ATTEMPTS}, status_code=status)


@router.get("")
def webhooks_page(request: Request, session: SessionDep, _admin: Admin):
    return _page(request, session)


@router.post("")
def add_webhook(request: Request, session: SessionDep, admin: Admin,
                unit_id: Annotated[str, Form()] = "", format: Annotated[str, Form()] = "",
                url: Annotated[str, Form()] = "", secret: Annotated[str, Form()] = ""):
    try:
        hook = webhooks.add(session, unit_id=int(unit_id) if unit_id.isdigit() else None,
                            fmt=format, url=url, secret=secret)
    except InputError as err:
        session.rollback()
        return _page(request, session, describe(err), 422)
    record(session, actor=current_actor(request), action="webhook.created", object_type="webhook", object_id=hook.id,
           after={"unit": hook.unit.name if hook.unit else "生态办", "format": hook.format,
                  "url": hook.url.split("?")[0]})
    return redirect("/admin/webhooks", flash="已添加群机器人")


@router.post("/{hook_id}/delete")
def delete_webhook(hook_id: int, request: Request, session: SessionDep, admin: Admin):
    hook = session.get(webhooks.Webhook, hook_id)
    if hook is None:
        raise HTTPException(404)
    record(session, actor=current_actor(request), action="webhook.removed", object_type="webhook", object_id=hook.id,
           before={"unit": hook.unit.name if hook.unit else "生态办", "format": hook.format})
    session.delete(hook)
    return redirect("/admin/webhooks", flash="已删除群机器人")


@router.post("/retry")
def retry(request: Request, session: SessionDep, _admin: Admin):
    sent, still = webhooks.retry_failed(session)
    return redirect("/admin/webhooks", flash=f"重试：{sent} 条已送达，{still} 条仍失败",
                    kind="success" if not still else "warning")
