"""Kept statuses under concurrency: a missing entry is computed once; while it is computed for
a new database version, other threads get the previous version's value instead of waiting."""

from __future__ import annotations

import threading
import uuid

from ecoplan.app.status.cache import cached_status


def _key():
    return ("test", uuid.uuid4().hex)  # a database of its own


def test_computed_once_while_others_wait():
    key, started, go = _key(), threading.Event(), threading.Event()
    calls = []

    def slow():
        calls.append(1)
        started.set()
        go.wait(30)
        return "v1"

    results = []
    first = threading.Thread(target=lambda: results.append(cached_status(key, 1, slow)))
    first.start()
    started.wait(30)
    second = threading.Thread(target=lambda: results.append(cached_status(key, 1, slow)))
    second.start()
    go.set()
    first.join(30)
    second.join(30)
    assert results == ["v1", "v1"] and len(calls) == 1  # no earlier version: it waited


def test_the_previous_version_is_served_while_the_new_one_is_computed():
    key, started, go = _key(), threading.Event(), threading.Event()
    assert cached_status(key, 1, lambda: "old") == "old"

    def slow():
        started.set()
        go.wait(30)
        return "new"

    fresh = []
    computing = threading.Thread(target=lambda: fresh.append(cached_status(key, 2, slow)))
    computing.start()
    started.wait(30)
    assert cached_status(key, 2, lambda: "must not run") == "old"
    go.set()
    computing.join(30)
    assert fresh == ["new"] and cached_status(key, 2, lambda: "must not run") == "new"


def test_nothing_from_another_database():
    assert cached_status(_key(), 1, lambda: "mine") == "mine"
    assert cached_status(_key(), 1, lambda: None) is None
