"""GB 3095 concentration limits (浓度限值) of the basic items, 2012 and 2026 (transition / final).

GB 3095-2012 Table 1; GB 3095-2026 Table 1 (transition limits 2026-03-01 … 2030-12-31, final
limits from 2031-01-01, GB 3095-2026 foreword and §4.4). Units µg/m³, CO mg/m³.
"""

from __future__ import annotations

import numpy as np

from ecoplan.standards.rounding import round_half_even
from ecoplan.standards.rulesets import RULE_SETS

#: (pollutant, averaging) → (Grade I, Grade II). Averaging: annual, daily, 1h, 8h (O3 daily max 8-h).
LIMITS_2012 = {
    ("so2", "annual"): (20, 60), ("so2", "daily"): (50, 150), ("so2", "1h"): (150, 500),
    ("no2", "annual"): (40, 40), ("no2", "daily"): (80, 80), ("no2", "1h"): (200, 200),
    ("co", "daily"): (4, 4), ("co", "1h"): (10, 10),
    ("o3", "8h"): (100, 160), ("o3", "1h"): (160, 200),
    ("pm10", "annual"): (40, 70), ("pm10", "daily"): (50, 150),
    ("pm25", "annual"): (15, 35), ("pm25", "daily"): (35, 75),
}
#: GB 3095-2026 Table 1, transition phase (to 2030-12-31).
LIMITS_2026 = LIMITS_2012 | {
    ("pm10", "annual"): (40, 60), ("pm10", "daily"): (50, 120),
    ("pm25", "annual"): (15, 30), ("pm25", "daily"): (35, 60),
}
#: GB 3095-2026 Table 1, final phase (from 2031-01-01).
LIMITS_2026_FINAL = LIMITS_2026 | {
    ("so2", "annual"): (20, 20), ("so2", "daily"): (50, 50), ("so2", "1h"): (150, 150),
    ("no2", "annual"): (30, 30), ("no2", "daily"): (50, 50),
    ("pm10", "annual"): (20, 50), ("pm10", "daily"): (50, 100),
    ("pm25", "annual"): (10, 25), ("pm25", "daily"): (25, 50),
}


def limit(pollutant: str, averaging: str, *, rules: str = "2012", grade: int = 2,
          final: bool = False) -> float:
    """Concentration limit of GB 3095 Table 1 [µg/m³; CO mg/m³].

    Parameters
    ----------
    pollutant : ``so2 no2 co o3 pm10 pm25``
    averaging : ``annual daily 1h 8h`` (``8h`` = O3 daily maximum 8-h mean)
    rules : ``"2012"`` or ``"2026"``
    grade : 1 (class-1 zones) or 2 (class-2 zones)
    final : 2026 only: the final limits from 2031-01-01 instead of the transition limits.
    """
    if rules not in RULE_SETS:
        raise ValueError(f"rules: unknown rule set {rules!r}")
    if grade not in (1, 2):
        raise ValueError(f"grade: must be 1 or 2, got {grade!r}")
    table = LIMITS_2012 if rules == "2012" else (LIMITS_2026_FINAL if final else LIMITS_2026)
    try:
        return float(table[(pollutant, averaging)][grade - 1])
    except KeyError:
        raise ValueError(f"pollutant/averaging: no GB 3095 limit for {pollutant!r} {averaging!r}") from None


def complies(value, limit_value: float) -> np.ndarray:
    """达标: value ≤ limit (GB 3095 §6 / HJ 663 §5). NaN (no valid statistic) → False."""
    value = np.asarray(value, dtype=float)
    with np.errstate(invalid="ignore"):
        return ~np.isnan(value) & (value <= limit_value)


def exceedance_multiple(value, limit_value: float) -> np.ndarray:
    """超标倍数 (C − S) / S, 2 decimals (GB/T 8170); negative when below the limit, NaN kept."""
    value = np.asarray(value, dtype=float)
    return round_half_even((value - limit_value) / limit_value, 2)
