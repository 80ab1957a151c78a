"""Other cities' conventions, in short synthetic plans: the parser must not be keyed to the seed."""

from pathlib import Path

import pytest

from ecoplan.plan.build import parse_plan
from ecoplan.plan.gazetteer import load_gazetteer

from plan_docs import text_document

HERE = Path(__file__).parent / "synthetic"


def parse(name, gazetteer=None):
    return parse_plan(text_document((HERE / name).read_text(encoding="utf-8"), name), gazetteer or load_gazetteer())


def roles(task):
    return {role: [u["name"] for u in units] for role, units in task["responsibility"].items() if units}


@pytest.fixture(scope="module")
def wuxi():
    return parse("wuxi_style.txt", load_gazetteer(HERE / "wuxi.yaml"))


def test_per_section_numbering_gets_dotted_numbers(wuxi):
    assert [t["number"] for t in wuxi["tasks"]] == ["1.1", "1.2", "2.1", "2.2"]
    assert [t["section"] for t in wuxi["tasks"]] == ["s2-1", "s2-1", "s2-2", "s2-2"]


def test_labelled_lines_and_the_city_gazetteer(wuxi):
    first, second, third, fourth = wuxi["tasks"]
    assert roles(first) == {"lead": ["市发展和改革委员会", "市工业和信息化局"]}
    assert roles(second) == {"lead": ["市发展和改革委员会"], "cooperating": ["市住房和城乡建设局", "市交通运输局"]}
    assert roles(third) == {"lead": ["市生态环境局", "各市（县）区人民政府"]}
    assert fourth["districts"] == ["梁溪区"]
    assert first["districts"] == ["江阴市", "宜兴市"]
    assert wuxi["warnings"] == []


def test_inline_ordinals_are_sub_items(wuxi):
    subitems = wuxi["tasks"][0]["subitems"]
    assert [s["number"] for s in subitems] == ["一是", "二是", "三是"]
    assert subitems[1]["title"] == "培育绿色工厂20家"


def test_metadata_of_an_office_notice(wuxi):
    assert wuxi["document"] == {"title": "2024年无锡市生态文明建设工作计划", "doc_number": "锡政办发〔2024〕7号",
                                "issuer": "无锡市人民政府办公室", "signed": "2024-03-08", "published": None,
                                "year": 2024, "year_source": "title", "region": "无锡市"}


def test_half_width_sub_items_with_the_clause_after_them():
    plan = parse("suzhou_style.txt")
    assert [t["number"] for t in plan["tasks"]] == ["1", "2", "3"]
    first = plan["tasks"][0]
    assert [s["number"] for s in first["subitems"]] == ["(1)", "(2)"]
    assert roles(first) == {"lead": ["市生态环境局"], "cooperating": ["市工业和信息化局", "市市场监督管理局"]}
    assert roles(plan["tasks"][1]) == {"shared": ["市公安局", "市交通运输局"]}
    assert plan["goal"]["text"].startswith("工作目标")
    assert plan["document"]["region"] == "苏州市"
    assert not any(t["title"] == "加强组织领导" for t in plan["tasks"])


def test_circled_tasks_county_prefix_and_standing_clause():
    plan = parse("county_style.txt")
    assert [t["number"] for t in plan["tasks"]] == ["1.1", "1.2", "2.1", "2.2"]
    assert roles(plan["tasks"][0]) == {"lead": ["县生态环境局"], "cooperating": ["县住建局", "县水利局"],
                                       "implementers": ["各镇人民政府"]}
    assert all(roles(t)["implementers"] == ["各镇人民政府"] for t in plan["tasks"])
    assert roles(plan["tasks"][3])["cooperating"] == ["县生态环境局"]
    unknown = {u["name"] for u in plan["units"] if not u["known"]}
    assert {"县生态环境局", "各镇人民政府"} <= unknown


def test_a_clause_after_the_last_measure_belongs_to_the_parent_task():
    plan = parse("measures_style.txt")
    assert [t["number"] for t in plan["tasks"]] == ["一", "二"]  # as written, without punctuation
    first, second = plan["tasks"]
    assert first["title"] == "深入打好蓝天保卫战"
    assert [s["number"] for s in first["subitems"]] == ["1.", "2."]
    assert roles(first) == {"lead": ["市生态环境局", "市住房和城乡建设局"]}
    assert roles(second) == {"lead": ["市水利局"], "cooperating": ["市生态环境局"]}
    assert [d["date"] for d in first["deadlines"]] == ["2024-06-30"]
    assert [t["task"] for t in plan["targets"] if t["value"] == 50] == ["二(1)"]


def test_targets_in_inline_items_belong_to_the_task(wuxi):
    first = [(t["task"], t["value"], t["unit"]) for t in wuxi["targets"] if t["task"].startswith("1.1")]
    assert first == [("1.1", 10, "家"), ("1.1", 20, "家")]


def test_a_standing_clause_written_above_the_tasks(gazetteer):
    from plan_docs import text_document

    text = ("2024年某区工作方案\n一、重点任务\n（以下各项任务均需各街道负责落实，不再一一列出）\n"
            "1. 推进甲。(区生态环境局牵头)\n2. 推进乙。(区住建局牵头)\n3. 推进丙。(区水务局牵头)\n")
    plan = parse_plan(text_document(text), gazetteer)
    assert [t["number"] for t in plan["tasks"]] == ["1", "2", "3"]
    assert all(roles(t)["implementers"] == ["各街道"] for t in plan["tasks"])
