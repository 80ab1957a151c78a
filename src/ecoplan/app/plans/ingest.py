"""An uploaded plan document: refused early when too large or of the wrong type, stored under
the data directory (outside the web root, named by its SHA-256), read and parsed.

The reader's and parser's :class:`~ecoplan.errors.InputError` reach the upload page unchanged,
so a person sees why a document could not be read.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecoplan.app.core import clock
from ecoplan.app.plans.importing import import_plan
from ecoplan.app.plans.models import PlanSource, PlanVersion
from ecoplan.config import Settings
from ecoplan.errors import InputError
from ecoplan.plan.build import parse_plan
from ecoplan.plan.readers import read_document

ALLOWED_SUFFIXES = (".txt", ".htm", ".html", ".docx", ".pdf", ".xlsx")
"""What the plan readers accept; anything else is refused before it is stored."""
CHUNK = 1 << 16


class TooLarge(InputError):
    """The upload passed the size limit (the page answers 413)."""
SOURCES_DIR = "plan_sources"


def check_name(name: str) -> str:
    """The upload's base name, refused unless its type is one the readers handle."""
    base = Path(name or "").name
    if not base:
        raise InputError("请选择要上传的方案文件", field="文件")
    if Path(base).suffix.lower() not in ALLOWED_SUFFIXES:
        raise InputError(f"不支持的文件类型，请上传 {' / '.join(ALLOWED_SUFFIXES)} 文件",
                         file=base, field="文件")
    return base


def save_upload(stream: BinaryIO, *, name: str, data_dir: Path, max_bytes: int) -> tuple[Path, str, int]:
    """Copy the upload into the data directory, stopping as soon as it passes ``max_bytes``.

    Returns the stored path, its SHA-256 and its size. Identical documents share one file.
    """
    folder = Path(data_dir) / SOURCES_DIR
    folder.mkdir(parents=True, exist_ok=True)
    digest, size = hashlib.sha256(), 0
    fd, tmp = tempfile.mkstemp(dir=folder, suffix=".part")
    try:
        with os.fdopen(fd, "wb") as out:
            while chunk := stream.read(CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    raise TooLarge(f"文件过大，上限为 {max_bytes // (1024 * 1024)} MB", file=name)
                digest.update(chunk)
                out.write(chunk)
        if size == 0:
            raise InputError("文件为空（0 字节）", file=name)
        final = folder / f"{digest.hexdigest()}{Path(name).suffix.lower()}"
        os.replace(tmp, final)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return final, digest.hexdigest(), size


def form_year(value: str | None) -> int | None:
    """The upload form's 方案年份: empty, or a year the plan may have."""
    value = (value or "").strip()
    if not value:
        return None
    if not value.isdigit() or not 1949 <= int(value) <= 2100:
        raise InputError(f"方案年份“{value}”无效，请填写四位年份（如 2023）", field="方案年份")
    return int(value)


def read_and_parse(path: Path, *, name: str, max_bytes: int, year: int | None = None) -> tuple[str, dict]:
    """The document's extracted text and its ``ecoplan.plan/1`` JSON (``year``: given by the user,
    overriding the text's); a plan whose year neither the text nor the user gives is refused."""
    document = read_document(path, max_bytes=max_bytes, name=name)
    parsed = parse_plan(document, year=year)
    if parsed["document"]["year"] is None:
        raise InputError("文件中未写明方案年份，请在“方案年份”中填写后重新上传", file=name, field="方案年份")
    return document.text, parsed


def ingest_upload(session: Session, *, stream: BinaryIO, name: str, settings: Settings,
                  actor, year: int | None = None) -> PlanVersion:
    """Store, read and import an uploaded plan document as a new draft.

    Raises
    ------
    InputError
        The file's type, size or content is refused, or the reader or the parser cannot use
        it; the stored copy is then removed unless an earlier upload is the same document.
    """
    name = check_name(name)
    path, sha256, size = save_upload(stream, name=name, data_dir=settings.data_dir,
                                     max_bytes=settings.max_upload_bytes)
    try:
        text, parsed = read_and_parse(path, name=name, max_bytes=settings.max_upload_bytes, year=year)
        source = source_record(path=path, data_dir=settings.data_dir, name=name, sha256=sha256,
                               size=size, text=text, actor_id=getattr(actor, "id", None))
        session.add(source)
        return import_plan(session, parsed=parsed, actor=actor, source=source)
    except InputError:
        if session.scalar(select(PlanSource.id).where(PlanSource.sha256 == sha256)) is None:
            path.unlink(missing_ok=True)
        raise


def source_record(*, path: Path, data_dir: Path, name: str, sha256: str, size: int, text: str,
                  actor_id: int | None) -> PlanSource:
    return PlanSource(file_name=name, stored_path=str(path.relative_to(data_dir)), sha256=sha256,
                      size=size, text=text, uploaded_by=actor_id,
                      uploaded_at=clock.utcnow())
