"""Who did something, as it is stored (audit log, report history, ledger and supervision
records, seal uploads): one rule for every service."""

from __future__ import annotations

SYSTEM = "system"
"""The actor of what the command line or the application itself does (no user)."""


def actor_name(actor) -> str:
    """A user's ``username``; a name given as text; ``"system"`` when there is none (never the
    text "None")."""
    name = actor if isinstance(actor, str) else getattr(actor, "username", None)
    return name or SYSTEM
