"""Scoring units against a :class:`~ecoplan.assessment.rules.RuleSet`, every point explained.

Arithmetic is done in :class:`~decimal.Decimal` so a score computed by hand (0.5 × 3.1 = 1.55)
is exactly what the engine reports; results are rounded half-up to 2 decimals.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from ecoplan.assessment.explain import CENT, Line, dec, fmt
from ecoplan.assessment.inputs import UnitInputs
from ecoplan.assessment.completion import score_completion
from ecoplan.assessment.items import (score_completeness, score_ledger, score_public_reports,
                                      score_target, score_timeliness)
from ecoplan.assessment.rules import RuleSet
from ecoplan.errors import InputError

HUNDRED = Decimal(100)
ZERO = Decimal(0)
SCORERS = {"target": score_target, "timeliness": score_timeliness,
           "completeness": score_completeness, "ledger": score_ledger,
           "task_completion": score_completion, "target_completion": score_completion,
           "public_reports": score_public_reports}
"""Item kind → the function scoring it (every kind of :data:`ecoplan.assessment.schema.ITEM_KINDS`)."""


def score_item(item, inputs: UnitInputs) -> Line:
    return SCORERS[item.kind](item, inputs)


@dataclass
class UnitScore:
    unit: str
    kind: str
    lines: list[Line]
    earned: Decimal
    full: Decimal
    scaled: Decimal
    bonus: Decimal
    total: Decimal
    grade: str
    veto: str = ""
    rank: int = 0
    notes: list[str] = field(default_factory=list)


def _bonus(rules: RuleSet, inputs: UnitInputs) -> tuple[Decimal, list[Line]]:
    lines = [Line("加分", b.name, "已认定", dec(b.points))
             for b in (rules.bonus(i) for i in dict.fromkeys(inputs.bonuses))]
    raw = sum((l.points for l in lines), Decimal(0))
    cap = dec(rules.bonus_cap)
    if raw > cap:
        lines.append(Line("加分", f"加分合计不超过 {fmt(cap)} 分", f"合计 {fmt(raw)} 分",
                          cap - raw))
    return min(raw, cap), lines


def _grade(rules: RuleSet, total: Decimal, inputs: UnitInputs) -> tuple[str, str]:
    """The grade by thresholds, lowered to each applying veto's ``max_grade`` (一票否决)."""
    order = [g.name for g in rules.grades]
    grade = next(g for g in rules.grades if total >= dec(g.min)).name
    reasons = []
    for veto in (rules.veto(v) for v in dict.fromkeys(inputs.vetoes)):
        grade = max(grade, veto.max_grade, key=order.index)
        reasons.append(f"一票否决：{veto.name}，等次不高于{veto.max_grade}")
    return grade, "；".join(reasons)


def score_unit(rules: RuleSet, inputs: UnitInputs) -> UnitScore:
    """The score of one unit: item points, scaled to 100, plus capped bonuses; its grade.

    The full score is the weight of the items that apply to the unit: an item not applicable
    (:attr:`TargetResult.applicable` False) leaves it, and the points of the others are scaled
    to 100 (a unit with no applicable item scores 0).
    """
    _check_known(rules, inputs)
    items = rules.items_for(inputs.kind)
    lines = [score_item(item, inputs) for item in items]
    earned = sum((l.points for l in lines), Decimal(0))
    full = sum((dec(i.weight) for i, l in zip(items, lines) if l.applicable), Decimal(0))
    scaled = (earned / full * HUNDRED).quantize(CENT, rounding=ROUND_HALF_UP) if full else ZERO
    bonus, bonus_lines = _bonus(rules, inputs)
    total = scaled + bonus
    grade, veto = _grade(rules, total, inputs)
    notes = [] if full == HUNDRED else [
        f"折算为百分制：{fmt(earned)} ÷ {fmt(full)} × 100 = {fmt(scaled)}" if full
        else "本单位没有适用的考评项目，得 0 分"]
    return UnitScore(unit=inputs.unit, kind=inputs.kind, lines=lines + bonus_lines,
                     earned=earned, full=full, scaled=scaled, bonus=bonus, total=total,
                     grade=grade, veto=veto, notes=notes)


def _check_known(rules: RuleSet, inputs: UnitInputs) -> None:
    known_bonus, known_veto = {b.id for b in rules.bonuses}, {v.id for v in rules.vetoes}
    for bonus in inputs.bonuses:
        if bonus not in known_bonus:
            raise InputError(f"考评细则中没有加分项“{bonus}”", field=inputs.unit)
    for veto in inputs.vetoes:
        if veto not in known_veto:
            raise InputError(f"考评细则中没有否决项“{veto}”", field=inputs.unit)


def rank(scores: list[UnitScore]) -> list[UnitScore]:
    """Highest total first; equal totals share a rank (1, 2, 2, 4)."""
    ordered = sorted(scores, key=lambda s: (-s.total, s.unit))
    for i, score in enumerate(ordered):
        tied = i > 0 and score.total == ordered[i - 1].total
        score.rank = ordered[i - 1].rank if tied else i + 1
    return ordered


def score_units(rules: RuleSet, units: list[UnitInputs]) -> dict[str, list[UnitScore]]:
    """kind (district / department) → that kind's units scored and ranked."""
    kinds = dict.fromkeys(u.kind for u in units)
    return {kind: rank([score_unit(rules, u) for u in units if u.kind == kind]) for kind in kinds}


def honours(rules: RuleSet, scores: list[UnitScore]) -> tuple[list[UnitScore], list[UnitScore]]:
    """Units for commendation (通报表扬) and for criticism (通报批评), by their grade (and, for
    criticism, the unit kinds the rules name)."""
    return ([s for s in scores if s.grade in rules.commend],
            [s for s in scores if s.grade in rules.criticise
             and s.kind in rules.criticise_applies_to])


def summoned(rules: RuleSet, scores: list[UnitScore]) -> list[UnitScore]:
    """Units whose leaders the rules summon (约谈) for their grade; none unless the rules say."""
    return [s for s in scores if s.grade in rules.summon and s.kind in rules.summon_applies_to]
