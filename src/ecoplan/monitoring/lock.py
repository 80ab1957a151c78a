"""One writer at a time for a data directory's monitoring store: an exclusive ``flock``.

:func:`store_lock` holds ``<data dir>/monitoring/.store.lock`` locked for the duration of a
``with`` block. Every writer of the store takes it (``ecoplan data import``, ``Store.write`` and
``Store.register``, the station-day derivation, ``ecoplan backup`` while it copies the store), so
two processes never merge into the same partition from the same old file (the later rename would
drop the other's rows). The lock is re-entrant within one thread (an import holds it around
``Store.write``, which takes it again) and excludes other threads of the same process too.

``flock`` works between processes of one host and on most shared filesystems (local disks,
CephFS, GlusterFS, SMB with Linux ≥ 5.5). On NFS, Linux emulates ``flock`` with NFS byte-range
locks (NFSv4 or NFSv3 with lockd): it holds between hosts only when the server's lock service
works and the share is not mounted with ``nolock``/``local_lock=all``; check before putting the
data directory of several hosts on NFS (``docs/deployment.md``).

Whoever holds the lock writes its process id, host and start time into the lock file, so a
waiting process can say who it waits for. A killed holder releases the lock with its process;
what it left behind (``.*.tmp`` files) is removed by :func:`remove_leftovers` under the lock,
and the first hold of a process rolls back a web import it killed half-way
(:func:`ecoplan.monitoring.journal.roll_back`).
"""

from __future__ import annotations

import fcntl
import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ecoplan import clock
from ecoplan.errors import InputError
from ecoplan.monitoring import journal

LOCK_NAME = ".store.lock"
POLL_SECONDS = 0.1


class StoreBusy(InputError):
    """The store stayed locked by another process longer than the caller would wait."""


@dataclass
class _Held:
    """This process's hold on one lock file: a thread lock (flock does not exclude threads of one
    process sharing the descriptor) and the descriptor while any thread holds it."""

    thread_lock: threading.RLock = field(default_factory=threading.RLock)
    fd: int | None = None
    depth: int = 0


_HELD: dict[str, _Held] = {}
_HELD_GUARD = threading.Lock()


def lock_path(data_dir: str | Path) -> Path:
    return Path(data_dir) / "monitoring" / LOCK_NAME


def holder(data_dir: str | Path) -> str:
    """Who holds (or last held) the lock, as written in the lock file ("" if unknown)."""
    try:
        return lock_path(data_dir).read_text(encoding="utf-8").strip()
    except OSError:
        return ""


@contextmanager
def store_lock(data_dir: str | Path, *, timeout: float | None = None,
               on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the store's exclusive lock of ``data_dir`` inside the ``with`` block.

    ``timeout``: seconds to wait for another holder (None: as long as it takes; 0: refuse at
    once). ``on_wait(holder)`` is called once when the lock is busy, before waiting. Raises
    :class:`StoreBusy` when the wait runs out.
    """
    path = lock_path(data_dir)
    with _HELD_GUARD:
        held = _HELD.setdefault(os.path.realpath(path), _Held())
    deadline = None if timeout is None else time.monotonic() + timeout
    if not held.thread_lock.acquire(blocking=False):
        if on_wait:
            on_wait(f"本进程的另一线程 (pid {os.getpid()})")
        if not held.thread_lock.acquire(timeout=-1 if deadline is None else max(0.0, deadline - time.monotonic())):
            raise _busy(data_dir, timeout)
    try:
        if held.depth == 0:
            held.fd = _flock(path, data_dir, deadline, timeout, on_wait)
            try:
                journal.roll_back(path.parent)
            except BaseException:
                _unlock(held)
                raise
        held.depth += 1
        try:
            yield
        finally:
            held.depth -= 1
            if held.depth == 0:
                _unlock(held)
    finally:
        held.thread_lock.release()


def _unlock(held: _Held) -> None:
    fcntl.flock(held.fd, fcntl.LOCK_UN)
    os.close(held.fd)
    held.fd = None


def is_free(data_dir: str | Path) -> bool:
    """Whether no process (nor another thread of this one) holds the lock right now."""
    try:
        with store_lock(data_dir, timeout=0):
            return True
    except StoreBusy:
        return False


def _flock(path: Path, data_dir, deadline: float | None, timeout: float | None,
           on_wait: Callable[[str], None] | None) -> int:
    """The lock file's descriptor, locked exclusively, with this process written into it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        waited = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if deadline is not None and time.monotonic() >= deadline:
                    raise _busy(data_dir, timeout) from None
                if on_wait and not waited:
                    on_wait(holder(data_dir))
                waited = True
                time.sleep(POLL_SECONDS)
        stamp = clock.utcnow().isoformat(timespec="seconds")
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()} on {socket.gethostname()} since {stamp}\n".encode(), 0)
        return fd
    except BaseException:
        os.close(fd)
        raise


def _busy(data_dir, timeout: float | None) -> StoreBusy:
    who = holder(data_dir) or "另一进程"
    waited = f"等待 {timeout:g} 秒后" if timeout else ""
    return StoreBusy(f"监测数据正被另一进程写入（{who}），{waited}仍未释放；请稍后再试"
                     "（ecoplan data import --wait 秒数 可等待更久）", file=str(lock_path(data_dir)))


def remove_leftovers(root: Path) -> list[Path]:
    """Delete the temporary files (``.<name>.<hex>.tmp``) a killed writer left under ``root``;
    call only while holding the lock (no live writer has any). Returns what was removed."""
    removed = []
    for temp in root.rglob(".*.tmp") if root.exists() else ():
        temp.unlink(missing_ok=True)
        removed.append(temp)
    return removed
