"""Timeliness and completeness by count, rate or threshold: points computed by hand, and every
mistake in a rules file named by path and line."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ecoplan.assessment import ReportingStats, UnitInputs, parse_rules, score_unit
from ecoplan.assessment.rules import shipped_rules
from ecoplan.errors import InputError

RULES = """year: 2023
title: 报送考评
items:
  - {id: count, name: 及时性（次数）, kind: timeliness, weight: 10, per_late: 1, per_missing: 2,
     applies_to: [department]}
  - {id: rate, name: 及时性（比率）, kind: timeliness, weight: 10, mode: rate, late_credit: 0.5,
     applies_to: [department]}
  - {id: on_time_only, name: 按时率, kind: timeliness, weight: 10, mode: rate,
     applies_to: [department]}
  - {id: bar, name: 及时率门槛, kind: timeliness, weight: 10, mode: threshold, threshold: 95,
     per_point: 0.5, late_credit: 0.5, applies_to: [department]}
  - {id: complete, name: 完整性, kind: completeness, weight: 10, applies_to: [department]}
  - {id: complete_bar, name: 完整率门槛, kind: completeness, weight: 10, mode: threshold,
     threshold: 90, per_point: 0.2, applies_to: [department]}
grades:
  - {name: 合格, min: 60}
  - {name: 不合格, min: 0}
"""


@pytest.fixture(scope="module")
def rules():
    return parse_rules(RULES, source="r.yaml")


def _lines(rules, stats):
    return score_unit(rules, UnitInputs("市生态环境局", "department", reporting=stats)).lines


def test_forty_reports_every_mode(rules):
    lines = _lines(rules, ReportingStats(due=40, on_time=30, late=6, complete=33))
    # count: 6 late × 1 + 4 missing × 2 = 14 > 10 → 0 (never below zero).
    # rate: 10 × (30 + 0.5 × 6) ÷ 40 = 8.25; on time only: 10 × 30 ÷ 40 = 7.5.
    # threshold: (30 + 3) ÷ 40 = 82.5 %, 12.5 points below 95 × 0.5 = 6.25 → 3.75.
    # completeness: 10 × 33 ÷ 40 = 8.25; threshold 90: 7.5 points below × 0.2 = 1.5 → 8.5.
    assert [l.points for l in lines] == [0, Decimal("8.25"), Decimal("7.5"), Decimal("3.75"),
                                        Decimal("8.25"), Decimal("8.5")]
    counts = "应报 40 次，按时 30，迟报 6，漏报 4"
    assert [(l.rule, l.number) for l in lines[:4]] == [
        # 6 × 1 + 4 × 2 = 14 of a 10-point item: the line says what was actually lost
        ("迟报每次扣 1 分，漏报每次扣 2 分", f"{counts}，应扣 14 分，扣完为止，实扣 10 分"),
        ("得分 = 10 × (按时次数 + 0.5 × 迟报次数) ÷ 应报次数",
         f"{counts}：10 × (30 + 0.5 × 6) ÷ 40 = 8.25"),
        ("得分 = 10 × 按时次数 ÷ 应报次数", f"{counts}：10 × 30 ÷ 40 = 7.5"),
        ("及时率 = (按时次数 + 0.5 × 迟报次数) ÷ 应报次数；低于 95% 的，每低 1 个百分点扣 0.5 分",
         f"{counts}，及时率 82.5%，低 12.5 个百分点，扣 6.25 分")]
    assert lines[5].number == "应报 40 次，完整 33 次，完整率 82.5%，低 7.5 个百分点，扣 1.5 分"


def test_rounding_half_up_and_said_so(rules):
    lines = _lines(rules, ReportingStats(due=7, on_time=5, late=1, complete=6))
    # rate: 10 × 5.5 ÷ 7 = 7.857… → 7.86 (≈). threshold: 5.5 ÷ 7 = 78.571…% → 78.57 %;
    # 95 − 78.57 = 16.43 × 0.5 = 8.215 → 8.22 → 1.78. completeness: 10 × 6 ÷ 7 = 8.571… → 8.57;
    # 6 ÷ 7 = 85.71 %, 4.29 × 0.2 = 0.858 → 0.86 → 9.14.
    assert [l.points for l in lines[1:]] == [Decimal("7.86"), Decimal("7.14"), Decimal("1.78"),
                                            Decimal("8.57"), Decimal("9.14")]
    assert lines[1].number.endswith("10 × (5 + 0.5 × 1) ÷ 7 ≈ 7.86")
    assert "及时率 78.57%，低 16.43 个百分点，扣 8.22 分" in lines[3].number
    # 10 × (6 + 0.5 × 1) ÷ 8 = 8.125: half up gives 8.13 (half even would give 8.12).
    eight = _lines(rules, ReportingStats(due=8, on_time=6, late=1, complete=8))
    assert eight[1].points == Decimal("8.13") and eight[1].number.endswith("≈ 8.13")


def test_at_the_threshold_nothing_due_and_no_records(rules):
    at_bar = _lines(rules, ReportingStats(due=20, on_time=19, late=0, complete=18))
    # 19 ÷ 20 = 95 % meets 95; completeness 18 ÷ 20 = 90 % meets 90.
    assert (at_bar[3].points, at_bar[5].points) == (10, 10)
    assert at_bar[3].number.endswith("及时率 95%，达到 95%")
    nothing = _lines(rules, ReportingStats(due=0, on_time=0, late=0, complete=0))
    assert [l.points for l in nothing] == [10] * 6
    assert nothing[1].number == "本期无应报事项，得满分"
    unknown = score_unit(rules, UnitInputs("市生态环境局", "department"))
    assert [l.points for l in unknown.lines] == [0] * 6
    assert {l.number for l in unknown.lines} == {"无报送记录，本项不得分"}
    assert unknown.lines[1].rule == "得分 = 10 × (按时次数 + 0.5 × 迟报次数) ÷ 应报次数"
    assert nothing[4].rule == "得分 = 10 × 完整报送次数 ÷ 应报次数"


def test_shipped_rules_use_the_rate():
    (timeliness,) = [i for i in shipped_rules(2023).items if i.kind == "timeliness"]
    assert (timeliness.mode, timeliness.late_credit) == ("rate", 0.5)
    completeness = next(i for i in shipped_rules(2023).items if i.kind == "completeness")
    assert completeness.mode == "rate"


def _error(old: str, new: str) -> InputError:
    assert old in RULES
    with pytest.raises(InputError) as info:
        parse_rules(RULES.replace(old, new), source="r.yaml")
    return info.value


@pytest.mark.parametrize("old, new, row, field, message", [
    ("mode: rate, late_credit: 0.5", "mode: often, late_credit: 0.5", 6, "items[1].mode",
     "应为 count / rate / threshold 之一，而不是“often”"),
    ("per_late: 1, per_missing: 2", "per_missing: 2", 4, "items[0]",
     "timeliness 类考评项目按 count 方式计分，缺少字段“per_late”"),
    ("per_point: 0.5, late_credit", "late_credit", 10, "items[3]",
     "按 threshold 方式计分，缺少字段“per_point”"),
    ("mode: rate, late_credit: 0.5", "mode: rate, late_credit: 0.5, per_late: 1", 6,
     "items[1].per_late", "字段“per_late”不适用于 rate 计分方式"),
    ("mode: rate, late_credit: 0.5", "mode: rate, late_credit: 1.5", 6, "items[1].late_credit",
     "late_credit 不能大于 1（现为 1.5）"),
    ("threshold: 95", "threshold: 120", 10, "items[3].threshold", "threshold 不能大于 100"),
    ("kind: completeness, weight: 10, applies_to", "kind: completeness, weight: 10, mode: count, "
     "applies_to", 12, "items[4].mode", "应为 rate / threshold 之一，而不是“count”"),
    ("kind: completeness, weight: 10, applies_to", "kind: completeness, weight: 10, "
     "late_credit: 0.5, applies_to", 12, "items[4].late_credit", "不适用于 rate 计分方式"),
])
def test_errors_name_path_and_line(old, new, row, field, message):
    err = _error(old, new)
    assert (err.file, err.row, err.field) == ("r.yaml", row, field)
    assert message in err.message


def test_mode_on_a_target_item_is_refused():
    text = RULES.replace("items:\n", "items:\n  - {id: pm, name: PM2.5, kind: target, metric: PM2.5, "
                         "direction: lower, per_unit: 0.5, weight: 20, mode: rate, "
                         "applies_to: [district]}\n")
    with pytest.raises(InputError) as info:
        parse_rules(text, source="r.yaml")
    assert (info.value.row, info.value.field) == (4, "items[0].mode")
    assert "target 类考评项目没有计分方式" in info.value.message
