"""Lines of a PDF's text whose structure runs on: role brackets broken over lines, items numbered
in mid-line.

A page's text taken from a PDF may break a task's role bracket after its first half and a blank
line ("…完工. (牵头单位:区环保水务局;" / "" / "协办单位:区土地整备局、石岩街道办)"): the halves are
joined into one line, so the bracket is read whole (and a line opening with "协办单位:" is not taken
for a site's footer). The same text may run items on after a closing bracket ("…各街道办) 23.编制…")
or after a (n) heading's title ("(五)加快推进…行动 22.出台…"): when three or more such numbers follow
each other (22, 23, 24 …), each is cut onto a line of its own. A page number between dashes left inside a sentence where the
page broke ("每―10 ― 年3月底前" is 每年3月底前) is removed.
"""

from __future__ import annotations

import re

#: An opening bracket left open at a line's end whose text starts with a role label.
_OPEN_ROLE_RE = re.compile(r"[（(]\s*(?:牵头|责任|主责|协办|配合|参与|协助)(?:单位|部门)\s*[:：][^（）()]*$")
#: A line continuing such a bracket: a role label, then the bracket's close.
_CLOSE_ROLE_RE = re.compile(r"^(?:协办|配合|参与|协助|责任|牵头)(?:单位|部门)\s*[:：][^（）()]*[)）]")
#: An item number after a closing bracket in mid-line: "…各街道办) 23.编制…".
_AFTER_BRACKET_RE = re.compile(r"(?<=[)）])\s*(\d{1,2})[.．、](?![\d.．])")
#: An item number after a (n) heading's title: "(五)加快推进海绵城市建设行动 22.出台…".
_AFTER_HEADING_RE = re.compile(r"^[（(][一二三四五六七八九十]{1,3}[)）][^\s，,。；;：:]{2,30}\s+(\d{1,2})[.．、](?![\d.．])")
#: A page's number between dashes inside a sentence ("每―10 ― 年"), characters on both sides.
_PAGE_NUMBER_RE = re.compile(r"(?<=[\u4e00-\u9fa5])\s*[―—]\s*\d{1,3}\s*[―—]\s*(?=[\u4e00-\u9fa5])")
#: Consecutive numbers needed to cut: fewer may be a reference inside a sentence.
_RUN = 3


def runon_lines(lines: list[str]) -> list[str]:
    """``lines`` (stripped) with role brackets joined across blank lines and run-on items cut."""
    return _cut_items(_join_brackets([_PAGE_NUMBER_RE.sub("", line) for line in lines]))


def _join_brackets(lines: list[str]) -> list[str]:
    out: list[str] = []
    pending: int | None = None  # index in ``out`` of a line whose role bracket is open
    for line in lines:
        if pending is not None and not line:
            continue
        if pending is not None and _CLOSE_ROLE_RE.match(line):
            out[pending] += line
            pending = pending if _OPEN_ROLE_RE.search(out[pending]) else None
            continue
        pending = None
        out.append(line)
        if _OPEN_ROLE_RE.search(line):
            pending = len(out) - 1
    return out


def _cut_items(lines: list[str]) -> list[str]:
    found = [(i, m.start(1), int(m.group(1)))
             for i, line in enumerate(lines)
             for m in [*_AFTER_HEADING_RE.finditer(line), *_AFTER_BRACKET_RE.finditer(line)]]
    found.sort()
    cuts: dict[int, set[int]] = {}
    run: list[tuple[int, int, int]] = []
    for hit in [*found, None]:
        if hit is not None and run and hit[2] == run[-1][2] + 1:
            run.append(hit)
            continue
        if len(run) >= _RUN:
            for i, at, _ in run:
                cuts.setdefault(i, set()).add(at)
        run = [hit] if hit is not None else []
    out: list[str] = []
    for i, line in enumerate(lines):
        edges = [0, *sorted(cuts.get(i, ())), len(line)]
        out += [piece for piece in (line[a:b].strip() for a, b in zip(edges, edges[1:])) if piece] or [line]
    return out
