"""Back-cast and projection of the dust-fall target (全市降尘 ≤ X t/(km²·month)) from year-to-date data.

The annual figure is the mean of the towns' monthly values (each town sampled every month, so
the mean of town means equals the mean of the monthly city means). With ``m`` months measured
and ``12 − m`` to come, the annual mean stays ≤ X exactly when the rest of the year's monthly
city mean is ≤ (c·12 − Σ monthly means so far) / (12 − m), where c = X + 0.005: the published
value is rounded to two decimals (GB/T 8170 half-even), as in
:func:`ecoplan.monitoring.indicators_water.dustfall`.

Achievability: the same remaining months of earlier years in the store. Projection: earlier
years' remaining-month mean × this year's ratio to their year-to-date (同期比例外推), else the
year-to-date mean carried forward (flagged as weak). Towns at risk: those whose own allowed
remaining mean (the same formula over the town's months) is below their last three months' mean.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ecoplan.monitoring.backcast import HISTORY_YEARS, _achievable, _r, _status
from ecoplan.monitoring.store import Store

MONTHS = 12
RECENT_MONTHS = 3


def monthly_means(store: Store, towns: list[str] | None, years: range) -> pd.DataFrame:
    """Monthly area mean of the towns' dust fall: columns year, month (1–12), value."""
    return store.connect().execute(
        "SELECT year(month) AS year, month(month) AS month, avg(dustfall) AS value FROM dustfall "
        "WHERE year(month) BETWEEN ? AND ? AND (? OR town IN (SELECT unnest(?))) GROUP BY ALL ORDER BY ALL",
        [years.start, years.stop - 1, towns is None, towns or []]).df()


def backcast_dustfall(store: Store, *, comparator: str, value: float, year: int, towns: list[str] | None = None,
                      as_of_month: int | None = None) -> dict:
    """What the remaining months of ``year`` must achieve for ``dust fall comparator value`` to hold.

    ``as_of_month``: the last month counted as measured (default: the last month with data).
    """
    if not store.has("dustfall"):
        return {"metric": "dustfall", "year": year, "status": "无数据", "note": "数据目录中没有降尘数据"}
    monthly = monthly_means(store, towns, range(year - HISTORY_YEARS, year + 1))
    now = monthly[monthly["year"] == year]
    if as_of_month is not None:
        now = now[now["month"] <= as_of_month]
    if now.empty:
        return {"metric": "dustfall", "year": year, "status": "无数据", "note": f"{year} 年没有降尘数据"}
    done = int(as_of_month or now["month"].max())
    remaining = MONTHS - done
    ytd_sum, ytd_mean = float(now["value"].sum()), float(now["value"].mean())
    ceiling = float(value) + 0.005 if comparator in ("<=", "<") else None
    allowed = (ceiling * (len(now) + remaining) - ytd_sum) / remaining if remaining and ceiling is not None else None
    history = _history(monthly[monthly["year"] < year], done)
    rests = history["rest"].to_numpy()
    if len(history) and remaining:
        ratio = ytd_mean / float(history["ytd"].mean())
        rest, basis = float(rests.mean()) * ratio, f"往年({len(history)}年)同期均值×今年同比比例 {ratio:.2f}"
    else:
        rest, basis = ytd_mean, "年初至今均值外推（无往年同期数据，仅供参考）"
    projected = (ytd_sum + rest * remaining) / (len(now) + remaining)
    return {
        "metric": "dustfall", "year": year, "as_of": f"{year}-{done:02d}", "months_measured": int(len(now)),
        "remaining_months": remaining, "target": {"comparator": comparator, "value": value},
        "ytd_value": _r(ytd_mean, 2), "max_remaining_mean": _r(allowed, 3),
        "history": [{"year": int(y), "rest_mean": _r(r, 3)} for y, r in zip(history["year"], rests)],
        "achievable": _achievable(allowed >= 0, int(np.sum(rests <= allowed)), len(rests), remaining)
        if allowed is not None else {"possible": remaining == 0, "text": "年度已结束" if remaining == 0 else "目标不是上限，无法倒推"},
        "projection": {"value": _r(projected, 2), "basis": basis},
        "status": _status(_r(projected, 2), float(value), comparator, allowed is not None and allowed < 0, remaining),
        "towns_at_risk": _towns_at_risk(store, towns, year, done, ceiling) if remaining and ceiling is not None else [],
    }


def _towns_at_risk(store: Store, towns: list[str] | None, year: int, done: int, ceiling: float) -> list[dict]:
    """Towns whose own annual mean would pass the ceiling if their last three months went on:
    each with its allowed remaining monthly mean (same formula, per town) and recent mean."""
    rows = store.connect().execute(
        "WITH t AS (SELECT town, count(*) AS n, sum(dustfall) AS total, "
        "avg(dustfall) FILTER (WHERE month(month) > ? - ?) AS recent FROM dustfall "
        "WHERE year(month) = ? AND month(month) <= ? AND (? OR town IN (SELECT unnest(?))) GROUP BY town) "
        "SELECT town, (? * (n + ?) - total) / ? AS allowed, recent FROM t ORDER BY town",
        [done, RECENT_MONTHS, year, done, towns is None, towns or [], ceiling, MONTHS - done, MONTHS - done]).df()
    risky = rows[rows["recent"] > rows["allowed"]]
    return [{"town": t, "max_remaining_mean": _r(a, 3), "recent_mean": _r(r, 3)}
            for t, a, r in zip(risky["town"], risky["allowed"], risky["recent"])]


def _history(monthly: pd.DataFrame, done: int) -> pd.DataFrame:
    """Per earlier year with both parts measured: mean of months ≤ done (ytd) and after (rest)."""
    part = np.where(monthly["month"] <= done, "ytd", "rest")
    table = monthly.assign(part=part).pivot_table(index="year", columns="part", values="value", aggfunc="mean")
    table = table.reindex(columns=["ytd", "rest"]).dropna()
    return table.reset_index()
