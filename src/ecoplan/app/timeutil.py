"""Time in the app is UTC, timezone-aware; SQLite hands datetimes back naive."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

# China has one time zone and no daylight saving: UTC+8 all year (no tzdata needed).
BEIJING = timezone(timedelta(hours=8), "北京时间")


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def as_utc(value: datetime | None) -> datetime | None:
    """``value`` with UTC attached when the database returned it naive (SQLite)."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=timezone.utc)


def beijing_time(value: datetime | None, fmt: str = "%Y-%m-%d %H:%M:%S") -> str:
    """A stored (UTC) time as people in China read it; "—" when missing."""
    if value is None:
        return "—"
    return as_utc(value).astimezone(BEIJING).strftime(fmt)
