"""How large a target's value to date may plausibly be.

A value outside :data:`ABSURD` is refused outright (no indicator of a city plan reaches a
billion of its unit). A value outside the target's plausible range — negative, above 100 for
a percentage, more than :data:`SPREAD` times the target's own value — is a typing slip more
often than not (a count of ``-3``, ``5000`` for ``50``): it is saved only when the person
confirms it (the form's 「确认数值无误」, recorded in the report's history).
"""

from __future__ import annotations

from dataclasses import dataclass

from ecoplan.errors import InputError

ABSURD = 1e9
"""Largest magnitude accepted at all, whatever the unit."""
SPREAD = 10.0
"""A value above SPREAD × the target's value needs a confirmation."""
PERCENT_UNITS = ("%", "％", "百分点")
FIELD = "截至本期完成值"


class NeedsConfirmation(InputError):
    """The value is possible but unusual: saved only once the person confirms it."""

    def __init__(self, what: str) -> None:
        super().__init__(f"{what}，请核对；确认无误请勾选「确认数值无误」后再保存", field=FIELD)
        self.what = what


@dataclass(frozen=True)
class Range:
    low: float
    high: float

    def text(self, unit: str) -> str:
        return f"{self.low:g} 至 {self.high:g}{unit}"


def plausible(target) -> Range:
    """The range a value to date of ``target`` (a plan Target) normally falls in."""
    if (target.unit or "").strip() in PERCENT_UNITS:
        return Range(0.0, 100.0)
    scale = abs(target.value or 0.0)
    return Range(0.0, max(SPREAD * scale, 100.0))


def check(value: float | None, target, *, confirmed: bool) -> None:
    """Refuse an absurd value; ask for a confirmation of an implausible one."""
    if value is None or target is None:
        return
    if abs(value) > ABSURD:
        raise InputError(f"「{value:g}」超出允许的范围（绝对值不超过 {ABSURD:g}）", field=FIELD)
    found = plausible(target)
    if not confirmed and not found.low <= value <= found.high:
        raise NeedsConfirmation(
            f"「{value:g}」超出该目标的常见范围（{found.text(target.unit or '')}）")
