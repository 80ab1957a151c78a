"""The web application: ``create_app(settings)``. Nothing is built or connected at import."""

from __future__ import annotations

import secrets
from contextlib import asynccontextmanager
from functools import partial
from pathlib import Path

import anyio.to_thread
from fastapi import Depends, FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from ecoplan import __version__
from ecoplan.app import handlers
from ecoplan.app.assessment.monitoring_inputs import MonitoringInputs
from ecoplan.app.bodylimit import BodyLimitMiddleware
from ecoplan.app.auth.deps import ANON_CSRF_COOKIE, authenticate_request
from ecoplan.app.auth.ratelimit import AttemptLimit
from ecoplan.app.auth.service import SessionPolicy
from ecoplan.app.db import make_engine
from ecoplan.app.deps import SessionDep
from ecoplan.app.features import (FEATURES, application_sessionmaker, audit_labels, badges,
                                  export_parts, navigation, page_sections, tiles, workbench_counts)
from ecoplan.app.status.dashboard import live_task_statuses
from ecoplan.app.status.status import LABELS as STATUS_LABELS
from ecoplan.app.params import bounded_params
from ecoplan.app.permissions import require
from ecoplan.app.serving.gate import AdmissionMiddleware, limits
from ecoplan.app.serving.kept_responses import KeptResponses, Stamp
from ecoplan.app.status.cache import data_version
from ecoplan.app.status.environment import store_for
from ecoplan.clock import today
from ecoplan.app.templating import FLASH_COOKIE
from ecoplan.config import Settings

STATIC_DIR = Path(__file__).parent / "static"

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    # htmx injects its indicator style; every script is a file under /static.
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'",
}


def _secure_cookies(response, secure: bool) -> None:
    """Mark every cookie the response sets ``Secure`` (sent back over https only)."""
    if not secure:
        return
    response.raw_headers[:] = [
        (k, v + b"; Secure") if k == b"set-cookie" and b"; secure" not in v.lower() else (k, v)
        for k, v in response.raw_headers]


async def _cookies_and_headers(request: Request, call_next):
    """Give anonymous visitors a CSRF cookie, drop shown flash messages, add security headers;
    cookies are ``Secure`` on https (``Settings.cookie_secure`` None) or as that setting says."""
    anon = request.cookies.get(ANON_CSRF_COOKIE)
    request.state.anon_csrf = anon or secrets.token_urlsafe(32)
    response = await call_next(request)
    if not anon:
        response.set_cookie(ANON_CSRF_COOKIE, request.state.anon_csrf, httponly=True,
                            samesite="lax", path="/")
    sets_flash = any(k == b"set-cookie" and v.startswith(FLASH_COOKIE.encode() + b"=")
                     for k, v in response.raw_headers)
    if getattr(request.state, "flash_consumed", False) and not sets_flash:
        response.delete_cookie(FLASH_COOKIE, path="/")
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    secure = request.app.state.settings.cookie_secure
    _secure_cookies(response, request.url.scheme == "https" if secure is None else secure)
    return response


def _healthz(session: SessionDep, _user=Depends(require("public"))):
    """200 when the database answers, 503 when it does not."""
    try:
        session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        return JSONResponse({"status": "error", "error": "数据库无法连接"}, status_code=503)
    return JSONResponse({"status": "ok", "version": __version__})


@asynccontextmanager
async def _lifespan(app: FastAPI):
    """Size AnyIO's thread pool with the database pool (``serving.gate.Limits``), then run the
    start-up hooks (``app.state.startup``: each may return a function to call at shutdown)."""
    anyio.to_thread.current_default_thread_limiter().total_tokens = app.state.limits.threads
    stops = [stop for hook in app.state.startup if (stop := hook(app)) is not None]
    try:
        yield
    finally:
        for stop in reversed(stops):
            await anyio.to_thread.run_sync(stop)


def create_app(settings: Settings) -> FastAPI:
    """The application for ``settings``: its own engine, session factory, routes and handlers."""
    app = FastAPI(title="ecoplan", version=__version__, docs_url=None, redoc_url=None,
                  dependencies=[Depends(authenticate_request), Depends(bounded_params)],
                  lifespan=_lifespan)
    app.state.limits = sized = limits(settings)
    app.state.startup = []
    engine = make_engine(settings.effective_database_url, pool_size=sized.pool_size,
                         max_overflow=sized.max_overflow, timeout=settings.db_timeout_seconds)
    app.state.settings = settings
    app.state.engine = engine
    app.state.sessionmaker = application_sessionmaker(engine, settings)
    app.state.assessment_inputs = partial(MonitoringInputs, data_dir=settings.data_dir)
    app.state.session_policy = SessionPolicy.of(settings)
    app.state.credential_limits = {
        endpoint: AttemptLimit(app.state.sessionmaker, endpoint, settings.login_rate_limit,
                               settings.login_rate_window_seconds)
        for endpoint in ("login", "password")}
    app.middleware("http")(_cookies_and_headers)
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_upload_bytes)
    app.add_middleware(AdmissionMiddleware, capacity=sized.requests,
                       kept_capacity=sized.kept_requests,
                       credential_capacity=sized.credential_requests,
                       wait_seconds=settings.queue_seconds)
    app.state.stamp = Stamp(engine, lambda: data_version(store_for(settings.data_dir)), today)
    if settings.kept_responses:
        app.state.startup.append(lambda app: app.state.stamp.start())
    app.add_middleware(KeptResponses, stamp=app.state.stamp, enabled=settings.kept_responses,
                       cookie_secure=settings.cookie_secure)
    # Outermost: the client address and scheme are known before anything else runs.
    app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=settings.trusted_proxies)
    handlers.install(app)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.add_api_route("/healthz", _healthz, methods=["GET"], include_in_schema=False)
    app.state.nav = navigation(FEATURES)
    app.state.audit_labels = audit_labels(FEATURES)
    app.state.sections = page_sections(FEATURES)
    app.state.export_parts = export_parts(FEATURES)
    app.state.workbench_counts = workbench_counts(FEATURES)
    app.state.tiles = tiles(FEATURES)
    app.state.badges = badges(FEATURES)
    app.state.task_statuses = live_task_statuses
    app.state.task_status_labels = STATUS_LABELS
    for router in (r for feature in FEATURES for r in feature.routers):
        app.include_router(router)
    return app
