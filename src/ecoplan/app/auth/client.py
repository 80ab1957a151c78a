"""Who is on the other end of a credential request, as the audit log keeps it.

Text a visitor sends (the user name tried, the User-Agent header) is stored only after
control characters are dropped (PostgreSQL refuses NUL) and the length is bounded.
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request

from ecoplan.app.core.actor import USER_AGENT_CHARS, Actor, bounded, client_ip

USERNAME_CHARS = 64


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

    def acting(self, user) -> Actor:
        """``user`` (None: an anonymous visitor) acting from this client."""
        return Actor.of(user, ip=self.ip, user_agent=self.user_agent)
