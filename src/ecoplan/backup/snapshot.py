"""``make_backup``: one archive holding a consistent snapshot of an ecoplan installation.

The archive (tar, gzip) holds ``database/`` (the SQLite snapshot or the ``pg_dump``), ``files/``
(everything else in the data directory: plan sources, evidence, ledger attachments, seals,
assessment rules, the monitoring store, any settings file) and ``manifest.json`` last: format,
versions, the alembic revision, the settings in force (passwords masked) and the size and sha256
of every file. The database is taken first, then the files: a file a database row names was
there before the snapshot (attachments are only ever added), so nothing restored points nowhere.
The monitoring store is copied under its lock (:func:`ecoplan.monitoring.lock.store_lock`): no
import is half-written into the copy.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import platform
import socket
import tarfile
import tempfile
import uuid
from pathlib import Path

from sqlalchemy.engine import make_url

from ecoplan import clock
from ecoplan import __version__
from ecoplan.backup import database
from ecoplan.config import Settings
from ecoplan.errors import InputError
from ecoplan.monitoring.lock import LOCK_NAME, store_lock

FORMAT = "ecoplan.backup/1"
MANIFEST = "manifest.json"
SECRET_WORDS = ("PASSWORD", "SECRET", "TOKEN", "KEY")
STAGING = ".ecoplan-backup-"
"""Prefix of the folder the database snapshot is staged in, beside the archive (maybe in the data dir)."""


def make_backup(settings: Settings, out: Path, *, lock_timeout: float | None = 600) -> dict:
    """Write the backup of ``settings`` (data dir and database) to ``out``; returns the manifest."""
    data_dir = Path(settings.data_dir)
    if not data_dir.is_dir():
        raise InputError("数据目录不存在", file=str(data_dir))
    url = settings.effective_database_url
    kind = database.kind_of(url)
    out = Path(out).absolute()
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=STAGING, dir=out.parent) as staging:
        if kind == "sqlite":
            dump = Path(staging) / database.SQLITE_FILE
            info = database.snapshot_sqlite(url, dump)
            info["revision"] = database.sqlite_revision(dump)
        else:
            dump = Path(staging) / database.PG_DUMP_FILE
            info = database.dump_postgres(url, dump)
        manifest = {"format": FORMAT, "created_at": clock.utcnow().isoformat(timespec="seconds"),
                    "host": socket.gethostname(), "ecoplan_version": __version__,
                    "python": platform.python_version(), "alembic_revision": info.pop("revision"),
                    "database": info, "settings": _settings(settings), "files": []}
        temp = out.with_name(f".{out.name}.{uuid.uuid4().hex}.tmp")
        try:
            _write_archive(temp, manifest, dump, data_dir, url, out, lock_timeout)
            os.replace(temp, out)
        finally:
            temp.unlink(missing_ok=True)
    return manifest


def _write_archive(path: Path, manifest: dict, dump: Path, data_dir: Path, url: str, out: Path,
                   lock_timeout: float | None) -> None:
    skip = {out, Path(database.sqlite_path(url)).absolute()} if url.startswith("sqlite") else {out}
    with tarfile.open(path, "w:gz", compresslevel=1) as tar:
        _add(tar, manifest, dump, f"database/{dump.name}")
        manifest["database"]["file"] = f"database/{dump.name}"
        with store_lock(data_dir, timeout=lock_timeout):
            for file in _files(data_dir / "monitoring", skip):
                _add(tar, manifest, file, f"files/{file.relative_to(data_dir).as_posix()}")
        for file in _files(data_dir, skip, exclude=data_dir / "monitoring"):
            _add(tar, manifest, file, f"files/{file.relative_to(data_dir).as_posix()}")
        body = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
        info = tarfile.TarInfo(MANIFEST)
        info.size, info.mtime = len(body), int(clock.utcnow().timestamp())
        tar.addfile(info, io.BytesIO(body))


def _files(root: Path, skip: set[Path], exclude: Path | None = None) -> list[Path]:
    """Regular files under ``root``, sorted; not the lock, temporaries, SQLite's -wal/-shm, the
    archive being written, nor the live database (its snapshot is in ``database/``)."""
    if not root.is_dir():
        return []
    out = []
    for path in sorted(root.rglob("*")):
        if exclude is not None and (path == exclude or exclude in path.parents):
            continue
        if not path.is_file() or path.is_symlink() or path.absolute() in skip:
            continue
        name = path.name
        if name == LOCK_NAME or name.endswith(".tmp") or any(part.startswith(STAGING) for part in path.parts):
            continue
        if any(name == Path(s).name + suffix for s in skip for suffix in ("-wal", "-shm", "-journal")):
            continue
        out.append(path)
    return out


class _Hashing(io.RawIOBase):
    """A file read once: into the archive and through sha256 at the same time."""

    def __init__(self, fh) -> None:
        self.fh, self.digest = fh, hashlib.sha256()

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        block = self.fh.read(size)
        self.digest.update(block)
        return block


def _add(tar: tarfile.TarFile, manifest: dict, path: Path, arcname: str) -> None:
    with path.open("rb") as fh:
        info = tar.gettarinfo(fileobj=fh, arcname=arcname)
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        reader = _Hashing(fh)
        tar.addfile(info, reader)
    manifest["files"].append({"path": arcname, "size": info.size, "sha256": reader.digest.hexdigest()})


def _settings(settings: Settings) -> dict:
    """The settings in force: ``ECOPLAN_*`` variables (secrets and passwords masked)."""
    shown = {}
    for name, value in sorted(os.environ.items()):
        if not name.startswith("ECOPLAN_") or name.startswith("ECOPLAN_TEST_"):
            continue
        if name == "ECOPLAN_DATABASE_URL":
            value = make_url(value).render_as_string(hide_password=True)
        elif any(word in name for word in SECRET_WORDS):
            value = "***"
        shown[name] = value
    shown["data_dir"] = str(settings.data_dir)
    return shown
