"""Targets written without a number.

* 全覆盖 as a predicate ("实现…全覆盖。") → ``== 100 %``; as an attribute ("全覆盖、全区域的…",
  "在…全覆盖基础上") it is not a target;
* 清零 / 消除 X / 无劣Ⅴ类 ("消除劣V类", "消除冒黑烟现象", "无劣Ⅴ类断面") → ``== 0`` with no unit
  ("%" after 比例/率: "劣Ⅴ类水体比例为0"); a campaign's name
  ("重污染天气消除攻坚战") is not;
* a measurable quantity held at or above a base ("港口岸电用电量不低于2022年", "耕地面积同比不减少",
  "生态保护红线面积不减少") → change ``>= 0 %`` with the base year, or falling every year
  ("逐年下降") → a decrease ``> 0 %`` against the previous year; held at or below a base
  ("危险废物填埋处置量同比不增加", "不高于2023年") → change ``<= 0 %``;
* a water-quality class ("水质均达到或优于Ⅲ类", "保持在Ⅲ类及以上") → ``<= class`` with unit 类
  (a better class has a smaller number).
"""

from __future__ import annotations

import re

from ecoplan.plan import target_lexicon as lx
from ecoplan.plan.target_context import Context, FoundTarget, clean, deadline_for, is_soft

_END = r"(?=[。；;，,！!\n)）]|$)"
_END_OR_LIST = r"(?=[、。；;，,！!\n)）]|$)"
_COVER_RE = re.compile(r"全覆盖" + _END)
_ZERO_RE = re.compile(r"清零" + _END + r"|消除(?P<obj>[^。；;，,、\n]{0,16}?)" + _END
                      + r"|(?P<nil>(?:为|降为|降至|保持为?)(?:0|零))(?![.\d])" + _END
                      + r"|无(?P<none>劣[ⅤV]类(?:水体|断面)?)" + _END
                      + r"|(?:^|(?<=[，,；;。\s、])|(?<=基本)|(?<=全面)|(?<=确保))无(?P<none2>黑臭水体)" + _END)
_NOT_ZERO_OBJ = re.compile(r"^(?:攻坚|行动|专项|工作|机制)|(?:攻坚战|行动|工作|机制)$")
_HOLD_RE = re.compile(
    r"(?=[不高同与较只逐])(?:(?P<cmp>不低于|不少于|不小于|高于|不劣于)(?P<base>20\d\d年)(?:水平)?" + _END
    + r"|(?P<yoy>同比|与上年相比|较上年)?(?:不减少|不降低|不下降|只增不减)" + _END_OR_LIST
    + r"|(?P<fall>逐年下降|逐年减少|逐年降低)" + _END
    + r"|(?P<capyoy>同比|与上年相比|较上年)?(?P<cap>不增加|不上升|不升高|只减不增)" + _END_OR_LIST
    + r"|(?P<capcmp>不高于|不超过|不多于)(?P<capbase>20\d\d年)(?:水平)?" + _END + ")")
_CLASS = "(?P<cls>Ⅰ|Ⅱ|Ⅲ|Ⅳ|Ⅴ|III|II|IV|I|V)"
_WATER_RE = re.compile(
    r"水质(?:全部|均|总体|稳定|持续)?(?:保持在|保持|达到或优于|达到或好于|优于|好于|达到|稳定在|"
    r"提升至|提升到|提高至|提高到|改善至|改善到)"
    r"(?:地表水)?" + _CLASS + r"类(?:及以上|以上|或更好)?(?:水质)?(?:标准)?" + _END)
_ROMAN = {"Ⅰ": 1, "I": 1, "Ⅱ": 2, "II": 2, "Ⅲ": 3, "III": 3, "Ⅳ": 4, "IV": 4, "Ⅴ": 5, "V": 5}


def _make(ctx: Context, start: int, end: int, head_end: int, comparator: str,
          value: int, unit: str, baseline: str | None = None,
          change: str | None = None) -> FoundTarget:
    seg_start, _ = ctx.bounds.span(start, "segment")
    metric, scope = clean(ctx.text[seg_start:head_end])
    return FoundTarget(metric=metric, scope=scope, comparator=comparator, value=value,
                       unit=unit, baseline=baseline, soft=is_soft(ctx, start),
                       deadline=deadline_for(ctx, start), text="", start=seg_start, end=end,
                       change=change)


def _coverage(ctx: Context) -> list[FoundTarget]:
    return [_make(ctx, m.start(), m.end(), m.start(), "==", 100, "%")
            for m in _COVER_RE.finditer(ctx.text)]


def _zero(ctx: Context) -> list[FoundTarget]:
    out = []
    for m in _ZERO_RE.finditer(ctx.text):
        obj = m["obj"]
        if obj and _NOT_ZERO_OBJ.search(obj):
            continue
        t = _make(ctx, m.start(), m.end(), m.start(), "==", 0, "")
        if obj or m["none"] or m["none2"]:
            t.metric = re.sub(r"[“”\"]", "", obj or m["none"] or m["none2"])
        if m["nil"] and re.search(r"(?:率|比例|占比)$", t.metric):
            t.unit = "%"  # "劣Ⅴ类水体比例为0"
        out.append(t)
    return out


def _previous_year(ctx: Context) -> str:
    return f"{ctx.year - 1}年" if ctx.year is not None else "上年"


def _held(ctx: Context) -> list[FoundTarget]:
    out = []
    for m in _HOLD_RE.finditer(ctx.text):
        if m["fall"]:
            t = _make(ctx, m.start(), m.end(), m.start(), ">", 0, "%", _previous_year(ctx),
                      "decrease")
        elif m["cap"] or m["capcmp"]:
            base = m["capbase"] or (_previous_year(ctx) if m["capyoy"] else None)
            t = _make(ctx, m.start(), m.end(), m.start(), "<=", 0, "%", base, "increase")
        else:
            base = m["base"] or (_previous_year(ctx) if m["yoy"] else None)
            t = _make(ctx, m.start(), m.end(), m.start(), ">=", 0, "%", base, "increase")
        if not (m["base"] or m["capbase"]) and not lx.MEASURABLE_RE.search(t.metric):
            continue  # "功能不降低": not a quantity
        out.append(t)
    return out


def _water_class(ctx: Context) -> list[FoundTarget]:
    return [_make(ctx, m.start(), m.end(), m.end(), "<=", _ROMAN[m["cls"]], "类")
            for m in _WATER_RE.finditer(ctx.text)]


def find_special_targets(ctx: Context) -> list[FoundTarget]:
    """All targets written without a number in ``ctx.text``."""
    found = _coverage(ctx) + _zero(ctx) + _held(ctx) + _water_class(ctx)
    for t in found:
        if t.unit == "类":
            t.metric = re.sub(r"(?:全部|均|总体|稳定|持续)?(?:保持在|保持|达到或优于|达到或好于|优于|好于|"
                              r"达到|稳定在).*$", "", t.metric)
    return found
