"""The sliding-window attempt limiter, on its own (a fake clock) and under threads."""

from __future__ import annotations

import threading

import pytest

from ecoplan.app.auth.ratelimit import Refusal, SlidingWindow


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


def test_refuses_over_the_limit_until_the_oldest_attempt_leaves_the_window(clock):
    limiter = SlidingWindow(3, 60, clock=clock)
    for step in range(3):
        assert limiter.attempt("1.2.3.4") is None
        clock.now += 10  # attempts at 1000, 1010, 1020
    assert limiter.attempt("1.2.3.4") == Refusal(retry_after=30, first=True)  # 1000 + 60 - 1030
    clock.now += 29.5
    assert limiter.attempt("1.2.3.4") == Refusal(retry_after=1, first=False)  # rounded up
    clock.now += 0.5  # 1060: the attempt of 1000 has left the window
    assert limiter.attempt("1.2.3.4") is None
    assert limiter.attempt("1.2.3.4") == Refusal(retry_after=10, first=True)  # a new run


def test_refused_attempts_are_not_counted(clock):
    limiter = SlidingWindow(1, 60, clock=clock)
    assert limiter.attempt("a") is None
    for _ in range(50):
        clock.now += 1
        assert limiter.attempt("a") is not None
    clock.now += 10  # 60 s after the one counted attempt, whatever was refused since
    assert limiter.attempt("a") is None


def test_clients_are_counted_apart_and_forgiven_attempts_given_back(clock):
    limiter = SlidingWindow(2, 60, clock=clock)
    assert limiter.attempt("a") is None and limiter.attempt("a") is None
    assert limiter.attempt("a") is not None
    assert limiter.attempt("b") is None
    limiter.forgive("a")
    assert limiter.attempt("a") is None
    limiter.forgive("never-seen")  # nothing to give back: no error


def test_exactly_the_limit_passes_under_concurrent_attempts():
    limiter = SlidingWindow(50, 3600)
    allowed = []
    start = threading.Barrier(8)

    def hammer() -> None:
        start.wait()
        allowed.extend(1 for _ in range(100) if limiter.attempt("one-ip") is None)

    threads = [threading.Thread(target=hammer) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(allowed) == 50


def test_memory_stays_bounded_idle_clients_dropped_first(clock):
    limiter = SlidingWindow(1, 60, clock=clock, max_clients=3)
    limiter.attempt("old")
    clock.now += 61  # "old" is idle for a whole window
    for key in ("b", "c"):
        limiter.attempt(key)
    limiter.attempt("d")  # full: "old" goes, the active ones stay
    assert limiter.attempt("b") is not None and limiter.attempt("c") is not None
    for n in range(10):
        limiter.attempt(f"flood-{n}")
    assert len(limiter) <= 3


@pytest.mark.parametrize("limit, window", [(0, 60), (5, 0), (-1, 10)])
def test_limit_and_window_must_be_positive(limit, window):
    with pytest.raises(ValueError):
        SlidingWindow(limit, window)
