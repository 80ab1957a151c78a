"""``restore_backup``: an archive of :func:`ecoplan.backup.snapshot.make_backup` back into a data
directory (and, for a PostgreSQL backup, into the database of ``ECOPLAN_DATABASE_URL``).

Everything is unpacked beside the target and checked against the manifest (size and sha256 of
every file, no file missing or extra, no path leaving the directory) before anything in the target
changes. A non-empty target is refused unless ``force`` (then its contents are replaced).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tarfile
import tempfile
from pathlib import Path, PurePosixPath

from ecoplan.backup import database
from ecoplan.backup.snapshot import FORMAT, MANIFEST
from ecoplan.errors import InputError


def restore_backup(archive: Path, data_dir: Path, *, database_url: str | None = None,
                   force: bool = False) -> dict:
    """Restore ``archive`` into ``data_dir``; returns its manifest."""
    archive, data_dir = Path(archive), Path(data_dir).absolute()
    if data_dir.exists() and any(data_dir.iterdir()) and not force:
        raise InputError("目标数据目录非空；确认要覆盖其内容时加 --force", file=str(data_dir))
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=f".{data_dir.name}.restore-", dir=data_dir.parent) as staging:
        manifest = _unpack_verified(archive, Path(staging))
        kind = manifest["database"]["kind"]
        dump = Path(staging) / manifest["database"]["file"]
        if kind == "postgresql":
            if not database_url or database.kind_of(database_url) != "postgresql":
                raise InputError("备份来自 PostgreSQL：请用 ECOPLAN_DATABASE_URL 或 --database-url 指定要恢复到的"
                                 "PostgreSQL 数据库", file=str(archive))
            database.restore_postgres(database_url, dump, force=force)
        elif database_url and database.kind_of(database_url) != "sqlite":
            raise InputError("备份来自 SQLite，不能恢复到 PostgreSQL（请不设 ECOPLAN_DATABASE_URL 恢复到数据目录）",
                             file=str(archive))
        files = Path(staging) / "files"
        files.mkdir(exist_ok=True)
        if kind == "sqlite":
            shutil.move(dump, files / database.SQLITE_FILE)
        _replace_dir(data_dir, files)
    return manifest


def read_manifest(tar: tarfile.TarFile, archive: Path) -> dict:
    try:
        manifest = json.loads(tar.extractfile(MANIFEST).read())
    except (KeyError, AttributeError, ValueError):
        raise InputError("不是 ecoplan 备份文件（没有可读的 manifest.json）", file=str(archive)) from None
    if manifest.get("format") != FORMAT:
        raise InputError(f"备份格式 {manifest.get('format')!r} 不受支持（应为 {FORMAT}）", file=str(archive))
    return manifest


def _unpack_verified(archive: Path, staging: Path) -> dict:
    """Every file of the manifest, unpacked under ``staging`` and checked; the manifest."""
    try:
        tar = tarfile.open(archive, "r:*")
    except (OSError, tarfile.TarError) as err:
        raise InputError(f"无法读取备份文件: {err}", file=str(archive)) from None
    with tar:
        manifest = read_manifest(tar, archive)
        expected = {entry["path"]: entry for entry in manifest["files"]}
        seen = set()
        try:
            for member in tar:
                if member.name == MANIFEST:
                    continue
                if member.name not in expected or not member.isfile() or not _safe(member.name):
                    raise InputError(f"备份中有清单之外的条目: {member.name}", file=str(archive))
                _extract(tar, member, staging / member.name, expected[member.name], archive)
                seen.add(member.name)
        except (OSError, tarfile.TarError, EOFError) as err:
            raise InputError(f"备份文件损坏: {err}", file=str(archive)) from None
    missing = sorted(set(expected) - seen)
    if missing:
        raise InputError(f"备份不完整，缺少 {len(missing)} 个文件（如 {missing[0]}）", file=str(archive))
    return manifest


def _safe(name: str) -> bool:
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and path.parts[0] in ("files", "database")


def _extract(tar: tarfile.TarFile, member: tarfile.TarInfo, target: Path, entry: dict, archive: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    digest, size = hashlib.sha256(), 0
    with tar.extractfile(member) as source, target.open("wb") as out:
        for block in iter(lambda: source.read(1 << 20), b""):
            digest.update(block)
            size += len(block)
            out.write(block)
    if size != entry["size"] or digest.hexdigest() != entry["sha256"]:
        raise InputError(f"校验失败（sha256 与清单不符）: {member.name}", file=str(archive))


def _replace_dir(data_dir: Path, files: Path) -> None:
    """Make ``data_dir`` hold exactly ``files``' contents (an existing target's are removed)."""
    if data_dir.exists():
        for child in data_dir.iterdir():
            shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()
        for child in files.iterdir():
            shutil.move(child, data_dir / child.name)
    else:
        files.rename(data_dir)
