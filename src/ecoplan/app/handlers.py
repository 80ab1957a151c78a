"""Turning every failure into a Chinese message: a page, an htmx fragment, or JSON under /api.

Never a traceback: unexpected errors are logged and shown as a plain 500 page.
"""

from __future__ import annotations

import logging
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from sqlalchemy.exc import DataError, IntegrityError, OperationalError, SQLAlchemyError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException

from ecoplan.app.auth.deps import SESSION_COOKIE, CsrfError
from ecoplan.app.core.actor import actor_of_request
from ecoplan.app.auth.service import find_session
from ecoplan.app.db import unit_of_work
from ecoplan.app.bodylimit import BodyTooLarge
from ecoplan.app.forms import StaleEditError, describe
from ecoplan.app.permissions import Forbidden, LoginRequired
from ecoplan.app.serving.gate import BUSY_MESSAGE, RETRY_AFTER_S
from ecoplan.app.templating import is_htmx, render
from ecoplan.errors import InputError

log = logging.getLogger("ecoplan.app")

HTTP_MESSAGES = {
    400: "请求无效",
    401: "请先登录",
    403: "您没有权限执行此操作",
    404: "页面不存在，或您要找的内容已被删除",
    405: "不支持此请求方式",
    413: "上传的文件过大",
    422: "提交的内容不完整或格式不正确",
    500: "服务器内部错误，请稍后重试或联系管理员",
}
TITLES = {
    400: "请求无效", 401: "请先登录", 403: "无权访问", 404: "页面不存在", 405: "请求方式不支持",
    409: "内容已被他人修改", 413: "内容过大", 422: "无法完成操作", 500: "服务器错误",
    503: "服务器繁忙",
}
CONFLICT_MESSAGE = "该内容刚刚已被他人创建或修改，您的操作未保存。请刷新页面查看最新内容后重试"
CSRF_MESSAGE = "页面已过期或请求来源无法确认（CSRF 校验失败），请刷新页面后重试"


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/api"


def _load_viewer(request: Request) -> None:
    """Who is asking, for pages of requests that matched no route (the app-wide dependency
    that normally does this never ran), so a logged-in user's 404 page shows their menu."""
    if hasattr(request.state, "viewer"):
        return
    request.state.viewer = None
    request.state.csrf_token = getattr(request.state, "anon_csrf", "")
    try:
        with unit_of_work(request.app.state.sessionmaker) as session:
            login = find_session(session, request.cookies.get(SESSION_COOKIE))
            if login is not None:
                request.state.viewer = actor_of_request(request, login.user)
                request.state.csrf_token = login.csrf_token
    except SQLAlchemyError:
        log.warning("could not load the login for an error page", exc_info=True)


def error_response(request: Request, status: int, message: str, *, title: str | None = None):
    """The same error as JSON (API), an htmx fragment, or a full page."""
    if is_api(request):
        return JSONResponse({"error": message}, status_code=status)
    _load_viewer(request)
    context = {"status": status, "message": message, "title": title or TITLES.get(status, "出错了")}
    name = "errors/_error.html" if is_htmx(request) else "errors/error.html"
    return render(request, name, context, status_code=status)


def _login_required(request: Request, _exc: LoginRequired):
    refused = {"X-Ecoplan-Refused": "login"}
    if is_api(request):
        return JSONResponse({"error": HTTP_MESSAGES[401]}, status_code=401, headers=refused)
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    if is_htmx(request):
        return JSONResponse({}, status_code=401, headers={"HX-Redirect": "/login", **refused})
    return RedirectResponse(f"/login?next={quote(target)}", status_code=303, headers=refused)


def _forbidden(request: Request, exc: Forbidden):
    response = error_response(request, 403, exc.message)
    response.headers["X-Ecoplan-Refused"] = exc.scope
    return response


def _csrf(request: Request, _exc: CsrfError):
    return error_response(request, 403, CSRF_MESSAGE, title="请求被拒绝")


def _input_error(request: Request, exc: InputError):
    status = 409 if isinstance(exc, StaleEditError) else 422
    return error_response(request, status, describe(exc))


def _http_error(request: Request, exc: HTTPException):
    too_large = _body_too_large(exc.__cause__ or exc.__context__)
    if too_large is not None:  # body parsing wraps it in a 400
        return _too_large(request, too_large)
    message = HTTP_MESSAGES.get(exc.status_code, "出错了")
    if isinstance(exc.detail, str) and exc.detail and not exc.detail.isascii():
        message = exc.detail  # a Chinese detail raised on purpose by our code
    response = error_response(request, exc.status_code, message)
    for name, value in (exc.headers or {}).items():  # e.g. Retry-After of a 429
        response.headers[name] = value
    return response


def _validation_error(request: Request, exc: RequestValidationError):
    fields = sorted({str(e["loc"][-1]) for e in exc.errors() if e.get("loc")})
    message = HTTP_MESSAGES[422] + (f"（{'、'.join(fields)}）" if fields else "")
    return error_response(request, 422, message)


def _body_too_large(exc: BaseException | None) -> BodyTooLarge | None:
    """The BodyTooLarge inside ``exc`` (itself, or in an ExceptionGroup), if any."""
    if isinstance(exc, BaseExceptionGroup):
        found, _ = exc.split(BodyTooLarge)
        while isinstance(found, BaseExceptionGroup):
            found = found.exceptions[0]
        return found
    return exc if isinstance(exc, BodyTooLarge) else None


def _too_large(request: Request, exc: BodyTooLarge):
    return error_response(request, 413, f"上传的内容过大：最多 {exc.limit / (1024 * 1024):g} MB")


def _database_busy(request: Request, exc: SQLAlchemyError):
    """No connection free in time, a lock not granted in time, the database unreachable: a
    503 to retry, never a 500 (and no second wait for the database to show the page)."""
    log.warning("database busy on %s %s: %s", request.method, request.url.path,
                str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
    if not hasattr(request.state, "viewer"):
        request.state.viewer = None
        request.state.csrf_token = getattr(request.state, "anon_csrf", "")
    response = error_response(request, 503, BUSY_MESSAGE)
    response.headers["Retry-After"] = str(RETRY_AFTER_S)
    return response


def _integrity(request: Request, exc: IntegrityError):
    """A unique constraint (or another) refused a write another request made first: the
    person retries on fresh data (409), never a 500."""
    log.warning("integrity error on %s %s: %s", request.method, request.url.path, exc.orig)
    return error_response(request, 409, CONFLICT_MESSAGE)


def _out_of_range(request: Request, exc: Exception):
    """A number too large for the database column (a 20-digit id in a form or JSON body)."""
    log.warning("value out of range on %s %s: %s", request.method, request.url.path, exc)
    return error_response(request, 422, "提交的数值超出范围")


def _unexpected(request: Request, exc: Exception):
    log.exception("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(request, 500, HTTP_MESSAGES[500])


def install(app: FastAPI) -> None:
    app.add_exception_handler(LoginRequired, _login_required)
    app.add_exception_handler(Forbidden, _forbidden)
    app.add_exception_handler(CsrfError, _csrf)
    app.add_exception_handler(InputError, _input_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(BodyTooLarge, _too_large)
    app.add_exception_handler(PoolTimeout, _database_busy)
    app.add_exception_handler(OperationalError, _database_busy)
    app.add_exception_handler(IntegrityError, _integrity)
    app.add_exception_handler(DataError, _out_of_range)
    app.add_exception_handler(OverflowError, _out_of_range)
    app.add_exception_handler(Exception, _unexpected)
