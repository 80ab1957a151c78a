"""Login, logout and changing one's own password."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from sqlalchemy.orm import Session

from ecoplan.app.auth.client import Client
from ecoplan.app.auth.deps import SESSION_COOKIE
from ecoplan.app.auth.ratelimit import AttemptLimit
from ecoplan.app.auth.service import (LoginRefused, authenticate, change_password, end_session,
                                      log_out, rate_limited, start_session)
from ecoplan.app.deps import SessionDep
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


def _over_limit(request: Request, session: Session, endpoint: str, client: Client, actor=None):
    """None with the attempt counted, or — ``client`` being over the attempt limit of
    ``endpoint`` — the Chinese refusal and the seconds to wait (the first refusal of a run is
    audited)."""
    limiter: AttemptLimit = request.app.state.credential_limits[endpoint]
    refusal = limiter.attempt(client.key)
    if refusal is None:
        return None
    if refusal.first:
        rate_limited(session, actor=actor, endpoint=endpoint, retry_after=refusal.retry_after,
                     client=client)
    return (f"尝试次数过多：同一网络地址在 {_duration(limiter.window)}内最多可尝试 {limiter.limit} "
            f"次。请在 {_duration(refusal.retry_after, up=True)}后再试；如忘记密码，请联系生态文明"
            "建设办公室重置。", refusal.retry_after)


def _duration(seconds: float, *, up: bool = False) -> str:
    """``5 分钟`` or ``45 秒`` (whole minutes rounded up when ``up``)."""
    if seconds % 60 == 0 or (up and seconds > 60):
        return f"{-(-int(seconds) // 60)} 分钟"
    return f"{int(seconds)} 秒"


def _too_many(request: Request, page: str, context: dict, refusal: tuple[str, int]):
    message, retry_after = refusal
    response = render(request, page, {**context, "error": message}, status_code=429)
    response.headers["Retry-After"] = str(retry_after)
    return response


def _start(request: Request, session: Session, user, target: str, flash: str):
    """Log ``user`` in under a new session id (the one the browser brought is ended)."""
    end_session(session, request.cookies.get(SESSION_COOKIE))
    policy = request.app.state.session_policy
    login_row = start_session(session, user, policy)
    response = redirect(target, flash=flash)
    response.set_cookie(SESSION_COOKIE, login_row.token,
                        max_age=int(policy.absolute.total_seconds()), httponly=True,
                        samesite="lax", path="/")
    return response


@router.get("/login", dependencies=[Depends(require("public"))])
def login_page(request: Request, next: str = "/"):
    if request.state.user is not None:
        return redirect(_safe_next(next))
    return render(request, "auth/login.html", {"next": _safe_next(next), "username": ""})


@router.post("/login", dependencies=[Depends(require("public"))])
def login(request: Request, session: SessionDep, username: Annotated[str, Form()] = "",
          password: Annotated[str, Form()] = "", next: Annotated[str, Form()] = "/"):
    client = Client.of(request)
    context = {"next": _safe_next(next), "username": username}
    refused = _over_limit(request, session, "login", client)
    if refused:
        return _too_many(request, "auth/login.html", context, refused)
    try:
        user = authenticate(session, username, password, client=client)
    except LoginRefused as err:
        return render(request, "auth/login.html", {**context, "error": err.message},
                      status_code=401)
    request.app.state.credential_limits["login"].forgive(client.key, session)
    return _start(request, session, user, _safe_next(next), f"欢迎，{user.display_name}")


@router.post("/logout")
def logout(request: Request, session: SessionDep, user=Depends(require("account"))):
    log_out(session, user, request.cookies.get(SESSION_COOKIE), client=Client.of(request))
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
    client = Client.of(request)
    refused = _over_limit(request, session, "password", client, actor=user)
    if refused:
        return _too_many(request, "auth/password.html", {}, refused)
    try:
        change_password(session, user, current=current, new=new, confirm=confirm,
                        keep=request.state.auth_session, client=client)
    except InputError as err:
        if err.field != "当前密码":  # only a wrong current password counts as a guess
            request.app.state.credential_limits["password"].forgive(client.key, session)
        return render(request, "auth/password.html", {"error": describe(err)}, status_code=422)
    request.app.state.credential_limits["password"].forgive(client.key, session)
    return _start(request, session, user, "/", "密码已修改，其他设备上的登录已退出")
