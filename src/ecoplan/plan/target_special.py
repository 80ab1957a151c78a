"""Targets written without a number.

* 全覆盖 as a predicate ("实现…全覆盖。") → ``== 100 %``; as an attribute ("全覆盖、全区域的…",
  "在…全覆盖基础上") it is not a target;
* 清零 / 消除 X / 无劣Ⅴ类 ("消除劣V类", "消除冒黑烟现象", "无劣Ⅴ类断面", "无劣五(V)类水体", "建成区无黑臭水体",
  "无丧失使用功能(劣于Ⅴ类)的水体断面") → ``== 0`` with no unit
  ("%" after 比例/率: "劣Ⅴ类水体比例为0"); a campaign's name
  ("重污染天气消除攻坚战") and a gradual direction ("逐步消除重污染天") are not;
* a measurable quantity held at or above a base ("港口岸电用电量不低于2022年", "耕地面积同比不减少",
  "生态保护红线面积不减少") → change ``>= 0 %`` with the base year, or falling every year
  ("逐年下降", "实现煤炭消费负增长") → a decrease ``> 0 %`` against the previous year, or rising ("生态质量指数持续提升",
  "逐年提高") → an increase ``> 0 %`` against the previous year; held at or below a base
  ("危险废物填埋处置量同比不增加", "不高于2023年", "确保PM2.5不出现不降反升") → change ``<= 0 %``;
  持平 against a year by the metric's direction ("PM2.5平均浓度较2019年持平" → ``<= 0 %``, "森林面积与上年持平"
  → ``>= 0 %``);
* a water-quality class ("水质均达到或优于Ⅲ类", "保持在Ⅲ类及以上", "水质力争保持达到或优于Ⅲ类",
  "水质年度均值保持为Ⅲ类", "水质稳定达到Ⅲ类水功能区要求", "水质达到Ⅲ类及以上水平", "水质保持或优于Ⅲ类", "达到《地表水环境质量标准》(GB3838-2002)Ⅱ类要求",
  "水质全部达到或优于Ⅴ类水、"; a section as subject: "断面持续保持或优于III类 ", "断面提升至III类,";
  before a qualifier: "水质保持在I类(溶解氧指标除外)", "水质稳定达到Ⅳ类并向好发展"; a range "水质改善达到III—IV类"
  (its looser bound, Ⅳ); the verb first: "稳定保持抚仙湖I类水质") → ``<= class`` with unit 类
  (a better class has a smaller number).
"""

from __future__ import annotations

import re

from ecoplan.plan import target_lexicon as lx
from ecoplan.plan.target_context import Context, FoundTarget, clean, deadline_for, is_soft

_END = r"(?=[。；;，,！!\n)）]|$)"
_END_OR_LIST = r"(?=[、。；;，,！!\n)）]|$)"
#: 全覆盖 ending its clause, or followed by another coverage predicate ("全覆盖、全留痕",
#: "主城区全覆盖、重点区域深度覆盖。"); not an attribute ("全覆盖、全区域的管控机制").
_COVER_RE = re.compile(r"全覆盖(?=、(?:全[\u4e00-\u9fff]{1,3}|[^。；;，,、的\n]{1,12}覆盖)(?:[。；;，,！!\n)）]|$))|全覆盖" + _END)
#: All-commitments in other words: "实现全量利用", "污水全部进行处理", "均配备", "全部完成整改",
#: "秸秆必须全量还田", "落后燃煤小热电全部关停整合", "秸秆组织力量全部搬离", "全部清运", "全部取缔不符合…的小型造纸、…等生产项目",
#: "所有餐饮全面安装油烟净化设施" (not "全面建立…"),
#: "燃煤机组均应安装脱硝设施".
_ALL_RE = re.compile(r"(?:全量|全部(?:进行|予以|得到)?|均)(?:应|须|需|要|必须)?(?:(?:利用|处置|收集|回收|处理|完成整改|整改到位|"
                     r"关停(?:整合|淘汰)?|拆除|还田|搬离|清运)" + _END + r"|(?:配备|安装|建立)[^。；;，,、]{0,12}" + _END
                     + r"|取缔[^。；;\n]{0,80}?(?:项目|企业|设施|装置)" + _END + ")"
                     + r"|全面(?:安装|配备)[^。；;，,、]{0,12}" + _END)
#: None-commitments: "零事故", "零排放", "化肥和农药使用量实现零增长", "秸秆禁烧…保持零火点" (not the slogan "零容忍").
_NONE_RE = re.compile(r"零(?P<what>事故|伤亡|排放|新增|发生|增长|火点)" + _END_OR_LIST)
#: What 消除 removes may be a list ending in 现象/问题: "消除城区及周边道路、高速公路…等各类道路扬尘严重污染现象".
_ZERO_RE = re.compile(r"清零" + _END + r"|消除(?P<obj>[^。；;，,、\n]{0,16}?|[^。；;，,\n]{1,40}?(?:现象|问题))" + _END
                      + r"|(?P<nil>(?:为|降为|降至|保持为?)(?:0|零))(?![.\d])" + _END
                      + r"|无(?P<none>劣(?:[ⅤV]|五[(（][ⅤV][)）])类(?:水体|断面)?)" + _END
                      + r"|(?:^|(?<=[，,；;。\s、])|(?<=基本)|(?<=全面)|(?<=确保)|(?<=建成区))无(?P<none2>黑臭水体?)" + _END
                      + r"|(?:^|(?<=[，,；;。\s、])|(?<=确保))无(?P<none3>丧失使用功能)(?:[(（][^()（）\n]{0,12}[)）])?的?"
                      r"(?:水体|断面|水体断面)?" + _END)
#: None-commitments in words: "不出现重度及以上污染天数", "确保不发生重大环境污染事件", "不发生危废污染、
#: 化工污染问题" (one commitment over its list).
_NEVER_RE = re.compile(r"(?:不出现|不发生)(?P<what>[^。；;，,、\n]{1,14}?(?:天数|天|事件|事故)"
                       r"|[^。；;，,\n]{1,16}?(?:问题|事件|事故))" + _END_OR_LIST)
_SHARE_RE = re.compile(r"\d(?:\.\d+)?\s*%(?:以上|以下)?的")
_GRADUAL_RE = re.compile(r"(?:逐步|逐渐|逐年|稳步)$")
#: Not what is eliminated: a campaign ("重污染天气消除攻坚战"), or a rate named after it ("黑臭水体
#: 消除比例达到90%": the rate is the target).
#: A count of campaigns after 消除 ("重污染天气消除三个标志性战役") names them too.
_NOT_ZERO_OBJ = re.compile(r"^(?:攻坚|行动|专项|工作|机制|比例|比率|率)|(?:攻坚战|保卫战|战役|行动|工作|机制)$|\d")
_HOLD_RE = re.compile(
    r"(?=[不高同与较只逐持稳避防比负])(?:(?P<cmp>不低于|不少于|不小于|高于|不劣于)(?P<base>20\d\d年)(?:水平)?" + _END
    + r"|(?P<yoy>同比|与上年相比|较上年)?(?:不减少|不降低|不下降|只增不减)" + _END_OR_LIST
    + r"|(?P<fall>逐年下降|逐年减少|逐年降低|负增长)" + _END
    + r"|(?P<rise>持续提升|持续提高|稳步提升|逐年提升|逐年提高)" + _END
    + r"|(?P<capyoy>同比|与上年相比|较上年)?(?P<cap>不增加|不上升|不升高|只减不增)" + _END_OR_LIST
    + r"|(?P<notrise>(?:不出现|不得出现|避免出现|避免|防止)不降反升)" + _END
    + r"|(?P<capcmp>不高于|不超过|不多于)(?P<capbase>20\d\d年)(?:水平|水准)?" + _END
    + r"|(?:较|与|比)(?P<flatbase>20\d\d年|上年|去年)(?:相比)?(?:基本)?持平" + _END + ")")
_CLASS = "(?P<cls>Ⅰ|Ⅱ|Ⅲ|Ⅳ|Ⅴ|III|II|IV|I|V)"
#: A range of classes ("达到III—IV类"): the looser bound, the larger number, is what is required.
_RANGE = "(?:[～~\\-—–至到](?P<cls2>Ⅰ|Ⅱ|Ⅲ|Ⅳ|Ⅴ|III|II|IV|I|V))?"
_WATER_RE = re.compile(
    r"(?:水质|断面|(?<=[水])(?=达))(?:力争|年度均值|年均值|全部|均|总体|稳定|持续|改善){0,3}"
    r"(?:(?:保持在|保持为|保持)(?:达到或优于|达到或好于|达到|或优于|或好于)?|达到或优于|达到或好于|优于|好于|达到|达|"
    r"稳定在|提升至|提升到|提高至|提高到|改善至|改善到)"
    r"(?:《地表水环境质量标准》)?(?:[(（]GB\s?3838[-—–]2002[)）])?"
    r"(?:地表水(?:环境质量|功能区)?)?" + _CLASS + _RANGE + r"类(?:及以上|以上|或更好)?(?:水质)?(?:水功能区)?(?:标准|要求|水平)?"
    r"(?:" + _END + r"|(?=后|并|\s|\.(?!\d)|[(（][^()（）]{0,12}除外[)）])|水(?=[、，,；;。]))")
#: The class before what it qualifies, the verb first: "稳定保持抚仙湖I类水质", "恢复Ⅲ类水体".
_CLASS_OBJECT_RE = re.compile(r"(?:(?:稳定|持续|全面)?(?:保持|达到|恢复|提升至|提升到|改善至|改善到))"
                              r"(?P<place>[\u4e00-\u9fff]{0,8}?)" + _CLASS + _RANGE + r"类(?:水质|水体)" + _END)
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


def _all_or_none(ctx: Context) -> list[FoundTarget]:
    found = [_make(ctx, m.start(), m.end(), m.start(), "==", 100, "%") for m in _ALL_RE.finditer(ctx.text)]
    for m in [*_NONE_RE.finditer(ctx.text), *_NEVER_RE.finditer(ctx.text)]:
        t = _make(ctx, m.start(), m.end(), m.start(), "==", 0, "")
        t.metric = t.metric + m["what"] if t.metric else m["what"]
        found.append(t)
    for t in found:
        t.words = ctx.text[t.start:t.end]
    return found


def _zero(ctx: Context) -> list[FoundTarget]:
    out = []
    for m in _ZERO_RE.finditer(ctx.text):
        obj = m["obj"]
        if obj and _NOT_ZERO_OBJ.search(obj):
            continue
        seg_start, _ = ctx.bounds.span(m.start(), "segment")
        if obj and _SHARE_RE.search(ctx.text, seg_start, m.start()):
            continue  # "70%以上的城市全面消除重污染天气": the share is the target
        if obj and _GRADUAL_RE.search(ctx.text, max(seg_start, m.start() - 4), m.start()):
            continue  # "逐步消除重污染天": a direction over years, not this year's commitment
        t = _make(ctx, m.start(), m.end(), m.start(), "==", 0, "")
        if obj or m["none"] or m["none2"] or m["none3"]:
            t.metric = re.sub(r"[“”\"]", "", obj or m["none"] or m["none2"] or m["none3"])
        if m["nil"] and re.search(r"(?:率|比例|占比)$", t.metric):
            t.unit = "%"  # "劣Ⅴ类水体比例为0"
        out.append(t)
    return out


def _previous_year(ctx: Context) -> str:
    return f"{ctx.year - 1}年" if ctx.year is not None else "上年"


def _held(ctx: Context) -> list[FoundTarget]:
    out = []
    for m in _HOLD_RE.finditer(ctx.text):
        if m["flatbase"]:
            t = _flat(ctx, m)
            if t is None:
                continue
        elif m["fall"]:
            t = _make(ctx, m.start(), m.end(), m.start(), ">", 0, "%", _previous_year(ctx),
                      "decrease")
        elif m["rise"]:
            t = _make(ctx, m.start(), m.end(), m.start(), ">", 0, "%", _previous_year(ctx),
                      "increase")
        elif m["notrise"]:  # "确保PM2.5不出现不降反升": not above the previous year
            t = _make(ctx, m.start(), m.end(), m.start(), "<=", 0, "%", _previous_year(ctx), "increase")
        elif m["cap"] or m["capcmp"]:
            base = m["capbase"] or (_previous_year(ctx) if m["capyoy"] else None)
            t = _make(ctx, m.start(), m.end(), m.start(), "<=", 0, "%", base, "increase")
        else:
            base = m["base"] or (_previous_year(ctx) if m["yoy"] else None)
            t = _make(ctx, m.start(), m.end(), m.start(), ">=", 0, "%", base, "increase")
        if not (m["base"] or m["capbase"] or m["notrise"] or m["flatbase"] or m["fall"] == "负增长") and not lx.MEASURABLE_RE.search(t.metric):
            continue  # "功能不降低": not a quantity ("煤炭消费负增长": growth is a quantity's)
        t.words = m.group(0)
        out.append(t)
    return out


def _flat(ctx: Context, m: re.Match) -> FoundTarget | None:
    """持平 against a year ("PM2.5平均浓度较2019年持平"): not worse than it, so the metric's direction
    decides: not above for a metric where lower is better (``<= 0 %``, as 不高于2019年), not
    below for another measurable one (``>= 0 %``, as 不低于2019年); nothing when the metric is
    no quantity ("工作较上年持平")."""
    base = _previous_year(ctx) if m["flatbase"] in ("上年", "去年") else m["flatbase"]
    t = _make(ctx, m.start(), m.end(), m.start(), "<=", 0, "%", base, "increase")
    if lx.LOWER_IS_BETTER_RE.search(t.metric):
        return t
    if lx.MEASURABLE_RE.search(t.metric):
        t.comparator = ">="
        return t
    return None


def _water_class(ctx: Context) -> list[FoundTarget]:
    found = [_make(ctx, m.start(), m.end(), m.end(), "<=", _ROMAN[m["cls2"] or m["cls"]], "类")
             for m in _WATER_RE.finditer(ctx.text)]
    for m in _CLASS_OBJECT_RE.finditer(ctx.text):
        if not any(t.start <= m.start() < t.end for t in found):
            t = _make(ctx, m.start(), m.end(), m.start(), "<=", _ROMAN[m["cls2"] or m["cls"]], "类")
            t.metric = (t.metric or "") + m["place"] + "水质"
            found.append(t)
    return found


def find_special_targets(ctx: Context) -> list[FoundTarget]:
    """All targets written without a number in ``ctx.text``."""
    found = _coverage(ctx) + _zero(ctx) + _held(ctx) + _water_class(ctx) + _all_or_none(ctx)
    for t in found:
        if t.unit == "类":
            t.metric = re.sub(r"(?:全部|均|总体|稳定|持续|改善)?(?:保持在|保持|达到或优于|达到或好于|优于|好于|"
                              r"达到|达|稳定在).*$", "", t.metric)
    return found
