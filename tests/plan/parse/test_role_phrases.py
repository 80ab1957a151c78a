"""Every role phrase of the one table (role_phrases.py) read on its own example; other units."""

from __future__ import annotations

import pytest

from ecoplan.plan import role_phrases as phrases
from ecoplan.plan.build import parse_plan
from ecoplan.plan.outside import outside_kind
from ecoplan.plan.responsibility import find_clauses, first_listed_leads, parse_clause
from ecoplan.plan.source import SourceDocument


@pytest.mark.parametrize(("phrase", "role", "example", "expected"), phrases.ROLE_ENDINGS + phrases.LABELS,
                         ids=[p for p, *_ in phrases.ROLE_ENDINGS + phrases.LABELS])
def test_each_phrase_on_its_example(gazetteer, phrase, role, example, expected):
    roles, _ = parse_clause(example, gazetteer)
    expected_role, written = expected
    assert written in roles.get(expected_role, []), roles


def test_a_role_that_depends_on_who_is_named(gazetteer):
    """分别负责: governments each in their area (implementers), departments each their part (shared)."""
    example, (role, unit) = phrases.DEPARTMENTS_EXAMPLE
    assert parse_clause(example, gazetteer)[0] == {role: [unit, "市住建局"]}
    assert parse_clause("各县（市、区）分别负责", gazetteer)[0] == {"implementers": ["各县（市、区）"]}


def test_collective_governments_and_a_bracket_ending_with_its_standing_clause(gazetteer):
    text = ("制定准入清单。〔市生态环境局牵头，市发改局、自然资源局参与，各县、区人民政府（管委会）负责落实。"
            "以下各项工作均需各县、区人民政府（管委会）落实，不再列出。〕按省的要求，不再新建燃煤锅炉。（市市场监管局牵头）")
    assert _roles(text, gazetteer) == {"lead": ["市生态环境局", "市市场监管局"],
                                       "cooperating": ["市发改局", "市自然资源局"],
                                       "implementers": ["各县区人民政府（管委会）"]}


def test_a_bracket_broken_over_two_lines(gazetteer):
    assert _roles("(生态环境部指导，试点城市政府负责落实。", gazetteer) == {
        "cooperating": ["生态环境部"], "implementers": ["试点城市政府"]}


def _roles(paragraph: str, gazetteer, first_leads=False) -> dict:
    merged: dict = {}
    for clause in find_clauses(paragraph, 0, gazetteer, first_leads):
        for role, names in clause.roles.items():
            merged.setdefault(role, []).extend(names)
    return merged


def test_document_wide_rule_first_listed_leads(gazetteer):
    assert phrases.FIRST_LEADS_RE.search(phrases.FIRST_LEADS_EXAMPLE)
    text = "稳定岗位。（人力资源社会保障部、财政部负责。列第一位者为牵头单位，下同）"
    assert _roles(text, gazetteer, True) == {"lead": ["人力资源社会保障部"], "shared": ["财政部"]}
    # a collective is not promoted; "等有关部门和单位" adds no unit "单位"
    assert _roles("做好工作。（各有关部门和单位，各省级人民政府按职责分工负责）", gazetteer, True) == {
        "shared": ["各有关部门和单位", "各省级人民政府"]}
    assert _roles("做好工作。（人力资源社会保障部等有关部门和单位负责）", gazetteer, True) == {
        "lead": ["人力资源社会保障部"]}


@pytest.mark.parametrize(("paragraph", "expected"), [
    ("加强监管。市生态环境局牵头，市水利局、市住建局配合。",
     {"lead": ["市生态环境局"], "cooperating": ["市水利局", "市住建局"]}),
    ("加强监管。市生态环境局负责。", {"shared": ["市生态环境局"]}),
    ("加强监管。各县（市、区）分别负责。", {"implementers": ["各县（市、区）"]}),
    ("推进甲。（省政府办公厅牵头）推进乙。〔省大数据局牵头〕", {"lead": ["省政府办公厅", "省大数据局"]}),
    ("完善管网。（市环保局牵头，临汾、侯马、洪洞经济开发区管委会负责落实）",
     {"lead": ["市环保局"], "implementers": ["临汾经济开发区管委会", "侯马经济开发区管委会", "洪洞经济开发区管委会"]}),
    ("建设平台。（牵头单位：省大数据局，参加单位：济南、青岛、烟台市政府）",
     {"lead": ["省大数据局"], "cooperating": ["济南市政府", "青岛市政府", "烟台市政府"]}),
    ("建设平台。（财政部、工业和信息化部、人民银行、银保监会负责）",
     {"shared": ["财政部", "工业和信息化部", "人民银行", "银保监会"]}),
])
def test_sentences_brackets_lists_and_other_levels(gazetteer, paragraph, expected):
    assert _roles(paragraph, gazetteer) == expected


def test_a_sentence_that_is_not_a_role_sentence(gazetteer):
    assert _roles("加强监管。确保水质达标负责。", gazetteer) == {}
    assert _roles("加强监管。推动企业全面落实。", gazetteer) == {}


@pytest.mark.parametrize(("name", "kind"), [
    ("工业和信息化部", "national"), ("国家发展改革委", "national"), ("市场监管总局", "national"),
    ("省大数据局", "provincial"), ("山东省生态环境厅", "provincial"), ("人民银行济南分行", "financial"),
    ("山东银保监局", "financial"), ("济南市政府", "city"), ("洪洞经济开发区管委会", "zone"),
    ("中铁济南局", "enterprise"), ("市生态环境局", None), ("各县区人民政府", None), ("生态环境局", None),
])
def test_outside_units(name, kind):
    assert outside_kind(name, "常州市") == kind
    assert outside_kind("常州市政府", "常州市") is None


def test_other_levels_units_are_named_as_written_and_not_flagged(gazetteer):
    text = ("2021年某某方案\n一、任务\n1.推进工作。（市发改委牵头，工业和信息化部、省大数据局、市农机局配合）\n"
            "2.推进工作。（以下各项工作均需各县区人民政府落实）\n3.推进。（市发改委牵头）\n")
    plan = parse_plan(SourceDocument(file="p.txt", text=text, sha256="0", meta={}), gazetteer)
    coop = [u["name"] for u in plan["tasks"][0]["responsibility"]["cooperating"]]
    assert coop == ["工业和信息化部", "省大数据局", "市农机局"]
    flagged = [w["message"] for w in plan["warnings"] if "不在单位名录中" in w["message"]]
    assert flagged == ["2 个单位不在单位名录中：市农机局、各县区人民政府"]
    assert {"name": "工业和信息化部", "aliases": [], "kind": "other", "known": False, "outside": "national"} in plan["units"]
    # a standing clause without 负责: every later task, and no phantom unit "…落实"
    third = plan["tasks"][2]["responsibility"]
    assert [u["name"] for u in third["implementers"]] == ["各县区人民政府"]
    assert not any("落实" in u["name"] for t in plan["tasks"] for us in t["responsibility"].values() for u in us)


def test_warnings_ranked_likely_errors_first(gazetteer):
    text = ("2021年某某方案\n一、任务\n1.推进工作。（市农机局牵头）\n3.推进工作。（市发改委牵头）\n")
    plan = parse_plan(SourceDocument(file="p.txt", text=text, sha256="0", meta={}), gazetteer)
    messages = [w["message"] for w in plan["warnings"]]
    assert "任务编号不连续" in messages[0] and "不在单位名录中" in messages[-1]


def test_document_wide_rule_front_listed_lead(gazetteer):
    """"排在前位为牵头部门": the names before the 责任单位 list's first comma lead; a unit its
    standing clause names implements this task as every later one."""
    example, (role, unit) = phrases.FRONT_LEADS_EXAMPLE
    assert phrases.FRONT_LEADS_RE.search(example) and not phrases.FIRST_LEADS_RE.search(example)
    assert first_listed_leads(example) == "front"
    assert unit in _roles(f"调查。（{example}）", gazetteer, "front")[role]
    text = ("调查。（责任单位：市环保局、市国土资源局，市财政局、市农业局，各镇街区。以下均需各镇街区落实，"
            "不再列出。排在前位为牵头部门，下同。）")
    clause = find_clauses(text, 0, gazetteer, "front")[0]
    assert clause.roles == {"lead": ["市环保局", "市国土资源局"], "cooperating": ["市财政局", "市农业局"]}
    assert clause.standing == {"implementers": ["各镇街区"]}
    # the rule's own sentence names no unit
    assert "排在前位为牵头部门" not in str(clause.standing)


def test_a_label_line_whose_last_unit_ends_in_a_bracket(gazetteer):
    """"…，各街道(园区)。" closes the 责任单位 line: the bracket is part of a name, not a clause."""
    assert _roles("责任单位：区发改局、区市场监管局、环保拱墅分局，各街道(园区)。", gazetteer) == {
        "lead": ["区发改局", "区市场监管局", "环保拱墅分局", "各街道(园区)"]}


def test_a_branch_named_after_its_place_keeps_no_elided_prefix(gazetteer):
    assert _roles("（区发改局牵头，环保拱墅分局、公安分局配合）", gazetteer) == {
        "lead": ["区发改局"], "cooperating": ["环保拱墅分局", "区公安分局"]}


def test_a_responsible_label_whose_roles_are_written_out(gazetteer):
    """"责任单位：A牵头，B负责落实": the verbs say the roles, not the label."""
    assert _roles("整治。（责任单位：市生态环境局牵头，各县(市、区)人民政府负责落实；完成时限：长期坚持）", gazetteer) == {
        "lead": ["市生态环境局"], "implementers": ["各县(市、区)人民政府"]}


def test_a_closing_group_that_only_lists_units(gazetteer):
    """"（县财政局、县生态环境分局，各乡镇人民政府）" names the responsible units (as 责任单位);
    a group of places or an inclusion note is no clause."""
    assert _roles("按月通报水质。（县财政局、县生态环境分局，各乡镇人民政府）", gazetteer) == {
        "lead": ["县财政局", "县生态环境分局", "各乡镇人民政府"]}
    assert _roles("完成治理任务。（含北京经济技术开发区管委会）", gazetteer) == {}
    assert _roles("空气质量达标。（溧阳市、金坛区）", gazetteer) == {}


def test_a_time_label_restating_the_tasks_date_is_one_deadline(gazetteer):
    text = ("某县2023年水污染防治工作计划\n一、主要任务\n"
            "1.推进提标改造。2023年9月底前，完成县污水处理厂提标改造。（县住建局牵头，县生态环境分局配合，完成时限：2023年9月底前）\n"
            "2.开展排查。完成入河排污口排查。（县生态环境分局牵头，完成时限：2023年6月底前）\n")
    plan = parse_plan(SourceDocument(file="p.txt", text=text, sha256="0", meta={}), gazetteer)
    assert [[d["date"] for d in t["deadlines"]] for t in plan["tasks"]] == [["2023-09-30"], ["2023-06-30"]]


def test_a_unit_working_with_partners_leads_them(gazetteer):
    """"A会同B负责": A leads, B cooperates."""
    _, example, expected = phrases.WITH_PARTNERS
    assert parse_clause(example, gazetteer)[0] == expected


def test_a_role_in_brackets_after_a_labelled_list(gazetteer):
    """"责任单位：A、B（按职责分工负责）": the bracketed phrase is the list's role."""
    assert _roles("处理率保持100%。责任单位：市城市管理局、市生态环境局(按职责分工负责)", gazetteer) == {
        "shared": ["市城市管理局", "市生态环境局"]}


def test_a_management_committee_takes_no_elided_prefix(gazetteer):
    assert _roles("（市工信局牵头，各县(市、区)政府、开发区管委会负责落实）", gazetteer)["implementers"] == [
        "各县(市、区)政府", "开发区管委会"]


def test_labels_closing_a_paragraph_with_a_time_or_person_label_after_them(gazetteer):
    """"…。责任单位：A、B。完成时限：年底前。" and "牵头单位：A。配合单位：B。" close the task; a
    牵头领导 names a person, not a unit."""
    assert _roles("开展调查评估。责任单位：县生态环境分局、县水利局。完成时限：年底前。", gazetteer) == {
        "lead": ["县生态环境分局", "县水利局"]}
    assert _roles("开展调查评估。牵头单位：县生态环境分局。配合单位：县水利局。牵头领导：王某某。", gazetteer) == {
        "lead": ["县生态环境分局"], "cooperating": ["县水利局"]}


def test_a_generic_collective_takes_no_elided_prefix(gazetteer):
    assert _roles("开展整治（市城管局牵头，相关单位配合）。", gazetteer) == {
        "lead": ["市城管局"], "cooperating": ["相关单位"]}


@pytest.mark.parametrize(("written", "name"), [
    ("各区、县（市）政府", "各区县（市）政府"),
    ("各市、县（市、区）人民政府", "各市县（市、区）人民政府"),
    ("各辖市、区人民政府", "各辖市区人民政府"),
])
def test_a_collective_of_government_levels_is_one_name(gazetteer, written, name):
    assert _roles(f"开展整治。（市环保局牵头，{written}负责落实）", gazetteer)["implementers"] == [name]


def test_a_role_written_with_a_verb_stays_beside_a_standing_clause(gazetteer):
    """"各县（市、区）人民政府负责。以下均需各县（市、区）人民政府落实": 负责 (shared) here, the
    standing role for the later tasks."""
    [clause] = find_clauses("开展整治。（市生态环境局牵头，各县（市、区）人民政府负责。以下均需各县（市、区）人民政府落实，"
                            "不再列出）", 0, gazetteer)
    assert clause.roles == {"lead": ["市生态环境局"], "shared": ["各县（市、区）人民政府"]}
    assert clause.standing == {"implementers": ["各县（市、区）人民政府"]}


def test_a_responsible_label_after_a_lead_label_in_another_sentence(gazetteer):
    """"（牵头单位：市城管局；责任单位：各区人民政府、高新区管委会）": 责任单位 cooperate."""
    assert _roles("开展整治。（牵头单位：市城管局；责任单位：各区人民政府、高新区管委会）", gazetteer) == {
        "lead": ["市城管局"], "cooperating": ["各区人民政府", "高新区管委会"]}


def test_a_responsible_line_under_a_lead_line_cooperates(gazetteer):
    text = ("某市2023年大气污染防治工作方案\n一、重点任务\n1.推进垃圾分类。城区生活垃圾分类覆盖率达到90%。\n"
            "牵头单位：市城管局\n责任单位：各区人民政府、高新区管委会\n完成时限：2023年12月底前\n"
            "2.开展绿色学校创建。\n责任单位：市教育局、市生态环境局\n")
    plan = parse_plan(SourceDocument(file="p.txt", text=text, sha256="0", meta={}), gazetteer)
    assert [{r: [u["written"] for u in us] for r, us in t["responsibility"].items() if us} for t in plan["tasks"]] == [
        {"lead": ["市城管局"], "cooperating": ["各区人民政府", "高新区管委会"]},
        {"lead": ["市教育局", "市生态环境局"]}]


def test_a_listed_units_share_rule_inside_the_first_bracket(gazetteer):
    """"(负责单位:A、B。未明确牵头单位的,由所列负责单位按职责分工负责,下同)": a 负责单位 label lists
    units that share the task, and the document-wide rule after it names no unit ("所列负责单位")."""
    example, (role, unit) = phrases.LISTED_SHARE_EXAMPLE
    assert phrases.LISTED_SHARE_RE.search(example)
    text = f"控制能源消费总量。({example.replace('：', ':').replace('，', ',')})"
    assert _roles(text, gazetteer) == {"shared": ["发展改革委", "能源局"]}
    assert _roles("推动节能降耗。(负责单位:发展改革委、工业和信息化部)", gazetteer) == {
        "shared": ["发展改革委", "工业和信息化部"]}


def test_pinyin_glosses_after_characters_are_removed(tmp_path):
    """"國(guó)務(wù)院": a page printing pinyin after characters is read without the glosses."""
    from ecoplan.plan.readers import read_document
    from ecoplan.plan.readers.script import GLOSS_NOTE, without_glosses
    assert without_glosses("環(huán)境保護(hù)部牽頭") == ("環境保護部牽頭", True)
    assert without_glosses("PM2.5(细颗粒物)、COD(化学需氧量)、pH(b)") == ("PM2.5(细颗粒物)、COD(化学需氧量)、pH(b)", False)
    path = tmp_path / "p.txt"
    path.write_text("做好工作。(環(huán)境保護(hù)部牽頭,國(guó)土資源部參與)\n", encoding="utf-8")
    doc = read_document(path)
    assert "(huán)" not in doc.text and GLOSS_NOTE in [w["message"] for w in doc.warnings]


def test_a_headings_overall_lead_leads_every_task_under_it(gazetteer):
    """"一、…(省发改委总牵头)" above items: the heading is no task, its 总牵头 leads each item; a
    bare list under "列第一位者为牵头部门" has its first lead and the others cooperate; a body
    housed in a unit, in a bracket after it ("省发改委(省能源局)"), is the unit outside."""
    text = ("2014年某省大气污染防治部门分工方案\n一、调整能源结构(省发改委总牵头)\n(一)控制煤炭消费总量。\n"
            "1.制订控制方案。(省经信委、省发改委(省能源局)。列第一位者为牵头部门,下同)\n2.禁止建设自备燃煤电站。\n"
            "二、防治工业污染\n1.推进脱硝。(省环保厅、省经信委)\n")
    plan = parse_plan(SourceDocument(file="p.txt", text=text, sha256="0", meta={}), gazetteer)
    roles = {t["number"]: {r: [u["name"] for u in us] for r, us in t["responsibility"].items() if us}
             for t in plan["tasks"]}
    assert roles == {"1.1": {"lead": ["省发改委", "省经信委"], "cooperating": ["省发改委"]},
                     "1.2": {"lead": ["省发改委"]},
                     "2.1": {"lead": ["省环保厅"], "cooperating": ["省经信委"]}}, roles
    assert "无法识别的责任分工" not in [w["message"] for w in plan["warnings"]]


def test_a_ministrys_own_departments_take_its_elided_prefix(gazetteer):
    """"(部种植业司、畜牧兽医局分别负责)": a ministry's departments, 部 elided after the first; as
    departments each doing their part, 分别负责 → shared (the conventions' reading)."""
    assert _roles("推进种养结合。(部种植业司、畜牧兽医局分别负责)", gazetteer) == {
        "shared": ["部种植业司", "部畜牧兽医局"]}
