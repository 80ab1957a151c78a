"""The one clock: "now" in Beijing time and the office's evaluation day (评估日期).

This module is the only place in the app that reads the real time. Every feature asks it:
stored times are UTC (:func:`utcnow`), shown times are Beijing time (:func:`beijing_time`, the
``beijing`` template filter), and "today" for a work-plan question (is a ledger item overdue,
which period is due, which proposals are pending, the default date of a document) is the
evaluation day the office set on the status settings page, else today's date in Beijing.
Tests set the time with :func:`frozen` (the ``clock`` fixture).
"""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from typing import Iterator
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.orm import Session

BEIJING = ZoneInfo("Asia/Shanghai")
"""China's one time zone (UTC+8, no daylight saving since 1991)."""

_SETTINGS = sa.table("status_settings", sa.column("id", sa.Integer), sa.column("as_of", sa.Date))
"""Where the office's evaluation day is kept (the status settings row, edited on
/status/settings); named here as a table so the clock depends on no feature."""

_fixed: dt.datetime | None = None


def utcnow() -> dt.datetime:
    """Now, timezone-aware in UTC (what is stored)."""
    if _fixed is not None:
        return _fixed.astimezone(dt.timezone.utc)
    return dt.datetime.now(dt.timezone.utc)


def now() -> dt.datetime:
    """Now, timezone-aware in Beijing time."""
    return utcnow().astimezone(BEIJING)


def today() -> dt.date:
    """Today's calendar date in Beijing (due dates are Beijing dates)."""
    return now().date()


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


@contextmanager
def frozen(at: dt.datetime) -> Iterator[None]:
    """The clock stopped at ``at`` (timezone-aware) inside the block: for tests."""
    global _fixed
    if at.tzinfo is None:
        raise ValueError("frozen() needs a timezone-aware time")
    before, _fixed = _fixed, at
    try:
        yield
    finally:
        _fixed = before
