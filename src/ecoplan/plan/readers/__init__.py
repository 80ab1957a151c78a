"""Plan documents of every usual format to :class:`~ecoplan.plan.source.SourceDocument`.

:func:`read_document` decides the format from the file's content (magic bytes), not from its
name, and refuses what it cannot read with an :class:`~ecoplan.errors.InputError` that names
the file and says what to do. One module per format; :mod:`.meta` and :mod:`.body` are shared.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ecoplan import ooxml
from ecoplan.config import MAX_UPLOAD_BYTES
from ecoplan.errors import InputError
from ecoplan.plan.readers import script
from ecoplan.plan.readers.decode import decode_text
from ecoplan.plan.readers.sniff import EXTENSION_FORMATS, FORMAT_NAMES, looks_like_html, ole_kind, sniff_binary
from ecoplan.plan.source import SourceDocument

DOCX_LIMITS = ooxml.Limits(max_uncompressed=200 * 1024 * 1024)
XLSX_LIMITS = ooxml.Limits(max_uncompressed=100 * 1024 * 1024, max_rows=20_000,
                           max_cells=200_000)
"""A plan's task list is some hundreds of rows; the whole workbook is loaded (merged cells)."""
META_FIELDS = ("title", "doc_number", "issuer", "signed", "published")
MB = 1024 * 1024

REFUSED = {
    "encrypted": "文件已加密（有打开密码），请取消密码后另存再上传",
    "doc": "旧版 Word/WPS 文档（.doc/.wps）不能直接读取，请另存为 .docx",
    "xls": "旧版 Excel 表格（.xls/.et）不能直接读取，请另存为 .xlsx",
    "ole": "无法识别的 Office/WPS 旧格式文件，请另存为 .docx 或 .xlsx",
    "zip": "压缩包或无法识别的 Office 文件，不是 .docx/.xlsx",
    "broken_zip": "文件已损坏（.docx/.xlsx 压缩包不完整），请重新下载或在 Word/WPS 中另存",
    "ofd": "OFD 版式文件不能直接读取，请另存为 PDF 或 .docx",
    "rtf": "RTF 文件不能直接读取，请另存为 .docx",
    "image": "图片文件没有文字层（需先 OCR），请提供文字版 .docx、PDF 或 .txt",
}


def read_document(path: str | Path, *, max_bytes: int = MAX_UPLOAD_BYTES, name: str | None = None) -> SourceDocument:
    """Read a plan document (.txt, .html, .docx, .pdf, .xlsx), whatever its extension says.

    Parameters
    ----------
    path : the file to read.
    max_bytes : larger files are refused from their size, before a byte is read.
    name : the name a person knows the file by (an upload's original name); default the file name.

    Raises
    ------
    InputError
        Missing, empty, too large, encrypted, corrupt, scanned (no text layer) or unsupported
        files, each with the file name and a message saying what to do.
    """
    path = Path(path)
    name = name or path.name
    return read_bytes(_read_bytes(path, name, max_bytes), name=name, max_bytes=max_bytes)


def read_bytes(data: bytes, *, name: str, max_bytes: int = MAX_UPLOAD_BYTES) -> SourceDocument:
    """:func:`read_document` for content already in memory (an upload); ``name`` is its file name."""
    _check_size(len(data), max_bytes, name)
    doc = SourceDocument(file=name, sha256=hashlib.sha256(data).hexdigest(), text="",
                         meta=dict.fromkeys(META_FIELDS))
    fmt = _read_by_content(data, doc)
    _simplified(doc)
    _note_extension(name, fmt, doc)
    if not doc.text.strip() and not doc.tables:
        raise InputError("文件中没有可读的文字", file=name)
    return doc


def _read_bytes(path: Path, name: str, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError("文件不存在", file=name) from None
    except OSError as err:
        raise InputError(f"无法读取文件：{err.strerror or err}", file=name) from None
    if path.is_dir():
        raise InputError("这是一个文件夹，不是文件", file=name)
    _check_size(size, max_bytes, name)
    try:
        return path.read_bytes()
    except OSError as err:
        raise InputError(f"无法读取文件：{err.strerror or err}", file=name) from None


def _check_size(size: int, max_bytes: int, name: str) -> None:
    if size > max_bytes:
        raise InputError(f"文件过大（{size / MB:.1f} MB），上限为 {max_bytes / MB:.0f} MB", file=name)
    if size == 0:
        raise InputError("文件为空（0 字节）", file=name)


def _read_by_content(data: bytes, doc: SourceDocument) -> str:
    kind = sniff_binary(data)
    if kind == "ole":
        kind = ole_kind(data)
    if kind in REFUSED:
        raise InputError(REFUSED[kind], file=doc.file)
    if kind == "pdf":
        from ecoplan.plan.readers.pdf import read_pdf
        read_pdf(data, doc)
    elif kind == "docx":
        from ecoplan.plan.readers.docx import read_docx
        ooxml.inspect(data, file=doc.file, limits=DOCX_LIMITS, kind="Word（.docx）")
        read_docx(data, doc)
    elif kind == "xlsx":
        from ecoplan.plan.readers.xlsx import read_xlsx
        ooxml.inspect(data, file=doc.file, limits=XLSX_LIMITS)
        read_xlsx(data, doc)
    else:
        return _read_text(data, doc)
    return kind


def _read_text(data: bytes, doc: SourceDocument) -> str:
    from ecoplan.plan.readers.mht import is_mht, read_mht

    if is_mht(data):
        read_mht(data, doc)
        return "mht"
    decoded = decode_text(data)
    if decoded is None:
        raise InputError("无法识别的二进制文件：不是文本、HTML、Word (.docx)、PDF 或 Excel (.xlsx)", file=doc.file)
    text, _encoding, note = decoded
    if note:
        doc.warnings.append({"text": doc.file, "message": note})
    text, glossed = script.without_glosses(text)
    if glossed:
        doc.warnings.append({"text": doc.file, "message": script.GLOSS_NOTE})
    if script.is_traditional(text):  # before the header and tables are read: they are read in simplified
        text = script.simplified(text)
        doc.warnings.append({"text": doc.file, "message": script.NOTE})
    if looks_like_html(text):
        from ecoplan.plan.readers.html import read_html
        read_html(text, doc)
        return "html"
    from ecoplan.plan.readers.txt import read_txt
    read_txt(text, doc)
    return "txt"


def _simplified(doc: SourceDocument) -> None:
    """A document in traditional characters read by a format's own reader (Word, PDF, Excel,
    MHT) in simplified ones: its body, metadata and task tables (see :mod:`.script`)."""
    cells = [c for t in doc.tables for c in (*t.header, t.title or "", *(v for r in t.rows for v in r.cells.values()))]
    if any(w["message"] == script.NOTE for w in doc.warnings) or not script.is_traditional(
            "\n".join([doc.text, *cells])):
        return
    doc.text = script.simplified(doc.text)
    doc.meta = {k: script.simplified(v) if isinstance(v, str) else v for k, v in doc.meta.items()}
    for table in doc.tables:
        table.header = [script.simplified(c) for c in table.header]
        table.title = table.title and script.simplified(table.title)
        for row in table.rows:
            row.cells = {k: script.simplified(v) for k, v in row.cells.items()}
    doc.warnings.append({"text": doc.file, "message": script.NOTE})


def _note_extension(name: str, fmt: str, doc: SourceDocument) -> None:
    ext = Path(name).suffix.lower()
    expected = EXTENSION_FORMATS.get(ext)
    if ext and expected != fmt:
        doc.warnings.append({
            "text": name,
            "message": f"扩展名 {ext} 与文件内容不符：内容是 {FORMAT_NAMES[fmt]}，已按 {FORMAT_NAMES[fmt]} 读取",
        })
