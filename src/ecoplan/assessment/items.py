"""The points of one item for one unit, with the sentence that explains them.

Each function returns a :class:`~ecoplan.assessment.explain.Line`; a deduction never takes an
item below zero, and the sentence says the points actually lost: a line never reads "扣 0 分"
(nothing deducted is said as such), and a deduction larger than what is left says so (扣完为止).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from ecoplan.assessment.explain import CENT, Line
from ecoplan.assessment.explain import dec as _dec
from ecoplan.assessment.explain import fmt as _fmt
from ecoplan.assessment.inputs import UnitInputs
from ecoplan.assessment.rules import Item

ZERO = Decimal(0)
HUNDRED = Decimal(100)


def line_for(item: Item, rule: str, number: str, points: Decimal) -> Line:
    weight = _dec(item.weight)
    points = min(max(points, ZERO), weight).quantize(CENT, rounding=ROUND_HALF_UP)
    return Line(item.name, rule, number, points, weight)


def cents(value: Decimal) -> Decimal:
    """A deduction as written (2 decimals, half up), so the explanation adds up."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def deducted(deduction: Decimal, available: Decimal) -> str:
    """"扣 X 分" for a deduction from ``available`` points: "不扣分" when there is none, and
    the points actually taken when the deduction exceeds what is left (扣完为止)."""
    deduction, available = cents(deduction), cents(max(available, ZERO))
    if deduction <= 0:
        return "不扣分"
    if deduction > available:
        return f"应扣 {_fmt(deduction)} 分，扣完为止，实扣 {_fmt(available)} 分"
    return f"扣 {_fmt(deduction)} 分"


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
        return line_for(item, rule.format(t=target), "无监测数据，本项不得分", ZERO)
    target, actual = _dec(result.target), _dec(result.actual)
    gap = actual - target if item.direction == "lower" else target - actual
    rule = rule.format(t=_fmt(target))
    if gap <= 0:
        return line_for(item, rule, f"实际 {_fmt(actual)}，达到目标", _dec(item.weight))
    deduction = cents(gap * _dec(item.per_unit))
    number = f"实际 {_fmt(actual)}，差 {_fmt(gap)}，{deducted(deduction, _dec(item.weight))}"
    return line_for(item, rule, number, _dec(item.weight) - deduction)


def approx(exact: Decimal) -> str:
    """"=" when the 2-decimal figure is the exact value, "≈" when it was rounded."""
    return "=" if exact == cents(exact) else "≈"


def _by_rate(item: Item, *, what: str, formula: str, worked: str, credited: Decimal, due: int,
             counts: str, denominator: str = "应报次数") -> Line:
    """A reporting item scored from a rate, ``credited`` ÷ ``due`` (``due`` > 0).

    ``rate``: weight × the rate. ``threshold``: the rate in %, rounded half-up to 2 decimals,
    and ``per_point`` deducted per percentage point below ``threshold``.
    """
    weight, rule = _dec(item.weight), _rate_rule(item, what, formula, denominator)
    if item.mode == "rate":
        exact = weight * credited / due
        number = f"{counts}：{_fmt(weight)} × {worked} ÷ {due} {approx(exact)} {_fmt(exact)}"
        return line_for(item, rule, number, exact)
    rate, threshold = cents(credited * HUNDRED / due), _dec(item.threshold)
    if rate >= threshold:
        return line_for(item, rule, f"{counts}，{what} {_fmt(rate)}%，达到 {_fmt(threshold)}%", weight)
    gap = threshold - rate
    deduction = cents(gap * _dec(item.per_point))
    number = f"{counts}，{what} {_fmt(rate)}%，低 {_fmt(gap)} 个百分点，{deducted(deduction, weight)}"
    return line_for(item, rule, number, weight - deduction)


def _rate_rule(item: Item, what: str, formula: str, denominator: str = "应报次数") -> str:
    """The rule of a ``rate`` or ``threshold`` item, as the office wrote it."""
    if item.mode == "rate":
        return f"得分 = {_fmt(item.weight)} × {formula} ÷ {denominator}"
    return (f"{what} = {formula} ÷ {denominator}；低于 {_fmt(item.threshold)}% 的，"
            f"每低 1 个百分点扣 {_fmt(item.per_point)} 分")


def _count_rule(item: Item) -> str:
    return f"迟报每次扣 {_fmt(item.per_late)} 分，漏报每次扣 {_fmt(item.per_missing)} 分"


def score_timeliness(item: Item, inputs: UnitInputs):
    """Timeliness (报送及时性): ``count`` deducts per late and missing report; ``rate`` and
    ``threshold`` use (on time + ``late_credit`` × late) ÷ due."""
    stats = inputs.reporting
    credit = _dec(item.late_credit)
    formula = f"(按时次数 + {_fmt(credit)} × 迟报次数)" if credit else "按时次数"
    rule = _count_rule(item) if item.mode == "count" else _rate_rule(item, "及时率", formula)
    if stats is None:
        return line_for(item, rule, "无报送记录，本项不得分", ZERO)
    counts = f"应报 {stats.due} 次，按时 {stats.on_time}，迟报 {stats.late}，漏报 {stats.missing}"
    if item.mode == "count":
        deduction = stats.late * _dec(item.per_late) + stats.missing * _dec(item.per_missing)
        return line_for(item, rule, f"{counts}，{deducted(deduction, _dec(item.weight))}",
                     _dec(item.weight) - deduction)
    if stats.due == 0:
        return line_for(item, rule, "本期无应报事项，得满分", _dec(item.weight))
    worked = f"({stats.on_time} + {_fmt(credit)} × {stats.late})" if credit else str(stats.on_time)
    return _by_rate(item, what="及时率", formula=formula, worked=worked, due=stats.due,
                    credited=stats.on_time + credit * stats.late, counts=counts)


def score_completeness(item: Item, inputs: UnitInputs):
    """Completeness (报送完整性): complete reports ÷ reports due, by ``rate`` or ``threshold``."""
    stats = inputs.reporting
    if stats is None or stats.due == 0:
        number = "无报送记录，本项不得分" if stats is None else "本期无应报事项，得满分"
        return line_for(item, _rate_rule(item, "完整率", "完整报送次数"), number,
                     ZERO if stats is None else _dec(item.weight))
    return _by_rate(item, what="完整率", formula="完整报送次数", worked=str(stats.complete),
                    credited=Decimal(stats.complete), due=stats.due,
                    counts=f"应报 {stats.due} 次，完整 {stats.complete} 次")


def score_ledger(item: Item, inputs: UnitInputs):
    rule = (f"得分 = {_fmt(item.weight)} × 销号数 ÷ 到期事项数，"
            f"每项逾期未销号扣 {_fmt(item.per_overdue)} 分")
    stats = inputs.ledger
    if stats is None or stats.due == 0:
        return line_for(item, rule, "本期无到期整改事项，得满分", _dec(item.weight))
    weight = _dec(item.weight)
    exact = weight * stats.closed / stats.due
    ratio_points = cents(exact)
    deduction = stats.overdue * _dec(item.per_overdue)
    number = (f"到期 {stats.due} 项，已销号 {stats.closed} 项：{_fmt(weight)} × {stats.closed} ÷ "
              f"{stats.due} {approx(exact)} {_fmt(ratio_points)} 分")
    if stats.overdue:
        number += f"；逾期未销号 {stats.overdue} 项，{deducted(deduction, ratio_points)}"
    return line_for(item, rule, number, ratio_points - deduction)


def score_public_reports(item: Item, inputs: UnitInputs):
    """Reports from the public (公众举报办理): reports whose time limit to close fell in the
    period, answered by it (+ ``late_credit`` × answered after it) ÷ those reports, by ``rate``
    or ``threshold``; no such report: full points."""
    stats = inputs.public_reports
    credit = _dec(item.late_credit)
    formula = f"(按时答复件数 + {_fmt(credit)} × 逾期答复件数)" if credit else "按时答复件数"
    if stats is None or stats.due == 0:
        return line_for(item, _rate_rule(item, "按时答复率", formula, "到期件数"),
                        "本期无到期的公众举报，得满分", _dec(item.weight))
    worked = f"({stats.on_time} + {_fmt(credit)} × {stats.late})" if credit else str(stats.on_time)
    counts = (f"到期 {stats.due} 件，按时答复 {stats.on_time}，逾期答复 {stats.late}，"
              f"未答复 {stats.unanswered}")
    return _by_rate(item, what="按时答复率", formula=formula, worked=worked, due=stats.due,
                    credited=stats.on_time + credit * stats.late, counts=counts,
                    denominator="到期件数")
