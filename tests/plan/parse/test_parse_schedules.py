"""Schedules and page fragments (issue 18, held-out batch 7's misses), each rule on a short
made-up text: a schedule's dated phases are tasks (numbered phases each, unnumbered 第N阶段 lines
as their heading's one task), a page's first items closed by a heading of a higher order belong
to the section before it, and ranges of days written with dashes or crossing the year."""

from __future__ import annotations

from ecoplan.plan.build import parse_plan

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
