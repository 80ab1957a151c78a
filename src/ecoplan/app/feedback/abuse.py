"""Anti-abuse for anonymous submissions, without outside services: per-IP and per-device rate
limits, a honeypot field, and a one-use arithmetic challenge.

The limits are the login limiter's (:class:`~ecoplan.app.auth.ratelimit.AttemptLimit`: counted
in the database, so they hold across worker processes), one per area and kind (endpoint
``public.<area>.ip`` / ``public.<area>.device``); the device is the browser's anonymous CSRF
cookie, which every submission must carry anyway.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import threading

from fastapi import HTTPException, Request
from sqlalchemy import delete, select

from ecoplan.app.auth.ratelimit import AttemptLimit
from ecoplan.app.db import unit_of_work
from ecoplan.app.core.actor import client_ip
from ecoplan.app.feedback.models import PublicChallenge
from ecoplan.app.core.clock import as_utc, utcnow
from ecoplan.errors import InputError

HONEYPOT = "website"
"""A field people never see (hidden by CSS and from screen readers); bots fill it in."""
CHALLENGE_MINUTES = 30
_lock = threading.Lock()


class RateLimited(HTTPException):
    def __init__(self, retry_after: int) -> None:
        super().__init__(429, "提交过于频繁，请稍后再试", headers={"Retry-After": str(retry_after)})


def _limiters(request: Request, area: str) -> dict[str, AttemptLimit]:
    state = request.app.state
    with _lock:
        if not hasattr(state, "public_limits"):
            state.public_limits = {}
        if area not in state.public_limits:
            s, window = state.settings, state.settings.public_rate_window_seconds
            state.public_limits[area] = {
                "ip": AttemptLimit(state.sessionmaker, f"public.{area}.ip", s.public_rate_limit,
                                   window),
                "device": AttemptLimit(state.sessionmaker, f"public.{area}.device",
                                       s.public_device_rate_limit, window),
                "unasked": AttemptLimit(state.sessionmaker, f"public.{area}.unasked", 1, window)}
        return state.public_limits[area]


def device_of(request: Request) -> str:
    """A stable, non-reversible key of the submitting browser."""
    raw = request.state.csrf_token or ""
    return hashlib.sha256(("device:" + raw).encode()).hexdigest()


def ip_key(request: Request) -> str:
    return hashlib.sha256(("ip:" + (client_ip(request) or "")).encode()).hexdigest()


def check_rate(request: Request, area: str) -> None:
    """Count one submission to ``area`` by this IP and this device; 429 past either limit."""
    limits = _limiters(request, area)
    for kind, key in (("ip", ip_key(request)), ("device", device_of(request))):
        refusal = limits[kind].attempt(key)
        if refusal is not None:
            raise RateLimited(refusal.retry_after)


def check_honeypot(value: str | None) -> None:
    if value:
        raise InputError("提交未被受理：请不要填写隐藏字段", field=HONEYPOT)


def new_challenge(session) -> dict:
    """A fresh question ``{token, question}``; expired ones are swept away."""
    now = utcnow()
    session.execute(delete(PublicChallenge).where(PublicChallenge.expires_at < now))
    a, b = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    token = secrets.token_urlsafe(24)
    session.add(PublicChallenge(token=token, answer=a + b,
                                expires_at=now + dt.timedelta(minutes=CHALLENGE_MINUTES)))
    session.flush()
    return {"token": token, "question": f"{a} + {b} = ?"}


def check_challenge(sessions, token: str | None, answer: str | None) -> None:
    """The answer to the question ``token`` is right. Each question is used up by one try,
    right or wrong, in its own transaction (a refused submission rolls back, the try stays)."""
    with unit_of_work(sessions) as session:
        row = session.scalar(select(PublicChallenge).where(PublicChallenge.token == (token or "")))
        if row is not None:
            session.delete(row)
        expected = None if row is None or as_utc(row.expires_at) < utcnow() else str(row.answer)
    if expected is None:
        raise InputError("验证题已过期或已使用，请换一题后重新作答", field="answer")
    if (answer or "").strip() != expected:
        raise InputError("验证题答案不正确，请换一题后重新作答", field="answer")


def check_challenge_unless_first(request: Request, area: str, token: str | None,
                                 answer: str | None) -> None:
    """The API's rule: a submission that brings a question's token and answer is checked like
    the page's (:func:`check_challenge`); one without them is taken only as the first of its
    address in the rate window (the API as the issue writes it: category, district, content,
    contact, photos), and any further one from that address must answer a question."""
    if token or answer:
        check_challenge(request.app.state.sessionmaker, token, answer)
        return
    if _limiters(request, area)["unasked"].attempt(ip_key(request)) is not None:
        raise InputError("该网络地址近期已提交过举报：请先获取验证题（GET /api/public/challenge），"
                         "随 challenge 和 answer 字段一并提交", field="answer")

