"""The same plan published as text, web page, Word and PDF reads as the same body."""

from __future__ import annotations

import re


def test_every_format_gives_the_same_body(seed_docs, seed_body):
    texts = {fmt: doc.text for fmt, doc in seed_docs.items()}
    assert texts["txt"].split("\n") == seed_body
    squeeze = {fmt: re.sub(r"\s+", "", text) for fmt, text in texts.items()}
    assert squeeze["html"] == squeeze["docx"] == squeeze["pdf"] == squeeze["txt"]
    assert {fmt: text.count("\n") for fmt, text in texts.items()} == dict.fromkeys(texts, len(seed_body) - 1)
