"""Admin page for seal images (电子印章): one PNG per issuing office, uploaded, replaced,
removed; the image shown only to those who manage it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Request, UploadFile
from fastapi.responses import Response

from ecoplan.app.auth.models import User
from ecoplan.app.deps import SessionDep
from ecoplan.app.core.actor import current_actor
from ecoplan.app.forms import describe
from ecoplan.app.permissions import require
from ecoplan.app.seals import files, service
from ecoplan.app.seals.models import IssuerSeal
from ecoplan.app.templating import redirect, render
from ecoplan.errors import InputError
from ecoplan.reports.official_signing import DEFAULT_SEAL_MM, SEAL_MAX_BYTES, SEAL_MM, SEAL_PIXELS

router = APIRouter(prefix="/admin/seals")
Admin = Annotated[User, Depends(require("admin.seals"))]
LIMITS = {"max_mb": SEAL_MAX_BYTES // 1024 // 1024, "pixels": SEAL_PIXELS, "mm": SEAL_MM, "default_mm": DEFAULT_SEAL_MM}


def _seal(session, seal_id: int) -> IssuerSeal:
    seal = session.get(IssuerSeal, seal_id)
    if seal is None:
        raise HTTPException(404, "没有找到该印章")
    return seal


def _page(request: Request, session, *, form: dict | None = None, error: str | None = None, status: int = 200):
    return render(request, "admin/seals.html", {"seals": service.list_seals(session), "limits": LIMITS,
                                                "form": form or {}, "error": error}, status_code=status)


@router.get("")
def seals_page(request: Request, session: SessionDep, _admin: Admin):
    return _page(request, session)


@router.post("")
def upload_seal(request: Request, session: SessionDep, admin: Admin, file: UploadFile | None = None,
                issuer: Annotated[str, Form()] = "", size_mm: Annotated[str, Form()] = ""):
    data = file.file.read(SEAL_MAX_BYTES + 1) if file is not None else b""
    try:
        seal = service.save_seal(session, actor=current_actor(request), issuer=issuer, png=data, size_mm=size_mm,
                                 file_name=(file.filename if file else "") or "",
                                 data_dir=request.app.state.settings.data_dir)
    except InputError as err:
        session.rollback()
        return _page(request, session, form={"issuer": issuer, "size_mm": size_mm}, error=describe(err), status=422)
    return redirect("/admin/seals", flash=f"已保存“{seal.issuer}”的电子印章")


@router.post("/{seal_id}/delete")
def delete_seal(seal_id: int, request: Request, session: SessionDep, admin: Admin):
    seal = _seal(session, seal_id)
    issuer = seal.issuer
    service.remove_seal(session, actor=current_actor(request), seal=seal, data_dir=request.app.state.settings.data_dir)
    return redirect("/admin/seals", flash=f"已删除“{issuer}”的电子印章")


@router.get("/{seal_id}.png")
def seal_png(seal_id: int, request: Request, session: SessionDep, _admin: Admin):
    seal = _seal(session, seal_id)
    data = files.read(request.app.state.settings.data_dir, seal.stored_name)
    return Response(data, media_type="image/png", headers={"Cache-Control": "private, no-store"})
