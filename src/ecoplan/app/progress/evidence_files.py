"""Where evidence files live (``<data dir>/evidence/``), and setting them aside with the report
they belong to.

A report deleted by the office (one with an invalid period) takes its evidence files with it:
they are moved to ``<data dir>/evidence/deleted/`` in the deleting transaction, and moved back
if that transaction does not commit, so the files and the rows go together (all or nothing).
Kept there, not erased: the audit entry of the deletion names each one, and an administrator
can still hand a file back or erase the folder by hand.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.orm import Session

from ecoplan.errors import InputError

EVIDENCE_DIR = "evidence"
DELETED_DIR = "deleted"


def storage_dir(data_dir: Path) -> Path:
    return Path(data_dir) / EVIDENCE_DIR


def find(data_dir: Path, stored_name: str) -> Path | None:
    """The file of a stored evidence row: in the folder, or set aside by a deletion whose
    transaction has not finished (or was cut off before it could put them back)."""
    for path in (storage_dir(data_dir) / stored_name,
                 storage_dir(data_dir) / DELETED_DIR / stored_name):
        if path.is_file():
            return path
    return None


def set_aside(session: Session, data_dir: Path, stored_names: list[str]) -> list[str]:
    """Move these files to ``evidence/deleted/`` now; back again if ``session``'s transaction
    rolls back. Returns where each went (relative to the data dir), for the audit log."""
    folder = storage_dir(data_dir)
    aside = folder / DELETED_DIR
    moved: list[str] = []
    try:
        aside.mkdir(parents=True, exist_ok=True)
        for name in stored_names:
            if (folder / name).is_file():
                os.replace(folder / name, aside / name)
                moved.append(name)
    except OSError as err:
        _put_back(folder, moved)
        raise InputError(f"无法移走佐证材料文件（{err.strerror}），报告未删除") from None
    finished = {"committed": False}
    event.listen(session, "after_commit", lambda _s: finished.update(committed=True), once=True)

    @event.listens_for(session, "after_rollback", once=True)
    def _undo(_session) -> None:
        if not finished["committed"]:
            _put_back(folder, moved)

    return [f"{EVIDENCE_DIR}/{DELETED_DIR}/{name}" for name in stored_names]


def _put_back(folder: Path, names: list[str]) -> None:
    for name in names:
        os.replace(folder / DELETED_DIR / name, folder / name)
