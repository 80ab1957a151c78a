"""Sending reminder e-mails through SMTP when it is configured (``ECOPLAN_SMTP_*``).

Nothing is sent when no host is set: the in-app notice is always made, e-mail is extra.
"""

from __future__ import annotations

import os
import smtplib
from dataclasses import dataclass
from email.message import EmailMessage


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int = 25
    sender: str = "ecoplan@localhost"
    username: str | None = None
    password: str | None = None
    starttls: bool = False
    timeout: float = 10.0

    @classmethod
    def from_env(cls, env=os.environ) -> "SmtpSettings | None":
        """The SMTP settings from ``ECOPLAN_SMTP_HOST`` (and ``_PORT``, ``_FROM``, ``_USER``,
        ``_PASSWORD``, ``_STARTTLS``), or None when no host is set."""
        host = env.get("ECOPLAN_SMTP_HOST")
        if not host:
            return None
        return cls(host=host, port=int(env.get("ECOPLAN_SMTP_PORT", "25")),
                   sender=env.get("ECOPLAN_SMTP_FROM", cls.sender),
                   username=env.get("ECOPLAN_SMTP_USER") or None,
                   password=env.get("ECOPLAN_SMTP_PASSWORD") or None,
                   starttls=env.get("ECOPLAN_SMTP_STARTTLS", "") in ("1", "true", "yes"))


def send(settings: SmtpSettings, messages: list[tuple[str, str, str]]) -> None:
    """Send ``(to, subject, body)`` messages over one SMTP connection."""
    with smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout) as smtp:
        if settings.starttls:
            smtp.starttls()
        if settings.username:
            smtp.login(settings.username, settings.password or "")
        for to, subject, body in messages:
            message = EmailMessage()
            message["From"] = settings.sender
            message["To"] = to
            message["Subject"] = subject
            message.set_content(body)
            smtp.send_message(message)
