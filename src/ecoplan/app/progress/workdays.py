"""PRC working days: statutory holidays and make-up working days (调休上班日).

The State Council's yearly notice on public holidays decides which days are worked; the
``chinesecalendar`` package carries those notices year by year. A year it does not know yet
falls back to Monday–Friday, which is what the notice would say for an ordinary week.
"""

from __future__ import annotations

import datetime as dt

import chinese_calendar


def is_working_day(day: dt.date) -> bool:
    """True on a PRC working day: a weekday that is not a statutory holiday, or a make-up
    working day on a weekend (e.g. Saturday 2023-01-28)."""
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        return day.weekday() < 5


def on_or_after(day: dt.date) -> dt.date:
    """``day`` if it is a working day, else the next working day."""
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def shift(day: dt.date, n: int) -> dt.date:
    """The working day ``n`` working days after ``day`` (before it when ``n`` < 0).

    ``day`` itself is not counted: ``shift(d, -3)`` is three working days before ``d``.
    """
    step = dt.timedelta(days=1 if n >= 0 else -1)
    remaining = abs(n)
    while remaining:
        day += step
        if is_working_day(day):
            remaining -= 1
    return day


def count_between(start: dt.date, end: dt.date) -> int:
    """Working days in ``[start, end)``."""
    days = (end - start).days
    return sum(is_working_day(start + dt.timedelta(days=i)) for i in range(max(days, 0)))
