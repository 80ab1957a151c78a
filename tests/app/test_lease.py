"""Leases in the database: one holder at a time, renewed by it, taken over when expired or
released (as by the daily reminders of several worker processes)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from ecoplan.app.serving import lease

TTL = timedelta(seconds=60)


def test_one_holder_at_a_time_until_it_expires_or_is_released(db):
    now = [datetime(2026, 1, 1, tzinfo=timezone.utc)]
    clock = lambda: now[0]  # noqa: E731
    assert lease.hold(db, "job", "a", TTL, clock=clock)
    assert not lease.hold(db, "job", "b", TTL, clock=clock)
    assert lease.hold(db, "job", "a", TTL, clock=clock)  # renewed by its holder
    assert lease.hold(db, "other", "b", TTL, clock=clock)  # another job: its own lease
    now[0] += TTL + timedelta(seconds=1)
    assert lease.hold(db, "job", "b", TTL, clock=clock)  # expired: taken over
    assert not lease.hold(db, "job", "a", TTL, clock=clock)
    lease.release(db, "job", "b")
    assert lease.hold(db, "job", "a", TTL, clock=clock)


def test_holder_ids_differ():
    assert lease.holder_id() != lease.holder_id()
