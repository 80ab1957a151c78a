import pytest

from ecoplan.plan.deadlines import find_deadlines, resolve_deadline


@pytest.mark.parametrize("phrase, date", [
    ("3月底前", "2023-03-31"), ("6月底前", "2023-06-30"), ("2月底前", "2023-02-28"),
    ("年底前", "2023-12-31"), ("12月底前", "2023-12-31"), ("2023年6月底前", "2023-06-30"),
    ("到2023年底", "2023-12-31"), ("6月1日起", "2023-06-01"), ("10月15日前", "2023-10-15"),
    ("上半年", "2023-06-30"), ("下半年", "2023-12-31"), ("第三季度", "2023-09-30"),
    ("一季度", "2023-03-31"), ("四季度末", "2023-12-31"), ("年内", "2023-12-31"),
    ("11月底前", "2023-11-30"), ("九月底前", "2023-09-30"), ("6月上旬", "2023-06-10"),
    ("6月中旬前", "2023-06-20"), ("6月下旬", "2023-06-30"), ("到2025年", "2025-12-31"),
    ("2024年3月底前", "2024-03-31"), ("２０２３年６月底前", "2023-06-30"),
    ("次年3月底前", "2024-03-31"), ("明年6月底前", "2024-06-30"),
    # Spaces around 年/月/日, as text taken from PDF has them.
    ("5 月底前", "2023-05-31"), ("2024 年 6 月 30 日前", "2024-06-30"), ("12 月 31 日前", "2023-12-31"),
    # 月 left out between a year and 底 (a published table's "2016 年 6 底前").
    ("2016 年 6 底前", "2016-06-30"), ("2016年10底前", "2016-10-31"),
])
def test_resolve(phrase, date):
    assert resolve_deadline(phrase, year=2023) == date


def test_leap_year_february():
    assert resolve_deadline("2月底前", year=2024) == "2024-02-29"


@pytest.mark.parametrize("phrase", ["6月", "全年", "每月底前", "2023年", "明年", "6底前", "第6底"])
def test_not_a_deadline(phrase):
    assert resolve_deadline(phrase, year=2023) is None


def _dates(text, year=2023):
    return [(d.phrase, d.date) for d in find_deadlines(text, year=year)]


def test_governed_clause_and_offsets():
    text = "强化总磷污染控制，6月底前，完成洮滆两湖总磷污染控制方案并组织实施；新增能力1万吨/日。"
    (d,) = find_deadlines(text, year=2023)
    assert (d.date, d.phrase) == ("2023-06-30", "6月底前")
    assert d.text == "6月底前，完成洮滆两湖总磷污染控制方案并组织实施"
    assert text[d.start:d.end] == d.text


def test_several_in_one_sentence_each_govern_up_to_the_next():
    text = "3月底前,建立台账并上报,6月底前完成处置工作,12月底前完成验收销号。"
    found = find_deadlines(text, year=2023)
    assert [d.date for d in found] == ["2023-03-31", "2023-06-30", "2023-12-31"]
    assert [d.text for d in found] == ["3月底前,建立台账并上报", "6月底前完成处置工作", "12月底前完成验收销号"]


def test_a_closing_phrase_governs_the_clause_before_it():
    text = "（3）完成50台燃煤锅炉淘汰任务（6月底前）。"
    (d,) = find_deadlines(text, year=2023)
    assert d.text == "（3）完成50台燃煤锅炉淘汰任务（6月底前"
    assert d.date == "2023-06-30"


def test_restated_date_is_one_deadline():
    text = "到2023年底,通过综合治理,年底全市完成整治提升企业2000家以上。"
    assert _dates(text) == [("到2023年底", "2023-12-31")]


@pytest.mark.parametrize("text", [
    "每月底前报送进展情况。",
    "新纳入名录的单位在一年内完成隐患排查。",
    "委托第三方开展一季度一次为期一年的水质监测。",
    "常州市人民政府 2023年4月17日",
    "实施季度点评制度，全年抽测数量不少于3000辆·次。",
    "2023年，深入践行绿色发展理念。",
])
def test_recurring_relative_and_plain_dates_are_not_deadlines(text):
    assert _dates(text) == []


def test_unknown_year_keeps_the_phrase_without_a_date():
    found = find_deadlines("6月底前完成方案；2024年3月底前完成验收。", year=None)
    assert [(d.phrase, d.date) for d in found] == [("6月底前", None), ("2024年3月底前", "2024-03-31")]


@pytest.mark.parametrize("cell, date", [
    ("6月", "2023-06-30"), ("2023年6月", "2023-06-30"), ("6月30日", "2023-06-30"),
    ("2023年6月30日", "2023-06-30"), ("2023.6.30", "2023-06-30"), ("2023-06", "2023-06-30"),
    ("2024/3", "2024-03-31"), ("全年", "2023-12-31"), ("2023年度", "2023-12-31"),
    (" 12月 ", "2023-12-31"), ("6月中旬", "2023-06-20"), ("年底前", "2023-12-31"),
])
def test_deadline_cell(cell, date):
    (d,) = find_deadlines(cell, year=2023, whole=True)
    assert d.date == date and cell[d.start:d.end] == d.text


@pytest.mark.parametrize("cell", ["持续推进", "长期坚持", "按省要求", ""])
def test_cell_without_a_date(cell):
    assert find_deadlines(cell, year=2023, whole=True) == []


def test_cell_with_several_phrases_keeps_each():
    found = find_deadlines("6月底前完成方案，12月底前验收", year=2023, whole=True)
    assert [d.date for d in found] == ["2023-06-30", "2023-12-31"]


def test_bare_month_in_running_text_is_not_a_deadline():
    assert find_deadlines("6月", year=2023) == []


@pytest.mark.parametrize("text, whole", [("2月30日前完成", False), ("2月30日", True), ("2023.2.30", True)])
def test_days_a_month_does_not_have_are_not_deadlines(text, whole):
    assert find_deadlines(text, year=2023, whole=whole) == []


def test_a_range_into_the_next_year():
    """"11月15日至次年3月15日" (a heating season): a start in the plan's year, due the next year."""
    found = find_deadlines("11月15日至次年3月15日，实施错峰生产。", year=2023)
    assert [(d.date, d.kind) for d in found] == [("2023-11-15", "start"), ("2024-03-15", "due")]


@pytest.mark.parametrize("text", ["（县生态环境分局负责，长期坚持）", "持续推进。", "每季度调度一次。", "按月通报考核断面水质。"])
def test_standing_work_is_no_deadline(text):
    assert find_deadlines(text, year=2023) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("2023年4月—6月开展专项行动。", [("2023-04-01", "start"), ("2023-06-30", "due")]),
    ("5月份至9月份，开展臭氧攻坚。", [("2023-05-01", "start"), ("2023-09-30", "due")]),
    ("11月至次年2月，开展秋冬季攻坚。", [("2023-11-01", "start"), ("2024-02-29", "due")]),
])
def test_a_range_of_months_starts_on_the_first_and_is_due_on_the_last_day(text, expected):
    assert [(d.date, d.kind) for d in find_deadlines(text, year=2023)] == expected


@pytest.mark.parametrize("text", ["每年11月至次年2月，开展秋冬季攻坚。", "每年6月底前报送上年度报告。"])
def test_a_yearly_period_is_no_deadline(text):
    assert find_deadlines(text, year=2023) == []


def test_a_schedule_phase_of_one_month_written_in_brackets():
    """"动员部署阶段(5月)": the phase lasts that month (its first day the start, its last the
    due date) beside a range "(5月-8月)"; a month in brackets elsewhere is no period."""
    found = find_deadlines("(一)动员部署阶段(5月) 制定实施方案。(二)整治阶段（5月-8月）开展检查。(四)总结阶段（十一月份）进行总结。",
                           year=2009)
    assert [(d.date, d.kind) for d in found] == [
        ("2009-05-01", "start"), ("2009-05-31", "due"), ("2009-05-01", "start"), ("2009-08-31", "due"),
        ("2009-11-01", "start"), ("2009-11-30", "due")]
    assert find_deadlines("完成方案编制（5月）。", year=2009) == []
    assert [d.date for d in find_deadlines("动员部署阶段(5月)", year=None)] == []


def test_a_year_set_for_the_works_completion_is_due_at_its_end():
    """Held-out batch 7: "于2009年实现", "力争2013年形成" (a year alone, set for the work); a bare
    year opening a sentence is still none."""
    assert _dates("所有洗煤厂必须于2009年实现废水闭路循环不外排。", year=2009) == [("2009年", "2009-12-31")]
    assert _dates("推进脱硝工程建设,力争2013年形成减排能力。", year=2012) == [("2013年", "2013-12-31")]
    assert _dates("2022年，全市PM2.5浓度为32微克/立方米。") == []


def test_ranges_of_days_written_with_dashes_and_crossing_the_year():
    found = find_deadlines("突击整治阶段(2007年12月11日---2008年1月31日)。", year=2007)
    assert [(d.date, d.kind) for d in found] == [("2007-12-11", "start"), ("2008-01-31", "due")]
    found = find_deadlines("查漏补缺(2008年12月21日-1月10日)。", year=2008)
    assert [(d.date, d.kind) for d in found] == [("2008-12-21", "start"), ("2009-01-10", "due")]
    found = find_deadlines("集中整治(11月6日—12月20日)。", year=2008)
    assert [(d.date, d.kind) for d in found] == [("2008-11-06", "start"), ("2008-12-20", "due")]


def test_a_masked_year_gives_no_deadline():
    """"于20xx年6月底前" (a template or a site's redaction): the year is unknown, no deadline."""
    assert _dates("于20xx年6月底前对污染源开展调查。") == []
    assert _dates("于20__年6月底前完成。") == []
    assert _dates("于2023年6月底前完成。") == [("2023年6月底前", "2023-06-30")]


def test_a_month_named_alone_for_the_work_is_due_at_its_end():
    """"9月份做好迎接验收准备", "8月份,乡镇进行预验收": a month named for the work (月份, no 前/底) is
    due on its last day, as 上半年 is on June 30; months counted over ("1-9月份", "8、9月份"), a
    month's data ("6月份的") and a start ("4月份开始") are not."""
    assert _dates("9月份做好迎接省、市验收准备。", year=2021) == [("9月份", "2021-09-30")]
    assert _dates("8月份,所在乡镇进行预验收。", year=2021) == [("8月份", "2021-08-31")]
    assert _dates("1-9月份累计完成造林。", year=2021) == []
    assert _dates("8、9月份开展巡查。", year=2021) == []
    assert _dates("6月份的监测数据。", year=2021) == []
    assert _dates("每年9月份开展检查。", year=2021) == []
    assert [(d.date, d.kind) for d in find_deadlines("4月份开始绿化。", year=2021)] == [("2021-04-01", "start")]
    assert _dates("9月份以前完成。", year=2021) == [("9月份以前", "2021-09-30")]
