"""Login, logout and changing one's own password."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request

from ecoplan.app.auth.deps import SESSION_COOKIE
from ecoplan.app.auth.service import (SESSION_HOURS, LoginRefused, authenticate, change_password,
                                      end_session, start_session)
from ecoplan.app.deps import SessionDep, client_ip
from ecoplan.app.forms import describe
from ecoplan.app.permissions import require
from ecoplan.app.templating import redirect, render
from ecoplan.errors import InputError

router = APIRouter()


def _safe_next(target: str | None) -> str:
    """Only paths on this site (never ``//host`` or a URL) are followed after login."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


@router.get("/login", dependencies=[Depends(require("public"))])
def login_page(request: Request, next: str = "/"):
    if request.state.user is not None:
        return redirect(_safe_next(next))
    return render(request, "auth/login.html", {"next": _safe_next(next), "username": ""})


@router.post("/login", dependencies=[Depends(require("public"))])
def login(request: Request, session: SessionDep, username: Annotated[str, Form()] = "",
          password: Annotated[str, Form()] = "", next: Annotated[str, Form()] = "/"):
    try:
        user = authenticate(session, username, password, ip=client_ip(request))
    except LoginRefused as err:
        context = {"next": _safe_next(next), "username": username, "error": err.message}
        return render(request, "auth/login.html", context, status_code=401)
    end_session(session, request.cookies.get(SESSION_COOKIE))
    login_row = start_session(session, user)
    response = redirect(_safe_next(next), flash=f"欢迎，{user.display_name}")
    response.set_cookie(SESSION_COOKIE, login_row.token, max_age=SESSION_HOURS * 3600,
                        httponly=True, samesite="lax", secure=request.url.scheme == "https",
                        path="/")
    return response


@router.post("/logout", dependencies=[Depends(require("account"))])
def logout(request: Request, session: SessionDep):
    end_session(session, request.cookies.get(SESSION_COOKIE))
    response = redirect("/login", flash="您已退出登录", kind="info")
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/account/password", dependencies=[Depends(require("account"))])
def password_page(request: Request):
    return render(request, "auth/password.html", {})


@router.post("/account/password")
def password_change(request: Request, session: SessionDep,
                    user=Depends(require("account")),
                    current: Annotated[str, Form()] = "", new: Annotated[str, Form()] = "",
                    confirm: Annotated[str, Form()] = ""):
    try:
        change_password(session, user, current=current, new=new, confirm=confirm,
                        keep=request.state.auth_session, ip=client_ip(request))
    except InputError as err:
        return render(request, "auth/password.html", {"error": describe(err)}, status_code=422)
    return redirect("/", flash="密码已修改，其他设备上的登录已退出")
