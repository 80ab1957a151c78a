"""An explanation line (which rule, which number, how many points) and how numbers are written."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def dec(value) -> Decimal:
    """``value`` as a Decimal of its shortest text (0.1 stays 0.1, not 0.1000000000000000055)."""
    return value if isinstance(value, Decimal) else Decimal(str(value))


def fmt(value) -> str:
    """A number as written in an explanation: at most 2 decimals, no trailing zeros."""
    text = f"{dec(value).quantize(CENT, rounding=ROUND_HALF_UP):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


@dataclass(frozen=True)
class Line:
    """One row of a score's explanation."""

    item: str
    rule: str
    number: str
    points: Decimal
    max_points: Decimal | None = None
    applicable: bool = True
    """False: the item does not apply to the unit and leaves its full score (不适用)."""
