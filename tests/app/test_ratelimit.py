"""The attempt limiter, kept in the database (a fake clock), under threads, and shared by two
limiters as two worker processes would share it."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select

from ecoplan.app.auth.ratelimit import AttemptLimit, LoginAttempt, Refusal
from ecoplan.app.db import unit_of_work


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 1, 1, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock() -> Clock:
    return Clock()


def test_refuses_over_the_limit_until_the_oldest_attempt_leaves_the_window(db, clock):
    limiter = AttemptLimit(db, "login", 3, 60, clock=clock)
    for step in range(3):
        assert limiter.attempt("1.2.3.4") is None
        clock.advance(10)  # attempts at 0, 10, 20
    assert limiter.attempt("1.2.3.4") == Refusal(retry_after=30, first=True)  # 0 + 60 - 30
    clock.advance(29.5)
    assert limiter.attempt("1.2.3.4") == Refusal(retry_after=1, first=False)  # rounded up
    clock.advance(0.5)  # 60: the attempt of 0 has left the window
    assert limiter.attempt("1.2.3.4") is None
    assert limiter.attempt("1.2.3.4") == Refusal(retry_after=10, first=True)  # a new run


def test_refused_attempts_are_not_counted(db, clock):
    limiter = AttemptLimit(db, "login", 1, 60, clock=clock)
    assert limiter.attempt("a") is None
    for _ in range(50):
        clock.advance(1)
        assert limiter.attempt("a") is not None
    clock.advance(10)  # 60 s after the one counted attempt, whatever was refused since
    assert limiter.attempt("a") is None


def test_clients_and_endpoints_are_counted_apart_and_forgiven_attempts_given_back(db, clock):
    limiter = AttemptLimit(db, "login", 2, 60, clock=clock)
    assert limiter.attempt("a") is None and limiter.attempt("a") is None
    assert limiter.attempt("a") is not None
    assert limiter.attempt("b") is None
    assert AttemptLimit(db, "password", 2, 60, clock=clock).attempt("a") is None
    with unit_of_work(db) as s:
        limiter.forgive("a", s)
    assert limiter.count("a") == 1 and limiter.attempt("a") is None
    with unit_of_work(db) as s:
        limiter.forgive("never-seen", s)  # nothing to give back: no error


def test_two_limiters_on_one_database_share_the_counts(db, app, clock):
    """Two worker processes each have their own limiter; the rows are the same."""
    mine = AttemptLimit(db, "login", 4, 60, clock=clock)
    other = AttemptLimit(app.state.sessionmaker, "login", 4, 60, clock=clock)
    assert [mine.attempt("ip"), other.attempt("ip"), mine.attempt("ip"), other.attempt("ip")] \
        == [None] * 4
    assert other.attempt("ip") is not None and mine.attempt("ip") is not None


def test_rows_older_than_the_window_are_deleted(db, clock):
    limiter = AttemptLimit(db, "login", 1, 60, clock=clock)
    for n in range(20):
        limiter.attempt(f"flood-{n}")
    clock.advance(61)
    limiter.attempt("next")
    with unit_of_work(db) as s:
        assert s.scalar(select(func.count()).select_from(LoginAttempt)) == 1


def test_exactly_the_limit_passes_under_concurrent_attempts(db):
    limiter = AttemptLimit(db, "login", 20, 3600)
    allowed = []
    start = threading.Barrier(4)

    def hammer() -> None:
        start.wait()
        allowed.extend(1 for _ in range(15) if limiter.attempt("one-ip") is None)

    threads = [threading.Thread(target=hammer) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(allowed) == 20


@pytest.mark.parametrize("limit, window", [(0, 60), (5, 0), (-1, 10)])
def test_limit_and_window_must_be_positive(limit, window):
    with pytest.raises(ValueError):
        AttemptLimit(None, "login", limit, window)
