"""The one clock of the library and the app: "now" in UTC and Beijing time, today in Beijing.

Only this module reads the real time (``tests/test_library_clock.py`` fails on any other read). A
command's default date ("today" for the date of a circular, the standards in force, a plan
without a year) is today's date in Beijing, where the plans are made; tests and reproducible
runs stop the clock with :func:`frozen`, and every such command also takes the date as an
option. The app's evaluation day (the office's setting) builds on it in
:mod:`ecoplan.app.core.clock`.
"""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from typing import Iterator
from zoneinfo import ZoneInfo

BEIJING = ZoneInfo("Asia/Shanghai")
"""China's one time zone (UTC+8, no daylight saving since 1991)."""

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
    """Today's calendar date in Beijing (due dates and document dates are Beijing dates)."""
    return now().date()


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
