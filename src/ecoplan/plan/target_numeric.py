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
    written: str  # the number as written; a range ("一至两") keeps the whole of it


def _quantities(text: str) -> list[_Quantity]:
    out = []
    for m in lx.QUANTITY_RE.finditer(text):
        listed = lx.BARE_LIST_RE.search(text, max(0, m.start() - 40), m.start())
        if listed and not (listed.start() and text[listed.start() - 1].isdigit()):
            for n in lx.ARABIC_RE.finditer(text, listed.start(), listed.end()):
                out.append(_Quantity(n.start(), n.end(), parse_number(n.group(0)), m["unit"],
                                     n.group(0)))
        written = m.group(0)[:len(m.group(0)) - len(m["unit"])].strip()
        out.append(_Quantity(m.start(), m.end(), parse_number(m["num"]), m["unit"], written))
    return out


def _inside_brackets(text: str, pos: int) -> bool:
    for open_, close in (("《", "》"), ("〔", "〕"), ("[", "]")):
        i = text.rfind(open_, 0, pos)
        if i >= 0 and text.find(close, i, pos) < 0:
            return True
    return _in_a_restatement(text, pos)


#: A part of a count just given, in its bracket or the segment after it: "化粪池2880户（其中490户
#: 列入省为民办实事项目）", "完成170户农村危房改造，其中续建138户" (not "对其中44台锅炉完成改造",
#: which acts on them, a milestone "其中6月底前完成3家", nor a rate of a sub-area, "其中东江流域100%").
#: A part due earlier is a milestone, a target of its own: "8家企业改造，其中6月底前完成3家".
_MILESTONE_RE = re.compile(r"月|季度|半年|年底|年内|前")
_PART_OPEN_RE = re.compile(r"[（(，,]\s*其中[^，,。；;（）()]{0,10}$")
#: A breakdown goes on over the sentence's next segments, each giving a part ("其中工业和生活源
#: 减排484吨，农业源减排85吨"; "共27个。其中污水处理厂项目6个，…；结构减排项目14个，…").
_BREAKDOWN_RE = re.compile(r"(?:^|[（(，,。\n])\s*其中[^。（）()\n]{0,80}$")
_SEGMENT_CUT_RE = re.compile(r"[，,；;]")


def _a_part(text: str, q: _Quantity) -> bool:
    m = _PART_OPEN_RE.search(text, max(0, q.start - 14), q.start)
    if m is None:
        return _in_a_breakdown(text, q)
    if lx.base_unit(q.unit) in lx.PERCENT_UNITS or _MILESTONE_RE.search(m.group()):
        return False
    return re.search(rf"\d\s*{re.escape(q.unit)}", text[max(0, m.start() - 40):m.start()]) is not None


def _in_a_breakdown(text: str, q: _Quantity) -> bool:
    """A part in a later segment of a breakdown opened by 其中 in the same sentence: every
    segment from 其中 to this one gives a quantity, and a count in the same unit comes before 其中."""
    m = _BREAKDOWN_RE.search(text, max(0, q.start - 90), q.start)
    if m is None or lx.base_unit(q.unit) in lx.PERCENT_UNITS:
        return False
    opened = m.start() + m.group().index("其中")
    segments = _SEGMENT_CUT_RE.split(text[opened:q.start])
    if not all(re.search(r"\d", seg) for seg in segments[:-1]):
        return False
    if _MILESTONE_RE.search(segments[0]) or _MILESTONE_RE.search(segments[-1]):
        return False
    return re.search(rf"\d\s*{re.escape(q.unit)}", text[max(0, opened - 40):opened]) is not None


def _a_repeat(text: str, q: _Quantity) -> bool:
    """A bracket repeating the count just given: "新建8个村庄公厕（8个村庄公厕均列入省任务）"."""
    i = max(text.rfind("（", 0, q.start), text.rfind("(", 0, q.start))
    if i < 0 or q.start - i > 6 or re.search(r"[）)]", text[i:q.start]):
        return False
    if lx.COMPARATOR_BEFORE_RE.search(text, i + 1, q.start):
        return False  # a bound of its own: "限高(不高于10厘米)和限长(不长于10厘米)"
    written = text[q.start:q.end]
    return written in text[max(0, i - 30):i]


def _a_bracketed_breakdown(text: str, q: _Quantity) -> bool:
    """A part in a bracket breaking down the count just before it: "38个美丽乡村(省级27个、市级11个)"
    (its parts, in the count's unit, add up to it)."""
    i = max(text.rfind("（", 0, q.start), text.rfind("(", 0, q.start))
    if i < 0 or re.search(r"[）)]", text[i:q.start]):
        return False
    close = re.search(r"[）)]", text[q.end:q.end + 60])
    unit = re.escape(q.unit)
    whole = re.search(rf"(\d+(?:\.\d+)?)\s*{unit}[^\d，,。；;（(]{{0,12}}$", text[max(0, i - 30):i])
    if close is None or whole is None:
        return False
    parts = re.findall(rf"(\d+(?:\.\d+)?)\s*{unit}", text[i + 1:q.end + close.start()])
    return len(parts) >= 2 and abs(sum(map(float, parts)) - float(whole.group(1))) < 1e-9


#: A count the sentence says the thing is one of ("列入10个…名镇名村之一的xx村"), or the places a
#: plan designates ("划定x镇、x乡5个乡镇为重点禁烧区"): a description, not a target.
_ONE_OF_RE = re.compile(r"[^，,。；;\d]{0,30}?之一")
_DESIGNATION_BEFORE_RE = re.compile(r"(?:划定|认定)[^，,。；;\d]{0,40}$")
_DESIGNATION_AFTER_RE = re.compile(r"[\u4e00-\u9fff]{0,8}?为")


def _describes(text: str, q: _Quantity, before: str) -> bool:
    return bool(_ONE_OF_RE.match(text, q.end)) or bool(
        _DESIGNATION_BEFORE_RE.search(before) and _DESIGNATION_AFTER_RE.match(text, q.end))


#: A bracket restating what was just said in other terms: "优良天数比率不低于92.5%（即全年污染
#: 天数不能超过27天）" is one target, not two.
_RESTATEMENT_OPEN_RE = re.compile(r"[（(]\s*(?:即|也即|亦即|相当于|折合)")


def _in_a_restatement(text: str, pos: int) -> bool:
    i = max(text.rfind("（", 0, pos), text.rfind("(", 0, pos))
    if i < 0 or pos - i > 40 or re.search(r"[）)]", text[i:pos]):
        return False
    return _RESTATEMENT_OPEN_RE.match(text, i) is not None


def _in_a_slogan(text: str, q: _Quantity) -> bool:
    """A count in words inside quotation marks names a slogan ("“一个翻番、两个突破、三个建成”",
    "“四个全面”"), not a target."""
    if q.written[:1].isdigit():
        return False
    i = text.rfind("“", max(0, q.start - 20), q.start)
    return i >= 0 and "”" not in text[i:q.start] and "”" in text[q.end:q.end + 20]


def _not_a_goal(text: str, q: _Quantity, segment: tuple[int, int]) -> bool:
    """Subsidies and rewards (给予最高50万元奖励), eligibility conditions (吸纳就业50人以上的),
    and counts describing the task's object (围绕9个地下水国考点位, 六项主要污染物)."""
    if q.unit == "方" and not q.written[:1].isdigit():
        return True  # "医护患三方": parties, not cubic metres ("150万方")
    if _in_a_slogan(text, q):
        return True
    seg_text = text[segment[0]:segment[1]]
    if lx.SUBSIDY_RE.search(seg_text) or lx.CONDITION_RE.search(text, max(segment[0], q.start - 12), q.start):
        return True
    after = text[q.end:q.end + 4]
    if _EITHER_AFTER_RE.match(text, q.end, segment[1]) or _EITHER_BEFORE_RE.search(text, segment[0], q.start):
        return True  # "供水人口在10000人或日供水在1000吨以上的水源地": either one qualifies
    if lx.DESCRIPTIVE_BEFORE_RE.search(text, segment[0], q.start) or _counts_a_subject(text, q, segment):
        return True
    if lx.OWN_PHASES_AFTER_RE.match(text, q.end) and lx.OWN_PHASES_BEFORE_RE.search(text, segment[0], q.start):
        return True  # "巩固前三个阶段取得的成果": the plan's own phases
    if lx.CAMPAIGNS_AFTER_RE.match(text, q.end) or _in_a_notice_title(text, q):
        return True  # "7个标志性战役" (however written), "关于印发…三个行动方案的通知"
    if q.unit in lx.COUNT_UNITS and lx.NETWORK_AFTER_RE.match(text, q.end, segment[1]):
        return True  # "119个国控断面": the network's sections
    if _names_a_set(text, q):
        return True  # "“六个100%”管控措施"
    return not q.written[:1].isdigit() and bool(lx.DESCRIPTIVE_AFTER_RE.match(after))


def _names_a_set(text: str, q: _Quantity) -> bool:
    """A count in words of percentages ("六个100%"): the name of a set of measures, the count and
    the percentage both."""
    if q.written[:1].isdigit():
        return bool(lx.SET_NAME_BEFORE_RE.search(text, max(0, q.start - 4), q.start)) and "%" in q.unit
    return q.unit == "个" and bool(lx.SET_NAME_AFTER_RE.match(text, q.end))


#: The title of a notice a plan cites or is issued with: "关于印发…三个行动方案的通知", its lines
#: broken anywhere before the count.
_NOTICE_BEFORE_RE = re.compile(r"(?:关于|印发)[^，,。；;]{0,40}$")  # the title may break its line
_NOTICE_AFTER_RE = re.compile(r"[^，,。；;\n]{0,30}?的通知")


def _in_a_notice_title(text: str, q: _Quantity) -> bool:
    return bool(_NOTICE_AFTER_RE.match(text, q.end)) and bool(_NOTICE_BEFORE_RE.search(text, max(0, q.start - 40), q.start))


#: Two measures joined by 或 state a condition (either one qualifies), not what to achieve.
_EITHER_AFTER_RE = re.compile(r"(?:以上|以下)?或(?!以上|以下|更)[^，,。；;、\d]{0,8}\d")
_EITHER_BEFORE_RE = re.compile(r"\d[^，,。；;、\d]{0,4}或(?!以上|以下|更)[^，,。；;、\d]{0,8}$")


def _counts_a_subject(text: str, q: _Quantity, segment: tuple[int, int]) -> bool:
    """A count naming the subject of another quantity in its segment: "9个考核断面水质优良比例
    达到55%以上", "3个国考断面优Ⅲ比例达到100%" (the rate is the target, the count describes)."""
    if q.unit not in lx.COUNT_UNITS:
        return False
    if _CLASS_AFTER_RE.match(text, q.end, segment[1]):
        return True  # "2条一级支流水质全部达到或优于Ⅴ类": the class is the target
    if _GOAL_AFTER_RE.match(text, q.end, segment[1]):
        return True  # "10条考核河道断面达到分阶段水质目标": the sections a goal (no value) is set for
    if _RATE_AFTER_RE.match(text, q.end, segment[1]):
        return True  # "3个水厂的水源水质达标率100": the rate is the target (its % lost or not)
    following = lx.QUANTITY_RE.search(text, q.end, segment[1])
    while following is not None and _IN_ROUND_BRACKET_RE.search(text, q.end, following.start()):
        following = lx.QUANTITY_RE.search(text, following.end(), segment[1])  # "(详见附件1表1—2)"
    if following is None or following["unit"] in lx.COUNT_UNITS:
        return False
    gap = _ROUND_BRACKETS_RE.sub("", text[q.end:following.start()])
    return len(gap) <= 30 and not re.search(r"[、，,；;。和及]", gap) and bool(lx.COMPARATOR_BEFORE_RE.search(gap))


#: A count followed by the water class its objects are to reach, in the same clause.
#: A bracket naming the places counted may sit between ("3个集中式饮用水水源地(市第一、第二、第三
#: 水源地)水质达到Ⅲ类").
_CLASS_AFTER_RE = re.compile(r"(?:[^\d，,；;。、(（]|[(（][^)）\d]{0,30}[)）]){1,16}?水质[^\d，,；;。、]{0,10}?[ⅠⅡⅢⅣⅤ]类")
#: A count of sections followed by the goal they are to reach, named without a value: "10条市政府考核
#: 河道断面达到分阶段水质目标", "1条责任目标断面达到目标要求".
_GOAL_AFTER_RE = re.compile(r"[^\d，,；;。、]{0,20}?断面[^\d，,；;。、]{0,6}?达到[^\d，,；;。、]{0,10}?目标")
#: A count followed, in its clause, by a rate and its value: the count names what the rate is about.
_RATE_AFTER_RE = re.compile(r"[^\d，,；;。、]{1,24}?(?:率|比例)(?:达到|达|为|保持在|保持|不低于|稳定在)?\s*\d")
_IN_ROUND_BRACKET_RE = re.compile(r"[(（][^)）]*$")
_ROUND_BRACKETS_RE = re.compile(r"[(（][^)）]*[)）]")


def _is_qualifier(text: str, q: _Quantity, before: str) -> bool:
    """True when the quantity only qualifies a noun or is not a target at all."""
    prev = text[q.start - 1] if q.start else ""
    if prev and (prev.isalpha() and not lx.CJK_RE.match(prev) or prev in "/-.第每"):
        return True  # "PM2.5", "DB32/4043", "第3批", "每万人"
    if text[max(0, q.start - 3):q.start].rstrip(" \u3000")[-1:] in ("第", "每"):
        return True  # "第 118 条": the same with spaces between
    if before.endswith("各") and lx.base_unit(q.unit) in ("名", "人"):
        return True  # "明确分管领导、联络人各1名": people each body names, not a target
    if _inside_brackets(text, q.start) or before.endswith(lx.FROM_BEFORE):
        return True  # a cited document; the start of a change ("由60%提高到80%")
    if _a_part(text, q) or _a_repeat(text, q) or _a_bracketed_breakdown(text, q) or _describes(text, q, before) \
            or text.startswith("之间的", q.end):
        return True  # a part or a repeat of a count given; a range qualifying ("60至70微克/立方米之间的镇")
    return _qualifies_noun(text, q, before)


def _qualifies_noun(text: str, q: _Quantity, before: str) -> bool:
    """A measure that only describes a noun: "100平方米以上餐饮店", "10亿元的项目", "沿岸三公里"."""
    base_unit = lx.base_unit(q.unit)
    after = text[q.end:q.end + 6]
    m = lx.COMPARATOR_AFTER_RE.match(after)
    rest = after[m.end():] if m else after
    if base_unit in ("人", "户"):
        return bool(m) and bool(lx.SIZED_PLACE_RE.match(text[q.end + m.end():q.end + m.end() + 8]))
    if base_unit in lx.COUNT_UNITS:
        return False  # "2个以上示范项目" still counts 示范项目
    if base_unit in lx.PERCENT_UNITS and after.startswith(lx.RATE_STANDARD_AFTER):
        return True
    if m and lx.AMOUNT_NOUN_RE.match(text[q.end + m.end():q.end + m.end() + 10]):
        return False
    if rest.startswith(("的目标", "的要求", "的水平")):
        return False  # "综合利用率不低于95%的目标": the goal's own value
    if (m or rest.startswith("的")) and lx.CJK_RE.match(rest.lstrip("的")[:1] or " "):
        # a share of things ("全市60%以上的行政村完成…") is a target; a property above a
        # threshold ("VOCs含量10%以上的涂料") is not
        return base_unit not in lx.PERCENT_UNITS or _property_before(before)
    return base_unit in ("公里", "千米", "米") and (
        before.endswith(lx.SPATIAL_BEFORE) or after.startswith(lx.SPATIAL_AFTER)
        or bool(lx.SPATIAL_RADIUS_RE.match(text[q.end:q.end + 10])))


def _property_before(before: str) -> bool:
    """The words before a share name a property ("VOCs含量", "含硫量高于"): the share is a
    threshold on the noun after it ("含硫量高于0.7%的煤炭"), not a share of things."""
    bare = re.sub(f"(?:{lx.COMPARATOR_BEFORE_RE.pattern})$", "", before)
    return bare.endswith(lx.PROPERTY_NOUNS)


@dataclass
class _Reading:
    """How the words around a quantity read: comparator, the phrase giving it, a change."""

    comparator: str | None = None
    keyword: re.Match | None = None
    change: str | None = None
    explicit: bool = False  # a bound (不少于, 至少, 以上), not just a verb (完成, 达到)


def _read_comparator(before: str, after: str, unit: str, has_base: bool) -> _Reading:
    relative_ok = has_base or unit in lx.PERCENT_UNITS
    last = None
    for m in lx.COMPARATOR_BEFORE_RE.finditer(before):
        if not m["change"] or relative_ok:
            last = m
    reading = _Reading(keyword=last)
    if last is not None:
        word = last.group(0)
        reading.change = lx.CHANGE_WORDS.get(word) if last["change"] else None
        reading.comparator = ">=" if last["change"] else lx.COMPARATORS_BEFORE[word]
        reading.explicit = word not in lx.VERB_COMPARATORS and not last["change"]
    m_after = lx.COMPARATOR_AFTER_RE.match(after)
    if m_after:
        reading.comparator, reading.explicit = lx.COMPARATORS_AFTER[m_after.group(0)], True
    return reading


def _is_article(q: _Quantity, reading: _Reading) -> bool:
    """"一批", "完成一次回头看": a Chinese 一 before a classifier (or a Chinese count of 次)
    is an article, not an amount, unless a bound (至少, 不少于, 以上) makes it one ("一万吨" is)."""
    chinese = not q.written[0].isdigit()
    count = q.unit in lx.COUNT_UNITS
    return chinese and count and (q.written == "一" or q.unit == "次") and not reading.explicit


def numeric_targets(ctx: Context) -> list[FoundTarget]:
    text, out = ctx.text, []
    prev: tuple[_Quantity, FoundTarget] | None = None
    for q in _quantities(text):
        seg_start, seg_end = ctx.bounds.span(q.start, "segment")
        in_segment = prev is not None and prev[0].end > seg_start
        win_start = prev[0].end if in_segment else seg_start
        before = text[win_start:q.start]
        if _is_qualifier(text, q, before) or lx.FACT_RE.search(text, seg_start, q.start) \
                or _not_a_goal(text, q, (seg_start, seg_end)):
            continue
        base = lx.BASELINE_RE.search(before)
        reading = _read_comparator(before, text[q.end:q.end + 3], q.unit, base is not None)
        if _is_article(q, reading):
            continue
        if reading.comparator is None:
            reading.comparator = prev[1].comparator if in_segment else ">="
        if q.value == 0 and reading.comparator == ">=" and not (reading.explicit or reading.change):
            reading.comparator = "=="  # "比例保持在0%": a zero kept (">= 0" would bind nothing)
        target = _build(ctx, q, before, (win_start, seg_end), reading, base)
        if in_segment and lx.LIST_JOINER_RE.match(before):
            _inherit_from_list(target, prev[1])
        out.append(target)
        prev = (q, target)
    _pair_lists(ctx, out)
    return out


def _after_noun(ctx: Context, q: _Quantity, seg_end: int) -> tuple[str, str | None]:
    """The noun a count is of: "完成1545家涉磷企业规范化整治" → "涉磷企业规范化整治"."""
    tail = lx.COMPARATOR_AFTER_RE.sub("", ctx.text[q.end:seg_end]).lstrip("的")
    if tail[:1] in ("、", "和", "及", "与"):
        return "", None  # "示范镇2个、示范村5个": the count closes its own item
    nxt = lx.QUANTITY_RE.search(tail)
    return clean(tail[:nxt.start()] if nxt else tail)


def _before_noun(before: str, reading: _Reading, base: re.Match | None) -> tuple[str, str | None]:
    """The metric written before the number: "全市PM2.5浓度不超过31…" → "PM2.5浓度"."""
    kw = reading.keyword
    cut = base.start() if base else (kw.start() if kw is not None else len(before))
    if kw is not None and kw.group(0) == "新增":
        cut = len(before)
    metric, scope = clean(before[:cut])
    if len(metric) < 2 and kw is not None:
        metric = clean(before[kw.end():])[0]
    return metric, scope


def _metric(ctx: Context, q: _Quantity, before: str, seg_end: int, reading: _Reading,
            base: re.Match | None) -> tuple[str, str | None]:
    (b_metric, b_scope), (a_metric, a_scope) = (_before_noun(before, reading, base),
                                                _after_noun(ctx, q, seg_end))
    first, second = (a_metric, b_metric) if q.unit in lx.COUNT_UNITS else (b_metric, a_metric)
    metric = first if len(first) >= 2 else (second or first)  # "N家X" counts X; "X N家" names X
    if metric in lx.GENERIC_NOUNS:
        metric = _what_is_done(ctx.text[q.end:seg_end], metric) + metric
    if reading.change:
        metric += reading.keyword.group(0)
    return metric, b_scope or a_scope


def _what_is_done(tail: str, noun: str) -> str:
    """What a list of bare things is for: "182家企业、9家钢结构企业和375家包装印刷企业源头替代情况
    再核查" → "源头替代再核查" (so 182家 reads "源头替代再核查企业", not "企业")."""
    at = tail.rfind(noun)
    rest = re.split(r"[，,。；;]", tail[at + len(noun):] if at >= 0 else "", maxsplit=1)[0]
    rest = re.sub(r"情况|工作|的", "", rest)
    return rest if 2 <= len(rest) <= 16 else ""


def _lower_is_better(q: _Quantity, metric: str, reading: _Reading) -> bool:
    """"PM2.5浓度达到35微克/立方米": a verb (or nothing) before a concentration means at most."""
    if reading.explicit or reading.change or reading.comparator not in (None, ">="):
        return False
    return q.unit in lx.LOWER_IS_BETTER_UNITS or bool(lx.LOWER_IS_BETTER_RE.search(metric))


def _build(ctx: Context, q: _Quantity, before: str, window: tuple[int, int],
           reading: _Reading, base: re.Match | None) -> FoundTarget:
    win_start, seg_end = window
    metric, scope = _metric(ctx, q, before, seg_end, reading, base)
    if _lower_is_better(q, metric, reading):
        reading.comparator = "<="
    start = win_start + len(before) - len(before.lstrip(" 、，,和及与以"))
    after = lx.COMPARATOR_AFTER_RE.match(ctx.text[q.end:])
    return FoundTarget(
        metric=metric, scope=scope, comparator=reading.comparator, value=q.value,
        unit=lx.UNIT_SPELLING.get(q.unit, q.unit),
        baseline=lx.baseline_name(base, ctx.year) if base else None, soft=is_soft(ctx, q.start),
        deadline=deadline_for(ctx, q.start), text="", start=start,
        end=q.end + (len(after.group(0)) if after else 0), change=reading.change,
        approximate=bool(after) and after.group(0) in lx.APPROXIMATE_AFTER)


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
