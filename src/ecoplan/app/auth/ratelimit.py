"""Per-client-IP sliding-window limit on credential checks (login, password change).

In-process and thread-safe: the counts live in this process's memory, so the limit holds for
``ecoplan serve`` (one process). Several worker processes would each count separately (a
client would get ``limit`` tries per worker) and a restart forgets the counts.

Only failed attempts stay counted: a caller takes a slot with :meth:`SlidingWindow.attempt`
before checking the password and gives it back with :meth:`SlidingWindow.forgive` when the
check succeeds, so a busy office behind one NAT address is not locked out by its own
successful logins, while parallel guesses cannot slip past the limit.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Callable

MAX_CLIENTS = 10_000
"""Clients remembered at once; beyond this, clients idle for a whole window are dropped
first, then the longest-known ones (memory stays bounded under a flood of addresses)."""


@dataclass(frozen=True)
class Refusal:
    """An attempt over the limit: wait ``retry_after`` seconds. ``first`` is True for the
    first refusal since the client reached the limit (the one that is audited)."""

    retry_after: int
    first: bool


@dataclass
class _Client:
    stamps: deque = field(default_factory=deque)
    refused: bool = False


class SlidingWindow:
    """At most ``limit`` counted attempts per key in any ``window`` seconds."""

    def __init__(self, limit: int, window: float, *, clock: Callable[[], float] = time.monotonic,
                 max_clients: int = MAX_CLIENTS) -> None:
        if limit < 1 or window <= 0:
            raise ValueError("limit and window must be positive")
        self.limit, self.window, self.max_clients = limit, window, max_clients
        self._clock = clock
        self._clients: dict[str, _Client] = {}
        self._lock = threading.Lock()

    def attempt(self, key: str) -> Refusal | None:
        """Count an attempt by ``key``; a :class:`Refusal` (nothing counted) when over the limit."""
        with self._lock:
            now = self._clock()
            client = self._clients.get(key)
            if client is None:
                self._make_room(now)
                client = self._clients[key] = _Client()
            stamps = client.stamps
            while stamps and stamps[0] <= now - self.window:
                stamps.popleft()
            if len(stamps) >= self.limit:
                first, client.refused = not client.refused, True
                return Refusal(max(1, math.ceil(stamps[0] + self.window - now)), first)
            stamps.append(now)
            client.refused = False
            return None

    def forgive(self, key: str) -> None:
        """Give back the latest attempt of ``key`` (its credentials were right)."""
        with self._lock:
            client = self._clients.get(key)
            if client is not None and client.stamps:
                client.stamps.pop()

    def __len__(self) -> int:
        """How many clients are remembered."""
        return len(self._clients)

    def _make_room(self, now: float) -> None:
        if len(self._clients) < self.max_clients:
            return
        idle = [k for k, c in self._clients.items()
                if not c.stamps or c.stamps[-1] <= now - self.window]
        for key in idle:
            del self._clients[key]
        while len(self._clients) >= self.max_clients:
            del self._clients[next(iter(self._clients))]
