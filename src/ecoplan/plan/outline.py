"""The numbering hierarchy (层次序号) of a plan: sections, tasks and sub-items.

Chinese official documents number their levels 一、 → （一） → 1. → （1） (GB/T 9704-2012
§7.3.3 lists the first four), with 1、 / 1． / (1) / ① as common variants, full- or half-width.
Plans skip levels freely, so a style's level is not fixed: it is its depth in the stack of
styles open when it appears, as in any outline. Which level holds the *tasks* is decided from
the document: the style whose items most often close with a responsibility clause.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"两": 2}
_CN = "一二三四五六七八九十"

# Each style: (name, pattern on the stripped line). Group 1 is the number as written.
_STYLES = (
    ("cn", re.compile(rf"^([{_CN}]{{1,3}})\s*[、．.]\s*")),
    ("cn_paren", re.compile(rf"^[（(]\s*([{_CN}]{{1,3}})\s*[）)]\s*")),
    # "1.5万吨" is a number, but "2.2023年6月底前，…" is item 2 opening with a year.
    ("arabic", re.compile(r"^(\d{1,4})\s*(?:[.．](?:(?![\d.])|(?=\d{4}\s*年))|、)\s*")),
    ("arabic_paren", re.compile(r"^[（(]\s*(\d{1,3})\s*[）)]\s*")),
    ("arabic_rparen", re.compile(r"^(\d{1,3})\s*[)）]\s*")),
    ("circled", re.compile(r"^([\u2460-\u2473])\s*")),
)
_LINE_RE = re.compile(r"[^\n]*")
_END_MATTER_RE = re.compile(r"^(?:附件|附表)\s*\d*\s*[:：]")
# The 落款 (GB/T 9704 §7.3.5): an authority's name over a date line ends the body.
_SIGNATURE_DATE_RE = re.compile(r"^[0-9〇○零一二三四五六七八九]{4}\s*年\s*[0-9一二三四五六七八九十]{1,3}\s*月"
                                r"\s*[0-9一二三四五六七八九十]{1,3}\s*日$")
_AUTHORITY_RE = re.compile(r"^[\u4e00-\u9fa5（）()]{3,40}(?:人民政府|政府|办公室|办公厅|委员会|管委会|领导小组|局|委)$")
_TITLE_END_RE = re.compile(r"[。；;！!？?]")


def cn_number(text: str) -> int:
    """The value of a small Chinese numeral (一 … 九十九) or of arabic digits."""
    if len(text) == 1 and "\u2460" <= text <= "\u2473":
        return ord(text) - 0x2460 + 1
    if text.isascii() and text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)
    return _CN_DIGITS.get(text, 0)


@dataclass
class Node:
    """One numbered item, with the paragraphs it owns (offsets into the document text)."""

    style: str
    label: str
    """The number as written with its punctuation: ``"（一）"``, ``"1."``."""
    number: str
    """The number without punctuation: ``"一"``, ``"1"``."""
    title: str
    start: int
    """Offset of the item's text (after its number)."""
    paragraphs: list[tuple[int, int]]
    level: int = 0
    variant: str = ""
    """Punctuation after the number (“、” or “.”): 1、 measures may nest under 1. tasks."""
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    implied: bool = False
    """An item whose number is not on the page: the rest of the item before a page's first."""
    phase: bool = False
    """A schedule's phase taken as a task (``plan/schedules.py``): it names no unit by nature."""

    @property
    def ordinal(self) -> int:
        return cn_number(self.number)

    @property
    def end(self) -> int:
        """End of the item's text, its descendants included."""
        last = self.children[-1].end if self.children else 0
        return max(self.paragraphs[-1][1], last)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


def _heading(line: str) -> tuple[str, re.Match] | None:
    for name, pattern in _STYLES:
        match = pattern.match(line)
        if match:
            return name, match
    return None


def title_of(text: str) -> str:
    """An item's title: its first sentence, without a trailing colon."""
    first = _TITLE_END_RE.split(text, maxsplit=1)[0]
    return first.strip().rstrip("：:").strip()


def parse_outline(text: str) -> list[Node]:
    """The top-level numbered items of ``text``, each with its descendants.

    Paragraphs without a number continue the deepest open item; text before the first number
    (the notice, the preamble) and from an 附件： line on belongs to no item — except on a page
    starting inside an item (:func:`_page_start_item`).
    """
    roots: list[Node] = []
    stack: list[Node] = []
    for m in _LINE_RE.finditer(text):
        raw = m.group()
        line = raw.strip()
        if not line:
            continue
        lead = len(raw) - len(raw.lstrip())
        start, end = m.start() + lead, m.start() + len(raw.rstrip())
        if _END_MATTER_RE.match(line):
            break
        if _place(text, start, end, roots, stack):
            break
    return _page_start_item(text, roots) + roots


#: A paragraph of running text (not a page header such as "P. 513" or "附  录").
_PROSE_MIN = 20


def _page_start_item(text: str, roots: list[Node]) -> list[Node]:
    """The rest of the item before a page's first one: a page of a yearbook or a fragment whose
    first item is numbered N > 1 in arabic digits ("4.生态文明建设示范创建宣传…"), with paragraphs of
    running text just above it, holds the end of item N − 1 there (its number on the page
    before). The first item may open under a heading ("(五)…" then "22.…": items numbered on
    across headings), the prose being above the heading. Returned as that item (``implied``), the
    paragraphs of at least :data:`_PROSE_MIN` characters right above the first item, and a
    shorter one above them that breaks off mid-sentence ("2020 年底前,上述", a PDF's line wrap);
    [] otherwise."""
    first = _first_numbered(roots)
    if first is None:
        return []
    lines = [m for m in _LINE_RE.finditer(text, 0, text.rfind("\n", 0, roots[0].start) + 1) if m.group().strip()]
    prose = []
    for m in reversed(lines):
        line = m.group().strip()
        if len(line) < _PROSE_MIN and not (prose and _RUNS_ON_RE.search(line)):
            break
        prose.insert(0, (m.start() + len(m.group()) - len(m.group().lstrip()), m.start() + len(m.group().rstrip())))
    if not prose:
        return []
    number = str(first.ordinal - 1)
    return [Node(style=first.style, label=number + first.label[len(first.number):], number=number,
                 title=title_of(text[prose[0][0]:prose[0][1]]), start=prose[0][0], paragraphs=prose,
                 variant=first.variant, implied=True)]


#: A line breaking off mid-sentence: a comma, then words to the line's end, no sentence's or
#: list's end (a page header "附  录" or "P. 513" has no comma).
_RUNS_ON_RE = re.compile(r"[，,][^。.;；!！?？:：]*[，,\u4e00-\u9fa5]$")


def _first_numbered(roots: list[Node]) -> Node | None:
    """A page's first item numbered N > 1 in arabic digits, as a root or as the first item under
    the first root heading ("(五)…" over "22.…")."""
    if not roots:
        return None
    first = roots[0]
    if first.style != "arabic" and first.style in ("cn", "cn_paren") and first.children:
        first = first.children[0]
    return first if first.style == "arabic" and first.ordinal >= 2 else None


def _place(text: str, start: int, end: int, roots: list[Node], stack: list[Node]) -> bool:
    """Add one non-empty line (``text[start:end]``) to the outline; an item glued to the one
    opened on this line (“…5月10日前。3、完成…”) is placed as its own line. True when the
    line is the signature's date, which ends the body."""
    while True:
        cut = _place_line(text, start, end, roots, stack)
        if cut is None or cut < 0:
            return cut is not None
        start = cut


def _place_line(text: str, start: int, end: int, roots: list[Node], stack: list[Node]) -> int | None:
    """Place ``text[start:end]``; return where a glued next item starts, if one does, or -1
    at the signature (its authority line is dropped)."""
    line = text[start:end]
    found = _heading(line)
    if found is None:
        if not stack:
            return None
        paragraphs = stack[-1].paragraphs
        if _SIGNATURE_DATE_RE.match(line) and len(paragraphs) > 1 and _AUTHORITY_RE.match(
                text[paragraphs[-1][0]:paragraphs[-1][1]]):
            paragraphs.pop()
            return -1
        paragraphs.append((start, end))
        return None
    style, match = found
    label = match.group().strip()
    variant = "、" if label.endswith("、") else ""
    if _closes_the_page_start(roots, stack, style):
        del stack[:]
    _close_to(stack, style, variant, cn_number(match.group(1)))
    body = start + match.end()
    glued = _glued_next(text, body, end, style, label, cn_number(match.group(1)))
    stop = end if glued is None else len(text[body:glued].rstrip()) + body
    node = Node(style=style, label=label, number=match.group(1), title=title_of(text[body:stop]),
                start=body, paragraphs=[(body, stop)], level=len(stack), variant=variant,
                parent=stack[-1] if stack else None)
    (stack[-1].children if stack else roots).append(node)
    stack.append(node)
    return glued


ORDER = _ORDER = [name for name, _ in _STYLES]
"""The numbering styles from the highest order (一、) down."""


def _closes_the_page_start(roots: list[Node], stack: list[Node], style: str) -> bool:
    """Whether an item of ``style`` closes the items a fragment starts with: a page beginning
    inside a section holds its first items at a number other than 1 ("(五)…", or "(二)…(五)",
    "2.…3.…", or "6.…7.…(五)…") and then a heading of a higher order than all of them ("四、时间安排
    (一)…"): the heading is a new top-level item, not the last item's sub-item."""
    return (bool(roots) and bool(stack) and stack[0] is roots[-1] and roots[0].ordinal != 1
            and all(_ORDER.index(style) < _ORDER.index(r.style) for r in roots))


# A number after a sentence's end, with the punctuation of an item: a candidate glued item.
_GLUED_RE = re.compile(r"(?<=[。；;：:])[ \t\u3000]*(\d{1,3})([、．.])(?!\d)")


def _glued_next(text: str, body: int, end: int, style: str, label: str, ordinal: int) -> int | None:
    """Where the next item of the same numbering starts inside this item's line, if it does:
    “2、…前。3、完成…” holds item 3. Only the next number (ordinal + 1), after a sentence's end,
    with the same punctuation as this item's label counts (“1、2、3号”, “2.5万吨” do not)."""
    if style != "arabic":
        return None
    for match in _GLUED_RE.finditer(text, body, end):
        if int(match.group(1)) == 1:
            return None  # the line numbers its own list ("具体包括：1、…；2、…")
        if int(match.group(1)) == ordinal + 1 and label.endswith(match.group(2)):
            heading = _heading(text[match.start(1):end])
            if heading is not None and heading[0] == style:
                return match.start(1)
    return None


def _close_to(stack: list[Node], style: str, variant: str, ordinal: int) -> None:
    """Pop the open items down to the level an item of ``style`` continues, if any.

    The same style and punctuation continues its level. “3、” after “2.” is the same level
    mistyped; “1、” under “2.” opens a new level of measures.
    """
    same = [i for i, n in enumerate(stack) if n.style == style and n.variant == variant]
    typo = [i for i, n in enumerate(stack) if n.style == style and ordinal == n.ordinal + 1]
    if same or typo:
        del stack[(same or typo)[0]:]


def nodes(roots: list[Node]):
    """Every item of the outline in document order."""
    for root in roots:
        yield from root.walk()


def task_style(roots: list[Node], has_clause) -> str | None:
    """The numbering style of tasks, decided by where responsibility clauses sit.

    ``has_clause(node)`` tells whether a node's own paragraphs hold a clause. A style qualifies
    when nearly every clause (≥ 90 %) lies in one of its items; the deepest qualifying style is
    the task level, unless its clauses only ever close the last item under each parent — then
    they are the parent's clauses written after its sub-measures, and the parent's style is
    taken. With no clause at all, the most numerous style below the top level is taken; of two as
    numerous, the deeper (（一）加强… holding 1.提升…, 2014年6月底前…: the items are the tasks);
    but a flat list whose only deeper items are one item's sub-items (1、…19、①…②…③…24、) is
    the task level itself.
    """
    owners = [n for n in nodes(roots) if has_clause(n)]
    if not owners and page_starts_inside_a_section(roots):
        return roots[0].style
    if not owners:
        counts = Counter(n.style for n in nodes(roots) if n.level > 0)
        if not counts:
            return roots[0].style if _items_with_their_text(roots) else None
        if _sub_items_of_a_list(roots):
            return roots[0].style
        return max(counts, key=lambda s: (counts[s], _depth(roots, s)))
    marked: set[int] = set()
    chains = []
    for owner in _item_owners(roots, owners):
        chain, up = set(), owner
        while up is not None:
            chain.add(up.style)
            marked.add(id(up))
            up = up.parent
        chains.append(chain)
    order = [name for name, _ in _STYLES]
    styles = sorted({style for chain in chains for style in chain}, key=order.index)
    reach = {s: sum(s in c for c in chains) / len(chains) for s in styles}
    candidates = [s for s in styles if reach[s] >= 0.9] or [max(styles, key=reach.get)]
    # Depth among the items holding clauses: 1. under 三、保障措施 sits higher than the tasks' 1.
    depth = {s: min(n.level for n in nodes(roots) if n.style == s and id(n) in marked) for s in candidates}
    candidates.sort(key=lambda s: (depth[s], order.index(s)), reverse=True)
    for style in candidates:
        if not _closes_parents(roots, style, marked):
            return style
    return candidates[-1]


#: Items of one level only are tasks from this many on, each with its text on its heading line.
_FLAT_ITEMS = 3
_ITEM_TEXT = 20
_HEADING_WORDS_RE = re.compile(r"目标|指标|要求|思想|思路|原则|背景|过程|依据|范围|内容")


def _items_with_their_text(roots: list[Node]) -> bool:
    """Whether a text numbered at one level only (一、 二、 三、, no item below) lists its work items:
    at least three, each holding its text on its heading line ("一、压实责任，全面形成大环保格局。
    完善…", or opening with its due date), none a heading of goals or principles (一、总体要求 / 二、工作目标
    on lines of their own)."""
    return (len(roots) >= _FLAT_ITEMS and len({r.style for r in roots}) == 1
            and all((r.paragraphs[0][1] - r.start >= _ITEM_TEXT + len(r.title) or _DATED_ITEM_RE.match(r.title))
                    and not _HEADING_WORDS_RE.search(r.title) for r in roots))


#: An item opening with the date it is due by ("一、2019年12月20日前完成…排查工作"): a work item,
#: though its text is one sentence.
_DATED_ITEM_RE = re.compile(r"^(?:20\d\d|19\d\d)\s*年[\d\s月日上中下旬底]{0,10}(?:前|之前)(?:完成|[，,])")


def page_starts_inside_a_section(roots: list[Node]) -> bool:
    """Whether a page starts with items of a section whose heading is on the page before (3. 4.)
    and a heading of a higher order then closes them (六、保障措施 (一)…): the page's first items
    are the task level, though they stand at the top of what the page holds."""
    return (len(roots) > 1 and roots[0].ordinal != 1
            and any(_ORDER.index(r.style) < _ORDER.index(roots[0].style) for r in roots[1:]))


def _sub_items_of_a_list(roots: list[Node]) -> bool:
    """Whether the items below the top level all sit under one top-level item of a list of one
    style, at least eight items and more than four times as long as they are (19、 holding ② ③
    among 1、…24、); a few headings with a sub-item under one of them are headings (一、…三、 (一)…)."""
    deeper = [n for n in nodes(roots) if n.level > 0]
    owners = {id(top_of(n)) for n in deeper}
    return (len({r.style for r in roots}) == 1 and len(owners) == 1
            and len(roots) >= _LONG_LIST and len(roots) > 4 * len(deeper))


#: A list of at least this many items is a list of tasks, not of section headings (一、 二、 三、).
_LONG_LIST = 8


def top_of(node: Node) -> Node:
    """The top-level item holding ``node``."""
    while node.parent is not None:
        node = node.parent
    return node


def restarts(items: list[Node]) -> bool:
    """Whether the numbering of ``items`` restarts under each parent (1、 under （八）, 1、 under
    （九）): two items of one style share a number under different parents."""
    seen = {}
    for item in items:
        key = (item.style, item.variant, item.ordinal)
        if key in seen and seen[key] is not item.parent:
            return True
        seen.setdefault(key, item.parent)
    return False


def _item_owners(roots: list[Node], owners: list[Node]) -> list[Node]:
    """The owners that tell the task level: a heading without items holding its own clause,
    beside headings whose items hold theirs (（七）…责任单位… next to （八）1、…), is a task of
    another level and does not vote (the items' style must not lose by it). Only where the
    items' numbering restarts under each heading."""
    if not restarts(owners):
        return owners
    parents = {id(o.parent) for o in owners if o.parent is not None}

    def heading_task(owner: Node) -> bool:
        siblings = owner.parent.children if owner.parent is not None else roots
        return not owner.children and any(id(s) in parents and s.style == owner.style for s in siblings)
    kept = [o for o in owners if not heading_task(o)]
    return kept or owners


def _closes_parents(roots: list[Node], style: str, marked: set[int]) -> bool:
    """Whether, under most parents, only the last item of ``style`` holds a clause."""
    groups = {}
    for node in nodes(roots):
        if node.style == style and node.parent is not None:
            groups.setdefault(id(node.parent), []).append(node)
    groups = [g for g in groups.values() if len(g) > 1 and any(id(n) in marked for n in g)]
    closing = [g for g in groups if [id(n) in marked for n in g] == [False] * (len(g) - 1) + [True]]
    return bool(groups) and len(closing) >= 0.75 * len(groups)


def _depth(roots: list[Node], style: str) -> int:
    return min((n.level for n in nodes(roots) if n.style == style), default=99)
