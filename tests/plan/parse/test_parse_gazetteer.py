import pytest

from ecoplan.errors import InputError
from ecoplan.plan.gazetteer import load_gazetteer


@pytest.mark.parametrize("written, canonical", [
    ("市发改委", "市发展和改革委员会"),
    ("市发展改革委", "市发展和改革委员会"),
    ("市发展和改革委员会", "市发展和改革委员会"),
    ("市工信局", "市工业和信息化局"),
    ("市市场监管局", "市市场监督管理局"),
    ("市机关事务局", "市机关事务管理局"),
    ("市检察院", "市人民检察院"),
    ("常州市供电公司", "国网江苏省电力有限公司常州供电分公司"),
    ("各辖市(区)人民政府", "各辖市区人民政府"),
    ("常州经开区管委会", "常州经济开发区管理委员会"),
])
def test_aliases_resolve_to_the_canonical_name(gazetteer, written, canonical):
    assert gazetteer.canonical(written) == canonical


def test_unknown_names_are_none_and_the_seed_units_are_covered(gazetteer):
    assert gazetteer.canonical("市火星开发局") is None
    assert len(gazetteer.units) >= 60
    for written in ["市委宣传部", "市委组织部", "市公安局", "市财政局", "市自然资源和规划局", "市住建局",
                    "市城管局", "市水利局", "市农业农村局", "市商务局", "市文广旅局", "市卫健委", "市应急管理局",
                    "市审计局", "市统计局", "市税务局", "市司法局", "市法院", "市供销总社", "常州海事局",
                    "常州海关", "常州机场", "邮政分公司", "市各有关部门"]:
        assert gazetteer.canonical(written), written


def test_districts_are_found_in_text_by_name_and_alias(gazetteer):
    assert gazetteer.region == "常州市"
    assert len(gazetteer.districts) == 7
    assert gazetteer.find_districts("在常州经济开发区和金坛区、溧阳市试点，金坛区再试") == ["常州经开区", "金坛区", "溧阳市"]
    assert gazetteer.find_districts("全市推广") == []


def test_a_city_yaml_adds_units_and_replaces_districts_of_another_region(tmp_path):
    city = tmp_path / "wuxi.yaml"
    city.write_text("region: 无锡市\ndistricts: [江阴市, 宜兴市]\nunits:\n"
                    "  - {name: 市住房和城乡建设局, kind: department, aliases: [市住房城乡建设局]}\n"
                    "  - {name: 市太湖办, kind: department}\n", encoding="utf-8")
    gaz = load_gazetteer(city)
    assert gaz.region == "无锡市"
    assert gaz.districts == ["江阴市", "宜兴市"]
    assert gaz.canonical("市住房城乡建设局") == "市住房和城乡建设局"
    assert gaz.canonical("市住建局") == "市住房和城乡建设局"  # the shipped alias survives the merge
    assert gaz.canonical("市太湖办") == "市太湖办"


@pytest.mark.parametrize("content, words", [
    ("units: [{kind: department}]", ["bad.yaml", "units[1]", "name"]),
    ("units:\n  - {name: 市甲局, kind: bureau}", ["bad.yaml", "市甲局", "kind"]),
    ("units:\n  - {name: 市甲局, aliases: [甲局]}\n  - {name: 市乙局, aliases: [甲局]}", ["bad.yaml", "甲局"]),
    ("units: [", ["bad.yaml", "YAML"]),
    ("- just a list", ["bad.yaml"]),
    ("colour: red", ["bad.yaml", "colour"]),
])
def test_a_malformed_city_yaml_names_file_and_entry(tmp_path, content, words):
    bad = tmp_path / "bad.yaml"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_gazetteer(bad)
    for word in words:
        assert word in str(err.value)


def test_a_missing_yaml_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="nope.yaml"):
        load_gazetteer(tmp_path / "nope.yaml")
