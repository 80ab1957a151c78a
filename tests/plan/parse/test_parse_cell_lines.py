"""A table whose cells arrive one per line (issue 18, held-out batch 9's misses): a page's table
copied to text, "序号 / 主要任务 / 牵头部门 / 完成时限 / 1 / … / 2 / …", blank lines between the cells."""

from __future__ import annotations

from ecoplan.plan.build import parse_plan
from ecoplan.plan.readers import read_document

NOTICE = """关于印发某市2017年度水污染防治重点工作任务的通知

各县人民政府:

现将重点工作任务印发给你们,请按时完成。

附件 1、2017年度水污染防治重点工作任务

2、各任务牵头部门联系人

附件1

序号

主要任务

牵头部门

完成时限

1

完成城市建成区黑臭水体整治。

市住建局

2017年底前

2

建成污水管网10公里。

市水务局

6月底前

其他说明文字。
"""


def test_a_table_written_one_cell_per_line_is_a_task_table(gazetteer, tmp_path):
    """Its rows are the tasks (not the notice's attachment list "附件 1、… 2、…"), with their units and dates."""
    path = tmp_path / "notice.txt"
    path.write_text(NOTICE, encoding="utf-8")
    plan = parse_plan(read_document(path), gazetteer, year=2017)
    assert [t["number"] for t in plan["tasks"]] == ["1", "2"]
    assert [[u["written"] for u in t["responsibility"]["lead"]] for t in plan["tasks"]] == [["市住建局"], ["市水务局"]]
    assert [[d["date"] for d in t["deadlines"]] for t in plan["tasks"]] == [["2017-12-31"], ["2017-06-30"]]
    assert [(t["task"], t["value"], t["unit"]) for t in plan["targets"]] == [("2", 10, "公里")]


def test_a_lone_header_word_or_a_numbered_list_is_no_table(gazetteer, tmp_path):
    text = "某县工作要点\n序号\n一、推进河道整治\n1.完成5条河道清淤。(县水利局负责)\n2.开展巡查。(县环保局负责)\n"
    path = tmp_path / "plain.txt"
    path.write_text(text, encoding="utf-8")
    plan = parse_plan(read_document(path), gazetteer, year=2017)
    assert [t["number"] for t in plan["tasks"]] == ["1", "2"]
    assert plan["tasks"][0]["responsibility"]["shared"][0]["name"] == "县水利局"
