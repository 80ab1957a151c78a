"""Per section and factor: what the remaining samples of the year may average (the allowance),
what they are expected to average, and the projected annual mean.

Everything is computed in evaluation space (:mod:`ecoplan.monitoring.water_seasonal`): mg/L, and
H⁺ [mol/L] for pH, whose annual value is −log10 of the mean H⁺ concentration (2020 statistics
rule; :func:`ecoplan.standards.water_eval.period_means`). A factor measured ``n`` times with sum
``S`` keeps its annual mean within a bound ``B`` exactly when the mean of the ``r`` remaining
samples is on the right side of (B·(n + r) − S)/r. GB 3838-2002 Table 1 gives one bound per factor
and class — an upper one (≤), a lower one for DO (≥) — and for pH both, 6 ≤ pH ≤ 9 whatever the
class, i.e. 10⁻⁹ ≤ H⁺ ≤ 10⁻⁶: so pH gets an allowed *range* of the remaining mean.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from ecoplan.monitoring.water_seasonal import from_evaluation_space, seasonal_expectation, to_evaluation_space, yearly_means
from ecoplan.standards.water import limits_of
from ecoplan.standards.water_limits import CLASS_FACTORS, DIRECTION, MAX, MIN, RANGE

RECENT_MONTHS = 3
BASES = {"seasonal": "往年同期", "recent": "近三个月", "ytd": "年初至今"}
"""Where a factor's expected remaining level comes from, best first."""


def backcast_factors(samples: pd.DataFrame) -> list[str]:
    """The class factors measured in ``samples`` (every one has a bound, pH two)."""
    return [f for f in samples.columns if f in CLASS_FACTORS and DIRECTION[f] in (MAX, MIN, RANGE) and samples[f].notna().any()]


def _bounds(factors: list[str], ceilings: pd.Series) -> pd.DataFrame:
    """Lower and upper bound (evaluation space) of each ceiling class per factor, rivers and lakes."""
    rows = []
    for f in factors:
        for lake in (False, True):
            for c in sorted(set(ceilings.astype(int))):
                if DIRECTION[f] == RANGE:  # pH 6–9 for every class → H⁺ 1e-9 … 1e-6
                    low, high = 10.0 ** -limits_of(f, lake)[1], 10.0 ** -limits_of(f, lake)[0]
                else:
                    limit = float(limits_of(f, lake)[c - 1])
                    low, high = (limit, np.nan) if DIRECTION[f] == MIN else (np.nan, limit)
                rows.append((f, lake, c, low, high, DIRECTION[f]))
    return pd.DataFrame(rows, columns=["factor", "lake", "ceiling", "low", "high", "direction"])


def _year_to_date(samples: pd.DataFrame, factors: list[str], as_of: date) -> pd.DataFrame:
    long = samples.melt(id_vars=["section", "time"], value_vars=factors, var_name="factor").dropna(subset=["value"])
    long["value"] = to_evaluation_space(long["factor"], long["value"])
    recent_from = pd.Timestamp(as_of.year, as_of.month, 1) - pd.DateOffset(months=RECENT_MONTHS - 1)
    long["recent"] = long["value"].where(long["time"] >= recent_from)
    return long.groupby(["section", "factor"]).agg(n=("value", "size"), total=("value", "sum"), recent=("recent", "mean")).reset_index()


def _years_meeting(table: pd.DataFrame, monthly: pd.DataFrame) -> pd.DataFrame:
    """How many earlier years' remaining-month means would have kept each factor within bounds."""
    years = yearly_means(monthly).merge(table[["section", "factor", "allowed_low", "allowed_high"]], on=["section", "factor"])
    years["years_meeting"] = ~((years["value"] > years["allowed_high"]) | (years["value"] < years["allowed_low"]))
    return years.groupby(["section", "factor"])["years_meeting"].sum().reset_index()


def section_allowances(samples: pd.DataFrame, sections: pd.DataFrame, ceilings: pd.Series, as_of: date,
                       monthly: pd.DataFrame) -> pd.DataFrame:
    """One row per section and factor (evaluation space): ``n``, ``total``, ``ytd_mean``,
    ``recent``; ``allowed_low`` / ``allowed_high`` (NaN: no such bound); ``seasonal`` (from
    ``monthly``, :func:`~ecoplan.monitoring.water_seasonal.monthly_history`), ``basis`` (key of
    :data:`BASES`), ``expected``, ``at_risk``, ``impossible``, ``projected``, ``years``,
    ``years_meeting``. ``ceilings``: the class each section must stay within, by section.

    Bounds: GB 3838-2002 Table 1 (lake TP, item 8, for 湖库); the annual value is the mean of the
    year's samples (评价办法 §一(二)3), pH as H⁺ (2020 statistics rule)."""
    remaining, factors = 12 - as_of.month, backcast_factors(samples)
    table = _year_to_date(samples, factors, as_of)
    lake = sections.set_index("section")["waterbody_type"].eq("湖库")
    table["lake"] = table["section"].map(lake).fillna(False).astype(bool)
    table["ceiling"] = table["section"].map(ceilings).astype(int)
    table = table.merge(_bounds(factors, ceilings), on=["factor", "lake", "ceiling"], how="left")
    table["ytd_mean"] = table["total"] / table["n"]
    for side in ("low", "high"):
        table[f"allowed_{side}"] = (table[side] * (table["n"] + remaining) - table["total"]) / remaining if remaining else np.nan
    table = table.merge(seasonal_expectation(monthly), on=["section", "factor"], how="left")
    table["basis"] = np.select([table["seasonal"].notna(), table["recent"].notna()], ["seasonal", "recent"], "ytd")
    table["expected"] = table["seasonal"].fillna(table["recent"]).fillna(table["ytd_mean"])
    beyond = (table["expected"] > table["allowed_high"]) | (table["expected"] < table["allowed_low"])
    table["at_risk"] = beyond.to_numpy() & bool(remaining)
    table["impossible"] = table["allowed_high"] < 0
    table["projected"] = (table["total"] + table["expected"] * remaining) / (table["n"] + remaining)
    table = table.merge(_years_meeting(table, monthly), on=["section", "factor"], how="left")
    return table.fillna({"years": 0, "years_meeting": 0}).astype({"years": int, "years_meeting": int})


def in_factor_units(table: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    """``columns`` back from evaluation space (pH units for pH)."""
    return table.assign(**{c: from_evaluation_space(table["factor"], table[c]) for c in columns})


def ph_range(table: pd.DataFrame) -> pd.DataFrame:
    """The allowed remaining mean pH (GB 3838-2002 Table 1 item 2, 6–9 for every class) as
    [``ph_min``, ``ph_max``]: more H⁺ than ``allowed_high`` is too acid, less than ``allowed_low``
    too alkaline. ``ph_min`` NaN: impossible (the acid already measured exceeds the year's
    budget); ``ph_max`` NaN: no upper bound remains."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return pd.DataFrame({"ph_min": -np.log10(table["allowed_high"].where(table["allowed_high"] > 0)),
                             "ph_max": -np.log10(table["allowed_low"].where(table["allowed_low"] > 0))}, index=table.index)
