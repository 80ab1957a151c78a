"""Evidence files: the type is read from the content (magic bytes), never from the name; files
are kept under ``<data dir>/evidence/`` with random names, outside the web root.

Office Open XML files are ZIP archives told apart by the part they must contain
(ECMA-376 Part 2: ``[Content_Types].xml`` and ``word/``, ``xl/`` or ``ppt/``); the legacy
formats are OLE2 compound files. Anything else (executables, scripts, HTML, archives) is refused.
"""

from __future__ import annotations

import hashlib
import io
import secrets
import zipfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session
from starlette.responses import Response

from ecoplan.app.progress.evidence_files import find, storage_dir
from ecoplan.app.progress.models import EvidenceFile, ProgressReport
from ecoplan.app.progress.service import check_editable, record_step, now
from ecoplan.app.templating import attachment
from ecoplan.errors import InputError

SIGNATURES = (
    (b"%PDF-", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),
)
OOXML_PARTS = {"word/": "docx", "xl/": "xlsx", "ppt/": "pptx"}
MEDIA_TYPES = {
    "pdf": "application/pdf", "png": "image/png", "jpeg": "image/jpeg", "gif": "image/gif",
    "ole": "application/octet-stream",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
ACCEPTED = "PDF、图片（PNG/JPEG/GIF）、Word/Excel/PowerPoint 文件"


def sniff(data: bytes) -> str | None:
    """The file type by its first bytes (and, for ZIP, its parts); None when not accepted."""
    for magic, kind in SIGNATURES:
        if data.startswith(magic):
            return kind
    if data.startswith(b"PK\x03\x04"):
        return _ooxml_kind(data)
    return None


def _ooxml_kind(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, ValueError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    return next((kind for prefix, kind in OOXML_PARTS.items()
                 if any(n.startswith(prefix) for n in names)), None)


def safe_name(name: str) -> str:
    """The uploader's file name without any directory part or control characters."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join(ch for ch in base if ch.isprintable()).strip()
    return cleaned[:200] or "附件"


def sniff_upload(file_name: str, data: bytes, max_bytes: int, field: str) -> str | None:
    """The uploaded file's type by content (None: not a known one), after refusing an empty
    or too large file with a message naming the file and ``field``."""
    if not data:
        raise InputError("文件为空", file=file_name, field=field)
    if len(data) > max_bytes:
        raise InputError(f"文件过大：最多 {max_bytes / (1024 * 1024):g} MB", file=file_name,
                         field=field)
    return sniff(data)


def check(file_name: str, data: bytes, max_bytes: int) -> str:
    """The file's type, or the refusal naming the file (empty, too large, not accepted)."""
    kind = sniff_upload(file_name, data, max_bytes, "佐证材料")
    if kind is None:
        raise InputError(f"不支持的文件类型（按内容识别），只接受{ACCEPTED}", file=file_name,
                         field="佐证材料")
    return kind


def add_evidence(session: Session, *, actor, report: ProgressReport, file_name: str,
                 data: bytes, data_dir: Path, max_bytes: int) -> EvidenceFile:
    """Check and keep one evidence file for ``report`` (a draft or returned one)."""
    return add_many(session, actor=actor, report=report, files=[(file_name, data)],
                    data_dir=data_dir, max_bytes=max_bytes)[0]


@dataclass(frozen=True)
class Stored:
    """One evidence file written under ``<data dir>/evidence/``: what its row keeps."""

    file_name: str
    stored_name: str
    file_type: str
    size: int
    sha256: str

    def row(self, model, actor):
        """The file's row of ``model`` (progress or sub-plan evidence), uploaded by ``actor``."""
        return model(file_name=self.file_name, stored_name=self.stored_name,
                     file_type=self.file_type, size=self.size, sha256=self.sha256,
                     uploaded_by=getattr(actor, "id", None), uploaded_at=now())


def store(files: list[tuple[str, bytes]], data_dir: Path, max_bytes: int) -> list[Stored]:
    """Write several evidence files (name, content), all or none: every file is checked before
    any is written, and the ones written are removed if a later write fails."""
    kinds = [check(name, data, max_bytes) for name, data in files]
    folder = storage_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    try:
        for name, data in files:
            written.append(folder / secrets.token_hex(16))
            written[-1].write_bytes(data)
    except OSError:
        for path in written:
            path.unlink(missing_ok=True)
        raise InputError("佐证材料无法保存到数据目录，请联系管理员", field="佐证材料") from None
    return [Stored(safe_name(name), path.name, kind, len(data), hashlib.sha256(data).hexdigest())
            for (name, data), kind, path in zip(files, kinds, written)]


def limit(settings, calendar) -> int:
    """The largest evidence file: the reporting calendar's limit within the request body's."""
    return min(calendar.max_evidence_bytes, settings.max_upload_bytes)


def read_uploads(files: list, max_bytes: int) -> list[tuple[str, bytes]]:
    """The chosen files (name, content), read up to one byte past ``max_bytes`` (a file input
    with nothing chosen sends a nameless empty part, which arrives as a string: not a file)."""
    return [(f.filename or "", f.file.read(max_bytes + 1)) for f in files
            if not isinstance(f, str) and f.filename]


def add_many(session: Session, *, actor, report: ProgressReport,
             files: list[tuple[str, bytes]], data_dir: Path, max_bytes: int) -> list[EvidenceFile]:
    """Keep several evidence files (name, content) for ``report``, all or none (:func:`store`)."""
    check_editable(report)
    return [_keep(session, actor, report, s) for s in store(files, data_dir, max_bytes)]


def _keep(session, actor, report, stored: Stored) -> EvidenceFile:
    before = report.snapshot()
    evidence = stored.row(EvidenceFile, actor)
    report.evidence.append(evidence)
    record_step(session, report, actor=actor, action="evidence", before=before,
                comment=evidence.file_name)
    return evidence


def discard(stored_names: list[str], data_dir: Path) -> None:
    """Remove the files a refused step had written (its rows were rolled back with it)."""
    for name in stored_names:
        (storage_dir(data_dir) / name).unlink(missing_ok=True)


def read_evidence(evidence: EvidenceFile, data_dir: Path) -> bytes:
    path = find(data_dir, evidence.stored_name)
    if path is None:
        raise InputError("佐证材料文件已丢失，请联系管理员", field="佐证材料")
    return path.read_bytes()


def download(evidence, data_dir: Path) -> Response:
    """An evidence file (a target report's or a sub-plan measure report's) as a private
    download named as it was uploaded."""
    response = attachment(read_evidence(evidence, data_dir), evidence.file_name,
                          MEDIA_TYPES[evidence.file_type])
    response.headers["Cache-Control"] = "private"
    return response
