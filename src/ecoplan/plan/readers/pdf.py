"""PDF plans with a text layer: text in reading order, running heads and page numbers removed,
the lines of each paragraph joined (CJK text wraps mid-sentence).

GB/T 9704-2012 7.3.1 lays a paragraph out with a two-character indent (每个自然段左空二字), so
where a document indents, an indented line starts a paragraph; otherwise a line ending a
sentence does. A numbered heading always starts one; a line stopping short of the right margin
always ends one.
"""

from __future__ import annotations

import io
import re
from collections import Counter

import pdfplumber

from ecoplan.errors import InputError
from ecoplan.plan.readers.body import body_lines
from ecoplan.plan.source import SourceDocument

# GB/T 9704-2012 7.5 prints page numbers as "— 3 —"; other layouts: "-3-", "第3页 共10页", "3/10".
PAGE_NUMBER = re.compile(r"[-—–－−_\s]*\d{1,4}[-—–－−_\s]*|第\s*\d+\s*页(\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+")
HEADING = re.compile(
    r"([一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十]+[)）]|\d{1,3}[.．、](?!\d)"
    r"|[（(]\d{1,3}[)）]|[①-⑳]|第[一二三四五六七八九十百]+[条章节部分]|附件)"
)
SENTENCE_END = re.compile(r"[。！？；：!?;:][”’」』]*$")
EDGE_LINES = 2
"""Running heads and page numbers sit among the first or last lines of a page."""
RUNNING_SHARE = 0.5
SMALL_TYPE = 0.8
"""An edge line whose height is under this share of the body's median is a running head/foot."""
INDENT_CHARS = 1.5
INDENTED_SHARE = 0.05
"""A document indents its paragraphs when this share of its lines is indented."""


def read_pdf(data: bytes, doc: SourceDocument) -> SourceDocument:
    """Fill ``doc`` from PDF bytes; refuse PDFs that are encrypted, damaged or only scanned images."""
    pages = _page_lines(data, doc.file)
    if not any(pages):
        raise InputError("没有文字层的扫描版 PDF（需先 OCR 识别成文字）", file=doc.file)
    empty = [str(i + 1) for i, lines in enumerate(pages) if not lines]
    if empty:
        doc.warnings.append({"text": "第 " + "、".join(empty) + " 页",
                             "message": "这些页没有文字层（扫描图片），其内容未能读取"})
    pages = _drop_running_lines(pages)
    doc.text = "\n".join(body_lines(_paragraphs(pages), doc.meta))
    return doc


def _page_lines(data: bytes, name: str) -> list[list[dict]]:
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return [[ln for ln in page.extract_text_lines(return_chars=False) if ln["text"].strip()]
                    for page in pdf.pages]
    except Exception as err:  # pdfminer raises many types on encrypted or damaged files
        if "password" in repr(err).lower() or "Password" in type(err).__name__:
            raise InputError("PDF 已加密（有打开密码），请取消密码后再上传", file=name) from None
        raise InputError("PDF 文件已损坏，无法读取", file=name) from None


def _drop_running_lines(pages: list[list[dict]]) -> list[list[dict]]:
    """Remove page numbers, and lines at the top or bottom of a page that repeat on most pages
    or are set in a smaller type than the body (running heads and feet)."""
    heights = sorted(ln["bottom"] - ln["top"] for lines in pages for ln in lines)
    small = heights[len(heights) // 2] * SMALL_TYPE if heights else 0

    def key(line: dict) -> str:
        return re.sub(r"\d+", "#", line["text"].strip())

    edge_keys = Counter(k for lines in pages for k in {key(ln) for ln in lines[:EDGE_LINES] + lines[-EDGE_LINES:]})
    running = {k for k, n in edge_keys.items() if len(pages) > 1 and n >= max(2, RUNNING_SHARE * len(pages))}
    kept = []
    for lines in pages:
        edge = {id(ln) for ln in lines[:EDGE_LINES] + lines[-EDGE_LINES:]}
        kept.append([ln for ln in lines if id(ln) not in edge or not (
            PAGE_NUMBER.fullmatch(ln["text"].strip()) or key(ln) in running or ln["bottom"] - ln["top"] < small)])
    return kept


def _paragraphs(pages: list[list[dict]]) -> list[str]:
    geometry = [_geometry(lines) for lines in pages]
    indents = sum(_indented(ln, g) for lines, g in zip(pages, geometry) for ln in lines)
    uses_indent = indents >= INDENTED_SHARE * max(1, sum(map(len, pages)))
    paragraphs: list[str] = []
    prev = prev_geometry = None
    for lines, g in zip(pages, geometry):
        for line in lines:
            text = line["text"].strip()
            if prev is not None and _continues(prev, prev_geometry, line, g, uses_indent):
                paragraphs[-1] = _join(paragraphs[-1], text)
            else:
                paragraphs.append(text)
            prev, prev_geometry = line, g
    return paragraphs


def _geometry(lines: list[dict]) -> tuple[float, float, float]:
    """Left margin, right margin and a character's width on one page."""
    if not lines:
        return 0.0, 0.0, 1.0
    widths = sorted((ln["x1"] - ln["x0"]) / max(1, len(ln["text"].strip())) for ln in lines)
    return min(ln["x0"] for ln in lines), max(ln["x1"] for ln in lines), widths[len(widths) // 2]


def _indented(line: dict, g: tuple[float, float, float]) -> bool:
    return line["x0"] > g[0] + INDENT_CHARS * g[2]


def _continues(prev: dict, pg, line: dict, g, uses_indent: bool) -> bool:
    """Whether ``line`` carries on the paragraph ``prev`` ended a line of."""
    text, prev_text = line["text"].strip(), prev["text"].strip()
    if HEADING.match(text) or prev["x1"] < pg[1] - INDENT_CHARS * pg[2]:
        return False
    if uses_indent:
        return not _indented(line, g)
    return not SENTENCE_END.search(prev_text)


def _join(head: str, tail: str) -> str:
    """Lines join directly: CJK text wraps anywhere, numbers and Latin terms (PM2.5, VOCs)
    included, and a Chinese plan has no English prose whose word spaces a break would eat."""
    return head + tail
