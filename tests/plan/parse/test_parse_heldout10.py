"""Rules drawn from held-out batch 10's misses (issue 18, session 6), each on a short synthetic
text: a 责任单位 list beside a 牵头 and a 配合 label names the implementers (as a 责任单位 column
beside 牵头 and 配合 columns does), 协作部门 cooperates, an office (…办公室) is a unit under a
label, and two names of one level run together are two units."""

from __future__ import annotations

from ecoplan.plan.build import parse_plan
from ecoplan.plan.unit_names import split_joined

from plan_docs import text_document


def roles(task: dict) -> dict[str, list[str]]:
    return {role: [u["name"] for u in units] for role, units in task["responsibility"].items() if units}


def test_responsible_label_lines_under_lead_and_cooperating_lines_name_the_implementers(gazetteer):
    text = ("某镇2020年河长制工作计划\n一、强化水资源保护\n1.落实区域用水计划管理。\n牵头部门:镇水利站\n"
            "配合部门:镇工业办公室,镇城建办\n主体责任单位:各村(居)\n"
            "2.规范入河排污口监管。\n牵头部门:镇环保站\n责任单位:各村(居)\n")
    plan = parse_plan(text_document(text), gazetteer, year=2020)
    first, second = plan["tasks"]
    assert roles(first) == {"lead": ["镇水利站"], "cooperating": ["镇工业办公室", "镇城建办"],
                            "implementers": ["各村(居)"]}
    # no 配合 line: the 责任单位 line under a 牵头 line still cooperates
    assert roles(second) == {"lead": ["镇环保站"], "cooperating": ["各村(居)"]}


def test_labels_on_one_line_with_a_cooperating_label_make_the_responsible_list_implement(gazetteer):
    text = ("某镇2020年河长制工作安排\n一、水域岸线管控\n1.开展清四乱专项行动。"
            "牵头部门:镇水利站 协作部门:镇城建办 主体责任单位:各村\n")
    plan = parse_plan(text_document(text), gazetteer, year=2020)
    assert roles(plan["tasks"][0]) == {"lead": ["镇水利站"], "cooperating": ["镇城建办"], "implementers": ["各村"]}
    alone = "某镇2020年工作安排\n一、水域岸线管控\n1.开展清四乱专项行动。牵头部门:镇水利站 责任单位:各村\n"
    assert roles(parse_plan(text_document(alone), gazetteer, year=2020)["tasks"][0]) == {
        "lead": ["镇水利站"], "cooperating": ["各村"]}


def test_two_names_of_one_level_run_together_are_two_units(gazetteer):
    assert split_joined("镇城建办镇农技站", gazetteer) == ["镇城建办", "镇农技站"]
    assert split_joined("县城管局县住建局县水利局", gazetteer) == ["县城管局", "县住建局", "县水利局"]
    assert split_joined("市委市政府", gazetteer) == ["市委市政府"]  # parts shorter than four characters
    assert split_joined("市城市管理局", gazetteer) == ["市城市管理局"]
    assert split_joined("镇城建办", gazetteer) == ["镇城建办"]


def test_the_plans_own_actions_counted_in_words_are_no_target():
    from ecoplan.plan.targets import find_targets

    text = "决定在全市范围深化开展“清河、护岸、净水、保水”四项行动，组织开展三大行动。"
    assert find_targets(text, year=2020) == []
    # a count in digits is still what the year must do
    assert [(t.value, t.unit) for t in find_targets("全年开展3项专项行动。", year=2020)] == [(3, "项")]


def test_a_progress_table_without_number_or_unit_columns_is_read_row_by_row(gazetteer, tmp_path):
    """工作目标任务 | 年度工作内容 | 截至12月31日完成情况: the rows are tasks in order; the results
    column reports what was done and gives no target."""
    from ecoplan.plan.readers import read_document

    path = tmp_path / "progress.txt"
    path.write_text("工作目标任务 | 2022年度工作内容及进度安排 | 截至12月31日完成情况 |\n"
                    "断面水质达标率100% | 加强污染源排查治理。 | 1-12月，22个断面水质达标率为100%。 |\n"
                    "完成涉气企业整治 | 完成80家涂装企业污染整治。 | 完成80家企业整治，整改问题131个。 |\n",
                    encoding="utf-8")
    plan = parse_plan(read_document(path), gazetteer, year=2022)
    assert [t["number"] for t in plan["tasks"]] == ["1", "2"]
    assert [(t["task"], t["value"], t["unit"]) for t in plan["targets"]] == [("1", 100, "%"), ("2", 80, "家")]
