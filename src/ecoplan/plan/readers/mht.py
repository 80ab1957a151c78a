"""Single-file web pages (MHT/MHTML, RFC 2557): Word's "单个文件网页", often published as .doc.

The page is a MIME multipart/related message; its text/html part, decoded with the charset it
declares, is read like any HTML page.
"""

from __future__ import annotations

import email
from email import policy

from ecoplan.errors import InputError
from ecoplan.plan.readers.html import read_html
from ecoplan.plan.source import SourceDocument


def is_mht(data: bytes) -> bool:
    """A MIME message holding a multipart/related body, as MHT files start."""
    head = data[:4096].lower()
    return head.lstrip().startswith((b"mime-version:", b"from:", b"subject:", b"date:", b"content-type:")) \
        and b"multipart/related" in head


def read_mht(data: bytes, doc: SourceDocument) -> SourceDocument:
    """Fill ``doc`` from the HTML part of an MHT file."""
    message = email.message_from_bytes(data, policy=policy.default)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            try:
                html = part.get_content()
            except (LookupError, UnicodeError):
                html = part.get_payload(decode=True).decode("gb18030", errors="replace")
            return read_html(html, doc)
    raise InputError("MHT 单个文件网页中没有 HTML 正文", file=doc.file)
