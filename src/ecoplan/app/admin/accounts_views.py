"""Admin pages: importing units and users from .xlsx, the template, the contact list export."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request, UploadFile
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from ecoplan.app.admin import accounts
from ecoplan.app.auth.models import User
from ecoplan.app.deps import SessionDep
from ecoplan.app.core.actor import current_actor
from ecoplan.app.forms import describe
from ecoplan.app.permissions import require
from ecoplan.app.templating import attachment, render
from ecoplan.errors import InputError
from ecoplan.reports.xlsx import MEDIA_TYPE, write_workbook

router = APIRouter(prefix="/admin/accounts")
Admin = Annotated[User, Depends(require("admin.users"))]
MAX_BYTES = 5 * 1024 * 1024


def _xlsx(sheets, name: str) -> Response:
    return attachment(write_workbook(sheets), name, MEDIA_TYPE)


@router.get("")
def accounts_page(request: Request, _admin: Admin):
    return render(request, "admin/accounts.html", {})


@router.get("/template.xlsx")
def accounts_template(_admin: Admin):
    return _xlsx(accounts.template(), "accounts-template.xlsx")


@router.get("/contacts.xlsx")
def contact_list(session: SessionDep, _admin: Admin):
    return _xlsx(accounts.contacts(session), "contacts.xlsx")


@router.post("/import")
async def import_accounts(request: Request, session: SessionDep, admin: Admin, file: UploadFile | None = None):
    name = (file.filename if file else "") or "accounts.xlsx"
    data = await file.read(MAX_BYTES + 1) if file else b""
    # the database work in the thread pool, never on the event loop
    return await run_in_threadpool(_import_accounts, request, session, admin, name, data)


def _import_accounts(request: Request, session, admin, name: str, data: bytes):
    try:
        if len(data) > MAX_BYTES:
            raise InputError("文件超过 5 MB", file=name)
        created = accounts.import_accounts(session, data, file=name, actor=current_actor(request))
    except InputError as err:
        session.rollback()
        problems = [describe(e) for e in getattr(err, "errors", [])]
        return render(request, "admin/accounts.html", {"error": describe(err), "problems": problems},
                      status_code=422)
    response = render(request, "admin/accounts.html", {"created": created})
    response.headers["Cache-Control"] = "no-store"  # first passwords are shown once
    return response
