"""Schedules and page fragments (issue 18, held-out batch 7's misses), each rule on a short
made-up text: a schedule's dated phases are tasks (numbered phases each, unnumbered 第N阶段 lines
as their heading's one task), a page's first items closed by a heading of a higher order belong
to the section before it, and ranges of days written with dashes or crossing the year."""

from __future__ import annotations

from ecoplan.plan.build import parse_plan
from ecoplan.plan.readers import read_document

from plan_docs import text_document


def dates(task: dict) -> list[tuple[str, str]]:
    return [(d["date"], d["kind"]) for d in task["deadlines"]]


def test_numbered_phases_of_a_schedule_are_tasks_beside_tasks_with_units(gazetteer):
    """"四、实施步骤及时间安排 1、动员发动阶段(2007年12月10日前)…": each phase is a task with its
    dates, though the phases name no unit and the other tasks do; a range written with "---"."""
    text = ("某市城乡环境综合整治实施方案\n一、工作任务\n1、加大宣传力度。各新闻媒体要加强宣传报道。\n牵头单位:市委宣传部。\n"
            "二、实施步骤及时间安排\n1、动员发动阶段(2007年12月10日前)。召开动员大会。\n"
            "2、突击整治阶段(2007年12月11日---2008年1月31日)。集中清理卫生死角。\n"
            "三、组织领导\n市政府成立领导小组。\n")
    plan = parse_plan(text_document(text), gazetteer)
    assert [t["number"] for t in plan["tasks"]] == ["1.1", "2.1", "2.2"]
    assert dates(plan["tasks"][1]) == [("2007-12-10", "due")]
    assert dates(plan["tasks"][2]) == [("2007-12-11", "start"), ("2008-01-31", "due")]
    assert not any("未写明责任单位" in w["message"] for w in plan["warnings"])  # phases name no unit by nature


def test_unnumbered_phase_lines_make_their_heading_one_task(gazetteer):
    """"三、实施步骤 第一阶段:组织部署(2008年11月5日之前)。… 第二阶段:…(2008年12月21日-1月10日)": the
    heading is a task holding every phase's dates; a range's end written without a year and
    before its start is in the next year."""
    text = ("某市大气污染整治方案\n一、主要任务\n1.加强医疗垃圾管理。由市环保局牵头,各县区政府负责实施。\n"
            "2.加强扬尘管理。由市建设局负责。\n三、实施步骤\n第一阶段:组织部署(2008年11月5日之前)。制订实施计划。\n"
            "第二阶段:查漏补缺(2008年12月21日-1月10日)。组织自查自评。\n四、保障措施\n(一)加强组织领导。\n")
    plan = parse_plan(text_document(text), gazetteer)
    assert [t["number"] for t in plan["tasks"]] == ["1", "2", "三"]
    assert dates(plan["tasks"][2]) == [("2008-11-05", "due"), ("2008-12-21", "start"), ("2009-01-10", "due")]


def test_a_heading_of_steps_without_dated_phases_is_no_task(gazetteer):
    text = ("某市方案\n一、主要任务\n1.加强管理。由市环保局负责。\n二、实施步骤\n第一阶段:组织部署。制订计划。\n"
            "第二阶段:集中整治。全面整治。\n")
    plan = parse_plan(text_document(text), gazetteer, year=2008)
    assert [t["number"] for t in plan["tasks"]] == ["1"]


def test_a_page_starting_at_phase_two_closed_by_the_next_section(gazetteer):
    """A page from a schedule's middle, "(二)自查摸底阶段(7月3日至7月15日)。…(三)…" then "五、保障措施
    (一)…": the phases are section 四's (its heading on the page before: '4.2', '4.3'), not the
    last phase's sub-items, and 五's items restart under it."""
    text = ("(二)自查摸底阶段(7月3日至7月15日)。各地要于7月15日前将检查情况报省办公室。\n"
            "(三)全面整治阶段(7月16日至8月31日)。集中整治重点环境问题。\n"
            "五、保障措施\n(一)提高认识。要切实抓紧抓好落实工作。\n(二)加强组织领导。省政府成立领导小组。\n")
    plan = parse_plan(text_document(text), gazetteer, year=2005)
    assert [t["number"] for t in plan["tasks"]][:2] == ["4.2", "4.3"]
    assert dates(plan["tasks"][0]) == [("2005-07-03", "start"), ("2005-07-15", "due"), ("2005-07-15", "due")]
    assert dates(plan["tasks"][1]) == [("2005-07-16", "start"), ("2005-08-31", "due")]


def test_an_item_above_the_pages_first_heading_takes_the_section_before_it(gazetteer):
    """"16、…牵头单位:市委宣传部。" then "四、实施步骤 1、…": numbering restarts under 四, so item 16
    is section 三's ('3.16'), its heading on the page before."""
    text = ("16、加大宣传力度。各新闻媒体要加强宣传报道。\n牵头单位:市委宣传部。\n配合单位:市广电局。\n"
            "四、实施步骤及时间安排\n1、动员发动阶段(2007年12月10日前)。召开动员大会。\n"
            "2、突击整治阶段(2007年12月11日至2008年1月31日)。集中清理。\n")
    plan = parse_plan(text_document(text), gazetteer)
    assert [t["number"] for t in plan["tasks"]] == ["3.16", "4.1", "4.2"]
    assert [u["name"] for u in plan["tasks"][0]["responsibility"]["lead"]] == ["市委宣传部"]


def test_a_one_line_page_cut_across_levels_assigns_units_at_each(gazetteer, tmp_path):
    """A page arriving as one line, starting inside a section: "[接上页] 6.…(考核责任单位:省环保厅)
    7.…(五)…(考核责任单位:…) 二、考核的组织实施 (一)…,具体工作由省环保厅、监察厅会同省发展改革委、
    经贸委、国土资源厅、交警总队等部门负责,…": its items before the first heading are cut too, each
    item holding its own clause is a task at its level, "由A会同B负责" inside a sentence is read
    (A leads, B cooperates) and the elided 省 restored (国土资源厅 is no national body, nor a 总队)."""
    text = ("[接上页] 6.按要求完成减排监测体系建设工作任务;2015年前,市环境监测站应达到二级站标准并通过省级验收。"
            "(考核责任单位:省环保厅) 7.加快推进城市供排水管理系统建设,提高行业监管水平。(考核责任单位:省住房和城乡建设厅) "
            "(五)区域突出环境问题整治目标 完成重点企业的重金属污染整治工作。(考核责任单位:省环保厅) "
            "二、考核的组织实施 (一)考核工作由省政府组织,具体工作由省环保厅、监察厅会同省发展改革委、经贸委、"
            "国土资源厅、交警总队等部门负责,考核办法由省环保厅会同以上各有关部门制定。"
            " (二)市政府应于每年3月底前完成年度工作自查,并将自查结果报省政府,同时抄送省环保厅和省监察厅。")
    (tmp_path / "page.txt").write_text(text, encoding="utf-8")
    plan = parse_plan(read_document(tmp_path / "page.txt"), gazetteer, year=2011)
    tasks = {t["number"]: t for t in plan["tasks"]}
    assert list(tasks) == ["6", "7", "1.5", "2.1", "2.2"]
    assert not any(tasks["2.2"]["responsibility"].values())  # 抄送 names recipients
    assert [u["name"] for u in tasks["6"]["responsibility"]["lead"]] == ["省环保厅"]
    assert [d["date"] for d in tasks["6"]["deadlines"]] == ["2015-12-31"]
    assert [u["name"] for u in tasks["1.5"]["responsibility"]["lead"]] == ["省环保厅"]
    assert [u["name"] for u in tasks["2.1"]["responsibility"]["lead"]] == ["省环保厅", "省监察厅"]
    assert tasks["2.1"]["title"] == "考核工作由省政府组织"
    assert [u["name"] for u in tasks["2.1"]["responsibility"]["cooperating"]] == [
        "省发展改革委", "省经贸委", "省国土资源厅", "省交警总队"]
    assert not any("编号不连续" in w["message"] for w in plan["warnings"])


def test_a_unit_named_after_a_province_takes_no_elided_prefix(gazetteer):
    from ecoplan.plan.unit_names import restore_prefixes
    names, _ = restore_prefixes(["省文化和旅游厅", "山东老年大学", "财政厅"], gazetteer)
    assert names == ["省文化和旅游厅", "山东老年大学", "省财政厅"]


def test_items_opening_with_their_due_date_are_tasks(gazetteer):
    """"一、2019年12月20日前完成…排查工作,并报送…。": a notice's top-level items of one sentence
    each, opening with the date they are due by, are its tasks (each with its date)."""
    text = ("关于开展饮用水水源地环境保护专项行动的函\n各县区生态环境局:\n现提出以下工作要求。\n"
            "一、2019年12月20日前完成水源地保护区环境状况排查工作,并报送问题清单。\n"
            "二、2020年3月15日前完成水源保护区周边环境风险排查。\n"
            "三、2020年11月底前完成水源地保护区问题整治工作。\n")
    plan = parse_plan(text_document(text), gazetteer)
    assert [(t["number"], dates(t)) for t in plan["tasks"]] == [
        ("一", [("2019-12-20", "due")]), ("二", [("2020-03-15", "due")]), ("三", [("2020-11-30", "due")])]
    # one-sentence items not opening with a date are headings, as before
    heads = "某方案\n一、加强组织领导。\n二、强化督查考核。\n三、做好宣传引导。\n"
    assert not _tasks_or_none(heads, gazetteer)


def _tasks_or_none(text: str, gazetteer) -> list:
    from ecoplan.errors import InputError
    try:
        return parse_plan(text_document(text), gazetteer)["tasks"]
    except InputError:
        return []


def test_phases_run_on_in_one_paragraph_dated_by_ranges_of_years(gazetteer):
    """"二、实施步骤 第一阶段(2016年—2018年):…。 第二阶段(2019年—2020年):…": the schedule's
    heading is one task; a phase's range of years starts on the first year's first day and is
    due on the last year's last day. A range of years outside a phase's bracket (a plan's name
    "规划(2016-2025)") is no deadline."""
    text = ("某市生态文明建设示范市规划(2016-2025)推进方案\n一、工作目标\n力争到2020年创建省级生态文明建设示范市。\n"
            "二、实施步骤\n第一阶段(2016年—2018年):编制《某市规划(2016-2025)》,提请审议。 "
            "第二阶段(2019年—2020年):制定推进方案,开展创建工作。\n")
    plan = parse_plan(text_document(text), gazetteer)
    assert [(t["number"], dates(t)) for t in plan["tasks"]] == [("二", [
        ("2016-01-01", "start"), ("2018-12-31", "due"), ("2019-01-01", "start"), ("2020-12-31", "due")])]


def test_a_page_as_one_run_of_text_holding_only_middle_headings_and_items(gazetteer, tmp_path):
    """"3.… (五)… 1.… 2.…" on one line (a document site's flattened page, no 一、 heading): cut at
    its (n) headings in order from any number and at the items under each; the items under (五)
    restart at 1, so "3." is (四)'s ('4.3'); a sentence opening with a unit and 负责 ("县交警大队
    负责…管理") gives it a share of the task, not a "由…负责起草" one; the page's last heading
    "(六)…" holding no item is a task ('6')."""
    text = ("县大气污染防治行动实施计划内容摘要:\n"
            "3.加强入城车辆管理。 禁止各类货运车辆进入禁行区域内行驶。 县交警大队负责禁行区域内标识的日常管理和维护,"
            "对违规行驶车辆依法进行处罚。 (牵头单位:县公安局、县城管办;责任单位:县交通运输局) (五)加强机动车污染防治。 "
            "1.全面淘汰黄标车。 2017 年年底前,基本淘汰黄标车,加快淘汰污染严重的老旧车辆。 (牵头单位:县公安局;责任单位:"
            "县财政局) 2.加强在用机动车环保管理。 建立检测维修制度,加强对检测和维修机构的管理。 (牵头单位:县环保局;"
            "责任单位:县交通运输局) (六)积极推进餐饮油烟专项整治。 城区餐饮全面安装油烟净化设施\n")
    (tmp_path / "page.txt").write_text(text, encoding="utf-8")
    plan = parse_plan(read_document(tmp_path / "page.txt"), gazetteer)
    roles = {t["number"]: {r: [u["name"] for u in us] for r, us in t["responsibility"].items() if us}
             for t in plan["tasks"]}
    assert roles == {"4.3": {"lead": ["县公安局", "县城管办"], "cooperating": ["县交通运输局"], "shared": ["县交警大队"]},
                     "5.1": {"lead": ["县公安局"], "cooperating": ["县财政局"]},
                     "5.2": {"lead": ["县环保局"], "cooperating": ["县交通运输局"]}, "6": {}}
    assert dates(plan["tasks"][1]) == [("2017-12-31", "due")]
    # the page's last heading, with no items, is a task: its clause is on the next page
    assert [(t["task"], t["value"]) for t in plan["targets"]] == [("6", 100)]
