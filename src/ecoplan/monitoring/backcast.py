"""Back-cast and projection of an annual air target from year-to-date data.

For PM2.5 (annual mean of daily means ≤ X): the highest mean the rest of the year may have.
For the good-day ratio (≥ Y %): the good days still needed and the bad days still allowed, the
rest of the year assumed fully valid. Both compared with the same remaining period of earlier
years in the store, and a year-end projection whose basis is stated:

* with earlier years: rest of year = their mean over the remaining period × (this year's
  year-to-date ÷ their year-to-date) (同期比例外推);
* without: the year-to-date value carried forward (年初至今水平外推), flagged as weak.

Rounding as the published figure: PM2.5 integer, ratio one decimal (GB/T 8170 half-even).
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np

from ecoplan.monitoring.air_cube import group_daily, load_station_daily
from ecoplan.monitoring.areas import Period, resolve_area
from ecoplan.monitoring.indicators_air import counted_aqi, evaluate_groups
from ecoplan.monitoring.store import Store
from ecoplan.standards.rounding import round_half_even

HISTORY_YEARS = 5
METRICS = ("pm25", "good_day_ratio")


def _stats(store: Store, stations: list[str], start: date, end: date, rules: str | None) -> dict:
    """PM2.5 sum/count of valid daily means, good and valid days, over [start, end]."""
    if end < start:
        return {"pm_sum": 0.0, "pm_days": 0, "good": 0, "valid": 0}
    daily = load_station_daily(store.connect(), stations, Period(start, end, ""))
    series = group_daily(daily, {"area": stations})
    aqi = counted_aqi(evaluate_groups(series, daily.days, rules))[0]
    pm = series["pm25"][0][~np.isnan(series["pm25"][0])]
    valid = ~np.isnan(aqi)
    return {"pm_sum": float(pm.sum()), "pm_days": int(pm.size), "good": int(np.sum(aqi[valid] <= 100)), "valid": int(valid.sum())}


def _last_day(store: Store, stations: list[str], year: int) -> date | None:
    row = store.connect().execute("SELECT max(day)::DATE FROM air_daily WHERE year = ? AND station IN (SELECT unnest(?))",
                                  [year, stations]).fetchone()
    return row[0] if row and row[0] else None


def backcast(store: Store, *, area: str, metric: str, comparator: str, value: float, year: int,
             as_of: date | None = None, rules: str | None = None) -> dict:
    """What the rest of ``year`` must achieve for ``metric comparator value`` to hold."""
    stations = list(resolve_area(area, store.table("stations")).stations)
    as_of = as_of or _last_day(store, stations, year)
    if as_of is None:
        return {"metric": metric, "year": year, "status": "无数据", "note": f"{year} 年没有该区域的数据"}
    end = date(year, 12, 31)
    remaining = (end - as_of).days
    ytd = _stats(store, stations, date(year, 1, 1), as_of, rules)
    history = []
    for past in range(year - HISTORY_YEARS, year):
        then = as_of.replace(year=past) if not (as_of.month == 2 and as_of.day == 29) else date(past, 2, 28)
        before = _stats(store, stations, date(past, 1, 1), then, rules)
        after = _stats(store, stations, then + timedelta(days=1), date(past, 12, 31), rules)
        if before["valid"] and after["valid"]:
            history.append({"year": past, "ytd": before, "rest": after})
    body = _pm25 if metric == "pm25" else _good_days
    out = body(ytd, history, remaining, comparator, float(value))
    return {"metric": metric, "area": area, "year": year, "as_of": as_of.isoformat(), "remaining_days": remaining,
            "target": {"comparator": comparator, "value": value}, **out}


def _pm25(ytd: dict, history: list[dict], remaining: int, comparator: str, target: float) -> dict:
    days = ytd["pm_days"] + remaining
    # The published integer must satisfy the target: round-half-even(mean) ≤ X ⇔ mean < X + 0.5
    # (or ≤ X + 0.5 when X is even, since X + 0.5 then rounds down to X).
    ceiling = target + 0.5 if comparator in ("<=", "<") else None
    ytd_mean = ytd["pm_sum"] / ytd["pm_days"] if ytd["pm_days"] else None
    allowed = (ceiling * days - ytd["pm_sum"]) / remaining if remaining and ceiling is not None else None
    rests = [h["rest"]["pm_sum"] / h["rest"]["pm_days"] for h in history if h["rest"]["pm_days"]]
    if history and ytd_mean:
        ratio = ytd_mean / np.mean([h["ytd"]["pm_sum"] / h["ytd"]["pm_days"] for h in history])
        rest, basis = float(np.mean(rests)) * ratio, f"往年({len(history)}年)同期均值×今年同比比例 {ratio:.2f}"
    else:
        rest, basis = ytd_mean, "年初至今均值外推（无往年同期数据，仅供参考）"
    projected = (ytd["pm_sum"] + (rest or 0) * remaining) / days if ytd_mean is not None else None
    met_before = sum(r <= allowed for r in rests) if allowed is not None else 0
    return {
        "ytd_value": _r(ytd_mean, 0), "max_remaining_mean": _r(allowed, 1),
        "history": [{"year": h["year"], "rest_mean": _r(r, 1)} for h, r in zip(history, rests)],
        "achievable": _achievable(allowed is not None and allowed >= 0, met_before, len(rests), remaining),
        "projection": {"value": _r(projected, 0), "basis": basis},
        "status": _status(_r(projected, 0), target, comparator, allowed is not None and allowed < 0, remaining),
    }


def _good_days(ytd: dict, history: list[dict], remaining: int, comparator: str, target: float) -> dict:
    total = ytd["valid"] + remaining
    counts = np.arange(total + 1)
    enough = round_half_even(100.0 * counts / max(total, 1), 1) >= target
    needed_total = int(counts[enough][0]) if enough.any() else total + 1
    needed = max(needed_total - ytd["good"], 0)
    rates = [h["rest"]["good"] / h["rest"]["valid"] for h in history]
    expected = float(np.mean(rates)) * remaining if rates else (ytd["good"] / ytd["valid"] * remaining if ytd["valid"] else 0.0)
    projected = 100.0 * (ytd["good"] + expected) / total if total else None
    return {
        "ytd_value": _r(100.0 * ytd["good"] / ytd["valid"], 1) if ytd["valid"] else None,
        "good_days_so_far": ytd["good"], "valid_days_so_far": ytd["valid"],
        "good_days_needed": needed, "bad_days_allowed": remaining - needed,
        "history": [{"year": h["year"], "rest_good_days": round(r * remaining, 1)} for h, r in zip(history, rates)],
        "achievable": _achievable(needed <= remaining, sum(r * remaining >= needed for r in rates), len(rates), remaining),
        "projection": {"value": _r(projected, 1),
                       "basis": f"往年({len(rates)}年)同期优良率" if rates else "年初至今优良率外推（无往年同期数据，仅供参考）"},
        "status": _status(_r(projected, 1), target, comparator, needed > remaining, remaining),
    }


def _achievable(possible: bool, met: int, years: int, remaining: int) -> dict:
    if not possible:
        return {"possible": False, "text": "剩余时段无论如何都无法达到目标"}
    if not years:
        return {"possible": True, "text": "可能实现（无往年同期数据可比）"}
    return {"possible": True, "text": f"往年同期 {met}/{years} 年达到所需水平", "years_meeting": met, "years": years}


def _status(projected, target: float, comparator: str, impossible: bool, remaining: int) -> str:
    if impossible:
        return "无法完成"
    if projected is None:
        return "无数据"
    holds = {"<=": projected <= target, "<": projected < target, ">=": projected >= target, ">": projected > target}[comparator]
    return ("已完成" if holds else "未完成") if remaining == 0 else ("预计完成" if holds else "有风险")


def _r(value, decimals: int):
    if value is None or not np.isfinite(value):
        return None
    number = float(round_half_even(value, decimals))
    return int(number) if decimals == 0 else number
