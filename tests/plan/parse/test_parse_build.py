"""The seed parsed into ecoplan.plan/1, checked against what a reader of the plan sees."""

import json

import pytest

from ecoplan.errors import InputError
from ecoplan.plan.build import parse_plan
from ecoplan.plan.source import SourceDocument, TableRow, TaskTable

from plan_docs import text_document


def test_top_level_fields_follow_the_contract(seed_plan):
    assert seed_plan["format"] == "ecoplan.plan/1"
    for key in ["source", "document", "sections", "tasks", "targets", "units", "warnings"]:
        assert key in seed_plan
    assert seed_plan["source"]["chars"] > 10000
    json.dumps(seed_plan, ensure_ascii=False)  # plain JSON all through
    task = seed_plan["tasks"][0]
    for key in ["id", "number", "section", "title", "text", "responsibility", "subitems", "districts", "deadlines"]:
        assert key in task
    assert set(task["responsibility"]) == {"lead", "cooperating", "shared", "implementers"}


def test_document_metadata(seed_plan):
    assert seed_plan["document"] == {
        "title": "2023年常州市生态文明建设工作方案", "doc_number": "常政发〔2023〕23号",
        "issuer": "常州市人民政府", "signed": "2023-04-17", "published": "2023-04-27",
        "year": 2023, "year_source": "title", "region": "常州市"}


def test_36_tasks_in_seven_sections_and_none_from_the_safeguards(seed_plan):
    tasks = seed_plan["tasks"]
    assert [t["number"] for t in tasks] == [str(i) for i in range(1, 37)]
    assert [t["id"] for t in tasks[:2]] == ["t1", "t2"]
    sections = {s["id"]: s for s in seed_plan["sections"]}
    assert sections["s2-1"]["path"] == ["二、重点任务", "(一)加快推动绿色低碳发展"]
    assert sections["s2-7"]["title"] == "切实解决好突出生态环境问题"
    assert tasks[0]["section"] == "s2-1" and tasks[35]["section"] == "s2-7"
    assert not any("组织领导" in t["title"] for t in tasks)


def test_task_text_runs_over_continuation_paragraphs(seed_plan):
    task10 = seed_plan["tasks"][9]
    assert task10["title"] == "着力打好臭氧污染防治攻坚战"
    assert task10["text"].startswith("着力打好臭氧污染防治攻坚战。依托")
    assert "推动活性炭核查整治全覆盖" in task10["text"]
    assert "实施扬尘污染精细化治理" not in task10["text"]
    assert seed_plan["tasks"][25]["text"].rstrip().endswith("市场监管局等按职责分工负责)")


def test_sub_items(seed_plan):
    subitems = seed_plan["tasks"][22]["subitems"]
    assert [s["number"] for s in subitems] == ["(1)", "(2)", "(3)", "(4)"]
    assert subitems[2]["title"] == "加强高风险遗留地块土壤污染风险管控"


def names(task, role):
    return [u["name"] for u in task["responsibility"][role]]


def test_responsibility_merged_over_paragraphs_and_standing_clause_applied(seed_plan):
    tasks = seed_plan["tasks"]
    assert names(tasks[0], "lead") == ["市发展和改革委员会"]
    assert tasks[0]["responsibility"]["cooperating"][0] == {"name": "市工业和信息化局", "written": "市工信局"}
    assert all(names(t, "implementers") == ["各辖市区人民政府", "常州经济开发区管理委员会"] for t in tasks)
    assert names(tasks[12], "lead") == ["市公安局"]  # task 13's second paragraph
    assert names(tasks[12], "shared") == ["市生态环境局", "市农业农村局"]
    assert "国家税务总局常州市税务局" in names(tasks[10], "shared")


def test_districts_named_in_task_text(seed_plan):
    tasks = seed_plan["tasks"]
    assert tasks[2]["districts"] == ["金坛区", "天宁区", "钟楼区", "常州经开区"]
    assert tasks[0]["districts"] == []  # the responsibility clause's 常州经开区管委会 does not count


def test_goal_and_units(seed_plan):
    assert seed_plan["goal"]["text"].startswith("工作目标")
    assert "PM2.5浓度不超过31微克/立方米" in seed_plan["goal"]["text"]
    units = {u["name"]: u for u in seed_plan["units"]}
    assert units["市发展和改革委员会"]["known"] and "市发改委" in units["市发展和改革委员会"]["aliases"]
    assert all(u["known"] for u in seed_plan["units"])
    assert seed_plan["warnings"] == []


def test_unknown_units_are_kept_flagged_and_warned(gazetteer):
    text = "2024年某市工作方案\n一、重点任务\n1. 推进工作。(市发改委、农机局牵头)\n"
    plan = parse_plan(text_document(text), gazetteer)
    assert names(plan["tasks"][0], "lead") == ["市发展和改革委员会", "市农机局"]
    assert {"name": "市农机局", "aliases": [], "kind": "other", "known": False} in plan["units"]
    assert any("市农机局" in w["message"] for w in plan["warnings"])


def test_a_document_without_tasks_is_an_input_error(gazetteer):
    with pytest.raises(InputError, match="未找到可识别的工作任务") as err:
        parse_plan(text_document("这是一段没有编号的文字。\n另一段。\n", "empty.txt"), gazetteer)
    assert err.value.file == "empty.txt"


def test_task_tables_become_tasks(gazetteer):
    table = TaskTable(where="sheet 任务清单", header=["序号", "类别", "工作任务", "牵头单位", "配合单位", "完成时限"],
                      roles={"number": 0, "section": 1, "title": 2, "lead": 3, "cooperating": 4, "deadline": 5},
                      rows=[TableRow(2, {"number": "1", "section": "大气", "title": "治理金坛区工业源",
                                         "lead": "市生态环境局", "cooperating": "市发改委、工信局", "deadline": "6月底前"}),
                            TableRow(3, {"number": "2", "section": "", "title": "治理移动源",
                                         "lead": "市公安局", "cooperating": "", "deadline": ""})])
    doc = SourceDocument(file="t.xlsx", sha256="0", text="", tables=[table])
    plan = parse_plan(doc, gazetteer)
    first, second = plan["tasks"]
    assert names(first, "cooperating") == ["市发展和改革委员会", "市工业和信息化局"]
    assert first["districts"] == ["金坛区"]
    assert first["section"] == second["section"] == "s1"
    assert plan["sections"] == [{"id": "s1", "path": ["大气"], "title": "大气"}]
    assert names(second, "lead") == ["市公安局"]


def test_a_task_table_read_from_xlsx_gets_targets_and_row_deadlines(tmp_path, gazetteer):
    from openpyxl import Workbook

    from ecoplan.plan.build import parse_file

    book = Workbook()
    sheet = book.active
    sheet.append(["2024年常州市大气污染防治工作任务清单"])
    sheet.append(["序号", "重点任务", "工作措施", "牵头单位", "配合单位", "完成时限"])
    sheet.append([1, "推进VOCs治理", "完成金坛区100家企业治理", "市生态环境局", "市发改委、工信局", "6月底前"])
    sheet.append([2, "推进扬尘治理", "工地在线监测全覆盖", "市住建局", None, "年底前"])
    path = tmp_path / "list.xlsx"
    book.save(path)
    plan = parse_file(path)
    assert plan["document"]["title"] == "2024年常州市大气污染防治工作任务清单"
    assert plan["document"]["year"] == 2024
    first, second = plan["tasks"]
    assert names(first, "cooperating") == ["市发展和改革委员会", "市工业和信息化局"]
    assert first["deadlines"][0]["date"] == "2024-06-30"
    target = next(t for t in plan["targets"] if t["task"] == "1")
    assert (target["value"], target["unit"], target["deadline"]) == (100, "家", "2024-06-30")
    assert first["deadlines"][0]["target"] == target["id"]
    assert plan["source"]["file"] == "list.xlsx"
    assert second["deadlines"][0]["date"] == "2024-12-31"


def test_tasks_without_units_are_warned_about(gazetteer):
    text = "2024年某市工作方案\n一、重点任务\n1. 推进甲。(市发改委牵头)\n2. 推进乙。\n三、保障措施\n1. 强化目标考核\n"
    plan = parse_plan(text_document(text), gazetteer)
    assert {"text": "推进乙", "message": "任务 2 未写明责任单位"} in plan["warnings"]
    assert plan["goal"] is None  # a 目标 heading after the tasks is no goals section


def test_a_document_number_cited_in_the_body_is_not_the_plans(gazetteer):
    text = ("2024年某市工作方案\n一、重点任务\n1. 贯彻《方案》（苏政办发〔2022〕81号）。(市发改委牵头)\n")
    assert parse_plan(text_document(text), gazetteer)["document"]["doc_number"] is None
    numbered = "某市人民政府文件\n某政发〔2024〕5号\n" + text
    assert parse_plan(text_document(numbered), gazetteer)["document"]["doc_number"] == "某政发〔2024〕5号"


def test_a_clause_on_the_heading_line_is_not_part_of_the_title(gazetteer):
    text = "2024年某市工作方案\n一、重点任务\n1. 推进VOCs治理（市生态环境局牵头）\n完成30家企业治理。\n2. 加强扬尘管控。完成监测。(市住建局牵头)\n"
    first, second = parse_plan(text_document(text), gazetteer)["tasks"]
    assert first["title"] == "推进VOCs治理"
    assert names(first, "lead") == ["市生态环境局"]
    assert second["title"] == "加强扬尘管控"


def test_signature_at_the_end_of_a_plan_issued_on_its_own(gazetteer):
    body = "".join(f"{i}. 推进第{i}项工作。{'完成工作。' * 400}(市发改委牵头)\n" for i in range(1, 12))
    text = "2024年某市生态环境保护工作方案\n一、重点任务\n" + body + "某市人民政府办公室\n2024 年 3 月 8 日\n"
    document = parse_plan(text_document(text), gazetteer)["document"]
    assert (document["issuer"], document["signed"]) == ("某市人民政府办公室", "2024-03-08")


def test_a_gap_in_task_numbers_is_warned_about(gazetteer):
    text = "2024年某市工作方案\n一、重点任务\n1. 推进甲。(市发改委牵头)\n3. 推进丙。(市发改委牵头)\n"
    warnings = parse_plan(text_document(text), gazetteer)["warnings"]
    assert warnings == [{"text": "3.推进丙", "message": "任务编号不连续：1. 之后为 3."}]


def test_offsets_point_into_the_document_text(seed_plan, seed_text):
    for task in seed_plan["tasks"]:
        assert seed_text[task["start"]:task["end"]] == task["text"]
        for deadline in task["deadlines"]:
            assert seed_text[deadline["start"]:deadline["end"]] == deadline["text"]
            assert deadline["phrase"] in deadline["text"]
    for target in seed_plan["targets"]:
        assert seed_text[target["start"]:target["end"]] == target["text"]
    assert seed_plan["tasks"][8]["deadlines"][0]["date"] == "2023-06-30"


def test_a_sections_headline_targets_are_goals(gazetteer):
    text = ("2024年某市工作方案\n一、重点任务\n（一）打好蓝天保卫战\n到2024年底，全市PM2.5浓度不高于30微克/立方米。\n"
            "1. 推进甲。完成10家企业治理。(市发改委牵头)\n")
    plan = parse_plan(text_document(text), gazetteer)
    assert [(t["task"], t["value"]) for t in plan["targets"]] == [("goal", 30), ("1", 10)]


def test_a_section_over_the_tasks_is_not_the_goals_section(gazetteer):
    text = "2024年某市工作方案\n一、目标任务\n1. 推进甲。完成10家企业治理。(市发改委牵头)\n"
    plan = parse_plan(text_document(text), gazetteer)
    assert plan["goal"] is None
    assert [(t["task"], t["value"]) for t in plan["targets"]] == [("1", 10)]


def test_signature_over_a_catalogue_and_garbage_catalogue_cells_ignored(gazetteer):
    from pathlib import Path

    from ecoplan.plan.build import parse_file

    document = parse_file(Path(__file__).parent / "synthetic" / "catalogue_pipes.txt")["document"]
    assert document == {"title": "武穴市创建省级生态文明建设示范市2018年工作计划", "doc_number": "武政办发〔2018〕64号",
                        "issuer": "武穴市人民政府办公室", "signed": "2018-07-14", "published": "2018-07-23",
                        "year": 2018, "year_source": "title", "region": "武穴市"}


def test_a_bare_month_in_a_deadline_column(gazetteer):
    table = TaskTable(where="sheet 1", header=["序号", "工作任务", "牵头单位", "完成时限"],
                      roles={"number": 0, "title": 1, "lead": 2, "deadline": 3},
                      rows=[TableRow(2, {"number": "1", "title": "治理工业源", "lead": "市生态环境局", "deadline": "9月"})])
    doc = SourceDocument(file="t.xlsx", sha256="0", text="2024年任务清单\n1\t治理工业源\t市生态环境局\t9月", tables=[table])
    assert [d["date"] for d in parse_plan(doc, gazetteer)["tasks"][0]["deadlines"]] == ["2024-09-30"]


def test_items_restarting_under_each_heading_are_the_tasks_and_a_heading_without_items_is_one(gazetteer):
    text = ("(七)公园建设\n完成公园建设任务,园林单位达60%以上。责任单位:各区人民政府、市园林局,完成时间:2009年5月底前。\n"
            "(八)绿化建设\n1、完成甲山公园规划。责任单位:市林业局、东山街办、甲城区,完成时间:2009年9月30日前。\n"
            "2、完成江滩防护林建设。责任单位:市水利局,完成时间:2009年5月10日前。3、完成大道隔离带建设。"
            "责任单位:市交通局,完成时间:2009年6月10日前。\n"
            "4、完善厂区防护绿地。责任单位:某某球团厂,完成时间:2009年5月20日前。\n"
            "(九)综合治理\n1、实施湖泊清淤工程。责任单位:市建委,完成时间:2009年5月30日前。\n"
            "2、实施背街小巷改造工程。责任单位:市建委,完成时间:2009年8月30日前。\n")
    tasks = parse_plan(text_document(text), gazetteer, year=2009)["tasks"]
    assert [t["number"] for t in tasks] == ["7", "8.1", "8.2", "8.3", "8.4", "9.1", "9.2"]
    assert [[d["date"] for d in t["deadlines"]] for t in tasks] == [
        ["2009-05-31"], ["2009-09-30"], ["2009-05-10"], ["2009-06-10"], ["2009-05-20"], ["2009-05-30"], ["2009-08-30"]]
    assert names(tasks[0], "lead") == ["各区人民政府", "市园林局"]
    # A district, a sub-district office (no 市 in front) and a works named under 责任单位 are units.
    assert names(tasks[1], "lead") == ["市林业局", "东山街办", "甲城区"]
    assert names(tasks[3], "lead") == ["市交通运输局"] or names(tasks[3], "lead") == ["市交通局"]
    assert names(tasks[4], "lead") == ["某某球团厂"]
