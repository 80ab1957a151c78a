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
from ecoplan.plan.readers.pdf_tables import as_grid, outside, page_tables
from ecoplan.plan.readers.tables import grid_lines, task_table
from ecoplan.plan.source import SourceDocument

# GB/T 9704-2012 7.5 prints page numbers as "— 3 —"; other layouts: "-3-", "第3页 共10页", "3/10".
PAGE_NUMBER = re.compile(r"[-—–－−_\s]*\d{1,4}[-—–－−_\s]*|第\s*\d+\s*页(\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+")
HEADING = re.compile(
    r"([一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十]+[)）]|\d{1,3}[.．、](?!\d)"
    r"|[（(]\d{1,3}[)）]|[①-⑳]|第[一二三四五六七八九十百]+[条章节部分]|附件)"
)
SENTENCE_END = re.compile(r"[。！？；：!?;:][”’」』]*$")
INFO_DECORATION = re.compile(r"^(Microsoft Word|WPS Office|Microsoft PowerPoint)\s*-\s*|\.(docx?|wps|pdf)$", re.I)
UNMAPPED = re.compile(r"\(cid:\d+\)|[\ue000-\uf8ff]")
"""A glyph pdfminer could not map to a character, or one mapped into the private-use area."""
MAX_UNMAPPED_SHARE = 0.2
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
    pages, tables, info_title = _read_pages(data, doc.file)
    if not any(pages) and not any(tables):
        raise InputError("没有文字层的扫描版 PDF（需先 OCR 识别成文字）", file=doc.file)
    empty = [str(i + 1) for i, (lines, found) in enumerate(zip(pages, tables)) if not lines and not found]
    if empty:
        doc.warnings.append({"text": "第 " + "、".join(empty) + " 页",
                             "message": "这些页没有文字层（扫描图片），其内容未能读取"})
    _check_glyphs(pages, doc)
    grids: list[list[list[str]]] = []
    items = _paragraphs(_drop_running_lines(pages), tables, grids)
    lines = [line for item in items for line in (grid_lines(as_grid(grids[item])) if isinstance(item, int) else [item])]
    doc.text = "\n".join(body_lines(lines, doc.meta))
    for rows in grids:
        found = task_table(as_grid(rows), f"table {len(doc.tables) + 1}")
        if found is not None:
            doc.tables.append(found)
    if doc.meta.get("title") is None and info_title:
        doc.meta["title"] = info_title
    return doc


def _check_glyphs(pages: list[list[dict]], doc: SourceDocument) -> None:
    """Refuse text whose font has no character map (pdfminer writes ``(cid:123)``, or private-use
    characters come out); mark the unreadable glyphs U+FFFD when they are only a few."""
    text = "".join(ln["text"] for lines in pages for ln in lines)
    unreadable = len(UNMAPPED.findall(text))
    if not unreadable:
        return
    if unreadable > MAX_UNMAPPED_SHARE * len(UNMAPPED.sub("?", text)):
        raise InputError("PDF 的字体没有文字编码，提取出的是乱码（需先 OCR，或提供 Word 版）", file=doc.file)
    for lines in pages:
        for line in lines:
            line["text"] = UNMAPPED.sub("\ufffd", line["text"])
    doc.warnings.append({"text": f"{unreadable} 个字形", "message": "PDF 中这些字形没有文字编码，显示为 �"})


def _read_pages(data: bytes, name: str) -> tuple[list[list[dict]], list[list[tuple[float, list[list[str]]]]], str | None]:
    """Each page's text lines outside tables, its tables as ``(top, rows)``, and the title the
    PDF's document information gives (ISO 32000-1 14.3.3)."""
    pages, tables = [], []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            title = _info_title(pdf.metadata.get("Title"))
            for page in pdf.pages:
                found = page_tables(page)
                view = page.filter(outside([box for box, _ in found])) if found else page
                pages.append([ln for ln in view.extract_text_lines(return_chars=False) if ln["text"].strip()])
                tables.append([(box[1], rows) for box, rows in found])
    except Exception as err:  # pdfminer raises many types on encrypted or damaged files
        if "password" in repr(err).lower() or "Password" in type(err).__name__:
            raise InputError("PDF 已加密（有打开密码），请取消密码后再上传", file=name) from None
        raise InputError("PDF 文件已损坏，无法读取", file=name) from None
    return pages, tables, title


def _info_title(title) -> str | None:
    """A Chinese title from the PDF information, without the exporting tool's decoration
    (``Microsoft Word - 方案.docx``); None when it is empty, binary or has no Chinese."""
    if not isinstance(title, str):
        return None
    title = INFO_DECORATION.sub("", title).strip()
    return title if re.search(r"[\u4e00-\u9fff]", title) else None


def _drop_running_lines(pages: list[list[dict]]) -> list[list[dict]]:
    """Remove page numbers, and lines at the top or bottom of a page that repeat on most pages
    or are set in a smaller type than the body (running heads and feet)."""
    heights = sorted(ln["bottom"] - ln["top"] for lines in pages for ln in lines)
    small = heights[len(heights) // 2] * SMALL_TYPE if heights else 0

    def key(line: dict) -> str:
        return re.sub(r"\d+", "#", line["text"].strip())

    edge_keys = Counter(k for lines in pages for k in {key(ln) for ln in lines[:EDGE_LINES] + lines[-EDGE_LINES:]})
    running = {k for k, n in edge_keys.items()
               if len(pages) > 1 and n >= max(2, RUNNING_SHARE * len(pages)) and not HEADING.match(k)}
    kept = []
    for lines in pages:
        edge = {id(ln) for ln in lines[:EDGE_LINES] + lines[-EDGE_LINES:]}
        kept.append([ln for ln in lines if id(ln) not in edge or not (
            PAGE_NUMBER.fullmatch(ln["text"].strip()) or key(ln) in running or ln["bottom"] - ln["top"] < small)])
    return kept


def _paragraphs(pages: list[list[dict]], tables: list, grids: list[list[list[str]]]) -> list[str | int]:
    """Paragraph texts in reading order, with the index into ``grids`` where a table stands; a
    table continued at the top of the next page (same columns) is one table."""
    geometry = [_geometry(lines) for lines in pages]
    indents = sum(_indented(ln, g) for lines, g in zip(pages, geometry) for ln in lines)
    uses_indent = indents >= INDENTED_SHARE * max(1, sum(map(len, pages)))
    items: list[str | int] = []
    prev = prev_geometry = None
    for lines, found, g in zip(pages, tables, geometry):
        events = sorted([(ln["top"], 0, ln) for ln in lines] + [(top, 1, rows) for top, rows in found],
                        key=lambda e: (e[0], e[1]))
        for position, (_, is_table, item) in enumerate(events):
            if is_table:
                if position == 0 and items and isinstance(items[-1], int) and len(item[0]) == len(grids[-1][0]):
                    grids[-1].extend(item[1:] if item[0] == grids[-1][0] else item)
                else:
                    grids.append(item)
                    items.append(len(grids) - 1)
                prev = None
                continue
            text = item["text"].strip()
            if prev is not None and _continues(prev, prev_geometry, item, g, uses_indent):
                items[-1] = _join(items[-1], text)
            else:
                items.append(text)
            prev, prev_geometry = item, g
    return items


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
    if HEADING.match(text):
        return False
    if _centred(prev, pg) and _centred(line, g):
        return not SENTENCE_END.search(prev_text) and abs(_height(prev) - _height(line)) < 0.1 * _height(prev)
    if prev["x1"] < pg[1] - INDENT_CHARS * pg[2]:
        return False
    if uses_indent:
        return not _indented(line, g)
    return not SENTENCE_END.search(prev_text)


def _centred(line: dict, g: tuple[float, float, float]) -> bool:
    """A line set centred (a title over two lines), not flush with either margin."""
    left, right, char = g
    inside = line["x0"] > left + 2 * char and line["x1"] < right - 2 * char
    return inside and abs((line["x0"] + line["x1"]) - (left + right)) / 2 < char


def _height(line: dict) -> float:
    return line["bottom"] - line["top"]


def _join(head: str, tail: str) -> str:
    """Lines join directly: CJK text wraps anywhere, numbers and Latin terms (PM2.5, VOCs)
    included, and a Chinese plan has no English prose whose word spaces a break would eat."""
    return head + tail
