"""Results computed from the monitoring store, kept per data version.

Reading a year of hourly data takes seconds, so the status pages and the assessment keep what
they computed, keyed by what it depends on. A key holds :func:`data_version` of the store, so an
import (which rewrites the store's registry) makes every older entry unreachable; the oldest
entries are dropped beyond :data:`CACHE_SIZE`.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

from ecoplan.monitoring.store import Store

CACHE_SIZE = 32
_CACHE: dict[tuple, object] = {}
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
    if key not in _CACHE:
        if len(_CACHE) >= CACHE_SIZE:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[key] = compute()
    return _CACHE[key]
