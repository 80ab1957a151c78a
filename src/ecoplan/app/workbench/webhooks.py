"""Group-robot webhooks (企业微信 / 钉钉): a notice also goes to the unit's group, and a copy to the
office's group. Each push is a delivery row: sent, or failed with the error. A failed push is
retried in the background (:mod:`.webhook_retry`) after ``BACKOFF`` × 2^(tries − 1) — 1, 2, 4, 8,
16 minutes — until ``MAX_ATTEMPTS`` tries in all, or from the admin page at once; the admin sees
every failure and when the next try is due. A 钉钉 加签 secret is kept encrypted
(:mod:`ecoplan.secretbox`).

Formats: 企业微信群机器人 — POST ``{"msgtype": "text", "text": {"content": …}}`` to the robot's
URL, answer ``{"errcode": 0}``. 钉钉自定义机器人 — the same body; with a secret (加签) the URL gets
``timestamp`` (ms) and ``sign`` = Base64(HMAC-SHA256(secret, "timestamp\\nsecret")), URL-encoded.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import urllib.error
import urllib.request
from urllib.parse import quote_plus

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, String, Text, or_, select
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from ecoplan import secretbox
from ecoplan.app.core import clock
from ecoplan.app.core.choices import Choices
from ecoplan.app.db import Base
from ecoplan.app.units.models import Unit
from ecoplan.errors import InputError



class Format(Choices):
    WECOM = "wecom", "企业微信群机器人"
    DINGTALK = "dingtalk", "钉钉自定义机器人"


class DeliveryStatus(Choices):
    SENT = "sent", "已送达"
    FAILED = "failed", "失败"


FORMATS = Format.labels()
MAX_ATTEMPTS = 6
"""Tries of one push in all (the first and five retries), then it stays failed (shown)."""
BACKOFF = dt.timedelta(minutes=1)
TIMEOUT = 5.0


class Webhook(Base):
    """A robot of a unit's group (``unit_id``) or of the office's group (None)."""

    __tablename__ = "webhooks"
    __table_args__ = (Format.check("format"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    format: Mapped[str] = mapped_column(String(20))
    url: Mapped[str] = mapped_column(String(500))
    secret: Mapped[str] = mapped_column(String(500), default="")
    """The 加签 secret, encrypted (``fernet:…``, :mod:`ecoplan.secretbox`); "" for none."""
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))

    unit: Mapped[Unit | None] = relationship(lazy="joined")


class WebhookDelivery(Base):
    __tablename__ = "webhook_deliveries"
    __table_args__ = (DeliveryStatus.check("status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    webhook_id: Mapped[int] = mapped_column(ForeignKey("webhooks.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    next_attempt_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    """When the background retry tries again; None once sent or out of tries."""
    payload: Mapped[dict] = mapped_column(JSON, default=dict)

    webhook: Mapped[Webhook] = relationship(lazy="joined")


def now() -> dt.datetime:
    return clock.utcnow()


def signed_url(url: str, secret: str, timestamp_ms: int) -> str:
    """钉钉 加签: the URL with ``timestamp`` and ``sign`` (HMAC-SHA256 of "timestamp\\nsecret")."""
    digest = hmac.new(secret.encode(), f"{timestamp_ms}\n{secret}".encode(), hashlib.sha256).digest()
    sign = quote_plus(base64.b64encode(digest))
    return f"{url}{'&' if '?' in url else '?'}timestamp={timestamp_ms}&sign={sign}"


def body(text: str) -> dict:
    return {"msgtype": "text", "text": {"content": text}}


def _post(hook: Webhook, text: str, settings) -> None:
    url = hook.url
    if hook.format == "dingtalk" and hook.secret:
        secret = secretbox.unseal(hook.secret, settings)
        url = signed_url(url, secret, int(clock.utcnow().timestamp() * 1000))
    request = urllib.request.Request(url, data=json.dumps(body(text), ensure_ascii=False).encode(),
                                     headers={"Content-Type": "application/json; charset=utf-8"})
    with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310 (admin-set URL)
        answer = json.loads(response.read() or b"{}")
    if answer.get("errcode", 0) != 0:
        raise OSError(f"机器人返回错误 {answer.get('errcode')}：{answer.get('errmsg', '')}")


def retry_delay(attempts: int) -> dt.timedelta:
    """How long after its ``attempts``-th failed try a push is tried again (doubling)."""
    return BACKOFF * 2 ** (attempts - 1)


def attempt(delivery: WebhookDelivery, settings) -> None:
    """One try; the delivery says sent, or failed with the error and when it is tried next."""
    delivery.attempts += 1
    try:
        _post(delivery.webhook, delivery.text, settings)
    except (OSError, ValueError, urllib.error.URLError) as err:
        delivery.status, delivery.last_error = "failed", str(err)[:500]
        delivery.next_attempt_at = (now() + retry_delay(delivery.attempts)
                                    if delivery.attempts < MAX_ATTEMPTS else None)
        return
    delivery.status, delivery.last_error, delivery.sent_at = "sent", "", now()
    delivery.next_attempt_at = None


def push(session: Session, *, unit_id: int | None, text: str) -> list[WebhookDelivery]:
    """Send ``text`` to the unit's robots and the office's; every try is kept."""
    hooks = session.scalars(select(Webhook).where(Webhook.active.is_(True), or_(
        Webhook.unit_id.is_(None), Webhook.unit_id == unit_id) if unit_id else Webhook.unit_id.is_(None)))
    settings = secretbox.settings_of(session)
    made = []
    for hook in hooks:
        delivery = WebhookDelivery(webhook=hook, text=text, status="failed", attempts=0,
                                   last_error="", created_at=now(), payload=body(text))
        session.add(delivery)
        attempt(delivery, settings)
        made.append(delivery)
    session.flush()
    return made


def retry_failed(session: Session, *, due_only: bool = False) -> tuple[int, int]:
    """Retry the failed deliveries with tries left (``due_only``: those whose back-off has
    passed, as the background job does): (now sent, still failing)."""
    query = select(WebhookDelivery).where(WebhookDelivery.status == "failed",
                                          WebhookDelivery.attempts < MAX_ATTEMPTS)
    if due_only:
        query = query.where(WebhookDelivery.next_attempt_at <= now())
    settings = secretbox.settings_of(session)
    sent = still = 0
    for delivery in session.scalars(query.order_by(WebhookDelivery.id)).all():
        attempt(delivery, settings)
        sent, still = (sent + 1, still) if delivery.status == "sent" else (sent, still + 1)
    session.flush()
    return sent, still


def add(session: Session, *, unit_id: int | None, fmt: str, url: str, secret: str = "") -> Webhook:
    if fmt not in FORMATS:
        raise InputError(f"格式只能是{'、'.join(FORMATS.values())}", field="格式")
    url = url.strip()
    if not url.startswith(("https://", "http://")):
        raise InputError("地址须以 https:// 或 http:// 开头", field="地址")
    hook = Webhook(unit_id=unit_id, format=fmt, url=url, active=True, created_at=now(),
                   secret=secretbox.seal(secret.strip(), secretbox.settings_of(session)))
    session.add(hook)
    session.flush()
    return hook
