"""The rule kind for reports from the public (公众举报办理): share answered by the time limit,
by rate or threshold, computed by hand; mistakes in the rules file named by path and line."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ecoplan.assessment import PublicReportStats, UnitInputs, parse_rules, score_unit
from ecoplan.errors import InputError

RULES = """year: 2023
title: 公众举报办理考评
items:
  - {id: rate, name: 公众举报按时答复, kind: public_reports, weight: 5, applies_to: [district]}
  - {id: credit, name: 公众举报（逾期折半）, kind: public_reports, weight: 5, mode: rate,
     late_credit: 0.5, applies_to: [district]}
  - {id: bar, name: 公众举报按时答复率门槛, kind: public_reports, weight: 5, mode: threshold,
     threshold: 90, per_point: 0.2, applies_to: [district]}
grades:
  - {name: 合格, min: 60}
  - {name: 不合格, min: 0}
"""


@pytest.fixture(scope="module")
def rules():
    return parse_rules(RULES, source="r.yaml")


def _lines(rules, stats):
    return score_unit(rules, UnitInputs("武进区", "district", public_reports=stats)).lines


def test_twelve_reports_by_hand(rules):
    lines = _lines(rules, PublicReportStats(due=12, on_time=9, late=2))
    # rate: 5 × 9 ÷ 12 = 3.75; with half credit: 5 × (9 + 0.5 × 2) ÷ 12 = 4.1666… → 4.17;
    # threshold: 9 ÷ 12 = 75 %, 15 points below 90 × 0.2 = 3 → 2.
    assert [l.points for l in lines] == [Decimal("3.75"), Decimal("4.17"), Decimal("2")]
    counts = "到期 12 件，按时答复 9，逾期答复 2，未答复 1"
    assert lines[0].rule == "得分 = 5 × 按时答复件数 ÷ 到期件数"
    assert lines[0].number == f"{counts}：5 × 9 ÷ 12 = 3.75"
    assert lines[1].number == f"{counts}：5 × (9 + 0.5 × 2) ÷ 12 ≈ 4.17"
    assert lines[2].rule == "按时答复率 = 按时答复件数 ÷ 到期件数；低于 90% 的，每低 1 个百分点扣 0.2 分"
    assert lines[2].number == f"{counts}，按时答复率 75%，低 15 个百分点，扣 3 分"


def test_no_report_due_scores_full(rules):
    for stats in (None, PublicReportStats(due=0, on_time=0, late=0)):
        lines = _lines(rules, stats)
        assert [l.points for l in lines] == [Decimal(5)] * 3
        assert lines[0].number == "本期无到期的公众举报，得满分"


@pytest.mark.parametrize("item, message", [
    ("{id: a, name: x, kind: public_reports, weight: 5, mode: count, applies_to: [district]}",
     "应为 rate / threshold 之一"),
    ("{id: a, name: x, kind: public_reports, weight: 5, mode: threshold, applies_to: [district]}",
     "缺少字段“threshold”"),
    ("{id: a, name: x, kind: public_reports, weight: 5, per_late: 1, applies_to: [district]}",
     "字段“per_late”不适用于 rate 计分方式"),
    ("{id: a, name: x, kind: public_report, weight: 5, applies_to: [district]}",
     "public_reports"),
])
def test_rules_mistakes_named(item, message):
    text = RULES.split("items:")[0] + f"items:\n  - {item}\ngrades:\n  - {{name: 合格, min: 0}}\n"
    with pytest.raises(InputError) as err:
        parse_rules(text, source="r.yaml")
    assert message in err.value.message and err.value.row == 4 and err.value.file == "r.yaml"
