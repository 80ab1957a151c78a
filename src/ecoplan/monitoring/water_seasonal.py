"""Seasonal expectation of each section's factors for the rest of a year, from earlier years.

The water back-cast asks whether the months after the as-of month can keep a section's annual
means within its ceiling class. The last three months are a poor guide: TP and NH3-N, dissolved
oxygen and others follow the seasons. When the store holds earlier years, the expectation of a
factor for the remaining months is what the same calendar months had in those years (同期):

1. the mean of each (section, factor, year, month) — several samples in a month (automatic
   stations) count as one month, as the back-cast assumes one sample a month;
2. per calendar month, the mean over the earlier years that have it (a month climatology);
3. the mean over the remaining calendar months that have any history (``months`` says how many).

pH is averaged as hydrogen-ion concentration (2020 statistics rule, as
:func:`ecoplan.standards.water_eval.period_means`), so every value here is in *evaluation
space*: mg/L for the factors, mol/L H⁺ for pH (:func:`to_evaluation_space`).
"""

from __future__ import annotations

from datetime import date

import duckdb
import numpy as np
import pandas as pd

from ecoplan.standards.water_limits import CLASS_FACTORS

HISTORY_YEARS = 5
"""Earlier years compared, as the air back-cast (:data:`ecoplan.monitoring.backcast.HISTORY_YEARS`)."""


def to_evaluation_space(factor: pd.Series, value: pd.Series) -> pd.Series:
    """pH → H⁺ concentration 10^−pH [mol/L], the space in which pH is averaged; others unchanged."""
    return value.where(factor.ne("ph"), 10.0 ** (-value))


def from_evaluation_space(factor: pd.Series, value: pd.Series) -> pd.Series:
    """Inverse of :func:`to_evaluation_space` (a non-positive H⁺ mean has no pH: NaN)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        ph = -np.log10(value.where(value > 0))
    return value.where(factor.ne("ph"), ph)


def monthly_history(con: duckdb.DuckDBPyConnection, sections: list[str], factors: list[str],
                    year: int, after_month: int) -> pd.DataFrame:
    """Monthly means (evaluation space) of ``factors`` for ``sections`` in the calendar months after
    ``after_month`` of the :data:`HISTORY_YEARS` years before ``year``: one query over all sections.
    Columns: section, factor, year, month, value."""
    unknown = set(factors) - set(CLASS_FACTORS)
    if unknown:  # the names go into the SQL text, so only the standard's factor ids are allowed
        raise ValueError(f"factors: not GB 3838 factors: {sorted(unknown)}")
    columns = {"section": str, "factor": str, "year": int, "month": int, "value": float}
    if not factors or after_month >= 12:
        return pd.DataFrame(columns=list(columns)).astype(columns)
    listed = ", ".join(f'"{f}"' for f in factors)
    query = f"""
        WITH picked AS (
            SELECT section, year(time) AS y, month(time) AS m, {listed} FROM water
            WHERE year BETWEEN ? AND ? AND time::DATE BETWEEN ? AND ? AND month(time) > ?
              AND section IN (SELECT unnest(?))),
        long AS (UNPIVOT picked ON {listed} INTO NAME factor VALUE value)
        SELECT section, factor, y AS year, m AS month,
               avg(CASE WHEN factor = 'ph' THEN pow(10, -value) ELSE value END) AS value
        FROM long GROUP BY ALL ORDER BY ALL"""
    first = year - HISTORY_YEARS
    return con.execute(query, [first, year - 1, date(first, 1, 1), date(year - 1, 12, 31), after_month,
                               sections]).df().astype(columns)


def seasonal_expectation(monthly: pd.DataFrame) -> pd.DataFrame:
    """Per (section, factor): ``seasonal`` expectation over the remaining months (steps 2–3 above),
    ``seasonal_months`` (remaining calendar months with any history) and ``years`` (earlier years
    with any of them)."""
    climatology = monthly.groupby(["section", "factor", "month"])["value"].mean().rename("value").reset_index()
    out = climatology.groupby(["section", "factor"]).agg(seasonal=("value", "mean"), seasonal_months=("value", "size"))
    years = monthly.groupby(["section", "factor"])["year"].nunique().rename("years")
    return out.join(years).reset_index()


def yearly_means(monthly: pd.DataFrame) -> pd.DataFrame:
    """Per (section, factor, earlier year): the mean of its monthly means over the remaining months."""
    return monthly.groupby(["section", "factor", "year"])["value"].mean().rename("value").reset_index()
