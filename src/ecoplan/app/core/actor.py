"""Who is acting: one :class:`Actor`, made once per request and passed to services whole.

The audit log, report history, ledger, supervision and seal records store its name by one rule
(:func:`actor_name`: never the text "None"); the permission policy (``permissions.can``) and the
workflows read its role and unit; the audit log keeps its address. The command line and the
application itself act as :data:`SYSTEM_ACTOR`.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from fastapi import Request

SYSTEM = "system"
"""The actor of what the command line or the application itself does (no user)."""
ANONYMOUS = "anonymous"
"""The actor of requests made before anyone logged in (public forms, failed logins)."""
USER_AGENT_CHARS = 200


def bounded(text: str | None, limit: int) -> str:
    """``text`` without control characters, cut to ``limit`` characters (text a visitor sends
    is stored only so: PostgreSQL refuses NUL)."""
    text = text or ""
    if not text.isprintable():
        text = "".join(ch for ch in text if unicodedata.category(ch) != "Cc")
    return text[:limit]


@dataclass(frozen=True)
class Actor:
    """The acting user (or the system), their unit and where the request came from.

    Attribute names are the user's (``id``, ``username``, ``role``, ``unit_id``), so a rule
    written for an actor reads a :class:`~ecoplan.app.auth.models.User` too. It is safe to use
    after the request's database session closed (error pages are rendered after a rollback).
    """

    username: str = SYSTEM
    id: int | None = None
    display_name: str = ""
    role: str | None = None
    unit_id: int | None = None
    unit_name: str | None = None
    district: str | None = None
    """The 辖市区 the actor acts for: a district user's own unit (None for other users)."""
    ip: str | None = None
    user_agent: str = ""

    @property
    def name(self) -> str:
        """The name records store (:func:`actor_name`)."""
        return self.username or SYSTEM

    @classmethod
    def of(cls, user, *, ip: str | None = None, user_agent: str = "") -> "Actor":
        """The actor for a logged-in ``user`` (None: an anonymous visitor)."""
        if user is None:
            return cls(username=ANONYMOUS, ip=ip, user_agent=user_agent)
        unit = getattr(user, "unit", None)
        unit_name = unit.name if unit is not None else None
        return cls(username=user.username, id=user.id, display_name=user.display_name,
                   role=user.role, unit_id=user.unit_id, unit_name=unit_name,
                   district=unit_name if user.role == "district" else None,
                   ip=ip, user_agent=user_agent)


SYSTEM_ACTOR = Actor()


def client_ip(request: Request) -> str | None:
    """The client's address, for the audit log and the login rate limit.

    The connecting peer's, unless that peer is one of ``Settings.trusted_proxies``: then the
    right-most untrusted address of its ``X-Forwarded-For`` (uvicorn's
    ``ProxyHeadersMiddleware``, installed by ``create_app``, rewrites ``request.client``).
    """
    return request.client.host if request.client else None


def actor_of_request(request: Request, user) -> Actor:
    """The request's actor: ``user`` (None: anonymous) at the request's address."""
    return Actor.of(user, ip=client_ip(request),
                    user_agent=bounded(request.headers.get("user-agent"), USER_AGENT_CHARS))


def current_actor(request: Request) -> Actor:
    """The actor made once for this request (by the app-wide login dependency); a request
    that never ran it (an unmatched route) is an anonymous visitor's."""
    actor = getattr(request.state, "actor", None)
    if actor is None:
        actor = request.state.actor = actor_of_request(
            request, getattr(request.state, "user", None))
    return actor


def as_actor(who) -> Actor:
    """An :class:`Actor` from what callers outside a request hold: an actor, a user, a name
    given as text (a script), or None (the system)."""
    if isinstance(who, Actor):
        return who
    if who is None or isinstance(who, str):
        return Actor(username=who or SYSTEM)
    return Actor.of(who)


def actor_name(actor) -> str:
    """A user's ``username``; a name given as text; ``"system"`` when there is none (never the
    text "None")."""
    name = actor if isinstance(actor, str) else getattr(actor, "username", None)
    return name or SYSTEM
