"""Rules files: the shipped example loads; every mistake names the file, path and line."""

from __future__ import annotations

import pytest

from ecoplan.assessment import load_rules, parse_rules
from ecoplan.assessment.rules import RULES_DIR, shipped_rules
from ecoplan.errors import InputError

GOOD = """year: 2023
title: t
items:
  - id: pm25
    name: PM2.5
    kind: target
    metric: PM2.5
    direction: lower
    weight: 20
    per_unit: 0.5
    applies_to: [district]
grades:
  - {name: 合格, min: 60}
  - {name: 不合格, min: 0}
"""


def test_shipped_example_loads():
    rules = shipped_rules(2023)
    assert rules.year == 2023 and rules.full_score("district") == 100
    assert rules.full_score("department") == 100
    assert rules.title.endswith("（ecoplan示例）") and rules.number == ""
    assert (rules.criticise, rules.criticise_applies_to) == (("不合格",), ("district",))
    assert (rules.summon, rules.summon_applies_to, rules.summon_red_months) == (
        ("不合格",), ("district",), True)
    assert [g.name for g in rules.grades] == ["优秀", "良好", "合格", "不合格"]
    assert rules.source.endswith("changzhou_2023.yaml")
    assert load_rules(RULES_DIR / "changzhou_2023.yaml") == rules


def _error(text: str) -> InputError:
    with pytest.raises(InputError) as info:
        parse_rules(text, source="r.yaml")
    return info.value


@pytest.mark.parametrize("old, new, row, field, message", [
    ("    per_unit: 0.5\n", "", 4, "items[0]", "缺少字段“per_unit”"),
    ("    weight: 20\n", "    weight: 二十\n", 9, "items[0].weight", "应为数字"),
    ("    weight: 20\n", "    weight: -1\n", 9, "items[0].weight", "不能为负数"),
    ("    kind: target\n", "    kind: magic\n", 6, "items[0].kind", "应为 target / timeliness"),
    ("    metric: PM2.5\n", "    metric: PM2.5\n    metrc: x\n", 8, "items[0].metrc", "未知字段“metrc”"),
    ("applies_to: [district]", "applies_to: [city]", 11, "items[0].applies_to[0]", "适用对象"),
    ("  - {name: 不合格, min: 0}\n", "  - {name: 不合格, min: 10}\n", 14, "grades[1]", "min 应为 0"),
    ("year: 2023\n", "year: 2023\nvetoes: [{id: v, name: n, max_grade: 差}]\n", 2, "vetoes[0]",
     "不是已定义的等次"),
    ("year: 2023\n", "", 1, "（根）", "缺少字段“year”"),
])
def test_errors_name_path_and_line(old, new, row, field, message):
    assert old in GOOD
    err = _error(GOOD.replace(old, new))
    assert (err.file, err.row, err.field) == ("r.yaml", row, field)
    assert message in err.message


def test_duplicate_id_and_yaml_syntax():
    item = GOOD[GOOD.index("  - id: pm25"):GOOD.index("grades:")]
    err = _error(GOOD.replace("grades:", item + "grades:"))
    assert (err.row, err.field, err.message) == (12, "items[1]", "id“pm25”重复")
    err = _error("year: 2023\ntitle: [unclosed\n")
    assert err.row == 3 and "YAML 格式错误" in err.message
    assert "文件为空" in _error("").message


def test_missing_file():
    with pytest.raises(InputError, match="无法读取考评细则"):
        load_rules("/nonexistent/rules.yaml")


WATER = GOOD.replace("""    metric: PM2.5
    direction: lower
""", """    metric: 优Ⅲ比例
    level: 国考
    direction: higher
""")


def test_water_items_name_their_section_level():
    (item,) = parse_rules(WATER, source="r.yaml").items
    assert (item.metric, item.level, item.measure) == ("优Ⅲ比例", "国考", "国考优Ⅲ比例")
    (air,) = parse_rules(GOOD, source="r.yaml").items
    assert (air.level, air.measure) == ("", "PM2.5")
    shipped = {i.id: i.measure for i in shipped_rules(2023).items if i.kind == "target"}
    assert shipped == {"pm25": "PM2.5", "good_days": "优良天数比率", "water_national": "国考优Ⅲ比例",
                       "water_provincial": "省考优Ⅲ比例", "water_worse_v": "市考以上劣Ⅴ比例",
                       "dust": "降尘"}


@pytest.mark.parametrize("old, new, row, field, message", [
    ("    level: 国考\n", "", 4, "items[0]", "断面水质指标“优Ⅲ比例”须写明断面级别 level（国考 / 省考"),
    ("    level: 国考\n", "    level: 县考\n", 8, "items[0].level", "应为 国考 / 省考 / 市考 / 市考以上 之一"),
    ("    metric: 优Ⅲ比例\n", "    metric: PM2.5\n", 8, "items[0].level",
     "level 只用于断面水质指标（优Ⅲ比例 / 优Ⅱ比例 / 劣Ⅴ比例）"),
])
def test_water_level_errors_name_path_and_line(old, new, row, field, message):
    assert old in WATER
    err = _error(WATER.replace(old, new))
    assert (err.file, err.row, err.field) == ("r.yaml", row, field)
    assert message in err.message
