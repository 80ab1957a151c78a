"""Seal files under ``<data dir>/seals/``, kept in step with the request's transaction.

A file is written (to a temporary name, then renamed: never half a file under its name)
before the row that points to it; the files a change leaves behind are removed only once the
transaction commits, and the file it wrote is removed if it rolls back. So a failed upload,
replacement or removal leaves the old seal, its file and the audit log as they were.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.orm import Session

from ecoplan.errors import InputError

SEAL_DIR = "seals"
_PENDING = "seal_files"


def seal_dir(data_dir: Path) -> Path:
    return Path(data_dir) / SEAL_DIR


def write_new(session: Session, data_dir: Path, data: bytes) -> str:
    """Store ``data`` under a new random name; it goes again if ``session`` rolls back."""
    folder = seal_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    name = secrets.token_hex(16)
    temporary = folder / f".{name}.tmp"
    temporary.write_bytes(data)
    os.replace(temporary, folder / name)
    _pending(session)["rollback"].append(folder / name)
    return name


def remove_on_commit(session: Session, data_dir: Path, name: str) -> None:
    """Delete the file ``name`` once ``session`` commits (kept if it rolls back)."""
    _pending(session)["commit"].append(seal_dir(data_dir) / name)


def read(data_dir: Path, name: str) -> bytes:
    path = seal_dir(data_dir) / name
    if not path.is_file():
        raise InputError("印章图片文件已丢失，请管理员重新上传", field="印章")
    return path.read_bytes()


def _pending(session: Session) -> dict[str, list[Path]]:
    return session.info.setdefault(_PENDING, {"commit": [], "rollback": []})


def _settle(session: Session, outcome: str) -> None:
    pending = session.info.pop(_PENDING, None)
    for path in (pending or {}).get(outcome, []):
        path.unlink(missing_ok=True)


@event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    _settle(session, "commit")


@event.listens_for(Session, "after_rollback")
def _after_rollback(session: Session) -> None:
    _settle(session, "rollback")
