"""Completion items (task_completion, target_completion): a scenario computed by hand, the
rules' validation with file/line/path, and the measures the rules file names."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ecoplan.assessment import UnitInputs, WorkItem, parse_rules, score_unit
from ecoplan.assessment.engine import honours, score_units, summoned
from ecoplan.errors import InputError

RULES = """year: 2023
title: 某市2023年度生态文明建设考评细则
number: 某生态办〔2023〕3号
items:
  - id: tasks
    name: 牵头任务完成情况
    kind: task_completion
    weight: 50
    on_pace_credit: 0.8
    per_deadline_late: 2
    per_deadline_missed: 5
    applies_to: [department]
  - id: targets
    name: 目标任务完成情况
    kind: target_completion
    weight: 30
    per_deadline_missed: 4
    applies_to: [district, department]
  - id: ledger
    name: 整改销号
    kind: ledger
    weight: 20
    per_overdue: 2
    applies_to: [district, department]
grades:
  - {name: 合格, min: 60}
  - {name: 不合格, min: 0}
criticise: [不合格]
criticise_applies_to: [district, department]
summon: [不合格]
summon_applies_to: [district]
"""


def task(status, deadline=None):
    return WorkItem("task", "t", status, deadline)


def target(status, deadline=None):
    return WorkItem("target", "g", status, deadline)


@pytest.fixture(scope="module")
def rules():
    return parse_rules(RULES, source="r.yaml")


def test_department_scored_on_its_work(rules):
    work = (task("done", "met"), task("done", "late"), task("on_pace"), task("on_pace"),
            task("behind"), task("missing"), task("overdue", "missed"), task("not_due"),
            target("done", "met"), target("on_pace"), target("far_behind", "missed"))
    score = score_unit(rules, UnitInputs("市发改委", "department", work=work))
    tasks, targets, ledger = score.lines
    # Tasks: 8 led, 1 未到报送期 not judged → 7; credited 2 done + 0.8 × 2 on pace = 3.6;
    # 50 × 3.6 ÷ 7 = 25.714… → 25.71; deadlines due 3: met 1, late 1 (−2), missed 1 (−5)
    # → 25.71 − 7 = 18.71.
    assert tasks.points == Decimal("18.71")
    assert tasks.number == ("牵头任务 8 项（未到报送期 1 项不计）：已完成 2、按序时推进 2、滞后 1、"
                            "逾期未完成 1、未报送 1；50 × (2 + 0.8 × 2) ÷ 7 ≈ 25.71 分；"
                            "本期到期 3 项：按期完成 1、逾期完成 1、未完成 1，扣 7 分")
    assert tasks.rule == ("得分 = 50 × (已完成项数 + 0.8 × 按序时推进项数) ÷ 应评项数（未到报送期的不计）；"
                          "本期到期事项逾期完成每项扣 2 分，到期未完成每项扣 5 分")
    # Targets: on_pace_credit defaults to 1: 30 × (1 + 1) ÷ 3 = 20; one missed → −4 = 16.
    assert targets.points == Decimal("16.00")
    # Ledger: nothing due → full 20. Total 18.71 + 16 + 20 = 54.71 → 不合格.
    assert ledger.points == 20 and score.total == Decimal("54.71") and score.grade == "不合格"


def test_deductions_never_below_zero_and_say_what_was_lost(rules):
    work = tuple(task("overdue", "missed") for _ in range(12)) + (task("done", "met"),)
    line = score_unit(rules, UnitInputs("市水利局", "department", work=work)).lines[0]
    # 50 × 1 ÷ 13 = 3.846… → 3.85; 12 missed × 5 = 60 > 3.85: 扣完为止.
    assert line.points == 0
    assert line.number.endswith("应扣 60 分，扣完为止，实扣 3.85 分")
    assert "扣 0 分" not in line.number


def test_no_items_is_not_applicable_and_no_statuses_scores_nothing(rules):
    district = score_unit(rules, UnitInputs("武进区", "district", work=(target("done"),)))
    assert district.full == 50 and district.total == 100  # 30 + 20 of 50
    nothing = score_unit(rules, UnitInputs("市教育局", "department", work=()))
    assert [l.applicable for l in nothing.lines] == [False, False, True]
    assert nothing.full == 20 and "本单位没有牵头任务" in nothing.lines[0].number
    unknown = score_unit(rules, UnitInputs("市教育局", "department"))
    assert [l.points for l in unknown.lines[:2]] == [0, 0]
    assert unknown.lines[0].number == "无任务和目标状态数据，本项不得分"


def test_only_not_due_items_score_full(rules):
    line = score_unit(rules, UnitInputs("市林业局", "department",
                                        work=(task("not_due"), task("not_due")))).lines[0]
    assert line.points == 50 and "均未到报送期，得满分" in line.number


def test_measures_follow_the_rules_file(rules):
    scores = score_units(rules, [UnitInputs("武进区", "district", work=(target("behind"),)),
                                 UnitInputs("市发改委", "department", work=(task("behind"),))])
    everyone = scores["district"] + scores["department"]
    assert {s.grade for s in everyone} == {"不合格"}
    assert {s.unit for s in honours(rules, everyone)[1]} == {"武进区", "市发改委"}
    assert [s.unit for s in summoned(rules, everyone)] == ["武进区"]  # 约谈: districts only
    assert rules.citation == "《某市2023年度生态文明建设考评细则》（某生态办〔2023〕3号）"


def test_work_item_refuses_unknown_codes():
    with pytest.raises(ValueError):
        WorkItem("task", "t", "late")
    with pytest.raises(ValueError):
        WorkItem("task", "t", "done", "soon")


def _error(text: str) -> InputError:
    with pytest.raises(InputError) as info:
        parse_rules(text, source="r.yaml")
    return info.value


@pytest.mark.parametrize("old, new, row, field, message", [
    ("    on_pace_credit: 0.8\n", "    on_pace_credit: 1.5\n", 9, "items[0].on_pace_credit",
     "on_pace_credit 不能大于 1"),
    ("    on_pace_credit: 0.8\n", "    on_pace_credit: 0.8\n    metric: PM2.5\n", 10,
     "items[0].metric", "字段“metric”不适用于 task_completion"),
    ("    per_overdue: 2\n", "    per_overdue: 2\n    per_deadline_late: 1\n", 24,
     "items[2].per_deadline_late", "只用于 task_completion / target_completion"),
    ("    per_deadline_missed: 4\n", "    per_deadline_missed: 四\n", 17,
     "items[1].per_deadline_missed", "应为数字"),
    ("summon: [不合格]\n", "summon: [差]\n", 30, "summon", "“差”不是已定义的等次"),
    ("summon_applies_to: [district]\n", "summon_applies_to: [city]\n", 31, "summon_applies_to",
     "适用对象"),
    ("number: 某生态办〔2023〕3号\n", "number: 3\n", 3, "number", "应为非空文字"),
    ("summon: [不合格]\n", "summon: [不合格]\nsummon_red_months: yes please\n", 31,
     "summon_red_months", "应为true 或 false"),
])
def test_errors_name_path_and_line(old, new, row, field, message):
    assert old in RULES
    err = _error(RULES.replace(old, new))
    assert (err.file, err.row, err.field) == ("r.yaml", row, field)
    assert message in err.message
