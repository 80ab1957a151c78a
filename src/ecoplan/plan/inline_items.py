"""Items numbered inside a paragraph: "一是…二是…", "①…；②…；③…".

Inside a task they are its inline sub-items (:func:`inline_items`); a text with no numbered task
nor task table whose paragraph lists circled items has them as its tasks (:func:`inline_list`).
"""

from __future__ import annotations

import re

from ecoplan.plan.outline import Node, cn_number, title_of

_CN = "一二三四五六七八九十"
INLINE_ITEM_RE = re.compile(rf"(?:^|(?<=[。；;：:，,]))\s*([{_CN}]{{1,3}}是|[\u2460-\u2473])")
_LINE_RE = re.compile(r"[^\n]*")


#: A circled number opening an item inside a paragraph: after a colon, a clause's end or a comma.
_INLINE_CIRCLED_RE = re.compile(r"(?:^|(?<=[。；;：:，,]))[ \t\u3000]*([\u2460-\u2473])", re.M)
#: A list of circled items in one paragraph is a document's item list from this many items on.
_INLINE_LIST = 3


def inline_list(text: str) -> list[Node]:
    """A document's items written as circled numbers inside one paragraph ("今年…推动完成：①6月底前，
    …；②年底前…；③…"), each a top-level item: from its number to the next one's (its closing
    ；/。 left out), the last one to the end of its paragraph; an item running over a line break
    has a paragraph per line. The first ① followed by ② ③… in order, at least three; [] if none."""
    found: list[re.Match] = []
    for m in _INLINE_CIRCLED_RE.finditer(text):
        number = cn_number(m.group(1))
        if number == len(found) + 1:
            found.append(m)
        elif number == 1 and len(found) < _INLINE_LIST:
            found = [m]
    if len(found) < _INLINE_LIST:
        return []
    bounds = [m.start(1) for m in found[1:]] + [_line_end(text, found[-1].end())]
    items = []
    for m, stop in zip(found, bounds):
        start = m.end()
        stop = start + len(text[start:stop].rstrip("。；;，, \t\u3000\n"))
        paragraphs = [(a.start(), a.end()) for a in _LINE_RE.finditer(text, start, stop) if a.group().strip()]
        items.append(Node(style="circled", label=m.group(1), number=m.group(1),
                          title=title_of(text[start:stop]), start=start, paragraphs=paragraphs or [(start, stop)]))
    return items


def _line_end(text: str, at: int) -> int:
    end = text.find("\n", at)
    return len(text) if end < 0 else end


def inline_items(text: str) -> list[tuple[int, str]]:
    """Items numbered inside a paragraph (一是… 二是…, ①…②…): offsets and numbers."""
    found = [(m.start(1), m.group(1)) for m in INLINE_ITEM_RE.finditer(text)]
    if len(found) < 2 or cn_number(found[0][1].rstrip("是")) != 1:
        return []
    return found
