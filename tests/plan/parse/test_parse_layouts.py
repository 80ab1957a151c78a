"""Layouts of other governments' plans (issue 18, held-out batch 3's misses), each rule on a
short synthetic text: goal and preamble sections are not tasks, a 目标任务 heading holds tasks,
task tables headed 负责部门 / 时间进度 / 协助单位, a 责任单位 column beside 牵头 and 参与 columns,
party-and-government bodies as one unit, bar rows without their leading bar and rows shorter
than the header."""

from __future__ import annotations

import pytest

from ecoplan.errors import InputError
from ecoplan.plan.build import parse_plan
from ecoplan.plan.readers import read_document
from ecoplan.plan.responsibility import parse_names

from plan_docs import text_document


def names(task: dict, role: str) -> list[str]:
    return [u["name"] for u in task["responsibility"][role]]


def test_goal_and_preamble_sections_are_not_tasks_when_no_item_assigns_a_unit(gazetteer):
    """"一、总体要求（一）指导思想（二）目标指标" and "三、主要指标（一）…" hold the goals, not tasks:
    their targets are the plan's goals, not task 二's or task 一's."""
    text = ("某市打赢蓝天保卫战实施方案\n一、总体要求\n（一）指导思想。坚持全民共治、源头防治。\n"
            "（二）目标指标。到2020年，PM2.5平均浓度降至47微克/立方米，逐步消除重污染天。\n"
            "二、重点任务\n（一）治理工业企业。完成20家企业深度治理。\n（二）整治扬尘。建成10个示范工地。\n")
    plan = parse_plan(text_document(text), gazetteer, year=2020)
    assert [t["number"] for t in plan["tasks"]] == ["一", "二"]
    assert [t["title"] for t in plan["tasks"]] == ["治理工业企业", "整治扬尘"]
    assert [(t["task"], t["value"]) for t in plan["targets"]] == [("goal", 47), ("一", 20), ("二", 10)]
    indicators = ("某市水污染防治实施方案\n一、工作目标\n水环境质量持续改善。\n二、主要指标\n"
                  "（一）水源地水质指标。水源地水质优良比例高于93%。\n（二）断面水质指标。优良比例高于80%。\n"
                  "三、重点任务\n（一）治理黑臭水体。完成3条河道整治。\n")
    plan = parse_plan(text_document(indicators), gazetteer, year=2020)
    assert [t["number"] for t in plan["tasks"]] == ["一"]  # once each: the section and its items are one
    assert [(t["task"], t["value"]) for t in plan["targets"]] == [("goal", 93), ("goal", 80), ("一", 3)]
    only_goals = ("某市水污染防治实施方案\n一、总体要求\n坚持问题导向。\n二、工作目标\n水环境质量持续改善。\n三、主要指标\n"
                  "（一）饮用水水源地水质指标。到2020年，水源地水质达到或优于Ⅲ类比例总体高于93%。\n")
    with pytest.raises(InputError):  # no task at all: the goals are not read as task 一
        parse_plan(text_document(only_goals), gazetteer, year=2020)


def test_a_task_heading_naming_a_goal_to_reach_is_still_a_task(gazetteer):
    text = ("某县2020年大气污染防治工作计划\n一、重点工作\n（一）完成减排指标。完成10家企业深度治理。\n"
            "（二）空气质量目标。PM2.5平均浓度降至40微克/立方米。\n（三）整治扬尘。建成5个示范工地。\n")
    plan = parse_plan(text_document(text), gazetteer, year=2020)
    assert [t["number"] for t in plan["tasks"]] == ["一", "三"]
    assert [(t["task"], t["value"]) for t in plan["targets"]] == [("一", 10), ("goal", 40), ("三", 5)]


def test_a_heading_naming_goals_and_tasks_holds_the_tasks_and_a_schedule_is_a_task(gazetteer):
    """"一、目标任务" over （一）…（二）… holds tasks (numbered 1.1, 1.2 as the numbering restarts
    under 二、进度要求), and the schedule's dates stay on its own item 2.1."""
    text = ("某县2021年农村人居环境整治工作方案\n一、目标任务\n全县主要有2项任务。\n"
            "（一）农村生活污水治理。推进15个村开展污水治理，新建三格化粪池2880户（其中490户列入省项目）。\n"
            "（二）农村公厕建设。新建8个村庄公厕（8个村庄公厕均列入省任务）。\n"
            "二、进度要求\n（一）污水治理项目。3月底前完成前期工作，8月底前完成年度工程量的50%以上。\n")
    plan = parse_plan(text_document(text), gazetteer, year=2021)
    assert [t["number"] for t in plan["tasks"]] == ["1.1", "1.2", "2.1"]
    assert [(t["task"], t["value"], t["unit"]) for t in plan["targets"]] == [
        ("1.1", 15, "个"), ("1.1", 2880, "户"), ("1.2", 8, "个"), ("2.1", 50, "%")]
    assert [[d["date"] for d in t["deadlines"]] for t in plan["tasks"]] == [[], [], ["2021-03-31", "2021-08-31"]]


def test_a_table_headed_with_other_words_is_a_task_table(tmp_path, gazetteer):
    """负责部门 (→ lead), 时间进度 (→ deadline) and 协助单位 (→ cooperating) head task tables too."""
    path = tmp_path / "plan.txt"
    path.write_text("| 序号 | 工作任务 | 负责部门 | 协助单位 | 时间进度 |\n"
                    "| 1 | 完善城市工作机制 | 市住建局,各县(区)政府 | 市财政局 | 2016 年底前 |\n"
                    "| 2 | 开展垃圾分类试点 | 市城管局 | 有关部门 | 2016—2017 年底前 |\n", encoding="utf-8")
    tasks = parse_plan(read_document(path), gazetteer, year=2016)["tasks"]
    assert [names(t, "lead") for t in tasks] == [["市住房和城乡建设局", "各县(区)政府"], ["市城市管理局"]]
    assert [names(t, "cooperating") for t in tasks] == [["市财政局"], ["有关部门"]]
    assert [[d["date"] for d in t["deadlines"]] for t in tasks] == [["2016-12-31"], ["2017-12-31"]]


def test_a_responsible_column_beside_lead_and_participant_columns_names_implementers(gazetteer):
    """| 牵头单位 | 参与单位 | 责任单位 |: the third names those who carry the work out."""
    from ecoplan.plan.source import SourceDocument, TableRow, TaskTable

    table = TaskTable(where="table 1", header=["序号", "主要任务", "牵头单位", "参与单位", "责任单位"],
                      roles={"number": 0, "title": 1, "lead": 2, "cooperating": 3, "responsible": 4},
                      rows=[TableRow(2, {"number": "1", "title": "严守用水总量红线", "lead": "市水利局",
                                         "cooperating": "市发展改革委、农业局等",
                                         "responsible": "各县(市、区)党委和人民政府,城乡一体化示范区、高新区党工委和管委会"})])
    doc = SourceDocument(file="t.xlsx", sha256="0", text="1\t严守用水总量红线\t市水利局", tables=[table])
    [task] = parse_plan(doc, gazetteer, year=2018)["tasks"]
    assert names(task, "lead") == ["市水利局"]
    assert names(task, "implementers") == ["各县(市、区)党委和人民政府", "城乡一体化示范区党工委和管委会", "高新区党工委和管委会"]
    assert not task["responsibility"]["shared"]


@pytest.mark.parametrize(("cell", "expected"), [
    # a place's party committee and government together are one unit, not 党委 + 人民政府
    ("各县(市、区)党委和人民政府", ["各县(市、区)党委和人民政府"]),
    ("高新区党工委和管委会", ["高新区党工委和管委会"]),
    # places written with their kind share the bodies of the last: two units
    ("城乡一体化示范区、高新区党工委和管委会", ["城乡一体化示范区党工委和管委会", "高新区党工委和管委会"]),
    ("市法院和检察院", ["市法院", "市检察院"]),  # two units joined by 和 are still split
])
def test_party_and_government_bodies_of_a_place(gazetteer, cell, expected):
    assert parse_names(cell, gazetteer) == expected


def test_bar_rows_without_their_leading_bar_and_rows_shorter_than_the_header(tmp_path, gazetteer):
    """Rows written “a | b | c |” are a table; a row with fewer cells left out the merged cells of
    the row above (its cells fill the last columns), unless it opens with the next item number
    (a row cut at its end: it starts where the previous number stood). Columns with no role
    between the 任务内容 column and the units are the row's text too."""
    path = tmp_path / "plan.txt"
    path.write_text("任务 内容 | 标准或要求 | 工作内容及要求 | 责任单位 | 协助 单位 | 完成 期限 |\n"
                    "生态环境 | 1、绿化扎实开展。 | 保护植被。 | 市规划局 | 市国土资源局 | 2010年9月20日前 |\n"
                    "2、建设防护绿地。 | 加强管护。 | 市规划局 市建设局 | 有关部门 | 2010年9月20日前 |\n"
                    "3、生活垃圾无害化处理达60%。 | 改善设施。 | 市环保局 |\n", encoding="utf-8")
    doc = read_document(path)
    assert len(doc.tables) == 1 and "|" not in doc.text
    plan = parse_plan(doc, gazetteer, year=2010)
    tasks = plan["tasks"]
    assert [names(t, "lead") for t in tasks] == [["市规划局"], ["市规划局", "市建设局"], ["市生态环境局"]]
    assert [names(t, "cooperating") for t in tasks] == [["市国土资源局"], ["有关部门"], []]
    assert [[d["date"] for d in t["deadlines"]] for t in tasks] == [["2010-09-20"], ["2010-09-20"], []]
    assert [(t["task"], t["value"]) for t in plan["targets"]] == [("3", 60)]


def test_a_single_line_ending_with_a_bar_is_text(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text("某市方案\n一、工作要求 | 见附件 |\n二、其他\n", encoding="utf-8")
    assert "一、工作要求 | 见附件 |" in read_document(path).text


def test_goals_written_as_labelled_paragraphs_above_the_sections(gazetteer):
    """"工作目标：…" and "主要指标：…" paragraphs above the first numbered section are the goals."""
    text = ("某县土壤污染防治工作方案\n工作目标：到2020年，土壤环境质量总体保持稳定。\n"
            "主要指标：到2020年，受污染耕地安全利用率达到94%，污染地块安全利用率90%以上。\n"
            "一、摸清污染现状\n（一）开展详查。2018年底前查明农用地土壤污染面积。\n"
            "（二）建立平台。建成1个土壤环境信息化管理平台。\n")
    plan = parse_plan(text_document(text), gazetteer, year=2017)
    assert [(t["task"], t["value"]) for t in plan["targets"]] == [("goal", 94), ("goal", 90), ("二", 1)]
    assert [[d["date"] for d in t["deadlines"]] for t in plan["tasks"]] == [["2018-12-31"], []]


def test_a_bracket_never_closed_before_the_paragraph_ends_is_read(gazetteer):
    """A clause whose closing mark is lost (or where the text is cut) still names its units."""
    text = ("某市2019年蓝天保卫战工作方案\n一、产业结构优化\n1.优化产业布局。严格产业准入。〔市发改委牵头，市生态环境局配合，各区政府负责落实。以下均需各区政府落实，不再\n"
            "2.治理工业源。完成10家企业治理。〔市生态环境局牵头〕\n")
    plan = parse_plan(text_document(text), gazetteer, year=2019)
    tasks = plan["tasks"]
    assert plan["warnings"][0]["message"] == "责任分工的括号未闭合，已读到段末，请核对"
    assert plan["warnings"][0]["text"].startswith("市发改委牵头")
    assert [(names(t, "lead"), names(t, "cooperating")) for t in tasks] == [
        (["市发展和改革委员会"], ["市生态环境局"]), (["市生态环境局"], [])]
    assert [names(t, "implementers") for t in tasks] == [["各区政府"], ["各区政府"]]


def test_a_target_allocation_table_with_unit_cells_spanning_rows(tmp_path, gazetteer):
    """A table allotting targets (序号 | 考核河流 | 考核断面 | 年度考核目标 | 责任单位) is a task list
    with no 工作任务 column: each row is a task whose text is its object and target; a row cut
    short before its 责任单位 cell has that cell spanning down from the row above."""
    path = tmp_path / "plan.txt"
    path.write_text("一、考核目标表\n"
                    "| 序号 | 考核河流 | 考核断面 | 年度考核目标 | 责任单位 |\n"
                    "| 1 | 甲河 | 甲桥 | 水质保持或优于Ⅲ类。 | 市生态环境局 |\n"
                    "| 2 | 乙河 | 乙桥 | 超标污染物浓度较2015年下降25%以上。 |\n"
                    "| 3 | 丙河 | 丙桥 | 水质保持或优于Ⅳ类。 | 市水利局 市住房城乡建设局 |\n"
                    "| 4 | 丁河 | 丁桥 | 水质保持或优于Ⅴ类。 |\n", encoding="utf-8")
    doc = read_document(path)
    assert len(doc.tables) == 1
    plan = parse_plan(doc, gazetteer, year=2016)
    tasks = plan["tasks"]
    assert [t["number"] for t in tasks] == ["1", "2", "3", "4"]
    assert tasks[0]["text"].startswith("甲河")
    leads = [names(t, "lead") for t in tasks]
    assert leads[0] == leads[1] == ["市生态环境局"] and leads[2] == leads[3] and len(leads[3]) == 2
    assert [(t["task"], t["value"], t["unit"]) for t in plan["targets"]] == [
        ("1", 3, "类"), ("2", 25, "%"), ("3", 4, "类"), ("4", 5, "类")]


def test_a_document_without_line_breaks_is_cut_at_its_numbering(tmp_path, gazetteer):
    """A plan copied as one line (一、…二、…(一)…1.…2.… inside it) is read as if each heading and
    item stood on its own line; a heading's title ends at a space or a heading word (工作目标,
    任务分解); numbers inside words and decimals (PM2.5, 38.2) are not cut."""
    path = tmp_path / "plan.txt"
    body = ("某县污染防治攻坚工作方案 为打好污染防治攻坚战，结合我县实际，特制定本方案。"
            "一、工作目标 2020年，全县细颗粒物(PM2.5)浓度不高于38.2微克/立方米，空气质量优良天数比率达到80%。"
            "二、重点任务分解(一)打赢蓝天保卫战。1.调整能源结构。推动清洁供暖，完成燃煤锅炉淘汰10台。"
            "(县发改局牵头；县生态环境局配合)2.治理工地扬尘。落实扬尘管控制度。(县住建局牵头)"
            "(二)打好碧水保卫战。1.整治黑臭水体。建成区黑臭水体消除比例达到90%。(县住建局牵头)")
    path.write_text(body, encoding="utf-8")
    doc = read_document(path)
    assert "一、工作目标\n2020年" in doc.text and "\n1.调整能源结构" in doc.text and "38.2微克" in doc.text
    plan = parse_plan(doc, gazetteer, year=2020)
    assert [names(t, "lead") for t in plan["tasks"]] == [["县发改局"], ["县住建局"], ["县住建局"]]
    assert [(t["task"], t["value"]) for t in plan["targets"]] == [
        ("goal", 38.2), ("goal", 80), ("1.1", 10), ("2.1", 90)]


def test_a_paragraph_with_one_heading_number_or_a_list_of_numerals_is_not_cut():
    from ecoplan.plan.readers.unbroken import split_unbroken, unbroken_lines
    line = "一、总体要求" + "坚持生态优先，推进1.5级以上项目建设，" * 12
    assert split_unbroken(line) == [line]
    listed = "推动一、二、三产业融合发展，" * 20
    assert split_unbroken(listed) == [listed]
    # a long line among the document's other lines is a paragraph, whatever it holds
    paragraph = "一、甲" + "推进项目建设，" * 30 + "二、乙" + "加强监管，" * 20
    assert unbroken_lines(["标题", paragraph, "三、丙" + "落实责任，" * 80]) == ["标题", paragraph, "三、丙" + "落实责任，" * 80]


def test_goals_set_in_the_preamble_sections_when_there_is_no_goals_section(gazetteer):
    """With no goals heading: what the sections before the first task set is the plan's goals
    ("一、总体要求…主要目标是：到2027年，…50个左右…"), not lost."""
    text = ("某市美丽城市建设实施方案\n一、总体要求\n坚持生态优先。主要目标是：到2027年，建成美丽城市示范50个左右，"
            "城市生活污水收集处理实现全覆盖。\n二、重点任务\n（一）推进绿色转型。市发展改革委牵头。\n"
            "（二）治理污染。建成污水处理厂2座。市住房城乡建设局牵头。\n")
    plan = parse_plan(text_document(text), gazetteer, year=2025)
    assert [(t["task"], t["value"]) for t in plan["targets"]] == [("goal", 50), ("goal", 100), ("二", 2)]


def test_role_words_zhuguan_shudi_and_a_park_named_with_a_role(gazetteer):
    """主管 leads, 属地监管 (the place's supervision) implements; a park (经济开发区) named before
    牵头 is a unit, in a bracket ending "…牵头;" that the text never closes."""
    text = ("某县方案\n一、重点任务\n1.治理扬尘。严格管控工地扬尘。县生态环境局主管，各镇属地监管。\n"
            "2.调整能源结构。推动清洁供暖。(县发改局、经济开发区牵头;\n")
    tasks = parse_plan(text_document(text), gazetteer, year=2018)["tasks"]
    assert names(tasks[0], "lead") == ["县生态环境局"] and names(tasks[0], "implementers") == ["各镇"]
    assert names(tasks[1], "lead") == ["县发改局", "经济开发区"]


def test_with_no_unit_anywhere_the_items_under_headings_are_the_tasks(gazetteer):
    """No responsibility clause anywhere, one （一） heading holding one item 1.: the item is the
    task (its date and commitment are its own), not folded into the heading."""
    text = ("某省大气污染防治实施方案\n一、总体目标\n到2017年，细颗粒物浓度比2012年下降10%以上。\n二、主要任务\n"
            "（一）加强工业大气污染治理。\n1.提升脱硝效率。2014年6月底前，燃煤机组均应安装脱硝设施。\n")
    plan = parse_plan(text_document(text), gazetteer, year=2013)
    assert [t["number"] for t in plan["tasks"]] == ["1"]
    assert [d["date"] for d in plan["tasks"][0]["deadlines"]] == ["2014-06-30"]
    assert [(t["task"], t["value"]) for t in plan["targets"]] == [("goal", 10), ("1", 100)]


def test_departments_written_by_their_function_in_a_role_sentence(gazetteer):
    """"环保部门主管，市场监管、综合执法参与，各村属地监管。": a sentence assigning roles names
    departments by their function (市场监管, 综合执法) beside a unit; alone they name none."""
    text = ("某镇方案\n一、任务分解\n1.餐饮油烟管控。环保部门主管，市场监管、综合执法参与，各村属地监管。\n"
            "2.宣传发动。加强宣传，综合执法参与。\n")
    tasks = parse_plan(text_document(text), gazetteer, year=2022)["tasks"]
    assert names(tasks[0], "lead") == ["环保部门"]
    assert names(tasks[0], "cooperating") == ["市场监管", "综合执法"]
    assert names(tasks[0], "implementers") == ["各村"]
    assert not any(tasks[1]["responsibility"].values())


def test_a_one_line_document_whose_headings_a_mirror_wrote_with_commas(tmp_path, gazetteer):
    """Scrambled punctuation: "一,工作思路…二,工作目标…三,主要任务,一,掌握…,1.完善…" is cut as
    一、 / 二、 / 三、 / (一) / 1. and the headings are written back in their usual form; a fragment
    holding one top-level heading at any number followed by (一) (二)… is cut too."""
    from ecoplan.plan.readers.unbroken import split_unbroken
    path = tmp_path / "plan.txt"
    body = ("某市土壤污染防治工作方案为改善土壤环境质量.根据有关规定,制定本方案。一,工作思路坚持预防为主。保护优先、风险管控"
            + "落实各方责任," * 8 + "二,工作目标到2020年,受污染耕地安全利用率达到92%左右。三,主要任务,一,掌握土壤环境状况,"
            "1.完善土壤环境监测网络,统一规划。2020年年底前完成、市环保局牵头。2.开展详查,2018年年底前完成。市国土资源局牵头。"
            "二,加强源头防控,1.整治涉重企业,2019年年底前完成。市环保局牵头。")
    path.write_text(body, encoding="utf-8")
    doc = read_document(path)
    assert "\n三、主要任务\n（一）掌握土壤环境状况\n1.完善" in doc.text and "\n（二）加强源头防控" in doc.text
    plan = parse_plan(doc, gazetteer)
    assert sorted(d["date"] for t in plan["tasks"] for d in t["deadlines"]) == [
        "2018-12-31", "2019-12-31", "2020-12-31"]
    assert [(t["number"], names(t, "lead")[-1:]) for t in plan["tasks"]] == [
        ("一", ["市国土资源局"]), ("二", ["市生态环境局"])]
    fragment = ("(五)加强报告工作" + "按期报送信息，" * 20 + " 四、时间安排 (一)动员部署阶段(5月) 制定实施方案。"
                "(二)集中整治阶段(5月-8月) 开展集中检查。")
    assert split_unbroken(fragment)[1:] == ["四、时间安排", "(一)动员部署阶段(5月) 制定实施方案。",
                                            "(二)集中整治阶段(5月-8月) 开展集中检查。"]
    # words ending in a numeral before a comma are no headings ("统一,", "其二,")
    words = "推进工作统一,规划建设。" * 10 + "其二,加强监管。" * 10 + "其三,落实责任。" * 5
    assert split_unbroken(words) == [words]
    # one heading and no (一) (二) after it: a paragraph
    line = "推进项目建设，" * 30 + "四、时间安排" + "按期完成，" * 10
    assert split_unbroken(line) == [line]


def test_a_flat_list_with_one_items_circled_sub_items_keeps_its_items_as_tasks(gazetteer):
    """A numbered list (1、…9、) whose only deeper items are one item's ①②③ on lines of their own:
    the list's items are the tasks, not the circled sub-items."""
    items = ["健全组织体系，实现“河长制”全覆盖。", "开展巡查。", "协调解决问题。", "开展日常巡查。", "制定年度计划。", "开展考核。", "召开联席会议。",
             "①禁养区养殖场关闭。"]
    text = "\n".join(f"{i}、{item}" for i, item in enumerate(items, 1)) + "\n②规模养殖场改造。\n③出栏量总控制。\n9、河道治理。\n"
    plan = parse_plan(text_document(text), gazetteer)
    assert [t["number"] for t in plan["tasks"]] == [str(i) for i in range(1, 10)]
    assert [(t["task"], t["value"], t["unit"]) for t in plan["targets"]] == [("1", 100, "%")]


def test_a_fragment_starting_inside_a_section_numbers_the_next_sections_items_by_section(gazetteer):
    """A page starting at "(五)…" (a section's last item, its heading not on the page) then
    "四、时间安排 (一)…(二)…": 四、 is a new top-level heading, not a sub-item of (五), and its
    (一) (二) are numbered 4.1, 4.2 (the numbering restarted)."""
    text = ("（五）加强报告工作。按期报送阶段报告。\n四、时间安排\n（一）动员部署阶段。制定实施方案。\n"
            "（二）集中整治阶段（5月-8月）。开展集中检查，并于6月底报送阶段性报告。\n")
    plan = parse_plan(text_document(text), gazetteer, year=2009)
    numbers = {t["title"][:4]: t["number"] for t in plan["tasks"]}
    assert numbers["动员部署"] == "4.1" and numbers["集中整治"] == "4.2"
    from ecoplan.plan.outline import parse_outline
    roots = parse_outline(text)
    assert [(r.number, [c.number for c in r.children]) for r in roots] == [("五", []), ("四", ["一", "二"])]


def test_circled_items_inline_in_one_paragraph_are_the_tasks_of_a_text_without_numbered_tasks(gazetteer):
    """A news lead listing this year's items inline ("今年，全省将推动完成：①6月底前，…；②年底前…")
    holds no numbered task: its circled items are the tasks, each with its own deadlines, the
    last one up to its paragraph's end (an item broken over two lines stays one)."""
    text = ("某省生态环境厅印发噪声污染防治行动计划。\n今年，全省将推动完成：①6月底前，省会城市完成声环境功能区评估；"
            "12月底前，其他城市完成评估；②年底前出台施工噪声防治指南；③建成省级声环境自动监测\n平台并联网；"
            "④各市出台责任清单。\n原文如下\n噪声污染防治事关群众健康。\n")
    plan = parse_plan(text_document(text), gazetteer, year=2023)
    assert [t["number"] for t in plan["tasks"]] == ["①", "②", "③", "④"]
    assert [[d["date"] for d in t["deadlines"]] for t in plan["tasks"]] == [
        ["2023-06-30", "2023-12-31"], ["2023-12-31"], [], []]
    assert plan["tasks"][2]["text"] == "建成省级声环境自动监测\n平台并联网"
    assert plan["tasks"][3]["text"] == "各市出台责任清单"
    # inside a numbered task the circled items stay its inline sub-items
    numbered = "1.治理扬尘。①6月底前完成甲；②9月底前完成乙；③年底前完成丙。（市住建局负责）\n2.治理噪声。（市生态环境局负责）\n"
    plan = parse_plan(text_document(numbered), gazetteer, year=2023)
    assert [t["number"] for t in plan["tasks"]] == ["1", "2"]
    assert [s["number"] for s in plan["tasks"][0]["subitems"]] == ["①", "②", "③"]
    # two circled items are no list
    with pytest.raises(InputError):
        parse_plan(text_document("今年将推动完成：①6月底前完成评估；②年底前出台指南。\n"), gazetteer, year=2023)


def test_role_sentences_in_the_middle_of_a_paragraph_govern_the_text_before_them(gazetteer):
    """"…实行监测数据共享，2020年年底前完成。市生态环境局牵头，市水利局、市农业农村局等配合。在农用地方面，
    …。市水利局牵头，市生态环境局配合。" (held-out batch 5): each role sentence, and a role tail of
    a sentence ("…网络，市农业农村局牵头。"), is read where it stands and governs the text before it;
    a standing sentence among them holds for this task and the next."""
    text = ("1.完善土壤环境监测网络。统一规划，建立土壤环境监测网络，2020年年底前完成。市生态环境局牵头，市水利局、"
            "市农业农村局等配合。本方案部署的以下工作均需各区、县（市）政府落实，不再列出。在农用地方面，2018年年底前，"
            "建成示范区环境监测网络，市水利局牵头。\n2.开展详查。查明污染面积。（市生态环境局负责）\n")
    plan = parse_plan(text_document(text), gazetteer, year=2017)
    first, second = plan["tasks"]
    assert names(first, "lead") == ["市生态环境局", "市水利局"]
    assert names(first, "cooperating") == ["市水利局", "市农业农村局"]  # 市水利局 also leads the second part
    assert names(first, "implementers") == ["各区县（市）政府"] == names(second, "implementers")
    spans = [(text[p["start"]:p["end"]], names(p, "lead")) for p in first["paragraphs"]]
    assert [(piece[-14:], lead) for piece, lead in spans] == [
        ("市水利局、市农业农村局等配合", ["市生态环境局"]), ("区环境监测网络，市水利局牵头", ["市水利局"])]
    # not a role sentence: a manner of working ("各部门按职责分工抓好落实": not a unit's name), a unit
    # acting without a role word, or the public taking part
    safeguards = (text + "二、保障措施\n1.加强组织领导。领导小组统筹推进，各镇（街道）、各部门按职责分工抓好落实。\n")
    assert [t["number"] for t in parse_plan(text_document(safeguards), gazetteer, year=2017)["tasks"]] == ["1", "2"]
    plan = parse_plan(text_document("1.推进治理。市生态环境局开展检查。鼓励公众参与，市民参与。（市住建局负责）\n"
                                    "2.加强监管。（市生态环境局负责）\n"), gazetteer, year=2017)
    assert names(plan["tasks"][0], "shared") == ["市住房和城乡建设局"] and not plan["tasks"][0]["paragraphs"]


#: A made-up yearbook page printed in two columns, interleaved line by line as its PDF's text
#: gives it: the left column ends item 3 and holds item 4; the right one its safeguards.
TWO_COLUMNS = (
    "Page 12 - 某县年鉴2018\n附  录\n"
    "          设施要保持正常运行,各部门要加强已整治河道管理、监            将申报材料逐级上报市生态环境局,省生态环境\n"
    "          察、监测,保障主要入湖河流水质改善达到III—IV类,消除劣          厅,接受各级专家的技术评估、考核、验收、\n"
    "          V类水质。农业部门要负责协调相关企业,扩大认证面积。            命名。\n"
    "             4.生态文明示范创建宣传(2017年6月至2018年12月)             六、保障措施\n"
    "             由县领导小组召开启动动员大会,全面推进示范县创建工            (一)加强组织领导\n"
    "          作,营造良好氛围。                                            领导小组统一组织、指挥、协调创建工作。\n")


def test_a_two_column_page_interleaved_line_by_line_is_read_column_by_column():
    from ecoplan.plan.readers.columns import two_columns

    lines = two_columns(TWO_COLUMNS.split("\n"))
    assert lines[:2] == ["Page 12 - 某县年鉴2018", "附  录"]
    assert lines[2:] == [
        "设施要保持正常运行,各部门要加强已整治河道管理、监察、监测,保障主要入湖河流水质改善达到III—IV类,消除劣V类水质。"
        "农业部门要负责协调相关企业,扩大认证面积。",
        "4.生态文明示范创建宣传(2017年6月至2018年12月)",
        "由县领导小组召开启动动员大会,全面推进示范县创建工作,营造良好氛围。",
        "将申报材料逐级上报市生态环境局,省生态环境厅,接受各级专家的技术评估、考核、验收、命名。",
        "六、保障措施", "(一)加强组织领导", "领导小组统一组织、指挥、协调创建工作。", ""]
    # not two columns: a text table of short cells, a signature line, a single wide line
    table = ["序号      指标          目标值", "1         PM2.5浓度     35", "2         优良天数      300"] * 2
    assert two_columns(table) == table
    signed = ["某市生态环境局            2023年5月8日"] * 5
    assert two_columns(signed) == signed


def test_a_page_starting_inside_an_item_reads_its_running_text_as_the_item_before(gazetteer, tmp_path):
    """The yearbook page above: its running text above "4." ends item 3 (a warning says so), item
    4's months are its dates, 六、保障措施's (一) is no task, and "农业部门要负责协调…" (a unit told
    to take charge, opening its comma part) shares task 3."""
    path = tmp_path / "yearbook.txt"
    path.write_text(TWO_COLUMNS, encoding="utf-8")
    plan = parse_plan(read_document(path), gazetteer, year=2017)
    assert [t["number"] for t in plan["tasks"]] == ["3", "4"]
    assert names(plan["tasks"][0], "shared") == ["农业部门"]
    assert [(t["task"], t["value"], t["unit"], t["comparator"]) for t in plan["targets"]] == [
        ("3", 4, "类", "<="), ("3", 0, "", "==")]
    assert [(d["date"], d["kind"]) for d in plan["tasks"][1]["deadlines"]] == [("2017-06-01", "start"), ("2018-12-31", "due")]
    assert any("页首文字按第 3 项" in w["message"] for w in plan["warnings"])
    # a first item numbered 2 under a title and a short preamble line: nothing is implied
    plain = "某县2017年生态工作要点\n2.推进河道整治，完成5条河道清淤。（县水利局负责）\n3.开展督查。（县生态环境局负责）\n"
    assert [t["number"] for t in parse_plan(text_document(plain), gazetteer, year=2017)["tasks"]] == ["2", "3"]


def test_a_unit_told_to_take_charge_opening_its_comma_part_shares_the_task(gazetteer):
    text = ("一、重点任务\n1.推进认证。扩大认证面积,农业部门要负责协调相关企业,增加认证品种。\n"
            "2.成立专班。成立以镇党委主要负责同志为组长的专班,负责人要负责到底。\n")
    plan = parse_plan(text_document(text), gazetteer, year=2017)
    assert names(plan["tasks"][0], "shared") == ["农业部门"]
    assert not any(plan["tasks"][1]["responsibility"].values())


def test_items_of_one_level_each_with_its_text_are_the_tasks_of_a_text_without_units(gazetteer):
    """"一、压实责任，全面形成大环保格局。完善…；明确分管领导和1-2名专干。 二、… 三、…" (work points
    naming no unit, numbered at one level only, held-out batch 6): the items are the tasks."""
    text = ("某市20__年生态环境保护工作要点\n一、压实责任，全面形成大环保格局。完善市环委会职能职责，明确分管领导和1-2名生态环保专干。\n"
            "二、认真梳理，做好督察迎检工作。认真做好督察整改“回头看”交办信访件办理工作，确保按时保质完成。\n"
            "三、再接再厉，打好污染防治攻坚战。落实城区道路扬尘“六个100%”管控措施，着力提升大气环境质量。\n")
    plan = parse_plan(text_document(text), gazetteer, year=2019)
    assert [t["number"] for t in plan["tasks"]] == ["一", "二", "三"]
    assert [(t["task"], t["value"], t["unit"]) for t in plan["targets"]] == [("一", 1, "名")]
    # headings of goals and principles on lines of their own are no tasks: the text is refused
    headings = "一、总体要求\n坚持问题导向，推进治理。\n二、工作目标\n到2020年，PM2.5浓度降至40微克/立方米。\n三、基本原则\n坚持统筹兼顾。\n"
    with pytest.raises(InputError):
        parse_plan(text_document(headings), gazetteer, year=2019)


def test_goals_reported_by_a_news_lead_above_the_tasks(gazetteer):
    """A news lead above a plan's tasks reporting what it sets ("方案指出,…", "方案还提出,到2020年,…")
    gives the plan's goals, from those words on; the news before them gives none."""
    text = ("某方案部门分工出台\n日期:2017-06-21\n近日,某方案部门分工出台,涉及30个部门。方案指出,控制煤炭消费总量,"
            "2020年控制在42亿吨左右。\n方案还提出,到2020年,非化石能源比重达到15%。\n以下为分工详细内容:\n"
            "一、低碳引领能源革命\n1.实施能源消费总量和强度双控。(牵头单位:能源局 参加单位:发展改革委)\n"
            "2.大力推进能源节约。(牵头单位:发展改革委)\n")
    plan = parse_plan(text_document(text), gazetteer)
    assert [(t["task"], t["value"], t["unit"], t["comparator"]) for t in plan["targets"]] == [
        ("goal", 42, "亿吨", "=="), ("goal", 15, "%", ">=")]
    # a quoted plan as the subject, no comma after 提出; "《…》提出的要求" is no report
    text = ("国务院印发水污染防治行动计划\n日前,国务院印发《水污染防治行动计划》。《计划》提出全面控制污染物排放。"
            "2016年底前,全部取缔不符合国家产业政策的小型造纸、制革等生产项目。\n"
            "(一)狠抓工业污染防治。专项整治十大重点行业。(环境保护部牵头,工业和信息化部参与)\n")
    plan = parse_plan(text_document(text), gazetteer)
    assert [(t["task"], t["value"], t["comparator"]) for t in plan["targets"]] == [("goal", 100, "==")]
    text = text.replace("《计划》提出全面控制", "按《计划》提出的要求控制")
    assert parse_plan(text_document(text), gazetteer)["targets"] == []
