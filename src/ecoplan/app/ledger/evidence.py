"""Evidence files (整改佐证材料) attached to a workflow move: checked, stored by content hash.

Files live under ``<data dir>/ledger/<item id>/`` (never the web root) and are served only
through the ledger's download route. Only documents and photos are accepted, recognised by their
first bytes as well as their name.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from ecoplan.errors import InputError

ZIP, OLE = b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
SIGNATURES = {".pdf": (b"%PDF-",), ".png": (b"\x89PNG\r\n\x1a\n",), ".jpg": (b"\xff\xd8\xff",),
              ".jpeg": (b"\xff\xd8\xff",), ".docx": (ZIP,), ".xlsx": (ZIP,), ".doc": (OLE,),
              ".xls": (OLE,)}
MAX_FILES = 10


@dataclass(frozen=True)
class Upload:
    name: str
    data: bytes


def check(upload: Upload) -> str:
    """The file's suffix, once its name, size and first bytes say it is an accepted type."""
    name = Path(upload.name).name
    suffix = Path(name).suffix.lower()
    if suffix not in SIGNATURES:
        raise InputError(f"不支持的文件类型“{suffix or name}”，可上传 PDF、图片（JPG/PNG）、"
                         "Word 或 Excel 文件", file=name, field="佐证材料")
    if not upload.data:
        raise InputError("文件为空（0 字节）", file=name, field="佐证材料")
    if not upload.data.startswith(SIGNATURES[suffix]):
        raise InputError(f"文件内容与扩展名“{suffix}”不符", file=name, field="佐证材料")
    return suffix


def store(uploads: list[Upload], *, data_dir: Path, item_id: int, area: str = "ledger") -> list[dict]:
    """Check every file first, then write them under ``<data dir>/<area>/<item id>/``; returns
    what the event keeps of each."""
    if len(uploads) > MAX_FILES:
        raise InputError(f"一次最多上传 {MAX_FILES} 个文件", field="佐证材料")
    suffixes = [check(u) for u in uploads]
    folder = Path(data_dir) / area / str(item_id)
    kept = []
    for upload, suffix in zip(uploads, suffixes):
        digest = hashlib.sha256(upload.data).hexdigest()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{digest}{suffix}"
        if not path.exists():
            path.write_bytes(upload.data)
        kept.append({"name": Path(upload.name).name, "path": str(path.relative_to(data_dir)),
                     "sha256": digest, "size": len(upload.data)})
    return kept


def resolve(data_dir: Path, stored: str) -> Path:
    """The stored file's absolute path, refused if it would leave the data directory."""
    root = Path(data_dir).resolve()
    path = (root / stored).resolve()
    if root not in path.parents or not path.is_file():
        raise FileNotFoundError(stored)
    return path
