"""The engine on a scenario whose every point was computed by hand (in the comments)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ecoplan.assessment import (LedgerStats, ReportingStats, TargetResult, UnitInputs,
                                parse_rules, score_unit, score_units)
from ecoplan.assessment.engine import honours
from ecoplan.errors import InputError

RULES = """
year: 2023
title: 测试细则
items:
  - {id: pm25, name: PM2.5, kind: target, metric: PM2.5, direction: lower, weight: 20,
     per_unit: 0.5, unit: 微克/立方米, applies_to: [district]}
  - {id: good, name: 优良天数比率, kind: target, metric: 优良天数比率, direction: higher,
     weight: 15, per_unit: 0.25, unit: 个百分点, applies_to: [district]}
  - {id: timely, name: 及时性, kind: timeliness, weight: 10, per_late: 1, per_missing: 2,
     applies_to: [district, department]}
  - {id: complete, name: 完整性, kind: completeness, weight: 10, applies_to: [district, department]}
  - {id: ledger, name: 整改销号, kind: ledger, weight: 20, per_overdue: 2,
     applies_to: [district, department]}
bonuses:
  - {id: a, name: 国家级表彰, points: 3}
  - {id: b, name: 省级推广, points: 1}
bonus_cap: 3
vetoes:
  - {id: x, name: 重大突发环境事件, max_grade: 合格}
grades:
  - {name: 优秀, min: 90}
  - {name: 良好, min: 80}
  - {name: 合格, min: 60}
  - {name: 不合格, min: 0}
commend: [优秀]
criticise: [不合格]
"""


def _pm25(actual):
    return {"PM2.5": TargetResult("PM2.5", 31, actual)}


def _district(name, **kw):
    return UnitInputs(name, "district", **kw)


A = dict(targets={**_pm25(33.1), "优良天数比率": TargetResult("优良天数比率", 80, 78.5)},
         reporting=ReportingStats(due=12, on_time=10, late=1, complete=11),
         ledger=LedgerStats(due=5, closed=4, overdue=1), bonuses=("a", "b"))
UNITS = [
    _district("溧阳市", **A),
    _district("新北区", **A),
    _district("金坛区", targets={**_pm25(30), "优良天数比率": TargetResult("优良天数比率", 80, 82)},
              reporting=ReportingStats(12, 12, 0, 12), ledger=LedgerStats(0, 0, 0), vetoes=("x",)),
    _district("武进区", targets={**_pm25(None), "优良天数比率": TargetResult("优良天数比率", 80, 70)},
              ledger=LedgerStats(due=4, closed=1, overdue=3)),
    UnitInputs("市生态环境局", "department", reporting=ReportingStats(4, 3, 1, 4),
               ledger=LedgerStats(2, 2, 0)),
]


@pytest.fixture(scope="module")
def rules():
    return parse_rules(RULES, source="test.yaml")


def test_district_with_shortfalls_every_point(rules):
    score = score_unit(rules, UNITS[0])
    points = [l.points for l in score.lines]
    # PM2.5: 33.1 − 31 = 2.1 × 0.5 = 1.05 → 18.95; good days: 80 − 78.5 = 1.5 × 0.25 = 0.375
    # → 0.38 → 14.62; timeliness: 1 late × 1 + 1 missing × 2 = 3 → 7; completeness:
    # 10 × 11/12 = 9.17; ledger: 20 × 4/5 = 16 − 1 × 2 = 14; bonuses 3 + 1 = 4, capped at 3.
    assert points == [Decimal("18.95"), Decimal("14.62"), Decimal("7.00"), Decimal("9.17"),
                      Decimal("14.00"), Decimal(3), Decimal(1), Decimal(-1)]
    assert score.earned == Decimal("63.74") and score.full == 75
    assert score.scaled == Decimal("84.99")  # 63.74 / 75 × 100 = 84.9866…
    assert score.total == Decimal("87.99") and score.grade == "良好"
    first = score.lines[0]
    assert (first.rule, first.number) == ("目标≤31，每差 1 微克/立方米 扣 0.5 分",
                                          "实际 33.1，差 2.1，扣 1.05 分")
    assert score.lines[-1].rule == "加分合计不超过 3 分"
    assert score.notes == ["折算为百分制：63.74 ÷ 75 × 100 = 84.99"]


def test_missing_data_floors_and_veto(rules):
    wujin = score_unit(rules, UNITS[3])
    # PM2.5 no data → 0; good days 10 × 0.25 = 2.5 → 12.5; no reports → 0 + 0;
    # ledger 20 × 1/4 = 5 − 3 × 2 = −1 → floored at 0. 12.5 / 75 = 16.67.
    assert [l.points for l in wujin.lines] == [0, Decimal("12.5"), 0, 0, 0]
    assert wujin.lines[0].number == "无监测数据，本项不得分"
    assert (wujin.total, wujin.grade) == (Decimal("16.67"), "不合格")
    jintan = score_unit(rules, UNITS[2])
    assert jintan.total == 100 and jintan.grade == "合格"
    assert jintan.veto == "一票否决：重大突发环境事件，等次不高于合格"
    # A veto on a unit already below its cap is still stated; the grade stays.
    vetoed = score_unit(rules, _district("武进区", ledger=LedgerStats(0, 0, 0), vetoes=("x",)))
    assert (vetoed.grade, vetoed.veto) == ("不合格", "一票否决：重大突发环境事件，等次不高于合格")


def test_ranking_ties_and_honours(rules):
    scored = score_units(rules, UNITS)
    districts = scored["district"]
    assert [(s.unit, s.rank) for s in districts] == [
        ("金坛区", 1), ("新北区", 2), ("溧阳市", 2), ("武进区", 4)]
    (dept,) = scored["department"]
    # 10 − 1 late = 9; completeness 10; ledger 20: 39 of 40 → 97.5.
    assert (dept.earned, dept.total, dept.grade) == (Decimal(39), Decimal("97.50"), "优秀")
    commend, criticise = honours(rules, districts + [dept])
    assert [s.unit for s in commend] == ["市生态环境局"]
    assert [s.unit for s in criticise] == ["武进区"]


def test_unknown_bonus_is_refused(rules):
    with pytest.raises(InputError, match="没有加分项“z”"):
        score_unit(rules, _district("溧阳市", bonuses=("z",)))


WATER_RULES = RULES.replace("""  - {id: timely,""", """  - {id: national, name: 国考断面优Ⅲ比例, kind: target, metric: 优Ⅲ比例, level: 国考,
     direction: higher, weight: 6, per_unit: 0.5, unit: 个百分点, applies_to: [district]}
  - {id: timely,""")


def test_not_applicable_item_leaves_the_full_score():
    rules = parse_rules(WATER_RULES, source="test.yaml")
    without = {**A, "targets": {**A["targets"],
                                "国考优Ⅲ比例": TargetResult("国考优Ⅲ比例", 80, None, applicable=False)}}
    score = score_unit(rules, _district("天宁区", **without))
    # The items of A earn 63.74 (test above); 国考 not applicable: its 6 points leave the full
    # score, 81 − 6 = 75, so the unit scores exactly as without the item: 84.99 + 3 bonus.
    line = score.lines[2]
    assert (line.points, line.max_points, line.applicable) == (0, None, False)
    assert (line.rule, line.number) == ("目标≥80，每差 1 个百分点 扣 0.5 分",
                                        "本区无国考断面，本项不适用，按其余项目折算")
    assert (score.earned, score.full, score.scaled, score.total) == (
        Decimal("63.74"), 75, Decimal("84.99"), Decimal("87.99"))
    # Missing data is not the same: no value → 0 of 6, full 81: 63.74 ÷ 81 × 100 = 78.69.
    missing = {**A, "targets": {**A["targets"], "国考优Ⅲ比例": TargetResult("国考优Ⅲ比例", 80, None)}}
    score = score_unit(rules, _district("天宁区", **missing))
    assert (score.lines[2].number, score.full, score.scaled) == (
        "无监测数据，本项不得分", 81, Decimal("78.69"))


def test_unit_with_no_applicable_item_scores_zero():
    alone = UnitInputs("天宁区", "district", targets={
        m: TargetResult(m, 1, None, applicable=False) for m in ("PM2.5", "优良天数比率")})
    only_targets = parse_rules(RULES.split("  - {id: timely,")[0] + RULES[RULES.index("bonuses:"):],
                               source="test.yaml")
    score = score_unit(only_targets, alone)
    assert (score.full, score.scaled, score.notes) == (0, 0, ["本单位没有适用的考评项目，得 0 分"])
