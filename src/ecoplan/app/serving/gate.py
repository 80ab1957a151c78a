"""Admission: at most ``capacity`` requests of one process use the database at once.

Every request holds a pooled connection from its first query to its commit, and runs its
blocking work in AnyIO's thread pool. Admitting more requests than there are connections would
leave threads waiting in the pool for connections held by requests that wait for a thread:
so requests queue here, on the event loop, where waiting costs nothing, for at most
``wait_seconds``; then they get a fast ``503`` with ``Retry-After`` (a Chinese page, or JSON
under ``/api``), never a hang. :func:`limits` sizes the pool and the thread pool from the same
number (``Settings.max_concurrent_requests``).

Three lanes: the pages answered from kept results (:data:`KEPT_PATHS`: the overview, the public
page, their APIs, the overview's workbook, the health check: a few milliseconds each once
kept) have slots of their own
(``kept_capacity``, half as many again), so at month end they never queue behind reports being
saved or workbooks being built. Credential checks (:data:`CREDENTIAL_PATHS`, POST: one Argon2
verification each, ~0.1 s of CPU on this 2-core machine, all of it in C) have a lane of their
own too (``credential_capacity``, :data:`CREDENTIAL_REQUESTS`): a login the machine answers in
a fraction of a second does not wait behind slow pages for the main lane's slots and get a 503
(issue #11: a login in a browser test got one at load 11), and hashing, which only slows down
when more run at once, never takes the main lane's slots. Every other request takes a slot of
the main lane. A full lane still answers 503 with ``Retry-After`` after ``wait_seconds``: real
saturation is not hidden. Each refusal is logged (lane, path, how long it waited).
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from dataclasses import dataclass

import anyio
from starlette.types import ASGIApp, Receive, Scope, Send

BUSY_MESSAGE = "服务器繁忙，请稍后重试"
RETRY_AFTER_S = 5
UNGATED = ("/static/",)
"""Paths that never touch the database."""
KEPT_PATHS = frozenset({"/public", "/status", "/status/export.xlsx", "/api/public/status",
                        "/api/status", "/healthz"})
"""Paths answered from kept results (their own lane)."""
CREDENTIAL_PATHS = frozenset({"/login", "/account/password"})
"""Paths whose POST checks a password (their own lane)."""
CREDENTIAL_REQUESTS = 2
"""Credential checks at once per process: Argon2 is CPU-bound (RFC 9106 low-memory: 4 lanes,
64 MiB each), so more at once on 2 cores only makes each slower."""
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Limits:
    """How many requests run at once, and what that takes from the pool and the threads."""

    requests: int

    @property
    def kept_requests(self) -> int:
        """Slots of the lane for pages answered from kept results."""
        return max(2, self.requests // 2)

    @property
    def credential_requests(self) -> int:
        """Slots of the lane for credential checks."""
        return CREDENTIAL_REQUESTS

    @property
    def pool_size(self) -> int:
        return self.requests + self.kept_requests + self.credential_requests

    @property
    def max_overflow(self) -> int:
        """A request may briefly take a second connection (a login's own short transaction:
        the session expiry, the attempt counter, the header's notice count); background jobs
        take one too."""
        return self.pool_size + 2

    @property
    def threads(self) -> int:
        """A request runs one blocking call at a time; static files and error pages need a
        few more."""
        return self.pool_size + 8


def limits(settings) -> Limits:
    return Limits(settings.max_concurrent_requests)


def busy_response(path: str) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
    """The 503 answer: JSON under /api, else a small self-contained Chinese page."""
    if path.startswith("/api/") or path == "/api":
        body = json.dumps({"error": BUSY_MESSAGE}, ensure_ascii=False).encode()
        media = b"application/json"
    else:
        body = ('<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
                f"<title>服务器繁忙</title></head><body><h1>服务器繁忙</h1><p>{BUSY_MESSAGE}"
                f"（约 {RETRY_AFTER_S} 秒后）。</p></body></html>").encode()
        media = b"text/html; charset=utf-8"
    headers = [(b"content-type", media), (b"content-length", str(len(body)).encode()),
               (b"retry-after", str(RETRY_AFTER_S).encode()), (b"cache-control", b"no-store")]
    return 503, headers, body


class AdmissionMiddleware:
    """Queue requests beyond ``capacity`` (``kept_capacity`` for :data:`KEPT_PATHS`,
    ``credential_capacity`` for a POST to :data:`CREDENTIAL_PATHS`; 0: they share the main
    lane) for up to ``wait_seconds``, then answer 503."""

    def __init__(self, app: ASGIApp, *, capacity: int, wait_seconds: float,
                 kept_capacity: int = 0, credential_capacity: int = 0) -> None:
        self.app = app
        self.capacities = {"main": capacity, "kept": kept_capacity,
                           "credentials": credential_capacity}
        self.wait_seconds = wait_seconds
        self._limiters: dict[str, anyio.CapacityLimiter] = {}
        self._loop: object | None = None

    def lane(self, scope: Scope) -> str:
        path = scope["path"]
        if path in KEPT_PATHS:
            lane = "kept"
        elif scope.get("method") == "POST" and path in CREDENTIAL_PATHS:
            lane = "credentials"
        else:
            lane = "main"
        return lane if self.capacities[lane] > 0 else "main"

    def _slots(self, lane: str) -> anyio.CapacityLimiter:
        loop = asyncio.get_running_loop()  # a test client may run each request on a new loop
        if self._loop is not loop:
            self._limiters = {lane: anyio.CapacityLimiter(n)
                              for lane, n in self.capacities.items() if n > 0}
            self._loop = loop
        return self._limiters[lane]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(UNGATED):
            await self.app(scope, receive, send)
            return
        lane = self.lane(scope)
        slots, start = self._slots(lane), time.monotonic()
        try:
            with anyio.fail_after(self.wait_seconds):
                await slots.acquire()
        except TimeoutError:
            log.warning("busy: %s %s waited %.1f s for a slot of the %s lane (%d in use, %d waiting)",
                        scope.get("method"), scope["path"], time.monotonic() - start, lane,
                        slots.borrowed_tokens, slots.statistics().tasks_waiting)
            await send_busy(scope, send)
            return
        try:
            await self.app(scope, receive, send)
        finally:
            slots.release()


async def send_busy(scope: Scope, send: Send) -> None:
    status, headers, body = busy_response(scope.get("path", ""))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
