"""The server makes each day's reminders itself, once per day, and survives a failing day."""

from __future__ import annotations

import datetime as dt
import time

from sqlalchemy import func, select

from ecoplan.app.progress.models import Notice
from ecoplan.app.progress.scheduler import DailyReminders


def _notices(env) -> int:
    with env.session() as s:
        return s.scalar(select(func.count()).select_from(Notice))


def test_once_per_day_then_again_the_next_day(seeded):
    days = iter([dt.date(2023, 6, 1), dt.date(2023, 6, 1), dt.date(2023, 6, 6)])
    daily = DailyReminders(seeded.sessions, today=lambda: next(days))
    first = daily.run_due()
    assert first is not None and first.notices and _notices(seeded) == len(first.notices)
    assert daily.run_due() is None  # same day: nothing run
    after_first = _notices(seeded)
    third = daily.run_due()  # a new day: May is now missing, not due soon
    assert third is not None and third.notices
    assert {n.kind for n in third.notices} == {"missing"}
    assert _notices(seeded) == after_first + len(third.notices)


def test_one_process_of_several_makes_them_until_it_stops(seeded):
    """Two workers (two schedulers on one database): the lease holder makes the day's
    reminders; the other waits, and takes over once the first stops."""
    day = lambda: dt.date(2023, 6, 1)  # noqa: E731
    first = DailyReminders(seeded.sessions, today=day)
    second = DailyReminders(seeded.sessions, today=day)
    assert first.run_due() is not None
    assert second.run_due() is None and second.last_day is None  # not the holder
    first.stop()  # releases the lease
    assert second.run_due() is not None and second.last_day == day()


def test_a_failing_day_is_logged_and_retried(seeded, monkeypatch, caplog):
    from ecoplan.app.progress import reminders

    calls = []

    def boom(session, **kw):
        calls.append(kw["today"])
        raise RuntimeError("database went away")

    monkeypatch.setattr(reminders, "run", boom)
    daily = DailyReminders(seeded.sessions, today=lambda: dt.date(2023, 6, 1))
    assert daily.run_due() is None and daily.last_day is None
    assert daily.run_due() is None and len(calls) == 2  # not marked done: tried again
    assert "reminders failed" in caplog.text


def test_background_thread_runs_at_start_and_stops(seeded):
    daily = DailyReminders(seeded.sessions, check_every_s=0.05, today=lambda: dt.date(2023, 6, 1))
    daily.start()
    deadline = time.monotonic() + 30
    while daily.last_day is None and time.monotonic() < deadline:
        time.sleep(0.05)
    daily.stop()
    assert daily.last_day == dt.date(2023, 6, 1)
    assert _notices(seeded) > 0
    assert not daily._thread.is_alive()


def test_default_day_is_the_offices_evaluation_day(seeded):
    from ecoplan.app.core.clock import evaluation_day
    from ecoplan.app.status import settings as status_settings

    with seeded.session() as s:
        row = status_settings.current(s)  # the defaults until the office saves settings
        row.as_of = dt.date(2023, 6, 1)
        s.add(row)
    daily = DailyReminders(seeded.sessions)
    assert daily.run_due() is not None and daily.last_day == dt.date(2023, 6, 1)
    with seeded.session() as s:
        status_settings.current(s).as_of = None
        assert evaluation_day(s) != dt.date(2023, 6, 1)
