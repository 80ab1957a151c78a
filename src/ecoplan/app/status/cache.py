"""Results computed from the monitoring store or the database, kept per data version.

Reading a year of hourly data takes seconds, so the status pages and the assessment keep what
they computed, keyed by what it depends on. A key holds :func:`data_version` of the store, so an
import (which rewrites the store's registry) makes every older entry unreachable; the oldest
entries are dropped beyond :data:`CACHE_SIZE`. Statuses computed from the database
(:mod:`ecoplan.app.status.dashboard`, keyed by :func:`ecoplan.app.status.freshness.db_key`) are
kept apart (:data:`STATUS_CACHE_SIZE`, one entry per unit page), so they never push out a
monitoring result that took seconds.

One thread computes a missing entry while the others asking for the same key wait for it
(after a write, fifty requests for the overview compute it once, not fifty times). For the
statuses, the others do not even wait when an older version was kept: while one request
computes the overview of the new database version, the rest are answered with the previous one
(seconds old), so a stream of approvals at month end does not queue every page behind the
recomputation. The request that computes, and every request once it is done, sees the new one.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from ecoplan.monitoring.store import Store

CACHE_SIZE = 32
STATUS_CACHE_SIZE = 128
_CACHE: dict[tuple, object] = {}
_STATUS_CACHE: dict[tuple, object] = {}
_COMPUTING: dict[tuple, threading.Lock] = {}
_LATEST: dict[tuple, object] = {}
_NONE = object()
"""Per status key without its database version: the value last kept."""
_GUARD = threading.Lock()
_WATCH = threading.local()
T = TypeVar("T")


class Watch:
    earlier = False
    """Whether a status of an earlier database version was answered (see :func:`watching`)."""


@contextmanager
def watching() -> Iterator[Watch]:
    """Within it, on this thread: note when :func:`cached_status` answers with the value of an
    earlier version (another thread computing the current one); a page built from it must not
    be kept as the current version's (:mod:`ecoplan.app.serving.kept_responses`)."""
    watch = _WATCH.current = Watch()
    try:
        yield watch
    finally:
        _WATCH.current = None


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


def cached_status(key: tuple[Hashable, ...], version: Hashable, compute: Callable[[], T]) -> T:
    """:func:`cached` for results computed from the database, under ``key`` (which names the
    database) and its ``version``. While another thread computes it, the value kept for an
    earlier version is returned, when there is one."""
    return _kept(_STATUS_CACHE, STATUS_CACHE_SIZE, (*key, version), compute, latest=key)


def _kept(cache: dict, size: int, key: tuple, compute: Callable[[], T],
          latest: tuple | None = None) -> T:
    try:
        return cache[key]
    except KeyError:  # not computed yet, or dropped meanwhile by another request's thread
        pass
    with _GUARD:
        computing = _COMPUTING.setdefault(key, threading.Lock())
    try:
        earlier = _LATEST.get(latest, _NONE) if latest is not None else _NONE
        if earlier is _NONE:
            computing.acquire()
        elif not computing.acquire(blocking=False):
            if getattr(_WATCH, "current", None) is not None:
                _WATCH.current.earlier = True
            return earlier  # another thread is computing this version
        try:
            return _compute_once(cache, size, key, compute, latest)
        finally:
            computing.release()
    finally:
        with _GUARD:
            if _COMPUTING.get(key) is computing and not computing.locked():
                del _COMPUTING[key]


def _compute_once(cache: dict, size: int, key: tuple, compute: Callable[[], T],
                  latest: tuple | None) -> T:
    try:
        return cache[key]  # computed by the thread this one waited for
    except KeyError:
        value = compute()
    if len(cache) >= size:
        cache.pop(next(iter(cache), None), None)
    cache[key] = value
    if latest is not None:
        if len(_LATEST) >= size:
            _LATEST.pop(next(iter(_LATEST), None), None)
        _LATEST[latest] = value
    return value
