"""Which values to date a target can have, by what its unit measures.

Two bounds per target (docs/progress.md, 「数值范围」):

- the **possible** range: outside it the value is refused (422), whatever the person says — a
  share (比例、比率、覆盖率…) in ``%`` is 0–100 (a part of a whole); a count (个、家、项…) or an
  amount done (吨、亩、公里…) is never negative; a concentration or deposition (微克/立方米、
  吨/平方千米·月…) is never negative (GB 3095-2012 and GB 3838-2002 report non-negative
  concentrations); a water quality class is 1–6 (Ⅰ…Ⅴ, 劣Ⅴ, as GB 3838-2002 Table 1 numbers
  them in :mod:`ecoplan.standards.water`); percentage points (百分点) are −100 to 100. Anything
  beyond :data:`ABSURD` in magnitude is refused too.
- the **usual** range: inside the possible one, outside it a typing slip is likelier than the
  fact (``5000`` for ``50``): saved only once the person confirms it (the form's
  「确认数值无误」, recorded in the report's history) — above :data:`SPREAD` × the target's
  value (at least 100) for counts, amounts and concentrations; for a change rate in ``%``
  (下降、增长、较上年…: it may be negative) outside −100 to :data:`SPREAD` × the target (at
  least 100); for an amount of unknown unit, below 0 as well.

The unit decides the kind (:data:`UNIT_KINDS`); a ``%`` target is a change rate when its text
or indicator says so (:data:`CHANGE_WORDS`, or a comparison with a year: 不低于2022年), a
completion rate (完成率) may exceed 100, every other ``%`` is a share.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ecoplan.errors import InputError

ABSURD = 1e9
"""Largest magnitude accepted at all, whatever the unit."""
SPREAD = 10.0
"""A value above SPREAD × the target's value (at least 100) needs a confirmation."""
INF = float("inf")
PERCENT_UNITS = ("%", "％")
COUNT_UNITS = ("", "个", "家", "项", "台", "辆", "辆·次", "次", "次/年", "座", "条", "所", "处",
               "户", "人", "人次", "场", "批", "套", "件", "块", "艘", "棵", "株", "万尾", "万株")
AMOUNT_UNITS = ("吨", "万吨", "万吨/日", "吨/日", "亩", "万亩", "公里", "千米", "平方公里",
                "平方千米", "平方米", "万平方米", "公顷", "万方", "立方米", "万立方米", "万千瓦",
                "千瓦", "兆瓦", "万千瓦时", "亿千瓦时", "元", "万元", "亿元", "吨标准煤",
                "万吨标准煤")
CONCENTRATION_UNITS = ("微克/立方米", "μg/m³", "µg/m³", "毫克/立方米", "mg/m³", "毫克/升", "mg/L",
                       "吨/平方千米·月", "吨/平方公里·月", "分贝", "dB(A)")
CLASS_UNITS = ("类",)
UNIT_KINDS = {**{u: "count" for u in COUNT_UNITS}, **{u: "amount" for u in AMOUNT_UNITS},
              **{u: "concentration" for u in CONCENTRATION_UNITS},
              **{u: "class" for u in CLASS_UNITS}, "百分点": "points"}
CHANGE_WORDS = ("下降", "降低", "减少", "增长", "增加", "增幅", "降幅", "逐年", "比上年", "较上年",
                "同比", "年均")
COMPARED_WITH_YEAR = re.compile(r"(不低于|不高于|高于|低于|少于|多于)\d{4}年")
FIELD = "截至本期完成值"


class NeedsConfirmation(InputError):
    """The value is possible but unusual: saved only once the person confirms it."""

    def __init__(self, what: str) -> None:
        super().__init__(f"{what}，请核对；确认无误请勾选「确认数值无误」后再保存", field=FIELD)
        self.what = what


@dataclass(frozen=True)
class Range:
    low: float
    high: float

    def __contains__(self, value: float) -> bool:
        return self.low <= value <= self.high

    def text(self, unit: str) -> str:
        low = "" if self.low == -INF else f"{self.low:g}"
        if self.high == INF:
            return f"不小于 {low}{unit}"
        return f"{low} 至 {self.high:g}{unit}" if low else f"不大于 {self.high:g}{unit}"


def kind(target) -> str:
    """share | change | ratio | points | count | amount | concentration | class | other."""
    unit = (target.unit or "").strip()
    if unit in PERCENT_UNITS:
        words = f"{target.text or ''} {getattr(target, 'metric', '') or ''}"
        if any(w in words for w in CHANGE_WORDS) or COMPARED_WITH_YEAR.search(words):
            return "change"
        return "ratio" if "完成率" in words else "share"
    return UNIT_KINDS.get(unit, "other")


def _usual_high(target) -> float:
    return max(SPREAD * abs(target.value or 0.0), 100.0)


def possible(target) -> Range:
    """Where a value to date of ``target`` can be at all (outside: refused)."""
    return {"share": Range(0.0, 100.0), "points": Range(-100.0, 100.0),
            "class": Range(1.0, 6.0), "count": Range(0.0, INF), "amount": Range(0.0, INF),
            "concentration": Range(0.0, INF), "ratio": Range(0.0, INF)
            }.get(kind(target), Range(-INF, INF))


def plausible(target) -> Range:
    """The range a value to date of ``target`` normally falls in (outside: confirm)."""
    found = kind(target)
    if found in ("share", "points", "class"):
        return possible(target)
    if found == "change":
        return Range(-100.0, _usual_high(target))
    return Range(0.0, _usual_high(target))


def check(value: float | None, target, *, confirmed: bool) -> None:
    """Refuse an absurd or impossible value; ask for a confirmation of an unusual one."""
    if value is None or target is None:
        return
    unit = target.unit or ""
    if abs(value) > ABSURD:
        raise InputError(f"「{value:g}」超出允许的范围（绝对值不超过 {ABSURD:g}）", field=FIELD)
    can_be = possible(target)
    if value not in can_be:
        raise InputError(f"「{value:g}」不可能是该目标的值（应为 {can_be.text(unit)}）", field=FIELD)
    usual = plausible(target)
    if not confirmed and value not in usual:
        raise NeedsConfirmation(f"「{value:g}」超出该目标的常见范围（{usual.text(unit)}）")
