"""What a file really is, from its first bytes (magic numbers), not from its name.

A government download is often misnamed (a PDF saved as ``.docx``, a GBK text saved as
``.html``); the content decides how it is read, the extension only explains a mismatch.
"""

from __future__ import annotations

import io
import re
import zipfile

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""Compound File Binary (MS-CFB 2.2): legacy .doc/.xls/.wps and encrypted OOXML (MS-OFFCRYPTO 2.3.4)."""

HTML_START = re.compile(r"\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|title)\b", re.I | re.S)
HTML_TAG = re.compile(r"<(div|p|table|span|br)\b[^>]*>", re.I)

FORMAT_NAMES = {
    "txt": "文本", "html": "HTML 网页", "mht": "MHT 单个文件网页", "docx": "Word (.docx)", "pdf": "PDF", "xlsx": "Excel (.xlsx)",
}
EXTENSION_FORMATS = {
    ".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html", ".shtml": "html", ".mht": "mht", ".mhtml": "mht",
    ".docx": "docx", ".pdf": "pdf", ".xlsx": "xlsx", ".xlsm": "xlsx",
}


def sniff_binary(data: bytes) -> str | None:
    """Return the container format of ``data`` (``pdf``, ``docx``, ``xlsx``, ``ole``, ``zip``,
    ``broken_zip``, ``ofd``, ``rtf``, ``image``) or None when it is not a known binary container (maybe text)."""
    # Readers accept junk before the header within the first 1024 bytes (ISO 32000-1 annex H);
    # a text merely quoting "%PDF-" has no end-of-file marker.
    if data.lstrip(b"\r\n\t \x00\xef\xbb\xbf")[:5] == b"%PDF-" or (
            data[:1024].find(b"%PDF-") >= 0 and b"%%EOF" in data[-2048:]):
        return "pdf"
    if data.startswith(OLE_MAGIC):
        return "ole"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _zip_kind(data)
    if data.startswith(b"{\\rtf"):
        return "rtf"
    if data.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*", b"BM")):
        return "image"
    return None


def _zip_kind(data: bytes) -> str:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return "broken_zip"
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "OFD.xml" in names:
        return "ofd"
    return "zip"


def ole_kind(data: bytes) -> str:
    """Tell an encrypted OOXML package from a legacy Word/WPS or Excel file by its stream names.

    Stream names sit in the CFB directory as UTF-16LE (MS-CFB 2.6.1); an encrypted .docx/.xlsx
    holds ``EncryptionInfo`` and ``EncryptedPackage`` streams (MS-OFFCRYPTO 2.3.4.1).
    """
    def has(name: str) -> bool:
        return name.encode("utf-16-le") in data

    if has("EncryptedPackage"):
        return "encrypted"
    if has("WordDocument"):
        return "doc"
    if has("Workbook") or has("Book"):
        return "xls"
    return "ole"


def looks_like_html(text: str) -> bool:
    """True when decoded text is an HTML page (a doctype/html/body start, or several block tags)."""
    head = text[:4096]
    return bool(HTML_START.match(head)) or len(HTML_TAG.findall(head)) >= 3
