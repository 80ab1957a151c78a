"""Results computed from the monitoring store or the database, kept per data version.

Reading a year of hourly data takes seconds, so the status pages and the assessment keep what
they computed, keyed by what it depends on. A key holds :func:`data_version` of the store, so an
import (which rewrites the store's registry) makes every older entry unreachable; the oldest
entries are dropped beyond :data:`CACHE_SIZE`. Statuses computed from the database
(:mod:`ecoplan.app.status.dashboard`, keyed by :func:`ecoplan.app.status.freshness.db_key`) are
kept apart (:data:`STATUS_CACHE_SIZE`, one entry per unit page), so they never push out a
monitoring result that took seconds.

One thread computes a missing entry while the others asking for the same key wait for it
(after a write, fifty requests for the overview compute it once, not fifty times).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import TypeVar

from ecoplan.monitoring.store import Store

CACHE_SIZE = 32
STATUS_CACHE_SIZE = 128
_CACHE: dict[tuple, object] = {}
_STATUS_CACHE: dict[tuple, object] = {}
_COMPUTING: dict[tuple, threading.Lock] = {}
_GUARD = threading.Lock()
T = TypeVar("T")


def data_version(store: Store) -> float:
    """A number that changes whenever data are imported into ``store`` (its registry's mtime)."""
    registry = store.root / "imports.json"
    return registry.stat().st_mtime_ns if registry.exists() else 0.0


def store_key(store: Store) -> tuple[str, float]:
    """The first part of a key: which store, which version of its data."""
    return str(store.root.resolve()), data_version(store)


def cached(key: tuple[Hashable, ...], compute: Callable[[], T]) -> T:
    """``compute()``, or what it returned before for ``key`` (an exception is not kept)."""
    return _kept(_CACHE, CACHE_SIZE, key, compute)


def cached_status(key: tuple[Hashable, ...], compute: Callable[[], T]) -> T:
    """:func:`cached` for results computed from the database."""
    return _kept(_STATUS_CACHE, STATUS_CACHE_SIZE, key, compute)


def _kept(cache: dict, size: int, key: tuple, compute: Callable[[], T]) -> T:
    try:
        return cache[key]
    except KeyError:  # not computed yet, or dropped meanwhile by another request's thread
        pass
    with _GUARD:
        computing = _COMPUTING.setdefault(key, threading.Lock())
    try:
        with computing:
            try:
                return cache[key]  # computed by the thread this one waited for
            except KeyError:
                value = compute()
            if len(cache) >= size:
                cache.pop(next(iter(cache), None), None)
            cache[key] = value
            return value
    finally:
        with _GUARD:
            if _COMPUTING.get(key) is computing and not computing.locked():
                del _COMPUTING[key]
