"""Targets written with a number and a unit (see :mod:`ecoplan.plan.targets` for the rules)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ecoplan.plan import target_lexicon as lx
from ecoplan.plan.numerals import parse_number
from ecoplan.plan.target_context import Context, FoundTarget, clean, deadline_for, is_soft


@dataclass
class _Quantity:
    start: int
    end: int
    value: float | int
    unit: str
    written: str


def _quantities(text: str) -> list[_Quantity]:
    out = []
    for m in lx.QUANTITY_RE.finditer(text):
        out.append(_Quantity(m.start(), m.end(), parse_number(m["num"]), m["unit"],
                             m["num"]))
    return out


def _inside_brackets(text: str, pos: int) -> bool:
    for open_, close in (("《", "》"), ("〔", "〕"), ("[", "]")):
        i = text.rfind(open_, 0, pos)
        if i >= 0 and text.find(close, i, pos) < 0:
            return True
    return False


def _is_qualifier(text: str, q: _Quantity, before: str) -> bool:
    """True when the quantity only qualifies a noun or is not a quantity at all."""
    prev = text[q.start - 1] if q.start else ""
    if prev.isascii() and (prev.isalpha() or prev in "/-.") or prev in "第每":
        return True
    if _inside_brackets(text, q.start):
        return True
    after = text[q.end:q.end + 6]
    base_unit = q.unit.lstrip("万亿百千")
    if base_unit not in lx.COUNT_UNITS:
        m = lx.COMPARATOR_AFTER_RE.match(after)
        if m:
            rest = after[m.end():].lstrip("的")
            if rest and lx.CJK_RE.match(rest[0]):
                return True  # "100平方米以上餐饮店"
    if base_unit in ("公里", "千米", "米", "平方公里", "平方米", "亩"):
        if before.endswith(lx.SPATIAL_BEFORE) or after.startswith(lx.SPATIAL_AFTER):
            return True
    return False


def _comparator(before: str, after: str) -> tuple[str | None, re.Match | None]:
    m_after = lx.COMPARATOR_AFTER_RE.match(after)
    last = None
    for last in lx.COMPARATOR_BEFORE_RE.finditer(before):
        pass
    if m_after:
        return lx.COMPARATORS_AFTER[m_after.group(0)], last
    if last is None:
        return None, None
    if last["change"]:
        return ">=", last
    return lx.COMPARATORS_BEFORE[last.group(0)], last


def numeric_targets(ctx: Context) -> list[FoundTarget]:
    text, out = ctx.text, []
    prev: tuple[_Quantity, FoundTarget] | None = None
    for q in _quantities(text):
        seg_start, seg_end = ctx.bounds.span(q.start, "segment")
        in_segment = prev is not None and prev[0].end > seg_start
        win_start = prev[0].end if in_segment else seg_start
        before = text[win_start:q.start]
        if _is_qualifier(text, q, before):
            continue
        comparator, kw = _comparator(before, text[q.end:q.end + 3])
        if comparator is None and in_segment:
            comparator = prev[1].comparator
        if comparator is None and q.written in ("一",) or (
                comparator is None and q.unit.startswith("次") and not q.written.isdigit()):
            continue  # "一批", "开展一次": an article, not an amount
        target = _build(ctx, q, before, win_start, seg_end, kw, comparator or ">=")
        if in_segment and lx.LIST_JOINER_RE.match(before):
            _inherit_from_list(target, prev[1])
        out.append(target)
        prev = (q, target)
    _pair_lists(ctx, out)
    return out


def _build(ctx: Context, q: _Quantity, before: str, win_start: int, seg_end: int,
           kw: re.Match | None, comparator: str) -> FoundTarget:
    text = ctx.text
    head = before[:kw.start()] if kw and not (kw["change"] or kw.group(0) == "新增") else before
    base = lx.BASELINE_RE.search(before)
    if base:
        head = head[:base.start()]
    metric, scope = clean(head)
    if not metric or len(metric) < 2:
        tail = text[q.end:seg_end]
        tail = lx.COMPARATOR_AFTER_RE.sub("", tail).lstrip("的")
        nxt = lx.QUANTITY_RE.search(tail)
        tail_metric, tail_scope = clean(tail[:nxt.start()] if nxt else tail)
        metric, scope = tail_metric or metric, scope or tail_scope
    if kw is not None and kw["change"]:
        metric += kw.group(0)
    start = win_start + len(before) - len(before.lstrip(" 、，,和及与以"))
    end = q.end + (len(m.group(0)) if (m := lx.COMPARATOR_AFTER_RE.match(text[q.end:])) else 0)
    return FoundTarget(
        metric=metric, scope=scope, comparator=comparator, value=q.value, unit=q.unit,
        baseline=base["base"] if base else None, soft=is_soft(ctx, q.start),
        deadline=deadline_for(ctx, q.start), text="", start=start, end=end,
        change=CHANGE.get(kw.group(0)) if kw is not None and kw["change"] else None)


CHANGE = lx.CHANGE_WORDS


def _inherit_from_list(target: FoundTarget, first: FoundTarget) -> None:
    """A value in "80%、92.2%和92.4%" shares the comparator, baseline, scope of the first."""
    target.comparator = first.comparator
    target.baseline = first.baseline
    target.scope = first.scope
    target.change = first.change
    if not target.metric:
        target.metric = first.metric


def _pair_lists(ctx: Context, targets: list[FoundTarget]) -> None:
    """Give each value of "A、B和C…分别达X、Y和Z" its own metric: A…, B…, C…."""
    i = 0
    while i < len(targets):
        j = i + 1
        while j < len(targets) and targets[j].start < targets[j - 1].end + 3 and \
                lx.LIST_JOINER_RE.match(ctx.text[targets[j - 1].end:targets[j].start]):
            j += 1
        if j - i >= 2:
            _name_items(targets[i:j])
        i = j


def _name_items(group: list[FoundTarget]) -> None:
    heads = [h for h in re.split(r"、|和|及|与", group[0].metric) if h]
    if len(heads) != len(group):
        return
    m = lx.TAIL_START_RE.search(heads[-1], 1)
    tail = heads[-1][m.start():] if m else ""
    heads[-1] = heads[-1][:m.start()] if m else heads[-1]
    for target, head in zip(group, heads):
        target.metric = head + tail
