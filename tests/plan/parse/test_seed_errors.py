"""The seed's errors of issue 18 that reached the public page, each fixed and kept fixed."""

from __future__ import annotations

from ecoplan.plan.build import parse_plan
from plan_docs import text_document


def _task(plan: dict, number: str) -> dict:
    return next(t for t in plan["tasks"] if t["number"] == number)


def test_task_17_six_june_first_is_a_start_not_a_deadline(seed_plan):
    [deadline] = _task(seed_plan, "17")["deadlines"]
    assert (deadline["date"], deadline["kind"]) == ("2023-06-01", "start")
    assert all(d["kind"] == "due" for t in seed_plan["tasks"] if t["number"] != "17" for d in t["deadlines"])


def test_task_9_june_deadline_governs_the_biomass_boiler_clause_only(seed_plan):
    [deadline] = _task(seed_plan, "9")["deadlines"]
    assert deadline["scope"] == "clause" and "生物质锅炉" in deadline["text"]
    assert not deadline["text"].startswith("推进固定源深度治理")


def test_task_13_police_lead_the_fireworks_paragraph(seed_plan, seed_text):
    first, second = _task(seed_plan, "13")["paragraphs"]
    names = lambda g, role: [u["name"] for u in g["responsibility"][role]]  # noqa: E731
    assert names(first, "lead") == [] and names(first, "shared") == ["市生态环境局", "市农业农村局"]
    assert names(second, "lead") == ["市公安局"]
    assert "烟花爆竹" in seed_text[second["start"]:second["end"]]
    assert "秸秆禁烧" in seed_text[first["start"]:first["end"]]


def test_task_36_title_is_its_first_clause(seed_plan):
    assert _task(seed_plan, "36")["title"] == "认真抓好中央、省级生态环境保护督察和省级突出生态环境问题专项督查交办问题整改"


def test_items_opening_with_a_year_are_items_and_numbers_keep_upper_levels(gazetteer):
    text = ("2023年某省方案\n一、重点任务\n（一）甲\n1.推进甲。（牵头单位：省商务厅）\n2.2023年6月底前，完成乙。（牵头单位：省商务厅）\n"
            "（二）丙\n1.推进丙。（牵头单位：省商务厅）\n二、其他任务\n（一）丁\n1.推进丁。（牵头单位：省商务厅）\n")
    plan = parse_plan(text_document(text), gazetteer)
    assert [t["number"] for t in plan["tasks"]] == ["1.1.1", "1.1.2", "1.2.1", "2.1.1"]
    assert [d["date"] for d in plan["tasks"][1]["deadlines"]] == ["2023-06-30"]


def test_seed_relative_targets_and_metric_names(seed_plan):
    from ecoplan.plan.render import target_line

    by_text = {t["text"]: t for t in seed_plan["targets"]}
    held = by_text["2023年港口岸电用电量不低于2022年"]
    assert target_line(held).startswith("港口岸电用电量 不低于2022年")
    assert "逐年下降" in target_line(by_text["一次性消费品人均使用量逐年下降"])
    first = next(t for t in seed_plan["targets"] if t["task"] == "10" and t["value"] == 182)
    assert first["metric"] != "企业" and first["metric"].endswith("企业")


def test_a_table_row_continued_across_a_page_is_joined_by_its_number(gazetteer):
    from ecoplan.plan.source import SourceDocument, TableRow, TaskTable

    roles = {"number": 0, "title": 1, "lead": 2, "deadline": 3}
    header = ["序号", "工作任务", "牵头单位", "完成时限"]
    page1 = TaskTable(where="table 1", header=header, roles=roles, rows=[
        TableRow(2, {"number": "1", "title": "治理工业源", "lead": "市生态环境局", "deadline": "6月底前"}),
        TableRow(3, {"number": "2", "title": "完成金坛区100家企业", "lead": "市生态环境局", "deadline": ""})])
    page2 = TaskTable(where="table 2", header=header, roles=roles, rows=[
        TableRow(1, {"number": "", "title": "VOCs治理", "lead": "", "deadline": "年底前"}),
        TableRow(2, {"number": "3", "title": "治理移动源", "lead": "市公安局", "deadline": ""}),
        TableRow(3, {"number": "5", "title": "治理扬尘", "lead": "市住建局", "deadline": ""})])
    plan = parse_plan(SourceDocument(file="t.pdf", sha256="0", text="", tables=[page1, page2]), gazetteer)
    assert [t["number"] for t in plan["tasks"]] == ["1", "2", "3", "5"]
    assert plan["tasks"][1]["title"] == "完成金坛区100家企业VOCs治理"
    assert any("任务表序号不连续：3 之后为 5" in w["message"] for w in plan["warnings"])


def test_a_start_reads_as_a_start_in_the_table(seed_plan):
    from ecoplan.plan.render import deadline_lines

    assert deadline_lines(_task(seed_plan, "17"))[0].startswith("2023-06-01 起 6月1日起")
    assert deadline_lines(_task(seed_plan, "9"))[0].startswith("2023-06-30 2023年6月底前")
