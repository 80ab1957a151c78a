"""A web or drop-folder import's journal: what to put back if its process dies half-way.

:func:`snapshot` copies every file an import will rewrite into its undo folder (with a
``manifest.json``); :func:`open_journal` then writes ``<store>/.intake-journal.json`` naming that
folder, and :func:`close_journal` removes it once every file is written and registered. A
journal still there when a writer takes the store's lock (``lock.store_lock``, first hold of a
process) belongs to a writer that was killed (a live one would hold the lock):
:func:`roll_back` puts the snapshot back, so the import is all or nothing even across a kill.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

JOURNAL = ".intake-journal.json"


def snapshot(root: Path, paths: list[Path], undo_dir: Path) -> None:
    """Copy ``paths`` (files under the store ``root``; missing ones are noted) into ``undo_dir``."""
    undo_dir.mkdir(parents=True, exist_ok=True)
    manifest = []
    for path in paths:
        rel = path.relative_to(root).as_posix()
        if path.exists():
            (undo_dir / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, undo_dir / rel)
        manifest.append({"path": rel, "existed": path.exists()})
    (undo_dir / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")


def restore(root: Path, undo_dir: Path) -> None:
    """Put every file of ``undo_dir``'s manifest back as it was (removing those that did not exist)."""
    for entry in json.loads((undo_dir / "manifest.json").read_text(encoding="utf-8")):
        target = root / entry["path"]
        if entry["existed"]:
            temp = target.with_name(f".{target.name}.undo.tmp")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(undo_dir / entry["path"], temp)
            os.replace(temp, target)
        else:
            target.unlink(missing_ok=True)


def open_journal(root: Path, undo_dir: Path) -> None:
    path = root / JOURNAL
    path.write_text(json.dumps({"undo": str(undo_dir), "pid": os.getpid()}), encoding="utf-8")


def close_journal(root: Path) -> None:
    (root / JOURNAL).unlink(missing_ok=True)


def roll_back(root: Path) -> Path | None:
    """Undo the import a killed writer left half-done (call only while holding the lock):
    its undo folder, or None when there was nothing to undo."""
    path = root / JOURNAL
    if not path.exists():
        return None
    try:
        undo_dir = Path(json.loads(path.read_text(encoding="utf-8"))["undo"])
    except (ValueError, KeyError):
        undo_dir = None
    if undo_dir is not None and (undo_dir / "manifest.json").exists():
        restore(root, undo_dir)
    path.unlink(missing_ok=True)
    return undo_dir
