"""A page printed in two columns whose text arrives interleaved line by line (a yearbook or a
gazette copied from its PDF): each line holds a line of the left column, a wide run of spaces,
then a line of the right column ("…研究降低GDP能耗的措施并组织实施,十二五          将创建申报材料逐级上报…").
Read so, every paragraph would be cut into alternating halves of two texts.

A block of such lines is put back as the left column's lines, then the right column's. It is a
block only when it is beyond doubt: at least :data:`MIN_SPLIT` lines (most of the block) split at
one wide run (:data:`GAP` spaces or more) into two halves that each hold Chinese text; a text
table of short cells (several runs, or short halves) is not one. The lines of each column are
then joined into paragraphs as the page printed them: a line continues the one above unless
that one ended a sentence or was short (not a full line of its column), or the line itself is
indented deeper than its column's lines (a paragraph's first line).
"""

from __future__ import annotations

import re
import unicodedata

#: Spaces between the two columns' texts (ASCII or full-width).
GAP = 6
#: Split lines a block needs.
MIN_SPLIT = 4
#: Chinese characters each half of a split line holds at least (a cell of a table holds fewer).
MIN_HALF = 4
#: A line at least this share of its column's widest line is a full line (its text wraps on).
FULL = 0.85
_GAP_RE = re.compile(rf"(?<=\S)[ \u3000]{{{GAP},}}(?=\S)")
_HAN_RE = re.compile(r"[\u4e00-\u9fff]")
_SENTENCE_END = "。！？!?；;：:"
_HEADING_RE = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,3}[.．、])")


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _split(line: str, strict: bool = True) -> tuple[str, str] | None:
    """The two halves of a line split at one wide run; ``strict``: both are Chinese text (inside
    a block, a column's short last line "命名。" splits too)."""
    body = line.strip()
    runs = list(_GAP_RE.finditer(body))
    if len(runs) != 1:
        return None
    left, right = body[:runs[0].start()], body[runs[0].end():]
    if strict and (len(_HAN_RE.findall(left)) < MIN_HALF or len(_HAN_RE.findall(right)) < MIN_HALF):
        return None
    return line[:len(line) - len(line.lstrip())] + left, right


def two_columns(lines: list[str]) -> list[str]:
    """``lines`` with each block of interleaved two-column lines read column by column."""
    split = [_split(line) for line in lines]
    marked = [i for i, s in enumerate(split) if s is not None]
    if len(marked) < MIN_SPLIT:
        return lines
    first, last = marked[0], marked[-1]
    while last + 1 < len(lines) and lines[last + 1].strip() and lines[last + 1][:1].isspace():
        last += 1  # a last line of one column only, indented as the block's
    block = range(first, last + 1)
    if len(marked) < 0.6 * len(block):
        return lines
    left, right = [], []
    for i in block:
        if (halves := _split(lines[i], strict=False)) is not None:
            left.append(halves[0])
            right.append(halves[1])
        elif lines[i].strip():
            if _width(lines[i]) - _width(lines[i].lstrip()) > 30:
                right.append(lines[i].strip())  # the right column's line beside an empty left
            else:
                left.append(lines[i])
    return lines[:first] + _paragraphs(left) + _paragraphs(right) + lines[last + 1:]


def _paragraphs(lines: list[str]) -> list[str]:
    """A column's lines joined into its paragraphs (see the module's docstring)."""
    if not lines:
        return []
    indent = min(len(line) - len(line.lstrip()) for line in lines)
    full = FULL * max(_width(line) for line in lines)
    out: list[str] = []
    previous = None
    for line in lines:
        deeper = len(line) - len(line.lstrip()) > indent + 1
        text = line.strip()
        if (previous is not None and not deeper and _width(previous) >= full
                and not previous.rstrip().endswith(tuple(_SENTENCE_END)) and not _HEADING_RE.match(text)):
            out[-1] += text
        else:
            out.append(text)
        previous = line
    return out
