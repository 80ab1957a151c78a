"""Figures measured by a feature above the status (the satisfaction survey, the key-project
ledger), read through the
:class:`~ecoplan.app.core.manifest.FigureSource` hooks the application puts on its sessions.

``create_app`` configures its session factory with the features' hooks
(:class:`~ecoplan.app.core.manifest.SessionHooks`: obligation source → hook), so the status
reads a survey's index without importing the survey feature. A session without hooks (a bare script) has no outside figures:
such targets read 暂无调查结果.
"""

from __future__ import annotations

from typing import Mapping

from sqlalchemy.orm import Session

from ecoplan.app.core.manifest import FigureSource, SessionHooks


def sources(session: Session) -> Mapping[str, FigureSource]:
    return SessionHooks.of(session).figure_sources


def tables(session: Session) -> tuple[str, ...]:
    """The tables the hooks read (part of the kept statuses' key)."""
    return tuple(sorted({t for s in sources(session).values() for t in s.tables}))


def figures(session: Session, obligations: Mapping, year: int, as_of) -> dict[str, dict]:
    """Target uid → its outside figure on the evaluation day ``as_of``, for the obligations
    whose source has a hook."""
    hooks = sources(session)
    out = {}
    for uid, ob in obligations.items():
        hook = hooks.get(ob.source)
        if hook is not None and (found := hook.figure(session, ob, year, as_of)) is not None:
            out[uid] = found
    return out
