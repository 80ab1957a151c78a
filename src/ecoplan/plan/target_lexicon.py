"""Word lists for reading quantitative targets (指标) in Chinese plan text.

Tables, not if/elif ladders: units with the characters that must not follow them (so "项目"
is not 项, "家具" is not 家), comparator phrases with their comparator, and the words that
mark scope, aspiration (soft targets) or a qualifying threshold.
"""

from __future__ import annotations

import re

from ecoplan.plan.numerals import ARABIC_NUMBER, NUMBER

#: Count classifiers (量词): "N家X" counts X, and "N家以上X" is still a count of X ("2个以上
#: 示范项目"), unlike a measure ("100平方米以上餐饮店" only qualifies 餐饮店).
COUNT_UNITS: dict[str, str] = {
    "家": "庭具禽畜园乡长", "个": "人|体|性|别|月|工作日", "项": "目", "台": "账阶风",
    "辆": "", "座": "谈", "条": "件例款", "所": "有在属以", "处": "理置罚于",
    "套": "", "艘": "", "户": "籍外型", "人次": "", "人": "民员工口大", "名": "录单称牌额",
    "场": "所景地站", "宗": "旨教", "栋": "", "只": "是要有能", "株": "", "棵": "",
    "段": "落式", "部": "门委署分位长件级队室", "位": "一数置于居列次", "次": "性序生要全会议", "家次": "", "户次": "", "车次": "", "架次": "", "批": "准复次示",
}
#: Measures. 万/亿 in front stay part of the unit ("万千瓦", "亿元").
MEASURE_UNITS: dict[str, str] = {
    "微克/立方米": "", "毫克/立方米": "", "毫克/升": "", "微克/升": "", "mg/L": "",
    "μg/m3": "", "μg/m³": "", "µg/m3": "", "µg/m³": "", "ug/m3": "", "ug/m³": "",
    "mg/m3": "", "mg/m³": "", "吨/平方千米·月": "", "吨/平方公里·月": "",
    "个百分点": "", "百分点": "", "%": "", "‰": "",
    "克二氧化碳/千瓦时": "", "克/千瓦时": "", "厘米": "", "毫米": "",
    "千瓦时": "", "千瓦": "", "兆瓦": "", "吨标准煤": "", "吨标煤": "", "蒸吨": "",
    "吨": "", "千克": "", "公斤": "", "立方米": "", "平方米": "", "平方公里": "",
    "平方千米": "", "公顷": "", "亩": "均", "公里": "", "千米": "", "米": "",
    "方": "案面式法向位针便可圆言略", "元": "素旦", "尾": "水气矿号", "头": "部雁",
    "倍": "", "天": "然气空下津", "分贝": "",
    "Mbps": "", "Gbps": "", "M": "WBHbAa",  # bandwidth: "带宽可用性5000M以上" (not "5G", a generation)
}
_SUFFIX = r"(?:/(?:日|天|年|月|季度|季|周|半年|小时|次|辆|人|户|万元))?(?:·(?:次|月|年))?"
_MULTIPLIER = r"(?:百万|千万|万亿|万|亿)?"


def base_unit(unit: str) -> str:
    """The unit without its multiplier and rate: "万吨/日" → "吨", "千瓦" → "千瓦"."""
    return re.sub(r"/.*$|·.*$", "", re.sub(f"^{_MULTIPLIER}", "", unit)) or unit


def _unit_pattern() -> str:
    units = {**MEASURE_UNITS, **COUNT_UNITS}
    alts = []
    for unit in sorted(units, key=len, reverse=True):
        forbidden = units[unit]
        words = forbidden.split("|") if "|" in forbidden else list(forbidden)
        look = f"(?!{'|'.join(map(re.escape, words))})" if forbidden else ""
        alts.append(re.escape(unit) + look)
    return f"{_MULTIPLIER}(?:{'|'.join(alts)}){_SUFFIX}"


#: A quantity: number (or range "1-2"), optional space, unit. A range keeps its lower bound.
QUANTITY_RE = re.compile(
    rf"(?P<num>{NUMBER})(?:\s*[-—–～~至到]\s*(?P<num2>{NUMBER}))?\s?(?P<unit>{_unit_pattern()})"
)

#: Comparator phrases before a number, longest first so "不低于" wins over "低于".
COMPARATORS_BEFORE: dict[str, str] = {
    "不得低于": ">=", "不得少于": ">=", "不应低于": ">=", "不应少于": ">=", "大于等于": ">=",
    "小于等于": "<=", "不得大于": "<=", "不应超过": "<=", "不应高于": "<=", "不超出": "<=",
    "至多": "<=", "最多": "<=", "最高": "<=", "最低": ">=", "不得超过": "<=", "不得高于": "<=", "不超过": "<=", "不高于": "<=", "不大于": "<=",
    "不多于": "<=", "不长于": "<=", "不短于": ">=", "控制在": "<=", "下降至": "<=", "下降到": "<=", "降低至": "<=",
    "降低到": "<=", "减少至": "<=", "减少到": "<=", "压减至": "<=", "降至": "<=",
    "降到": "<=", "≤": "<=", "<=": "<=", "小于": "<", "低于": "<", "少于": "<",
    "不低于": ">=", "不少于": ">=", "不小于": ">=", "不劣于": ">=", "至少": ">=",
    "达到": ">=", "提升至": ">=", "提升到": ">=", "提高至": ">=", "提高到": ">=",
    "增加至": ">=", "增加到": ">=", "增长至": ">=", "增至": ">=", "稳定在": ">=",
    "保持在": ">=", "≥": ">=", ">=": ">=", "大于": ">", "高于": ">", "超过": ">",
    "多于": ">", "完成": ">=", "达": ">=",
}
#: Metrics where lower is better: "PM2.5浓度达到35微克/立方米" means at most 35.
LOWER_IS_BETTER_RE = re.compile(
    r"(?:浓度|降尘量?|污染天数(?:比率|比例)?|劣[ⅤV]类(?:水体|断面)?(?:比例)?|填埋率|能耗|排放强度|"
    r"用水量|等效声级)$")
LOWER_IS_BETTER_UNITS = frozenset({"微克/立方米", "毫克/立方米", "毫克/升", "微克/升", "mg/L",
                                   "μg/m3", "μg/m³", "µg/m3", "µg/m³", "ug/m3", "ug/m³", "mg/m3", "mg/m³",
                                   "吨/平方千米·月", "吨/平方公里·月", "分贝"})
#: Symbols read in the standard's Chinese spelling (GB 3095's 微克/立方米), as the monitoring
#: data and the public pages write them: "47ug/m3" is 47 微克/立方米.
UNIT_SPELLING = {form: "微克/立方米" for form in ("μg/m3", "μg/m³", "µg/m3", "µg/m³", "ug/m3", "ug/m³")} | {
    "mg/m3": "毫克/立方米", "mg/m³": "毫克/立方米"}
#: A sentence opening with an earlier year states a fact, not a target ("2022年，全市PM2.5浓度为…").
PAST_YEAR_RE = re.compile(r"\s*(?:(?:截至|截止到?)(20\d\d)年|(?:其中|全市|全县|全区)?(20\d\d)年(?![底末内前中])"
                          r"|(?P<last>去年|上年|上一年|近年来|近年))")
#: Words stating what already is ("全市共有国考断面8个"), not what is to be done.
FACT_RE = re.compile(r"共有|已有|已经|已建成|已完成|目前|现状|截至|截止|以来")
#: A number that a change starts from ("由60%提高到80%") is the base, not the target.
FROM_BEFORE = ("由", "从")
#: Comparators that are verbs of doing: they bind a number but not an article ("完成一次").
VERB_COMPARATORS = frozenset({"完成", "达", "达到", "稳定在", "保持在"})
PERCENT_UNITS = frozenset({"%", "个百分点", "百分点", "‰"})
PROPERTY_NOUNS = ("含量", "浓度", "比例", "占比", "比重", "率", "效率", "负荷", "含硫量", "硫分", "灰分", "挥发分")
#: Relative changes ("较2020年减少2.0%"): the value is the size of the change, at least.
CHANGE_WORDS: dict[str, str] = {
    "减少": "decrease", "下降": "decrease", "降低": "decrease", "削减": "decrease",
    "压减": "decrease", "提高": "increase", "增长": "increase", "提升": "increase",
    "增加": "increase",
}
#: Comparator phrases after a number.
COMPARATORS_AFTER: dict[str, str] = {
    "及以上": ">=", "或以上": ">=", "以上": ">=", "及以下": "<=", "以下": "<=",
    "以内": "<=", "之内": "<=", "左右": "==",
}
#: After-words making a target approximate: "10个左右" is == 10 with a tolerance.
APPROXIMATE_AFTER = frozenset({"左右"})
#: Nouns that say nothing alone as a metric ("企业 ≥ 182家"): what is done to them is added.
GENERIC_NOUNS = frozenset({"企业", "单位", "项目", "点位", "设施", "工程", "园区", "家", "个"})
#: Units written in words: "35微克每立方米" is 35 微克/立方米 (same length, offsets kept).
WORD_UNIT_RE = re.compile(r"(?<=[克吨米升])每(?=立方米|升|平方[千公]?[米里]|千瓦时)")
#: Money given, not achieved: subsidies, rewards, loans ("给予最高50万元奖励", "贴息").
SUBSIDY_RE = re.compile(r"奖励|奖补|补贴|补助|贴息|贷款|资助|返还|扶持资金|担保")
#: Eligibility conditions ("年营业收入首次突破1亿元", "吸纳就业50人以上的") and forecasts ("预计减排911吨").
CONDITION_RE = re.compile(r"预计|预测|营业收入|营收|吸纳|首次突破|符合条件|申请条件|年产值|注册资本|纳税额|年龄|岁")
#: Counts describing what already is or what a task is about, not what to achieve:
#: "主要有5项任务" (the plan counting its own tasks), "国家考核我市的12个断面", "围绕9个地下水国考点位", "六项主要污染物", "国控1条责任目标断面"
#: (the sections a goal is about).
DESCRIPTIVE_BEFORE_RE = re.compile(r"(?:围绕|考核[^，。；、]{0,6}的|涉及(?:居民|群众|人口|企业|农户|住户)?\s?|包括|聚焦|针对|[国省市县]控|"
                                   r"主要有|动员(?:全[省市县区镇乡])?)$")  # "动员全镇33个行政村广大人民群众": who is addressed
#: The plan's own phases referred to or counted: "巩固前三个阶段取得的成果", "分三个阶段实施".
OWN_PHASES_BEFORE_RE = re.compile(r"(?:前|后|上述|以上|这|该|分)$")
OWN_PHASES_AFTER_RE = re.compile(r"阶段|步骤")
#: Campaigns a plan is organised into, however their count is written ("7个标志性战役", "三大保卫战").
CAMPAIGNS_AFTER_RE = re.compile(r"(?:攻坚战|保卫战|标志性战役|标志性重大战役)")
#: "打好三场攻坚战", "六项基本指标", "守好发展和生态两条底线" (a count in words naming principles),
#: "深化开展“清河、护岸、净水、保水”四项行动" (the plan's own actions counted).
DESCRIPTIVE_AFTER_RE = re.compile(r"^(?:主要|大|基本|攻坚战|保卫战|标志性战役|战役|底线|红线|行动)")
#: The sections and points of a monitoring network (国控/省考 …): designated, never a count to
#: achieve ("全省119个国控断面水质优…": the quality is the target).
NETWORK_AFTER_RE = re.compile(r"[\u4e00-\u9fff]{0,6}?(?:国控|省控|市控|国考|省考|市考|国省考)[\u4e00-\u9fff]{0,4}?(?:断面|点位)")
#: A set of measures named by a count of percentages or coverages: "“六个100%”管控措施", "两个全覆盖".
SET_NAME_BEFORE_RE = re.compile(r"[一二三四五六七八九十两]个[“\"]?$")
SET_NAME_AFTER_RE = re.compile(r"\d+(?:\.\d+)?\s*%|全覆盖")
#: Places and bodies sized by their people or households: "20人以上的自然村", "50户以下的村庄"
#: (the count qualifies the place; "培训500人以上" still counts people).
SIZED_PLACE_RE = re.compile(r"^的?[\u4e00-\u9fff]{0,4}?(?:村|村庄|社区|小区|企业|单位|学校|医院|场所|乡镇|街道|工地|园区|机构)")
#: Nouns naming an amount: a measure + 以上 before them is the amount to achieve, not a
#: qualifier ("50平方公里以上建设用地面积达到…要求", unlike "100平方米以上餐饮店").
AMOUNT_NOUN_RE = re.compile(r"^的?[\u4e00-\u9fff]{0,6}?(?:面积|长度|里程|规模|总量|容量)")
#: A rate that sets how an amount is computed, not what is achieved: "社会保险费50%的标准".
RATE_STANDARD_AFTER = ("的标准", "的缴费", "的费率")

def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


COMPARATOR_BEFORE_RE = re.compile(
    f"(?:{_alternation(COMPARATORS_BEFORE)})(?!标)|(?P<change>{_alternation(CHANGE_WORDS)})"
    r"(?!至|到)")
COMPARATOR_AFTER_RE = re.compile(f"^(?:{_alternation(COMPARATORS_AFTER)})")
#: Bare numbers listed before the one that carries the unit: "分别不高于35、50、10毫克/立方米".
BARE_LIST_RE = re.compile(rf"(?:{ARABIC_NUMBER}\s*[、和及与]\s*)+$")
ARABIC_RE = re.compile(ARABIC_NUMBER)
#: A quantity with its bound, removed from metrics ("淘汰35蒸吨/小时及以下燃煤锅炉" → "淘汰燃煤锅炉").
BOUNDED_QUANTITY_RE = re.compile(QUANTITY_RE.pattern + f"(?:{_alternation(COMPARATORS_AFTER)})?")
BASELINE_RE = re.compile(r"(?:较|比|与)(?P<base>(?:20\d\d|19\d\d)年(?:底)?|上年|去年|上一年)|(?P<yoy>同比)")


def baseline_name(match: re.Match, year: int | None) -> str:
    """"2020年" as written; the previous year for 同比/上年/去年 when the plan's year is known."""
    base = match["base"] or "上年"
    if base in ("上年", "去年", "上一年") and year is not None:
        return f"{year - 1}年"
    return base

#: Aspiration: a target to strive for, not a binding one.
SOFT_RE = re.compile("力争|争创|争取|鼓励|努力|积极创建")
#: Words of a responsibility clause (牵头/配合/负责…), whose parentheses hold units, not targets.
ROLE_RE = re.compile(r"牵头|配合|负责|参与|协同|协办|主办|责任单位")
#: A segment holding only a time: "力争到2023年底，…".
TIME_ONLY_RE = re.compile(r"到|在|至|于|20\d\d年|年底|年末|年内|底|前|\d{1,2}月|[\s“”]")
#: Where a target applies, when written at the start of its metric.
SCOPE_RE = re.compile(
    r"^(?:全市|全省|全区|全县|市区|主城区|中心城区|城市建成区|建成区|城区|各辖市区|各辖市、区|"
    r"各地|涉农县\(市、区\)域内|涉农县（市、区）域内)")
#: Words opening a segment that belong to neither the metric nor the scope.
LEAD_RE = re.compile(
    r"^(?:年内|全年|当年|今年|本年度|本年|年底|年末|(?:20\d\d年)?\d{1,2}月(?:底|末)?前|到20\d\d年底?|20\d\d年底?前?|确保|力争|争取|努力|鼓励|积极|持续|"
    r"进一步|全面|基本|实现|原则上|应当|应(?![急用对])|并(?![网购])|其中|计划|共计|在现有基础上|"
    r"对(?![外标])|力争实现|完成|推进|推动|实施|开展|组织开展|加快|加强|同时|通过|累计|"
    r"再(?!生)|首批|其他|并对其中|所有|全部|均(?![值衡])|还(?!原)|要(?![素求])|以及|和|及|、|\s|[（(]\d{1,2}[）)]|\d{1,2}[.、．]|[①-⑳]|[一二三四五六七八九十]是)+")
#: Words closing a metric that belong to the comparator or the list around it.
TRAIL_RE = re.compile(r"(?:分别|由|从|原则上|应当|应|要|需|须|均|全部|全面|基本|稳定|持续|实现|达到|保持|的|为|是|"
                      r"等|和|及|与|、|[（(][^（）()]*[）)])$")
#: Before a distance, these make it a spatial qualifier ("沿岸三公里", "两侧1公里范围").
SPATIAL_BEFORE = ("沿岸", "两侧", "两岸", "周边", "沿线", "半径", "周围", "距离")
SPATIAL_AFTER = ("范围", "以内", "之内", "内的", "内")
#: A radius named after the distance ("15公里供热半径范围内的燃煤锅炉"): a place, not a target.
SPATIAL_RADIUS_RE = re.compile(r"^[\u4e00-\u9fff]{0,4}半径(?:范围)?(?:以内|之内|内)")
LIST_JOINER_RE = re.compile(r"^[、和及与以\s]*$")
#: Where the shared part of "A、B、C断面优Ⅲ比例" begins in the last item.
TAIL_START_RE = re.compile(r"断面|点位|累计|减排|排放|比例|浓度|利用率|覆盖率|达标率|占比")
#: Nouns of a measurable quantity: "…面积不减少" is a target, "功能不降低" and "空气质量不下降" (a quality) are not.
MEASURABLE_RE = re.compile(r"(?:面积|率|(?<!质)量|数|比例|数量|总量|规模|占比|浓度|产值|储量)$")
CJK_RE = re.compile(r"[\u4e00-\u9fff]")
