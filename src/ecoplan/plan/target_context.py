"""What target readers share: the found target, the text being read, metric clean-up,
the governing deadline and the soft (aspiration) test."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ecoplan.plan import target_lexicon as lx
from ecoplan.plan.clauses import Boundaries
from ecoplan.plan.deadlines import FoundDeadline


@dataclass
class FoundTarget:
    """One quantitative target located in the given text (``text[start:end]``)."""

    metric: str
    scope: str | None
    comparator: str
    value: float | int
    unit: str
    baseline: str | None
    soft: bool
    deadline: str | None
    text: str
    start: int
    end: int
    change: str | None = None  # "decrease"/"increase" for relative targets ("较2020年减少2.0%")
    approximate: bool = False  # "10个左右": == with a tolerance
    words: str | None = None  # a relative target as written ("不低于2022年", "逐年下降")


def clean(phrase: str) -> tuple[str, str | None]:
    """Strip lead words, quotes and a scope prefix; return ``(metric, scope)``."""
    phrase = re.sub(r"[“”\"‘’「」]", "", phrase)
    scope = None
    for _ in range(3):
        phrase = lx.LEAD_RE.sub("", phrase)
        m = lx.SCOPE_RE.match(phrase)
        if m:
            scope = scope or m.group(0)
            phrase = phrase[m.end():]
    phrase = lx.BOUNDED_QUANTITY_RE.sub("", lx.SOFT_RE.sub("", phrase))
    previous = None
    while previous != phrase:
        previous, phrase = phrase, lx.TRAIL_RE.sub("", phrase.strip(" 、，,"))
    return phrase, scope


@dataclass
class Context:
    text: str
    bounds: Boundaries
    deadlines: list[FoundDeadline]
    year: int | None


def deadline_for(ctx: Context, pos: int) -> str | None:
    """The deadline governing a target at ``pos``: a phrase in its own segment ("完成10家（6月
    底前）"), else the nearest before it in its clause, else the first after it in the clause,
    else the year's last day."""
    s_start, s_end = ctx.bounds.span(pos, "segment")
    c_start, c_end = ctx.bounds.span(pos, "clause")
    due = [d for d in ctx.deadlines if d.kind == "due"]  # "6月1日起" starts, it is due by no date
    own = [d for d in due if s_start <= d.phrase_start < s_end]
    inside = [d for d in due if c_start <= d.phrase_start < c_end]
    before = [d for d in inside if d.phrase_start <= pos]
    if own or before or inside:
        return (own or before[-1:] or inside)[0].date
    return f"{ctx.year:04d}-12-31" if ctx.year is not None else None


def is_soft(ctx: Context, pos: int) -> bool:
    """An aspiration (力争, 争创, 鼓励 …) governs its own segment, the clause it opens with
    only a time ("力争到年底，…"), and a list of bare "名称N个" segments that follows a segment
    holding both the word and a quantity ("争创A1-2个，B1个")."""
    c_start, _ = ctx.bounds.span(pos, "clause")
    s_start, _ = ctx.bounds.span(pos, "segment")
    if lx.SOFT_RE.search(ctx.text, s_start, pos):
        return True
    m = lx.SOFT_RE.search(ctx.text, c_start, s_start)
    if m is None:
        return False
    opening = ctx.bounds.span(m.start(), "segment")
    if not lx.TIME_ONLY_RE.sub("", lx.SOFT_RE.sub("", ctx.text[opening[0]:opening[1]])).strip():
        return True  # "力争到2023年底，…": the aspiration opens the whole clause
    later = ctx.bounds.segments(opening[1] + 1, s_start)
    return all(_bare_count(ctx.text, s, e) for s, e in [opening, *later][1:]) and bool(
        lx.QUANTITY_RE.search(ctx.text, *opening))


def _bare_count(text: str, start: int, end: int) -> bool:
    return bool(lx.QUANTITY_RE.search(text, start, end)) and not lx.COMPARATOR_BEFORE_RE.search(
        text, start, end)
