"""Documents that arrive as one line: their structural numbering put back on lines of its own.

A page copied without its paragraph breaks holds the whole plan in one line ("一、总体要求…
二、工作目标…三、重点任务(一)…1.…2.…"). The outline is read line by line, so such a line is cut
before each heading and item number that continues its sequence: 一、 二、 三、…, (一) (二)…
(restarting under each 一、), and 1. 2. 3.… (restarting at 1); a top-level heading's title ends its
line where a space or a heading word (目标, 要求, 任务分解 …) ends it. A line is treated so only when it
holds two top-level headings in order (一、 … 二、) and most of the document's text; a list of
numerals ("一、二、三产业") is no heading.

Two damaged forms are read too. A fragment (a page starting inside a section) holds a single
top-level heading at any number followed by its (一) (二)… in order ("(五)… 四、时间安排 (一)…(二)…"),
or no top-level heading at all, its (n) headings in order from any number cutting it with the items
under each ("3.…(五)…1.…2.…(六)…").
A mirror that scrambled the punctuation writes every heading with a comma ("一,工作思路…二,工作目标…
三,主要任务,一,掌握…,1.完善…"): when no 一、 sequence is found, the comma-written numbers in order
are the top-level headings, the numbers restarting at 一 inside a section are its (一) headings, and
both are written back in their usual form (一、 / （一）) so the outline reads them.
"""

from __future__ import annotations

import re

from ecoplan.plan.numerals import parse_number

_TOP = re.compile(r"(?<![一二三四五六七八九十第])([一二三四五六七八九十]{1,3})、(?![一二三四五六七八九十\d])")
#: A top-level heading whose 、 a mirror wrote as a comma; also its (一) headings, brackets lost.
#: Only after a punctuation mark, a space or the start: "统一," "唯一," "其二," are words.
_TOP_COMMA = re.compile(r"(?:(?<=[。.，,、；;：:\s])|^)([一二三四五六七八九十]{1,3})[,，](?![一二三四五六七八九十\d])")
_SUB = re.compile(r"[（(]([一二三四五六七八九十]{1,3})[)）]")
_ITEM = re.compile(r"(?<![\d.．A-Za-z])(\d{1,2})[.．、](?![\d.．])")
#: The title of a top-level heading, where a heading word or a space ends it: "一、工作目标 2018年…",
#: "三、任务分解一打赢…": the text after it is the section's first paragraph.
_TITLE = re.compile(r"[\u4e00-\u9fff]{0,8}(?:目标|指标|要求|任务|分解|措施|保障)(?=[^\s、，,。；;：:])|[^\s，,。；;]{2,12}(?=\s)")
#: A line shorter than this is a paragraph or a heading, never a whole document.
MIN_LENGTH = 200


def _in_sequence(pattern: re.Pattern, line: str, start: int, end: int, restart: bool,
                 first: int = 1) -> list[int]:
    """Positions of the numbers of ``pattern`` in ``line[start:end]`` that continue first, first + 1…"""
    found, expected = [], first
    for m in pattern.finditer(line, start, end):
        number = _value(m.group(1))
        if number == expected or restart and number == 1 and found:
            found.append(m.start())
            expected = number + 1
    return found


def _value(written: str) -> int | None:
    try:
        return int(parse_number(written))
    except ValueError:
        return None


#: A document site's chunk marker opening a line of its preview: "1、", "2、", "3、".
_CHUNK_RE = re.compile(r"^\s*(\d{1,2})、")


def joined_chunks(lines: list[str]) -> list[str]:
    """A document site's preview cut into chunks numbered "1、… 2、… 3、" (its own numbers, not the
    plan's: the chunks cut the text anywhere, one may be empty) joined back into one line. Read so
    only when the numbered lines follow each other from 1, hold the plan's own top-level headings
    in order inside them (一、… 二、…) and most of the text."""
    chunks = [(i, m) for i, line in enumerate(lines) if (m := _CHUNK_RE.match(line))]
    numbers = [int(m.group(1)) for _, m in chunks]
    if len(chunks) < 2 or numbers != list(range(1, len(chunks) + 1)):
        return lines
    first, last = chunks[0][0], chunks[-1][0]
    if any(lines[i].strip() for i in range(first, last + 1) if not _CHUNK_RE.match(lines[i])):
        return lines  # prose between the numbered lines: a list, not a site's chunks
    joined = " ".join(lines[i][m.end():].strip() for i, m in chunks).strip()
    total = sum(len(line) for line in lines)
    if 2 * len(joined) < total or len(_in_sequence(_TOP, joined, 0, len(joined), restart=False)) < 2:
        return lines
    return [*lines[:first], joined, *lines[last + 1:]]


def unbroken_lines(lines: list[str]) -> list[str]:
    """``lines`` with a line holding most of the document's text cut at its numbering (a site's
    preview chunks joined first: :func:`joined_chunks`)."""
    lines = joined_chunks(lines)
    total = sum(len(line) for line in lines)
    return [piece for line in lines
            for piece in (split_unbroken(line) if 2 * len(line) >= total else [line])]


def split_unbroken(line: str) -> list[str]:
    """``line`` cut before each heading and item number of its sequence, if it is a whole document."""
    if len(line) < MIN_LENGTH:
        return [line]
    tops = _in_sequence(_TOP, line, 0, len(line), restart=False)
    fragment = not tops
    tops = tops or _fragment_tops(line)
    if len(tops) >= 2 or tops and len(_in_sequence(_SUB, line, tops[0], len(line), restart=False)) >= 2:
        return _cut(line, tops, _TOP, _SUB, head=fragment)
    tops = _in_sequence(_TOP_COMMA, line, 0, len(line), restart=False)
    if len(tops) >= 2:
        return _cut(line, tops, _TOP_COMMA, _TOP_COMMA, rewrite=True)
    if not _TOP.search(line) and len(_middle_tops(line)) >= 2:
        return _cut_at(line, _head_cuts(line, len(line), _SUB))
    return [line]


def _middle_tops(line: str) -> list[int]:
    """A fragment holding no top-level heading: its (n) headings from the first, in order
    ("3.…(五)…1.…2.…(六)…")."""
    first = _SUB.search(line)
    return _in_sequence(_SUB, line, first.start(), len(line), restart=False,
                        first=_value(first.group(1))) if first else []


def _cut_at(line: str, cuts: list[int]) -> list[str]:
    edges = [0, *sorted(c for c in set(cuts) if c > 0), len(line)]
    return [piece for piece in (line[a:b].strip() for a, b in zip(edges, edges[1:])) if piece]


def _fragment_tops(line: str) -> list[int]:
    """The top-level headings of a fragment: from the first 四、 (any number), in order."""
    m = _TOP.search(line)
    if not m or (first := _value(m.group(1))) is None:
        return []
    return _in_sequence(_TOP, line, m.start(), len(line), restart=False, first=first)


def _head_cuts(line: str, end: int, sub: re.Pattern) -> list[int]:
    """A fragment's text before its first top-level heading: the end of a section above the page,
    its (n) headings and items continuing from wherever the page starts ("[接上页] 6.…7.…(五)…")."""
    first_sub = sub.search(line, 0, end)
    subs = _in_sequence(sub, line, 0, end, restart=False, first=_value(first_sub.group(1))) if first_sub else []
    cuts = list(subs)
    for s_start, s_end in zip([0, *subs], [*subs, end]):
        first_item = _ITEM.search(line, s_start, s_end)
        if first_item:
            cuts += _in_sequence(_ITEM, line, s_start, s_end, restart=True, first=_value(first_item.group(1)))
    return cuts


def _cut(line: str, tops: list[int], top: re.Pattern, sub: re.Pattern, rewrite: bool = False,
         head: bool = False) -> list[str]:
    """``line`` cut at ``tops``, their titles, their ``sub`` headings and the items under them
    (and, in a fragment, before its first top-level heading: :func:`_head_cuts`)."""
    cuts, subs_at = set(tops), set()
    if head:
        cuts.update(_head_cuts(line, tops[0], sub))
    for start in tops:
        title = _TITLE.match(line, top.match(line, start).end())
        if title:
            cuts.add(title.end())
    bounds = [*tops, len(line)]
    for start, end in zip(bounds, bounds[1:]):
        subs = _in_sequence(sub, line, start + 1, end, restart=False)
        cuts.update(subs)
        subs_at.update(subs)
        for s_start, s_end in zip([start, *subs], [*subs, end]):
            cuts.update(_in_sequence(_ITEM, line, s_start, s_end, restart=True))
    edges = [0, *sorted(c for c in cuts if c > 0), len(line)]
    pieces = [(a, line[a:b]) for a, b in zip(edges, edges[1:])]
    if rewrite:
        pieces = [(a, _rewritten(text, top, a in subs_at) if a in cuts and (a in tops or a in subs_at) else text)
                  for a, text in pieces]
    return [piece for piece in (text.strip() for _, text in pieces) if piece]


def _rewritten(piece: str, pattern: re.Pattern, is_sub: bool) -> str:
    """A comma-written heading number in its usual form: 一、 (top level) or （一） (below it)."""
    m = pattern.match(piece)
    return (f"（{m.group(1)}）" if is_sub else f"{m.group(1)}、") + piece[m.end():].strip().rstrip(",，")
