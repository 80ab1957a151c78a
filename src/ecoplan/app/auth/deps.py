"""Who is asking: the login session behind the cookie, and the CSRF check on every change.

``authenticate_request`` is an app-wide dependency (every route gets it), so
``request.state.user`` and ``request.state.csrf_token`` are always set before a route's own
dependencies run. Logged-in visitors have a per-session CSRF token; anonymous visitors (the
login form) get one in a cookie.

The database is read by :func:`load_login`, a plain ``def`` (FastAPI runs it in its thread
pool): blocking calls never run on the event loop, where a wait for a pooled connection would
stop every other request (issue #11). Only reading the form body is ``async``.
"""

from __future__ import annotations

import hmac

from fastapi import Depends, Request

from ecoplan.app.auth.models import User
from ecoplan.app.auth.service import find_session, fresh_until, touch_session
from ecoplan.app.core.actor import actor_of_request
from ecoplan.app.deps import SessionDep
from ecoplan.app.permissions import LoginRequired

SESSION_COOKIE = "ecoplan_session"
ANON_CSRF_COOKIE = "ecoplan_csrf"
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class CsrfError(Exception):
    """A change request without the page's CSRF token (a stale page or a forged request)."""


async def _submitted_token(request: Request) -> str | None:
    token = request.headers.get(CSRF_HEADER)
    if token:
        return token
    if request.headers.get("content-type", "").startswith(FORM_TYPES):
        value = (await request.form()).get(CSRF_FIELD)
        return value if isinstance(value, str) else None
    return None


def load_login(request: Request, session: SessionDep) -> None:
    """Load the login behind the cookie (its idle expiry moves on) and make the request's one
    :class:`~ecoplan.app.core.actor.Actor` (``request.state.actor``; pages show it as
    ``viewer``, None for an anonymous visitor)."""
    login = find_session(session, request.cookies.get(SESSION_COOKIE))
    if login is not None:
        touch_session(request.app.state.sessionmaker, login, request.app.state.session_policy)
        request.state.login_fresh_until = fresh_until(login, request.app.state.session_policy)
    request.state.user = login.user if login else None
    request.state.actor = actor_of_request(request, request.state.user)
    request.state.viewer = request.state.actor if login else None
    request.state.auth_session = login
    request.state.csrf_token = login.csrf_token if login else request.state.anon_csrf


async def authenticate_request(request: Request, _login: None = Depends(load_login)) -> None:
    """:func:`load_login`, then refuse a change request without the right CSRF token."""
    if request.method in SAFE_METHODS:
        return
    submitted = await _submitted_token(request)
    if not submitted or not hmac.compare_digest(submitted, request.state.csrf_token):
        raise CsrfError()


def current_user(request: Request) -> User | None:
    """The logged-in user, or None for an anonymous visitor."""
    return getattr(request.state, "user", None)


def require_user(request: Request) -> User:
    """The logged-in user; anonymous visitors are sent to the login page (API: 401)."""
    user = current_user(request)
    if user is None:
        raise LoginRequired()
    return user
