"""The one metadata scanner every reader uses.

Government sites publish a plan under a metadata table (政府信息公开目录: 索引号 / 文件编号 /
发布机构 / 生成日期 / 公开日期 / 信息名称 …); a scraped .txt keeps the same lines as plain text
(``文件编号:常政发〔2023〕23号 发布机构:常州市人民政府``). Both feed ``SourceDocument.meta``.
"""

from __future__ import annotations

import re
from datetime import date

# Label words of each document field; labels of other catalogue fields are recognised only so
# that their lines count as metadata (and their values do not leak into the previous field).
FIELD_LABELS = {
    "title": ("信息名称", "文件名称", "标题"),
    "doc_number": ("文件编号", "发文字号", "发文编号", "文号"),
    "issuer": ("发布机构", "发文机关", "发文单位", "发布单位", "成文机关"),
    "signed": ("生成日期", "成文日期", "发文日期", "印发日期"),
    "published": ("公开日期", "发布日期", "发布时间"),
}
OTHER_LABELS = (
    "索引号", "法定主动公开分类", "主动公开分类", "主题分类", "组配分类", "体裁分类", "公开方式",
    "公开范围", "公开时限", "废止日期", "有效性", "时效性", "内容概述", "主题词", "所属主题",
    "来源", "信息来源", "文章来源", "作者", "责任编辑",
)
LABEL_FIELD = {label: f for f, labels in FIELD_LABELS.items() for label in labels}
LABEL_FIELD.update({label: None for label in OTHER_LABELS})

# Catalogue labels are often spaced out to align a column: "索 引 号", "索\u2002引\u2002号".
_GAP = r"[ \t\u00a0\u2000-\u200b\u3000]*"
_LABELS = sorted(LABEL_FIELD, key=len, reverse=True)
LABEL = re.compile(
    "(?P<label>" + "|".join(_GAP.join(map(re.escape, w)) for w in _LABELS) + ")" + _GAP + "[:：]"
)
SPACES = re.compile(r"[\s\u00a0\u2000-\u200b\u3000]+")

DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
# GB/T 9704-2012 7.2.4: the year of a 发文字号 goes in hexagonal brackets 〔〕; sites write [] 【】 ().
DOC_NUMBER_YEAR = re.compile(r"[\[［【(（〔](\d{4})[\]］】)）〕]")
DOC_NUMBER_LINE = re.compile(r"[\u4e00-\u9fff]{1,12}[\[［【(（〔]\d{4}[\]］】)）〕]\s*\d{1,4}\s*号")
HEADER_LINES = 40
"""How far from the top a metadata line may sit in a text document."""


def label_field(text: str) -> tuple[bool, str | None]:
    """``(is_label, field)`` for a table cell such as ``"发布机构"`` or ``"索 引 号："``."""
    key = SPACES.sub("", text).rstrip(":：")
    if key in LABEL_FIELD:
        return True, LABEL_FIELD[key]
    return False, None


def catalogue_cells(cells: list[str]) -> dict[str, str] | None:
    """Fields of a catalogue table from its cells in reading order (label cell, value cell …),
    or None when fewer than two cells are catalogue labels (not a catalogue table)."""
    labels = [label_field(c) for c in cells]
    if sum(is_label for is_label, _ in labels) < 2:
        return None
    found: dict[str, str] = {}
    for (is_label, field), value, (value_is_label, _) in zip(labels, cells[1:] + [""], labels[1:] + [(False, None)]):
        if is_label and field and value and not value_is_label:
            found.setdefault(field, value)
    return found


def scan_line(line: str) -> dict[str, str] | None:
    """Fields stated in one catalogue line, or None when the line is not a catalogue line.

    A catalogue line starts with a label and holds only ``label: value`` pairs, so that a body
    sentence mentioning 发布日期 is never taken for metadata.
    """
    stripped = line.strip(" \t\u00a0\u3000")
    matches = list(LABEL.finditer(stripped))
    if not matches or matches[0].start() != 0:
        return None
    found: dict[str, str] = {}
    for m, nxt in zip(matches, matches[1:] + [None]):
        value = stripped[m.end(): nxt.start() if nxt else len(stripped)].strip(" \t\u00a0\u3000")
        field = LABEL_FIELD[SPACES.sub("", m.group("label"))]
        if field and value and field not in found:
            found[field] = value
    return found


def clean_value(field: str, value: str) -> str | None:
    """A field's value in its canonical form: ISO dates, 〔〕 in document numbers."""
    value = value.strip(" \t\u00a0\u3000")
    if field in ("signed", "published"):
        return iso_date(value)
    if field == "doc_number":
        value = DOC_NUMBER_YEAR.sub(r"〔\1〕", SPACES.sub("", value))
    return value or None


def iso_date(text: str) -> str | None:
    """``2023-04-17``, ``2023年4月17日``, ``2023/4/17`` → ``"2023-04-17"``; None if not a date."""
    m = DATE.search(text)
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError:
        return None


def merge_meta(meta: dict[str, str | None], found: dict[str, str]) -> None:
    """Add cleaned ``found`` fields to ``meta``; a field already known keeps its first value."""
    for field, value in found.items():
        if meta.get(field) is None:
            cleaned = clean_value(field, value)
            if cleaned is not None:
                meta[field] = cleaned


def scan_header(lines: list[str], meta: dict[str, str | None], limit: int = HEADER_LINES) -> list[str]:
    """Fill ``meta`` from catalogue lines among the first ``limit`` of ``lines``; return the lines
    without them.

    A label alone on its line (a page laying label and value out in separate boxes) takes the
    next line as its value. A bare document number line (``常政发〔2023〕23号``, as GB/T 9704
    prints it under the masthead) fills ``doc_number`` but stays in the text: it is the document's.
    """
    kept, value_of = [], None
    for i, line in enumerate(lines):
        found = scan_line(line) if i < limit else None
        if value_of is not None and found is None:
            merge_meta(meta, {value_of: line})
            value_of = None
            continue
        value_of = _bare_label(line) if found == {} else None
        if found is not None:
            merge_meta(meta, found)
            continue
        if i < limit and meta.get("doc_number") is None and DOC_NUMBER_LINE.fullmatch(line.strip()):
            merge_meta(meta, {"doc_number": line})
        kept.append(line)
    return kept


def _bare_label(line: str) -> str | None:
    """The field of a line that is one label and its colon, nothing else (``"发布机构："``)."""
    m = LABEL.fullmatch(line.strip(" \t\u00a0\u3000"))
    return LABEL_FIELD[SPACES.sub("", m.group("label"))] if m else None
