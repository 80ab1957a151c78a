"""Kept responses: ``/status`` and ``/public`` answered on the event loop, without a thread.

At 50 clients the overview and the public page cost a few milliseconds of CPU once kept, but
waited seconds: every request ran its login lookup, its version check and its rendering in the
thread pool, sharing one process's GIL with the threads saving reports and building workbooks
(issue #11). Here the whole response (status, headers, body) of those two pages is kept per
process, and answered from the event loop itself when nothing it shows can have changed:

- **the stamp** (:class:`Stamp`): what the pages depend on — today, the monitoring store's
  version, every data version in the database except the two a draft report bumps
  (:data:`IGNORED`: the overview reads approved reports only) — read by a thread of each
  process every :data:`POLL_S` seconds. A commit in this process that bumps another version
  marks the stamp dirty and reads it again at once, in the committing thread, so a process
  sees its own writes on its next request (and the next requests are kept again at once:
  while the stamp was dirty, waiting for the thread, none was); another process's or host's
  writes are seen within :data:`POLL_S`. A stamp
  older than :data:`MAX_AGE_S` (the database slow or gone) is not trusted: every request then
  takes the normal path.
- **a login**: ``/status`` is kept per login session (its page holds the session's CSRF token
  and the user's header) and only while that session needs no touch of its idle expiry (then
  the normal path touches it). Logging out, a password change or an administrator ending a
  session bump ``auth_sessions.ended``, and any change to users bumps ``users``: both are in the
  stamp, so an ended login stops being answered from here within :data:`POLL_S` in every
  process (at most :data:`MAX_AGE_S` when the thread is late; at once in the process that
  ended it).
- **anonymous** ``/public``: kept once for all anonymous visitors; the page's CSRF token (in
  ``hx-headers``) is swapped for the visitor's, and a visitor without the CSRF cookie gets a
  new one (as ``main._cookies_and_headers`` gives it), on ``/status`` too.

When what the pages show changed (not the logins), the first request computes the new answer
by the normal path; while it does, others are given the previous answer (for up to
:data:`STALE_S` after the change), as the kept overview does (:mod:`ecoplan.app.status.cache`),
and requests finding no answer yet wait for the one computing it. A request never gets an
earlier answer when nobody is computing the new one: whoever made a change sees it on its next
request. At shutdown each process logs how its kept pages were answered.

Only a response the route marked ``request.state.keep_response`` (computed on the current
versions, not an earlier overview served while another thread recomputes), a ``200`` setting no
cookie but the anonymous CSRF one, is kept. Requests with a flash message, ``HEAD``, other paths: the normal path.
``ECOPLAN_KEPT_RESPONSES=0`` turns this off.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import secrets
import threading
import time
import weakref
from collections import Counter, OrderedDict
from dataclasses import dataclass
from datetime import datetime

import anyio
from sqlalchemy import Engine, text
from starlette.requests import cookie_parser
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ecoplan.app import versions
from ecoplan.app.core.clock import utcnow

log = logging.getLogger(__name__)

POLL_S = 0.25
MAX_AGE_S = 2.0
ENTRIES = 256
IGNORED = frozenset({"progress_reports", "progress_events"})
"""Data versions a saved or submitted draft bumps, which neither page reads."""
LOGINS = frozenset({"users", "auth_sessions.ended"})
"""Data versions of who may see what: never answered from an earlier stamp."""
STALE_S = 10.0
"""How long after a change of what the pages show the previous answer may still be given
while one request computes the new one (as :mod:`ecoplan.app.status.cache` does)."""
SESSION_COOKIE, ANON_CSRF_COOKIE, FLASH_COOKIE = "ecoplan_session", "ecoplan_csrf", "ecoplan_flash"
PATHS = frozenset({"/status", "/public"})
TOKEN = re.compile(r"[A-Za-z0-9_-]{20,64}")
_STAMPS: weakref.WeakSet[Stamp] = weakref.WeakSet()


class Stamp:
    """What the kept pages depend on, read every :data:`POLL_S` by a thread (see the module):
    ``(who, what)``, ``who`` the day and the logins' versions (:data:`LOGINS`), ``what`` the
    monitoring store's and every other data version (None: changed here, not read since)."""

    def __init__(self, engine: Engine, store_version, today) -> None:
        self.engine, self.store_version, self.today = engine, store_version, today
        self._read: tuple[object, float] = (None, 0.0)  # (value, monotonic start of its read)
        self._dirty_at = {"who": 0.0, "what": 0.0}
        self._wake, self._stop = threading.Event(), threading.Event()
        self._lock = threading.Lock()
        self.counts: Counter[str] = Counter()  # how the kept pages were answered (logged at stop)
        _STAMPS.add(self)

    def poll(self) -> None:
        """Read the stamp now (the thread does this every :data:`POLL_S`)."""
        started = time.monotonic()
        with self.engine.connect() as connection:
            rows = dict(connection.execute(text("SELECT name, version FROM data_versions")).all())
        who = (self.today(), *(rows.get(name, 0) for name in sorted(LOGINS)))
        what = (self.store_version(), tuple(sorted(
            (name, version) for name, version in rows.items() if name not in IGNORED | LOGINS)))
        with self._lock:  # a read that started earlier (the thread's) never replaces it
            if started > self._read[1]:
                self._read = ((who, what), started)

    def refresh(self) -> None:
        """Read the stamp now if the database answers (else the thread reads it later)."""
        try:
            self.poll()
        except Exception:
            log.debug("ecoplan: could not read the data versions", exc_info=True)

    def current(self) -> tuple | None:
        """The stamp, or None when it cannot be trusted (never read, too old, the logins
        changed here since); its ``what`` is None when other data changed here since."""
        value, started = self._read
        if value is None or started <= self._dirty_at["who"] \
                or time.monotonic() - started > MAX_AGE_S:
            return None
        return value if started > self._dirty_at["what"] else (value[0], None)

    def mark_dirty(self, names: set[str]) -> None:
        now = time.monotonic()
        if names & LOGINS:
            self._dirty_at["who"] = now
        if names - LOGINS - IGNORED:
            self._dirty_at["what"] = now
        self._wake.set()

    def start(self):
        thread = threading.Thread(target=self._run, name="ecoplan-stamp", daemon=True)
        thread.start()
        return self.stop

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        # on uvicorn's own logger: shown at ``ecoplan serve --log-level info``
        logging.getLogger("uvicorn.error").info("ecoplan: kept responses (pid %d): %s",
                                                os.getpid(), dict(self.counts) or "none asked")

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.poll()
            except Exception:  # the database is away: current() goes None after MAX_AGE_S
                log.debug("ecoplan: could not read the data versions", exc_info=True)
            self._wake.wait(POLL_S)
            self._wake.clear()


def _committed(names: set[str]) -> None:
    """A commit in this process bumped ``names``: the stamps that depend on them are dirty, and
    read again at once, by the committing thread (one SELECT): until then every request for the
    kept pages took the normal path and none was kept, each waiting for the one before."""
    if names - IGNORED:
        for stamp in list(_STAMPS):
            stamp.mark_dirty(names)
            stamp.refresh()


versions.COMMIT_LISTENERS.append(_committed)


@dataclass(frozen=True)
class Entry:
    stamp: object
    headers: list[tuple[bytes, bytes]]  # without the anonymous CSRF cookie
    body: bytes
    token: bytes  # the CSRF token in the body (swapped for an anonymous visitor's)
    until: datetime | None  # a login's page: when its session needs a touch (or ends)


class KeptResponses:
    """The ASGI middleware (see the module): inside the proxy-headers middleware (the scheme
    and host are the client's), outside the admission gate. ``cookie_secure`` as
    ``Settings.cookie_secure`` (None: ``Secure`` on https)."""

    def __init__(self, app: ASGIApp, *, stamp: Stamp, enabled: bool = True,
                 cookie_secure: bool | None = None) -> None:
        self.app, self.stamp, self.enabled, self.secure = app, stamp, enabled, cookie_secure
        self.entries: OrderedDict[tuple, Entry] = OrderedDict()
        self.computing: dict[tuple, anyio.Event] = {}  # keys being answered by the normal path
        self.changed: dict[tuple, float] = {}  # key → when its entry was first found out of date

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        kept = self._key(scope) if self.enabled else None
        if kept is None:
            await self.app(scope, receive, send)
            return
        key, visitor = kept
        entry, stamp = self._usable(key)
        if entry is not None and entry.stamp == stamp:
            self.stamp.counts["kept"] += 1
            await self._answer(scope, send, entry, visitor)
            return
        now = time.monotonic()
        if entry is not None and stamp[1] is not None and key in self.computing \
                and now - self.changed.setdefault(key, now) < STALE_S:  # another computes it
            self.stamp.counts["previous"] += 1
            await self._answer(scope, send, entry, visitor)
            return
        if key in self.computing:  # wait for the request computing it rather than compute again
            with anyio.move_on_after(STALE_S):
                await self.computing[key].wait()
            entry, stamp = self._usable(key)
            if entry is not None and entry.stamp == stamp:
                self.stamp.counts["waited"] += 1
                await self._answer(scope, send, entry, visitor)
                return
        self.stamp.counts["no stamp" if stamp is None else "changed" if entry else "new"] += 1
        await self._computing(key, self._through(scope, receive, send, key, stamp))

    def _usable(self, key: tuple) -> tuple[Entry | None, tuple | None]:
        """The entry kept for ``key`` if it may be shown to this login now (else None), and
        the current stamp."""
        stamp, entry = self.stamp.current(), self.entries.get(key)
        if stamp is None or entry is None or entry.stamp[0] != stamp[0] or (
                entry.until is not None and utcnow() >= entry.until):
            return None, stamp
        return entry, stamp

    async def _computing(self, key: tuple, work) -> None:
        done = self.computing[key] = anyio.Event()
        try:
            await work
        finally:
            done.set()
            if self.computing.get(key) is done:
                del self.computing[key]

    def _key(self, scope: Scope) -> tuple[tuple, bytes] | None:
        """The entry's key and the visitor's anonymous CSRF token (b"": none yet), or None
        when the request takes the normal path."""
        if scope["type"] != "http" or scope["method"] != "GET" or scope["path"] not in PATHS:
            return None
        headers = dict(scope["headers"])
        cookies = cookie_parser(headers.get(b"cookie", b"").decode("latin-1"))
        anonymous = cookies.get(ANON_CSRF_COOKIE, "")
        if FLASH_COOKIE in cookies or (anonymous and not TOKEN.fullmatch(anonymous)):
            return None
        where = (scope["path"], scope.get("query_string", b""), headers.get(b"host", b""),
                 scope.get("scheme"), scope.get("root_path", ""))
        login = cookies.get(SESSION_COOKIE)
        if scope["path"] == "/status" and login:
            return (*where, hashlib.sha256(login.encode()).digest()), anonymous.encode()
        if scope["path"] == "/public" and not login:
            return where, anonymous.encode()
        return None

    async def _through(self, scope, receive, send, key: tuple, stamp) -> None:
        """The normal path; its answer kept when the route says it may be."""
        sent: list[Message] = []

        async def keeping(message: Message) -> None:
            if message["type"] in ("http.response.start", "http.response.body"):
                sent.append(message)
            await send(message)

        await self.app(scope, receive, keeping)
        state = scope.get("state") or {}
        if stamp is None or stamp[1] is None or not state.get("keep_response") or len(sent) < 2 \
                or sent[-1].get("more_body") or sent[0].get("status") != 200:
            return
        headers = [(k, v) for k, v in sent[0]["headers"] if not _anon_cookie(k, v)]
        if any(k.lower() == b"set-cookie" for k, _ in headers):
            return
        token = (state.get("csrf_token") or "").encode() if key[0] == "/public" else b""
        if key[0] == "/public" and not TOKEN.fullmatch(token.decode()):
            return
        body = b"".join(m.get("body", b"") for m in sent[1:])
        self.entries[key] = Entry(stamp, headers, body, token, state.get("login_fresh_until"))
        self.entries.move_to_end(key)
        self.changed.pop(key, None)
        while len(self.entries) > ENTRIES:
            self.changed.pop(self.entries.popitem(last=False)[0], None)

    async def _answer(self, scope: Scope, send: Send, entry: Entry, visitor: bytes) -> None:
        """The kept answer; a visitor without the anonymous CSRF cookie gets one, as
        ``main._cookies_and_headers`` gives it; the public page shows the visitor's token."""
        headers, body = list(entry.headers), entry.body
        if not visitor:
            visitor = secrets.token_urlsafe(32).encode()
            secure = scope.get("scheme") == "https" if self.secure is None else self.secure
            headers.append((b"set-cookie", b"%s=%s; HttpOnly; Path=/; SameSite=lax%s" % (
                ANON_CSRF_COOKIE.encode(), visitor, b"; Secure" if secure else b"")))
        if entry.token and visitor != entry.token:
            body = body.replace(entry.token, visitor)
        headers = [(k, str(len(body)).encode() if k == b"content-length" else v)
                   for k, v in headers]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def _anon_cookie(name: bytes, value: bytes) -> bool:
    return name.lower() == b"set-cookie" and value.startswith(ANON_CSRF_COOKIE.encode() + b"=")
