"""Events a feature announces for the features above it, which it never imports.

A lower feature calls :func:`announce` (progress: a report was returned); a higher one answers
through its manifest (``Manifest.listeners``: the workbench sends the submitter a notice).
``ecoplan.app.features`` subscribes every manifest's listeners once, when it is imported (the
app, the command line and the demo all import it). Listeners run in the announcer's
transaction, in feature order; an event nobody listens to does nothing.
"""

from __future__ import annotations

from typing import Any, Callable

EVENTS = {
    "progress.report_returned": "a progress report was returned (``report``, ``comment``)",
}
"""Every event that may be announced, with what it carries."""

Listener = Callable[..., Any]
_listeners: dict[str, list[Listener]] = {}


def subscribe(event: str, listener: Listener) -> None:
    """Call ``listener(session, **facts)`` whenever ``event`` is announced (once per listener)."""
    if event not in EVENTS:
        raise KeyError(f"unknown event {event!r}: add it to ecoplan.app.core.events.EVENTS")
    found = _listeners.setdefault(event, [])
    if listener not in found:
        found.append(listener)


def announce(event: str, session, **facts) -> None:
    """Tell the listeners of ``event`` (known in :data:`EVENTS`) what happened."""
    if event not in EVENTS:
        raise KeyError(f"unknown event {event!r}: add it to ecoplan.app.core.events.EVENTS")
    for listener in _listeners.get(event, ()):
        listener(session, **facts)
