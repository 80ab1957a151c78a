"""Rendering pages: the Jinja2 environment, the context every page gets, flash messages."""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from pathlib import Path
from urllib.parse import quote, unquote

from fastapi import Request
from fastapi.responses import RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from ecoplan import __version__
from ecoplan.app.permissions import ROLE_LABELS, can
from ecoplan.app.core.clock import beijing_time
from ecoplan.app.units.models import KIND_LABELS

TEMPLATES_DIR = Path(__file__).parent / "templates"
FLASH_COOKIE = "ecoplan_flash"
FLASH_KINDS = ("success", "info", "warning", "error")

def _read_flashes(request: Request) -> list[dict]:
    raw = request.cookies.get(FLASH_COOKIE)
    if not raw:
        return []
    request.state.flash_consumed = True
    try:
        items = json.loads(unquote(raw))
    except ValueError:
        return []
    return [i for i in items if isinstance(i, dict) and i.get("kind") in FLASH_KINDS]


def _page_context(request: Request) -> dict:
    user = getattr(request.state, "viewer", None)
    return {
        "current_user": user,
        "csrf_token": getattr(request.state, "csrf_token", ""),
        "flashes": _read_flashes(request),
        "can": lambda action, obj=None: can(user, action, obj),
        "nav": [(e.path, e.label) for e in getattr(request.app.state, "nav", ()) if can(user, e.action)],
        "role_labels": ROLE_LABELS,
        "kind_labels": KIND_LABELS,
        "version": __version__,
        "unread_notices": lambda: _badge(request, user, "unread_notices"),
    }


def _badge(request: Request, user, name: str) -> int:
    """A number of the page header (``Manifest.badges``: the user's unread notices), counted in
    its own short transaction."""
    factory = getattr(request.app.state, "sessionmaker", None)
    count = getattr(request.app.state, "badges", {}).get(name)
    if user is None or factory is None or count is None:
        return 0
    from sqlalchemy.exc import SQLAlchemyError

    try:
        with factory() as session:
            return count(session, user)
    except SQLAlchemyError:  # an error page about the database itself still renders
        return 0


templates = Jinja2Templates(directory=str(TEMPLATES_DIR), context_processors=[_page_context])
templates.env.filters["beijing"] = beijing_time
templates.env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}


def sections(request: Request, session, user, page: str, subject) -> list[Markup]:
    """The blocks other features add to ``page`` (``Manifest.sections``) for ``subject``, rendered
    with the request's CSRF token (a block may hold a form: ``_csrf.html``); a page shows them
    with ``{% for section in sections %}{{ section }}{% endfor %}``."""
    shown = []
    for section in getattr(request.app.state, "sections", {}).get(page, ()):
        values = section.context(session, user, subject)
        if values is not None:
            html = templates.get_template(section.template).render(
                request=request, csrf_token=getattr(request.state, "csrf_token", ""), **values)
            shown.append(Markup(html))
    return shown


def render(request: Request, name: str, context: dict | None = None, *, status_code: int = 200):
    """The page ``name`` (a path under templates/) with ``context`` and the common context."""
    return templates.TemplateResponse(request, name, context or {}, status_code=status_code)


KEPT_PAGES = 32
"""How many rendered page bodies :func:`render_kept` keeps (per process)."""
_KEPT: OrderedDict[tuple, tuple[object, Markup]] = OrderedDict()
_KEPT_GUARD = threading.Lock()


def render_kept(request: Request, name: str, *, body: str, basis: object,
                variant: Hashable = (), context: Callable[[], dict]):
    """The page ``name`` around its body, the template ``body`` rendered once per ``basis`` and
    kept.

    ``name`` shows the kept body with ``{% block content %}{{ body }}{% endblock %}``; the rest
    of it (the header with the user, the CSRF token, notices and flash messages, the title)
    is rendered for each request. ``basis`` is the kept result the body shows (the status
    overview of one database version: a new version is a new object, so a new key);
    ``variant`` what else the body depends on (a filter). The viewer's role and unit are part
    of the key (what ``can()`` shows). ``context()`` is called only when the body is not kept:
    ``name`` itself gets none of it."""
    viewer = getattr(request.state, "viewer", None)
    key = (name, id(basis), variant, getattr(viewer, "role", None), getattr(viewer, "unit_id", None))
    with _KEPT_GUARD:
        kept = _KEPT.get(key)
        if kept is not None and kept[0] is basis:
            _KEPT.move_to_end(key)
            return render(request, name, {"body": kept[1]})
    values = {}
    for processor in templates.context_processors:
        values.update(processor(request))
    html = Markup(templates.get_template(body).render({**values, **context(), "request": request}))
    with _KEPT_GUARD:
        _KEPT[key] = (basis, html)  # basis held: its id is not reused while kept
        while len(_KEPT) > KEPT_PAGES:
            _KEPT.popitem(last=False)
    return render(request, name, {"body": html})


def redirect(url: str, *, flash: str | None = None, kind: str = "success") -> RedirectResponse:
    """A 303 redirect (after a form POST), optionally carrying a message for the next page."""
    response = RedirectResponse(url, status_code=303)
    if flash:
        add_flash(response, flash, kind)
    return response


def attachment(data: bytes, file_name: str, media_type: str) -> Response:
    """A file download: ``data`` named ``file_name`` (RFC 6266 ``filename*``, UTF-8)."""
    return Response(data, media_type=media_type, headers={
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(file_name)}"})


def add_flash(response, message: str, kind: str = "success") -> None:
    value = quote(json.dumps([{"kind": kind, "message": message}], ensure_ascii=False))
    response.set_cookie(FLASH_COOKIE, value, httponly=True, samesite="lax", path="/")


def is_htmx(request: Request) -> bool:
    return request.headers.get("HX-Request") == "true"
