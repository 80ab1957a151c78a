"""The one clock: "now" in Beijing time and the office's evaluation day (评估日期).

The real time is read by :mod:`ecoplan.clock` alone (re-exported here). Every feature asks:
stored times are UTC (:func:`utcnow`), shown times are Beijing time (:func:`beijing_time`, the
``beijing`` template filter), and "today" for a work-plan question (is a ledger item overdue,
which period is due, which proposals are pending, the default date of a document) is the
evaluation day the office set on the status settings page, else today's date in Beijing.
Tests set the time with :func:`frozen` (the ``clock`` fixture).
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ecoplan.clock import BEIJING, frozen, now, today, utcnow

__all__ = ["BEIJING", "as_utc", "beijing_time", "evaluation_day", "frozen", "now", "today",
           "utcnow"]

_SETTINGS = sa.table("status_settings", sa.column("id", sa.Integer), sa.column("as_of", sa.Date))
"""Where the office's evaluation day is kept (the status settings row, edited on
/status/settings); named here as a table so the clock depends on no feature."""


def evaluation_day(session: Session) -> dt.date:
    """The office's evaluation day (评估日期) when set, else today in Beijing."""
    stored = session.execute(sa.select(_SETTINGS.c.as_of).order_by(_SETTINGS.c.id).limit(1)).first()
    return stored[0] if stored and stored[0] is not None else today()


def as_utc(value: dt.datetime | None) -> dt.datetime | None:
    """``value`` with UTC attached when the database returned it naive (SQLite)."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=dt.timezone.utc)


def beijing_time(value: dt.datetime | None, fmt: str = "%Y-%m-%d %H:%M:%S") -> str:
    """A stored (UTC) time as people in China read it; "—" when missing."""
    if value is None:
        return "—"
    return as_utc(value).astimezone(BEIJING).strftime(fmt)
