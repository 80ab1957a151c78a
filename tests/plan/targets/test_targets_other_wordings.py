"""Targets as other governments write them (issue 18): 左右, units in words, all/none
commitments; subsidies, conditions, slogans and descriptive counts are not targets; relative
targets read in words; metric names that stand alone."""

from __future__ import annotations

import pytest

from ecoplan.plan.reading import relative_words
from ecoplan.plan.roman import roman_classes
from ecoplan.plan.targets import find_targets


def keys(text: str) -> list[tuple]:
    return [(t.value, t.unit, t.comparator) for t in find_targets(text, year=2023)]


@pytest.mark.parametrize(("text", "expected"), [
    ("打造10个左右新型智能终端数字产业集群。", [(10, "个", "==")]),
    ("PM2.5浓度控制在35微克每立方米以内。", [(35, "微克/立方米", "<=")]),
    ("实现秸秆全量利用。", [(100, "%", "==")]),
    # held-out batch 8 as development (session 6): all-commitments with other verbs, 负增长
    ("秸秆必须全量还田。", [(100, "%", "==")]),
    ("落后燃煤小热电全部关停整合。", [(100, "%", "==")]),
    ("全部取缔不符合产业政策的小型造纸、制革,、印染等生产项目。", [(100, "%", "==")]),
    ("实现煤炭消费总量负增长。", [(0, "%", ">")]),
    ("城区所有餐饮全面安装油烟净化设施。", [(100, "%", "==")]),
    ("全面建立河长制。", []),
    ("推动重点城市继续实现煤炭消费负增长。", [(0, "%", ">")]),
    # bounds in brackets side by side, units 厘米 and 克二氧化碳/千瓦时, a rate named as the goal's value
    ("落实割茬限高(不高于10厘米)和切茬限长(不长于10厘米)。", [(10, "厘米", "<="), (10, "厘米", "<=")]),
    ("单位供电二氧化碳排放控制在550克二氧化碳/千瓦时以内。", [(550, "克二氧化碳/千瓦时", "<=")]),
    ("确保实现综合利用率不低于95%的目标。", [(95, "%", ">=")]),
    # a count restated with the same words after it (a news headline, then its lead) is one target
    ("宁波:2020年关停电厂4台共86万千瓦燃煤机组\n到2020年,完成电厂4台共86万千瓦燃煤机组关停工作。",
     [(4, "台", ">="), (86, "万千瓦", ">=")]),
    # not targets: a clause cited with spaces, people each body names, a radius around a place
    ("督促业主严格执行《大气污染防治法》第 118 条之规定。", []),
    ("各成员单位明确联络人各1名。", []),
    ("电厂15公里供热半径范围内的燃煤锅炉全部关停整合。", [(100, "%", "==")]),
    ("推行扬尘管控全覆盖、全留痕。", [(100, "%", "==")]),
    ("重点企业均配备在线监测设备。", [(100, "%", "==")]),
    ("确保辖区内污水全部进行处理。", [(100, "%", "==")]),
    ("全年实现零事故。", [(0, "", "==")]),
    ("保持县城建成区无黑臭水体。", [(0, "", "==")]),
    ("全省排名上升6位。", [(6, "位", ">=")]),  # a rank gained; not 三位一体, 两位数
    ("外排废水达地表水Ⅴ类标准。", [(5, "类", "<=")]),
    # A water class after other words: 力争/年度均值 before the verb, 保持为, 水功能区要求 after.
    ("考核断面水质力争保持达到或优于Ⅲ类。", [(3, "类", "<=")]),
    ("各断面水质年度均值保持为Ⅲ类。", [(3, "类", "<=")]),
    ("断面水质稳定达到Ⅱ类水功能区要求。", [(2, "类", "<=")]),
    # found on development plans after the first measurement (issue 18, second session)
    ("接入能力10000M以上。", [(10000, "M", ">=")]),
    ("实现县级以上主城区全覆盖、重点区域深度覆盖。", [(100, "%", "==")]),
    ("全年培训500人以上。", [(500, "人", ">=")]),
    ("全年不出现重度及以上污染天数。", [(0, "", "==")]),
    ("确保不发生重大突发环境事件。", [(0, "", "==")]),
    ("80%以上的县城全面消除黑臭水体。", [(80, "%", ">=")]),
    ("到2025年底，30平方公里以上建成区面积达到要求。", [(30, "平方公里", ">=")]),
    ("单位地区生产总值能耗降至0.5吨标准煤/万元以下。", [(0.5, "吨标准煤/万元", "<=")]),
    ("开展3场专项执法行动。", [(3, "场", ">=")]),
    # found on development openings in session 3 (batch 4)
    ("9个考核断面水质优良比例达到55%以上。", [(55, "%", ">=")]),
    ("3个国考断面优Ⅲ比例达到100%。", [(100, "%", ">=")]),
    ("PM2.5、PM10年均浓度分别下降到47ug/m3、73ug/m3以下。", [(47, "微克/立方米", "<="), (73, "微克/立方米", "<=")]),
    ("PM2.5年均浓度不高于35μg/m3。", [(35, "微克/立方米", "<=")]),
    ("耕地面积不减少。", [(0, "%", ">=")]),
    # found on held-out batch 3 once it became development material (session 5)
    ("甲村断面、乙站断面水质达到Ⅲ类及以上水平。", [(3, "类", "<=")]),
    ("建成区黑臭水体消除比例达到90%。", [(90, "%", ">=")]),  # the rate, not a none-commitment
    ("对其中44台锅炉完成提标改造。", [(44, "台", ">=")]),  # acts on a part: a target
    ("优良比例达到89%，其中东江流域100%。", [(89, "%", ">="), (100, "%", ">=")]),  # a sub-area's rate
    ("完成170户危房改造，其中续建138户。", [(170, "户", ">=")]),  # a part of the count given
    ("完成8家企业改造，其中6月底前完成3家。", [(8, "家", ">="), (3, "家", ">=")]),  # a milestone is one
    ("新建化粪池2880户（其中490户列入省项目）。", [(2880, "户", ">=")]),
    ("新建8个村庄公厕（8个村庄公厕均列入省任务）。", [(8, "个", ">=")]),  # a bracket repeating it
    ("PM2.5浓度在60至70微克/立方米之间的乡镇浓度均下降至60微克/立方米及以下。", [(60, "微克/立方米", "<=")]),
    ("确保PM2.5浓度不出现不降反升。", [(0, "%", "<=")]),  # not above the year before
    ("PM2.5浓度控制在30至35微克/立方米之间。", [(30, "微克/立方米", "<=")]),  # a range to reach is a target (lower bound kept)
])
def test_other_wordings_are_targets(text, expected):
    assert keys(text) == expected


@pytest.mark.parametrize("text", [
    "对符合条件的企业给予最高50万元奖励。",
    "对年营业收入首次突破1亿元的企业给予支持。",
    "对吸纳就业50人以上的企业优先支持。",
    "推进政务服务“一次办好”。",
    "加强国家考核我市的12个断面水质监测。",
    "围绕9个地下水国考点位开展排查。",
    "六项主要污染物浓度持续下降。",
    "坚持零容忍。",
    "基本实现20人以上的自然村4G网络覆盖。",
    "对50户以下的村庄开展调查。",
    "或按企业及其职工应缴纳社会保险费50%的标准确定。",
    "建设5G基站。",
    "建立全覆盖、全区域的管控机制。",
    "全力打好三场攻坚战。",
    "六项基本指标均达到二级标准。",
    "努力实现“一个翻番、两个突破”。",
    "完善医护患三方服务网络。",
    "各县(市)环境空气质量不下降。",  # a quality, not a measurable amount
    "禁止使用含硫量高于0.7%的煤炭。",  # a threshold on the coal, not a share of things
    "坚持三位一体，保持两位数增长，排名第3位。",
    "确保国控1条责任目标断面和市控2条责任目标断面达到目标要求。",  # which sections, not how many
    "逐步消除重污染天。",  # a direction over years, not this year's commitment
    "全县整治工作主要有5项任务。",  # the plan counting its own tasks
    "排查供水人口在10000人或日供水在1000吨以上的水源地。",  # two measures joined by 或: a condition
])
def test_not_targets(text):
    assert keys(text) == []


def test_a_bracket_restating_a_target_adds_none():
    text = "优良天数比率不低于92.5%（即全年污染天数不能超过27天），PM2.5平均浓度不高于34微克/立方米。"
    assert keys(text) == [(92.5, "%", ">="), (34, "微克/立方米", "<=")]


def test_approximate_is_marked():
    [target] = find_targets("培育10个左右工业互联网产业园区。", year=2021)
    assert target.approximate and target.metric == "工业互联网产业园区"


@pytest.mark.parametrize(("args", "words"), [
    ((">=", 0, "%", "2022年"), "不低于2022年"), ((">=", 0, "%", None), "不减少"),
    (("<=", 0, "%", "2023年"), "不高于2023年"), (("<=", 0, "%", None), "不增加"),
    ((">", 0, "%", None), "逐年下降"), ((">=", 2.0, "%", "2020年"), None), ((">=", 0, "", None), None),
])
def test_relative_targets_read_in_words(args, words):
    assert relative_words(*args) == words



@pytest.mark.parametrize(("text", "value"), [
    ("水质保持或优于Ⅲ类。", 3),
    ("丹江口水库水质稳定达到《地表水环境质量标准》(GB3838-2002)Ⅱ类要求；", 2),
    ("一级支流水质全部达到或优于Ⅴ类水、达到或优于Ⅲ类水体比例达到50%。", 5),
])
def test_water_classes_in_other_wordings(text, value):
    """保持或优于 / a class after the standard's name and number / a class "…类水、" in a list."""
    assert [(t.value, t.unit, t.comparator) for t in find_targets(text, year=2016) if t.unit == "类"] == [
        (value, "类", "<=")]


def test_a_class_glossed_with_its_roman_numeral():
    """"无劣五(V)类水体" is 无劣Ⅴ类 (none); "三(III)类" is Ⅲ类."""
    [target] = find_targets("地表水无劣五(V)类水体。", year=2018)
    assert (target.value, target.comparator) == (0, "==")
    assert roman_classes("达到或优于三（III）类比例；五类重点行业") == "达到或优于Ⅲ类比例；五类重点行业"


@pytest.mark.parametrize("text", [
    "2条一级支流水质全部达到或优于Ⅴ类。",
    "全市50个地表水考核断面(详见附件1表1—2)达到或好于Ⅲ类水体比例达到90%。",
])
def test_the_count_of_objects_a_goal_is_about_is_no_target(text):
    """The number of rivers or sections a class or a rate is set for describes them."""
    assert all(t.unit not in ("条", "个") for t in find_targets(text, year=2022))


@pytest.mark.parametrize(("text", "expected"), [
    ("燃煤机组(含自备电厂)均应安装脱硝设施。", (100, "%", "==")),
    ("主要农作物化肥和农药使用量实现零增长，畜禽粪污综合利用。", (0, "", "==")),
    ("土壤污染防治有效，不发生危废污染、化工污染问题。", (0, "", "==")),
    ("可吸入颗粒物年均浓度不超过2012年水准，并进一步改善。", (0, "%", "<=")),
    ("继续推进既有住宅增设电梯，开工建设200部。", (200, "部", ">=")),
])
def test_commitments_in_other_wordings(text, expected):
    """均应安装 (all), 零增长 and 不发生…问题 (none), 不超过2012年水准 (not above a year's level),
    the classifier 部."""
    assert [(t.value, t.unit, t.comparator) for t in find_targets(text, year=2013)] == [expected]


@pytest.mark.parametrize("text", ["2018年取缔两段式煤气发生炉。", "国家12部委联合督查。", "落实到有关部门。"])
def test_numerals_naming_a_type_or_a_body_are_no_counts(text):
    assert find_targets(text, year=2018) == []


def test_the_people_a_task_concerns_are_no_target():
    """"涉及居民6.2万户" says whom the 50 projects concern, not a count to achieve."""
    found = find_targets("开工老旧小区改造项目50个，涉及居民 6.2 万户。", year=2023)
    assert [(t.value, t.unit) for t in found] == [(50, "个")]


@pytest.mark.parametrize(("text", "expected"), [
    # a section as the subject of a class written in Latin letters, before a space or a lost "。"
    ("双河口断面持续保持或优于III类 临江河流域达到水域功能要求。", [(3, "类", "<=")]),
    ("矮墩桥断面提升至III类,2019年", [(3, "类", "<=")]),
    ("茨坝断面提升至III类.三 水污染物排放控制目标", [(3, "类", "<=")]),
    # a class before a qualifier in brackets or a second predicate
    ("出境断面水质保持在I类(溶解氧指标除外),", [(1, "类", "<=")]),
    ("出境控制断面水质稳定达到Ⅳ类并向好发展。", [(4, "类", "<=")]),
    # 零火点: a burning ban's none-commitment
    ("继续实施秸秆全面禁烧,保持零火点,严格控制。", [(0, "", "==")]),
    ("力争实现零火点。", [(0, "", "==")]),
])
def test_classes_of_sections_in_latin_letters_and_no_fire_point(text, expected):
    assert keys(text) == expected


@pytest.mark.parametrize("text", ["断面数量达到3个。", "监测断面水质类别。", "零火点目标责任书"])
def test_no_class_or_none_commitment_without_its_predicate(text):
    assert [k for k in keys(text) if k[1] in ("类", "")] == []


@pytest.mark.parametrize(("text", "expected"), [
    # the count names what a rate is about (the rate is the target)
    ("城区3个水厂的水源水质达标率100%。", [(100, "%", ">=")]),
    ("已划定保护区的50个集镇集中式饮用水水源水质达标率90%以上。", [(90, "%", ">=")]),
    # campaigns a plan is organised into, the count written in digits
    ("抓好污染防治攻坚战7个标志性战役重点任务清单落实。", []),
    # a count inside the title of a notice
    ("关于印发某市空气、水环境、土壤环境质量巩固提升三个行动方案的通知", []),
    ("某市人民政府办公厅关于印发\n\n某市空气、水环境质量巩固提升两个行动方案的通知\n", []),
    # still counts: a count with its own clause before a rate
    ("完成3个水厂建设，水质达标率达到100%。", [(3, "个", ">="), (100, "%", ">=")]),
])
def test_counts_naming_a_rates_subject_campaigns_or_a_notice_are_no_target(text, expected):
    assert keys(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("劣于Ⅴ类水体断面比例保持在0%。", [(0, "%", "==")]),  # a zero kept: ">= 0" would bind nothing
    ("比例不低于0%。", [(0, "%", ">=")]),  # an explicit bound stays
    ("比例保持在5%。", [(5, "%", ">=")]),
])
def test_a_zero_reached_or_kept_is_an_equality(text, expected):
    assert keys(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a range of classes: the looser bound is required (held-out batch 6)
    ("保障主要入湖河流水质改善达到III—IV类,消除劣V类水质。", [(4, "类", "<="), (0, "", "==")]),
    ("断面水质达到Ⅱ～Ⅲ类。", [(3, "类", "<=")]),
    # the verb first, the class before what it qualifies
    ("稳定保持抚仙湖I类水质。", [(1, "类", "<=")]),
    ("力争恢复Ⅲ类水体。", [(3, "类", "<=")]),
    # not a class target: a class naming what a rate counts
    ("达到Ⅲ类水质的比例达到80%。", [(80, "%", ">=")]),
])
def test_ranges_of_classes_and_classes_before_what_they_qualify(text, expected):
    assert keys(text) == expected


@pytest.mark.parametrize("text", [
    # principles counted in words (held-out batch 6)
    "牢牢守好发展和生态两条底线。",
    # campaigns after 消除: their count or their name
    "深入打好柴油货车污染治理、臭氧污染防治、重污染天气消除三个标志性战役,着力解决问题。",
    "打好重污染天气消除攻坚战,持续改善空气质量。",
    # who is mobilised
    "动员全镇33个行政村广大人民群众,广泛参与、集中整治。",
    # a monitoring network's sections (the excerpt cut before their rate)
    "全省119个国控断面水质优",
    # a set of measures named by a count of percentages
    "落实施工工地、渣土运输、城区道路扬尘“六个100%”管控措施,加强综合整治。",
    "落实扬尘治理六个100%要求。",
])
def test_counts_naming_principles_campaigns_addressees_networks_or_a_set_are_no_target(text):
    assert keys(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("施工工地扬尘防治达到100%。", [(100, "%", ">=")]),
    ("新建3个国控空气自动监测站。", [(3, "个", ">=")]),  # stations built, not a network's sections
    ("组织33个行政村完成整治。", [(33, "个", ">=")]),
])
def test_still_targets_beside_the_descriptive_counts(text, expected):
    assert keys(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # 持平 against a year takes the metric's direction (held-out batch 5)
    ("PM2.5平均浓度较2019年持平,达到41微克/立方米。", [(0, "%", "<="), (41, "微克/立方米", "<=")]),
    ("森林面积与上年持平。", [(0, "%", ">=")]),
    ("优良天数比率与2022年基本持平。", [(0, "%", ">=")]),
    ("各项工作较上年持平。", []),  # no quantity
])
def test_level_with_a_year_takes_the_metrics_direction(text, expected):
    assert keys(text) == expected
    found = [t for t in find_targets(text, year=2023) if t.value == 0]
    assert all(t.baseline in ("2019年", "2022年") and t.change == "increase" for t in found)
    if found:
        words = relative_words(found[0].comparator, 0, "%", found[0].baseline)
        assert words == ("不高于2019年" if "浓度" in text else f"不低于{found[0].baseline}")


@pytest.mark.parametrize(("text", "expected"), [
    # held-out batch 7: a breakdown opened by 其中 runs over the sentence's next segments
    ("化学需氧量合计削减569吨,其中工业和生活源减排484吨,农业源减排85吨。", [(569, "吨", ">=")]),
    ("减排项目:共27个。其中污水处理厂项目6个;结构减排项目14个;农业减排项目7个。", [(27, "个", ">=")]),
    ("完成170户危房改造，其中续建138户；新建污水处理厂2座。", [(170, "户", ">="), (2, "座", ">=")]),
    # forecasts are not targets
    ("减排项目共27个,预计减排911吨。", [(27, "个", ">=")]),
    # the plan's own phases counted
    ("巩固前三个阶段取得的成果,完成5个示范点建设。", [(5, "个", ">=")]),
    ("分三个阶段实施。", []),
    # a count naming the places a class is set for, a bracket listing them between
    ("3个集中式饮用水水源地(市第一、第二、第三水源地)水质达到Ⅲ类;", [(3, "类", "<=")]),
    # 消除 a list ending in 现象/问题: one none-commitment
    ("努力消除城区及周边道路、高速公路和县乡村道路等各类道路扬尘严重污染现象;", [(0, "", "==")]),
])
def test_batch7_wordings(text, expected):
    assert keys(text) == expected


@pytest.mark.parametrize("text, expected", [
    # an all-commitment to remove: 全部搬离 / 全部清运
    ("核心控制区内的秸秆组织力量全部搬离,集中堆放。", [(100, "%", "==")]),
    ("河道两岸的垃圾全部清运。", [(100, "%", "==")]),
    # a none-commitment on water bodies that lost their use (the class in its bracket)
    ("水质优良比例达到88.2%,无丧失使用功能(劣于Ⅴ类)的水体断面,", [(88.2, "%", ">="), (0, "", "==")]),
    # a bracket breaking down the count just given (its parts add up to it): one target
    ("重点整治建设38个美丽乡村(省级27个、市级11个)。", [(38, "个", ">=")]),
    # parts that do not add up to it are counts of their own
    ("建设38个美丽乡村(另建示范村5个、精品村3个)。", [(38, "个", ">="), (5, "个", ">="), (3, "个", ">=")]),
    # a count the thing is one of, and places a plan designates: descriptions
    ("列入10个省级重点改善提升的历史文化名镇名村之一的某村,启动整治建设工作。", []),
    ("划定甲镇、乙镇、丙乡5个乡镇为重点禁烧区。", []),
    ("完成5个乡镇的禁烧巡查。", [(5, "个", ">=")]),
    # a count of the sections a goal with no value is set for
    ("辖区内甲河、乙河等10条市政府考核河道断面达到分阶段水质目标。", []),
    ("完成10条河道断面整治。", [(10, "条", ">=")]),
])
def test_batch9_wordings(text, expected):
    assert keys(text) == expected
