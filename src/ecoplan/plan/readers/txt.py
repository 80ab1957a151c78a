"""Plain-text plans (.txt): UTF-8, UTF-8 with BOM, UTF-16 with BOM, GB18030/GBK."""

from __future__ import annotations

from ecoplan.plan.readers.body import body_text
from ecoplan.plan.source import SourceDocument


def read_txt(text: str, doc: SourceDocument) -> SourceDocument:
    """Fill ``doc`` from decoded ``text``: body lines, and the catalogue lines at its top as meta."""
    doc.text = body_text(text.split("\n"), doc.meta)
    return doc
