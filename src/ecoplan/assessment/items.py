"""The points of one item for one unit, with the sentence that explains them.

Each function returns a :class:`~ecoplan.assessment.explain.Line`; a deduction never takes an
item below zero.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from ecoplan.assessment.explain import CENT, Line
from ecoplan.assessment.explain import dec as _dec
from ecoplan.assessment.explain import fmt as _fmt
from ecoplan.assessment.inputs import UnitInputs
from ecoplan.assessment.rules import Item

ZERO = Decimal(0)


def _line(item: Item, rule: str, number: str, points: Decimal) -> Line:
    weight = _dec(item.weight)
    points = min(max(points, ZERO), weight).quantize(CENT, rounding=ROUND_HALF_UP)
    return Line(item.name, rule, number, points, weight)


def _cents(value: Decimal) -> Decimal:
    """A deduction as written (2 decimals, half up), so the explanation adds up."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _not_applicable(item: Item, rule: str) -> Line:
    """No points and no weight: the engine scales the unit's score on its other items."""
    where = f"本区无{item.level}断面，" if item.level else ""
    return Line(item.name, rule, f"{where}本项不适用，按其余项目折算", ZERO, None, applicable=False)


def score_target(item: Item, inputs: UnitInputs):
    result = inputs.targets.get(item.measure)
    sign = "≤" if item.direction == "lower" else "≥"
    rule = f"目标{sign}{{t}}，每差 1 {item.unit} 扣 {_fmt(item.per_unit)} 分"
    if result is not None and not result.applicable:
        return _not_applicable(item, rule.format(t=_fmt(result.target)))
    if result is None or result.actual is None:
        target = "（未设定）" if result is None else _fmt(result.target)
        return _line(item, rule.format(t=target), "无监测数据，本项不得分", ZERO)
    target, actual = _dec(result.target), _dec(result.actual)
    gap = actual - target if item.direction == "lower" else target - actual
    rule = rule.format(t=_fmt(target))
    if gap <= 0:
        return _line(item, rule, f"实际 {_fmt(actual)}，达到目标", _dec(item.weight))
    deduction = _cents(gap * _dec(item.per_unit))
    number = f"实际 {_fmt(actual)}，差 {_fmt(gap)}，扣 {_fmt(deduction)} 分"
    return _line(item, rule, number, _dec(item.weight) - deduction)


def score_timeliness(item: Item, inputs: UnitInputs):
    rule = f"迟报每次扣 {_fmt(item.per_late)} 分，漏报每次扣 {_fmt(item.per_missing)} 分"
    stats = inputs.reporting
    if stats is None:
        return _line(item, rule, "无报送记录，本项不得分", ZERO)
    deduction = stats.late * _dec(item.per_late) + stats.missing * _dec(item.per_missing)
    number = f"应报 {stats.due} 次，按时 {stats.on_time}，迟报 {stats.late}，漏报 {stats.missing}"
    return _line(item, rule, f"{number}，扣 {_fmt(deduction)} 分", _dec(item.weight) - deduction)


def score_completeness(item: Item, inputs: UnitInputs):
    rule = f"得分 = {_fmt(item.weight)} × 完整报送次数 ÷ 应报次数"
    stats = inputs.reporting
    if stats is None:
        return _line(item, rule, "无报送记录，本项不得分", ZERO)
    if stats.due == 0:
        return _line(item, rule, "本期无应报事项，得满分", _dec(item.weight))
    points = _cents(_dec(item.weight) * stats.complete / stats.due)
    return _line(item, rule, f"完整 {stats.complete} / 应报 {stats.due}", points)


def score_ledger(item: Item, inputs: UnitInputs):
    rule = (f"得分 = {_fmt(item.weight)} × 销号数 ÷ 到期事项数，"
            f"每项逾期未销号扣 {_fmt(item.per_overdue)} 分")
    stats = inputs.ledger
    if stats is None or stats.due == 0:
        return _line(item, rule, "本期无到期整改事项，得满分", _dec(item.weight))
    ratio_points = _cents(_dec(item.weight) * stats.closed / stats.due)
    deduction = stats.overdue * _dec(item.per_overdue)
    number = (f"到期 {stats.due} 项，已销号 {stats.closed} 项（{_fmt(ratio_points)} 分），"
              f"逾期 {stats.overdue} 项，扣 {_fmt(deduction)} 分")
    return _line(item, rule, number, ratio_points - deduction)


SCORERS = {"target": score_target, "timeliness": score_timeliness,
           "completeness": score_completeness, "ledger": score_ledger}


def score_item(item: Item, inputs: UnitInputs):
    return SCORERS[item.kind](item, inputs)
