"""Quantitative targets (量化指标) in plan text: metric, comparator, value, unit, deadline.

Conventions (the annotation of the seed follows them; see ``docs/plan-targets.md``):

* every number with a unit that states what the plan year must achieve or act upon is a
  target: a rate or concentration ("PM2.5浓度不超过31微克/立方米"), an amount ("新增…5.6万千瓦"),
  a count of things to build, fix or check ("完成1545家涉磷企业规范化整治", "对133家企业实施
  分类整治"), including counts of named items ("国能发电、…4家电力企业");
* no comparator written means "at least" (完成, 新增, bare numbers); a range ("1-2个") keeps
  its lower bound;
* a measure followed by 以上/以下 and a noun only qualifies that noun ("100平方米以上餐饮店"),
  as does a distance around a place ("沿岸三公里"); numbers inside 《》/〔〕, after Latin letters
  ("PM2.5", "DB32") or after 第/每 are not targets;
* a frequency is a target only when bound by a comparator or written as a rate ("不低于1次/年",
  "至少开展一次"); "每半年组织开展一次" and "一季度一次" describe how, not how much; likewise a
  bare Chinese 一 ("一批", "一次") is an article unless a comparator binds it;
* targets without a number are in :mod:`ecoplan.plan.target_special`.
"""

from __future__ import annotations

import re

from ecoplan.plan import target_lexicon as lx
from ecoplan.plan.clauses import Boundaries
from ecoplan.plan.deadlines import deadlines_in
from ecoplan.plan.numerals import to_halfwidth_digits
from ecoplan.plan.roman import roman_classes
from ecoplan.plan.target_context import Context, FoundTarget
from ecoplan.plan.target_numeric import numeric_targets
from ecoplan.plan.target_special import find_special_targets

__all__ = ["FoundTarget", "find_targets"]


def _in_responsibility(text: str, pos: int) -> bool:
    """Inside a responsibility clause ("（市生态环境局牵头，13个部门配合）"): units, not targets."""
    opening = max(text.rfind("(", 0, pos), text.rfind("（", 0, pos))
    if opening < 0 or max(text.rfind(")", opening, pos), text.rfind("）", opening, pos)) >= 0:
        return False
    closing = min((i for i in (text.find(")", pos), text.find("）", pos)) if i >= 0), default=-1)
    return closing >= 0 and bool(lx.ROLE_RE.search(text, opening, closing))


def _past(ctx: Context, target: FoundTarget) -> bool:
    """True in a sentence or segment that opens with a year before the plan's ("2022年，全市
    PM2.5浓度为…", "其中2022年优Ⅲ比例为…"): a fact, not a target."""
    if ctx.year is None:
        return False
    for level in ("sentence", "segment"):
        m = lx.PAST_YEAR_RE.match(ctx.text, ctx.bounds.span(target.start, level)[0])
        if m and (m["last"] or int(m.group(1) or m.group(2)) < ctx.year):
            return True
    return False


def find_targets(text: str, *, year: int | None) -> list[FoundTarget]:
    """Find the quantitative targets in a task's text, a sub-item or a goals paragraph.

    Parameters
    ----------
    text : str
        The text as in the document (offsets refer to it).
    year : int or None
        The plan's year: deadlines resolve in it; a target without one is due on its last day
        (None when the year is unknown).

    Returns
    -------
    list of FoundTarget
        In text order; ``text[t.start:t.end] == t.text``.
    """
    norm = lx.WORD_UNIT_RE.sub("/", to_halfwidth_digits(text))
    bounds = Boundaries(norm)
    ctx = Context(norm, bounds, deadlines_in(norm, norm, bounds, year), year)
    found = [t for t in numeric_targets(ctx) + find_special_targets(ctx)
             if not _past(ctx, t) and not _in_responsibility(norm, t.start)]
    found.sort(key=lambda t: t.start)
    found = _restated_counts(norm, found)
    for t in found:
        t.text = text[t.start:t.end]
        t.metric = roman_classes(t.metric)  # the name in the standard's spelling; text as written
        t.scope = roman_classes(t.scope) if t.scope else t.scope
    return found


_COUNTED_RE = re.compile(r"[^\s，,。；;、:：()（）]{3,}")


def _restated_counts(norm: str, found: list[FoundTarget]) -> list[FoundTarget]:
    """A count restated with the same words after it is one target: a news headline and its lead
    ("关停镇海电厂4台共86万千瓦燃煤机组" … "完成镇海电厂4台共86万千瓦燃煤机组关停工作"), a lead printed
    twice ("共280个建制镇纳入…")."""
    seen, kept = set(), []
    for t in found:
        counted = _COUNTED_RE.match(norm, t.end)
        key = (t.value, t.unit, t.comparator, counted.group()[:4]) if counted else None
        if key is not None and key in seen:
            continue
        seen.add(key)
        kept.append(t)
    return kept

