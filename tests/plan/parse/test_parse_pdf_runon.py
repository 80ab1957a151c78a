"""A PDF's text whose structure runs on (issue 18, held-out batch 9's misses), each rule on a short
made-up snippet: a role bracket broken over a line break and a blank line, items numbered on in
mid-line after a closing bracket or a (n) heading's title, a page number between dashes inside a
sentence, a PDF's space inside a unit's name, a list mixing 区 and 市 bodies, and the end of the item
before a page's first one when that item opens under a (n) heading."""

from __future__ import annotations

from ecoplan.plan.build import parse_plan
from ecoplan.plan.readers import read_document
from ecoplan.plan.readers.runon import runon_lines
from ecoplan.plan.unit_names import split_names

PAGE = """某区治理工作方案 第 3 页

3 条河道治理;

2020 年底前,上述

3 条河道综合整治工 程完工. (牵头单位:区水务局;

协办单位:区规划 局、石 桥街道办)

(三)推进公园建设行动 12.编制公园规划.按照市里的部署,围绕

2019 年5月底前, 编制完成规划. (牵头单位:市规划局某区分局;

协办单位:区发改局、区 中心办、各街道办) 13.编制年度计划.每―8 ― 年3月底前,制定年度计划;

推进示范工程. (牵头单位:区水务局;

协办单位:区发改局、市规划局某区分局、城市更新局) 14.加强项目审批.严格把好审批关. (牵头单位:区水务局;

协办单位:区住建局) 15.建设示范项目.按照标准建设
"""


def roles(task: dict) -> dict:
    return {role: [u["name"] for u in units] for role, units in task["responsibility"].items() if units}


def test_a_role_bracket_broken_over_a_blank_line_is_joined_and_its_second_half_read():
    """"(牵头单位:X;" / "" / "协办单位:Y)": one bracket (the 协办单位 line is no site footer)."""
    lines = ["整治工程完工. (牵头单位:区水务局;", "", "协办单位:区规划局、石桥街道办)", "下一段。"]
    assert runon_lines(lines) == ["整治工程完工. (牵头单位:区水务局;协办单位:区规划局、石桥街道办)", "下一段。"]
    # a site's footer "协办单位：某某网" with no bracket open above stays a line of its own
    assert runon_lines(["正文。", "协办单位：某某信息中心"]) == ["正文。", "协办单位：某某信息中心"]


def test_items_run_on_after_a_bracket_or_a_heading_title_are_cut_when_three_follow_each_other():
    lines = ["(三)推进公园建设行动 12.编制规划.围绕目标", "完成. (牵头单位:区水务局) 13.编制计划. (牵头单位:区水务局) 14.加强审批."]
    assert runon_lines(lines) == ["(三)推进公园建设行动", "12.编制规划.围绕目标", "完成. (牵头单位:区水务局)",
                                  "13.编制计划. (牵头单位:区水务局)", "14.加强审批."]
    # two numbers, or numbers out of sequence, may be references inside a sentence: not cut
    kept = ["按(附件) 2.所列执行,见(表) 3.说明。"]
    assert runon_lines(kept) == kept


def test_a_page_number_between_dashes_inside_a_sentence_is_removed():
    assert runon_lines(["每―8 ― 年3月底前,制定计划;"]) == ["每年3月底前,制定计划;"]
    assert runon_lines(["第 8 页"]) == ["第 8 页"]


def test_a_pdf_space_inside_a_unit_name_is_closed():
    """"区发改 局", "区 中心办", "石 桥街道办": a short head not ending like a unit joins what follows."""
    assert split_names("区发改 局、区 中心办、石 桥街道办") == ["区发改局", "区中心办", "石桥街道办"]
    assert split_names("市发改委 市工信局") == ["市发改委", "市工信局"]
    assert split_names("各乡镇 各街道") == ["各乡镇", "各街道"]


def test_a_pdf_page_of_run_on_items_under_a_heading(gazetteer, tmp_path):
    """The page above: its text above "(三)" ends item 11 (items numbered on across headings), items
    12–15 are the tasks, every 协办单位 cooperates, a list mixing 区 and 市 bodies leaves a bare name as
    written (城市更新局: 区 or 市 is not said), and 每年 with a page number inside is no deadline."""
    path = tmp_path / "page.txt"
    path.write_text(PAGE, encoding="utf-8")
    plan = parse_plan(read_document(path), gazetteer, year=2017)
    tasks = {t["number"]: t for t in plan["tasks"]}
    assert list(tasks) == ["11", "12", "13", "14", "15"]
    assert roles(tasks["11"]) == {"lead": ["区水务局"], "cooperating": ["区规划局", "石桥街道办"]}
    assert roles(tasks["12"]) == {"lead": ["市规划局某区分局"], "cooperating": ["区发改局", "区中心办", "各街道办"]}
    assert roles(tasks["13"]) == {"lead": ["区水务局"], "cooperating": ["区发改局", "市规划局某区分局", "城市更新局"]}
    assert roles(tasks["14"]) == {"lead": ["区水务局"], "cooperating": ["区住建局"]}
    assert [d["date"] for d in tasks["11"]["deadlines"]] == ["2020-12-31"]
    assert [d["date"] for d in tasks["12"]["deadlines"]] == ["2019-05-31"]
    assert tasks["13"]["deadlines"] == []
    assert [(t["task"], t["value"], t["unit"]) for t in plan["targets"]] == [("11", 3, "条")]
