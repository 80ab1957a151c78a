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
    deadline: str
    text: str
    start: int
    end: int
    change: str | None = None  # "decrease"/"increase" for relative targets ("较2020年减少2.0%")


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
    phrase = re.sub(r"(分别|的|为|是|等)$", "", phrase.strip(" 、，,"))
    return phrase, scope


@dataclass
class Context:
    text: str
    bounds: Boundaries
    deadlines: list[FoundDeadline]
    year: int


def deadline_for(ctx: Context, pos: int) -> str:
    c_start, c_end = ctx.bounds.span(pos, "clause")
    inside = [d for d in ctx.deadlines if c_start <= d.phrase_start < c_end]
    before = [d for d in inside if d.phrase_start <= pos]
    if before:
        return before[-1].date
    if inside:
        return inside[0].date
    return f"{ctx.year:04d}-12-31"


def is_soft(ctx: Context, pos: int) -> bool:
    c_start, _ = ctx.bounds.span(pos, "clause")
    s_start, _ = ctx.bounds.span(pos, "segment")
    if lx.SOFT_RE.search(ctx.text, s_start, pos):
        return True
    # a list of bare "名称N个" segments continues the aspiration of the segment opening it
    m = lx.SOFT_RE.search(ctx.text, c_start, s_start)
    return bool(m) and all(
        lx.QUANTITY_RE.search(ctx.text, s, e) and not lx.COMPARATOR_BEFORE_RE.search(ctx.text, s, e)
        for s, e in ctx.bounds.segments(ctx.bounds.span(m.start(), "segment")[1] + 1, s_start))
