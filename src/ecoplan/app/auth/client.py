"""Who is on the other end of a credential request, as the audit log keeps it.

Text a visitor sends (the user name tried, the User-Agent header) is stored only after
control characters are dropped (PostgreSQL refuses NUL) and the length is bounded.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from fastapi import Request

from ecoplan.app.deps import client_ip

USER_AGENT_CHARS = 200
USERNAME_CHARS = 64
ANONYMOUS = "anonymous"
"""The audit actor of requests made before anyone logged in (failed logins, rate limits)."""


def bounded(text: str | None, limit: int) -> str:
    """``text`` without control characters, cut to ``limit`` characters."""
    text = text or ""
    if not text.isprintable():
        text = "".join(ch for ch in text if unicodedata.category(ch) != "Cc")
    return text[:limit]


@dataclass(frozen=True)
class Client:
    """The client address (see ``client_ip``) and its bounded User-Agent."""

    ip: str | None = None
    user_agent: str = ""

    @classmethod
    def of(cls, request: Request) -> "Client":
        return cls(client_ip(request), bounded(request.headers.get("user-agent"),
                                               USER_AGENT_CHARS))

    @property
    def key(self) -> str:
        """The rate limiter's key: the address, or one shared bucket when it is unknown."""
        return self.ip or "unknown"
