"""Plain-text documents for the plan-structure tests, built in memory as the .txt reader would."""

from __future__ import annotations

import hashlib

from ecoplan.plan.source import SourceDocument


def text_document(text: str, name: str = "plan.txt") -> SourceDocument:
    """A document as the .txt reader would hand it over (no file involved)."""
    return SourceDocument(file=name, sha256=hashlib.sha256(text.encode()).hexdigest(), text=text)
