"""Reporting periods and their due dates from the reporting calendar.

A monthly period is written ``2023-05``, a quarterly one ``2023-Q2``. The report on a period
is due on the calendar's ``due_day`` of the month after the period ends, moved to the next
PRC working day when ``workday_due`` is set.
"""

from __future__ import annotations

import datetime as dt
import re

from ecoplan.app.progress import workdays
from ecoplan.errors import InputError

PERIOD_RE = re.compile(r"([0-9]{4})-(?:(0[1-9]|1[0-2])|Q([1-4]))", re.ASCII)
"""Matched whole (``fullmatch``): no trailing newline or space, ASCII digits only, so one period
has exactly one spelling."""


def periods_of_year(year: int, frequency: str) -> list[str]:
    if frequency == "quarterly":
        return [f"{year}-Q{q}" for q in range(1, 5)]
    return [f"{year}-{m:02d}" for m in range(1, 13)]


def parse(period: str, frequency: str) -> tuple[int, int]:
    """``(year, last month)`` of ``period``; an error when it does not fit the frequency."""
    match = PERIOD_RE.fullmatch(period or "")
    if not match or (frequency == "quarterly") != (match.group(3) is not None):
        example = "2023-Q2" if frequency == "quarterly" else "2023-05"
        raise InputError(f"报告期「{period}」格式不正确，应如 {example}", field="报告期")
    year = int(match.group(1))
    month = int(match.group(2)) if match.group(2) else int(match.group(3)) * 3
    return year, month


def check_in_year(period: str, frequency: str, year: int) -> None:
    """Refuse a period the reporting calendar does not ask for in the plan's ``year``."""
    parse(period, frequency)
    if period not in periods_of_year(year, frequency):
        raise InputError(f"报告期「{period}」不是{year}年工作方案的报告期"
                         f"（应为 {periods_of_year(year, frequency)[0]} 至 "
                         f"{periods_of_year(year, frequency)[-1]}）", field="报告期")


def is_valid(period: str, year: int) -> bool:
    """``period`` is one of ``year``'s periods under either frequency (a calendar may have
    changed frequency during the year: both kinds of stored period stay readable)."""
    return (period in periods_of_year(year, "monthly")
            or period in periods_of_year(year, "quarterly"))


def first_day(period: str, frequency: str) -> dt.date:
    year, month = parse(period, frequency)
    return dt.date(year, month - (2 if frequency == "quarterly" else 0), 1)


def end(period: str, frequency: str) -> dt.date:
    """The day after the period's last day."""
    year, month = parse(period, frequency)
    return dt.date(year + month // 12, month % 12 + 1, 1)


def due_date(period: str, calendar) -> dt.date:
    """When the report on ``period`` is due under ``calendar`` (a ReportingCalendar)."""
    after = end(period, calendar.frequency)
    due = after.replace(day=calendar.due_day)
    return workdays.on_or_after(due) if calendar.workday_due else due


def remind_date(period: str, calendar) -> dt.date:
    """The day the "due soon" notice goes out: ``remind_days`` working days before the due date."""
    return workdays.shift(due_date(period, calendar), -calendar.remind_days)


def label(period: str) -> str:
    """``2023-05`` → 2023年5月, ``2023-Q2`` → 2023年第2季度 (anything else as it is)."""
    if not PERIOD_RE.fullmatch(period or ""):
        return period or ""
    year, rest = period.split("-")
    if rest.startswith("Q"):
        return f"{year}年第{rest[1]}季度"
    return f"{year}年{int(rest)}月"


def default_period(calendar, year: int, today: dt.date) -> str:
    """The period units are reporting on now: the latest one ended by ``today``, kept within
    the plan's ``year`` (its first period before the year ends, its last one after)."""
    periods = periods_of_year(year, calendar.frequency)
    ended = [p for p in periods if end(p, calendar.frequency) <= today]
    return ended[-1] if ended else periods[0]
