"""Checking an uploaded Office Open XML file (.xlsx, .docx) before any parser opens it.

An .xlsx or .docx is a zip of XML parts. A small upload can expand enormously (a 240 KB
workbook holding 100,000 rows is 30 MB of XML; a zip bomb far more), and XML may declare a
DTD whose entities expand without end. :func:`inspect` reads the archive's directory and
streams each part once, before openpyxl or python-docx see it, and refuses:

- more than ``max_members`` parts, or parts whose uncompressed sizes add up to more than
  ``max_uncompressed`` bytes (checked against the directory first, then while inflating: the
  directory may lie);
- any ``<!DOCTYPE`` or ``<!ENTITY`` (Office never writes a DTD), and parts not encoded in
  UTF-8 (where those words could hide);
- worksheets with more than ``max_rows`` rows or ``max_cells`` cells in all, counted in the XML
  itself (a sheet's ``<dimension>`` may lie).

Every refusal is an :class:`~ecoplan.errors.InputError` naming the file, in Chinese.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

from ecoplan.errors import InputError

CHUNK = 1 << 20
MAX_MEMBERS = 1000
DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)")
ROW = re.compile(rb"<(?:\w+:)?row[\s>/]")
CELL = re.compile(rb"<(?:\w+:)?c[\s>/]")
DECLARED = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
OVERLAP = 16
"""Bytes kept from the previous chunk so a tag split across chunks is still seen."""


@dataclass(frozen=True)
class Limits:
    max_uncompressed: int = 100 * 1024 * 1024
    max_rows: int | None = None
    max_cells: int | None = None
    max_members: int = MAX_MEMBERS


@dataclass
class Counts:
    uncompressed: int = 0
    rows: int = 0
    cells: int = 0


def inspect(data: bytes, *, file: str, limits: Limits, kind: str = "Excel（.xlsx）") -> Counts:
    """Check ``data`` against ``limits``; what it holds, or an InputError naming ``file``."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise InputError(f"不是有效的 {kind} 文件", file=file) from None
    if len(members) > limits.max_members:
        raise InputError(f"文件包含 {len(members)} 个部件，超过上限 {limits.max_members}", file=file)
    declared = sum(m.file_size for m in members)
    if declared > limits.max_uncompressed:
        raise _too_big(file, limits)
    counts = Counts()
    with archive:
        for member in members:
            if not member.is_dir():
                _scan(archive, member, file, limits, counts)
    return counts


def _too_big(file: str, limits: Limits) -> InputError:
    return InputError(f"文件解压后超过 {limits.max_uncompressed // (1024 * 1024)} MB，"
                      "请删去多余的行、图片或工作表后重新上传", file=file)


def _scan(archive: zipfile.ZipFile, member: zipfile.ZipInfo, file: str, limits: Limits,
          counts: Counts) -> None:
    is_xml = member.filename.endswith((".xml", ".rels", ".vml"))
    is_sheet = member.filename.startswith("xl/worksheets/") and is_xml
    tail, first = b"", True
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(CHUNK):
                counts.uncompressed += len(chunk)
                if counts.uncompressed > limits.max_uncompressed:
                    raise _too_big(file, limits)
                if not is_xml:
                    continue
                if first:
                    _check_encoding(chunk, member.filename, file)
                    first = False
                window = tail + chunk
                if DTD.search(window):
                    raise InputError(f"文件中的 {member.filename} 含有 DTD 或实体声明"
                                     "（<!DOCTYPE / <!ENTITY），出于安全原因不予读取", file=file)
                if is_sheet:
                    _count(window, len(tail), counts, file, limits)
                tail = window[-OVERLAP:]
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        raise InputError(f"文件已损坏（{member.filename} 无法解压）", file=file) from None


def _check_encoding(head: bytes, part: str, file: str) -> None:
    """Office writes every part in UTF-8; another encoding could hide a DTD from the scan."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head[:64]:
        raise InputError(f"文件中的 {part} 不是 UTF-8 编码，不予读取", file=file)
    found = DECLARED.match(head.lstrip(b"\xef\xbb\xbf"))
    if found and found.group(1).lower().replace(b"_", b"-") not in (b"utf-8", b"utf8"):
        raise InputError(f"文件中的 {part} 不是 UTF-8 编码，不予读取", file=file)


def _count(window: bytes, overlap: int, counts: Counts, file: str, limits: Limits) -> None:
    """Count the rows and cells not already seen: those ending past the previous window."""
    counts.rows += sum(1 for m in ROW.finditer(window) if m.end() > overlap)
    counts.cells += sum(1 for m in CELL.finditer(window) if m.end() > overlap)
    if limits.max_rows is not None and counts.rows > limits.max_rows:
        raise InputError(f"工作表超过 {limits.max_rows} 行，请只保留需要的行后重新上传", file=file)
    if limits.max_cells is not None and counts.cells > limits.max_cells:
        raise InputError(f"工作表超过 {limits.max_cells} 个单元格，请只保留需要的内容后重新上传",
                         file=file)
