"""Air indicators of station groups (a city, its districts, towns) from group-daily values.

Everything is the standards engine's (``ecoplan.standards.air_evaluation.evaluate_period``):
period means of daily means (SO2, NO2, PM10, PM2.5), CO daily-mean 95th percentile, O3 MDA8
90th percentile, daily AQI, good days over valid days, heavy days (AQI > 200), days by level,
composite index; validity per GB 3095 Table 4. This module only shapes the contract JSON and
decides what to show when a statistic misses the validity minimums: null with the reason
(``strict``), or the figure over the valid days with the reason in ``notes`` (default, the
practice of the monthly circular on real-time data).
"""

from __future__ import annotations

import numpy as np

from ecoplan.standards import air_period
from ecoplan.standards.air_evaluation import PeriodEvaluation, evaluate_period

CONCENTRATIONS = {"pm25": "pm25", "pm10": "pm10", "no2": "no2", "so2": "so2", "co_p95": "co", "o3_8h_p90": "o3_8h"}
"""Contract key → key of the standards engine's period figures."""
LEVEL_NAMES = ("优", "良", "轻度污染", "中度污染", "重度污染", "严重污染")


def evaluate_groups(daily: dict[str, np.ndarray], days: np.ndarray, rules: str | None,
                    dust_days=None) -> PeriodEvaluation:
    """The standards engine's evaluation of every group at once (arrays (n_groups, n_days)).

    ``dust_days``: dates affected by dust (沙尘); their PM10 and PM2.5 are removed before the
    evaluation (环办监测〔2016〕120号, the standards engine's ``dust``), None for the raw figures.
    """
    dust = None if not dust_days else np.isin(days, np.asarray(list(dust_days), dtype="datetime64[D]"))
    return evaluate_period(daily, dates=days, rules=rules, dust=dust)


def counted_aqi(ev: PeriodEvaluation) -> np.ndarray:
    """Daily AQI of the days that count as valid days (有效天), NaN for the others.

    A day counts when its AQI has every indicator of the rule set, or is above 100 with one
    missing (HJ 633-2026 §5.3.1), for both rule sets: otherwise a day with a single O3 hour (the
    daily max 1-h needs one valid hour) would count as a valid, usually "优", day — 18 such days
    in the real Changzhou 2019 data, among them 2019-04-08, for which no file exists.
    """
    aqi = np.asarray(ev.daily_aqi.aqi, dtype=float)
    complete = np.asarray(ev.daily_aqi.complete, dtype=bool)
    return np.where(complete | (aqi > 100), aqi, np.nan)


def summarize_all(ev: PeriodEvaluation, days: np.ndarray, *, strict: bool = False) -> list[dict]:
    """The contract's ``air`` object (plus ``days_by_level``, ``notes``) of every group, computed
    for all groups at once."""
    n_groups = len(np.atleast_1d(ev.good_day_ratio))
    notes: list[list[str]] = [[] for _ in range(n_groups)]
    figures = {name: _figures(ev, name, key, days, strict, notes) for key, name in CONCENTRATIONS.items()}
    aqi = counted_aqi(ev)
    valid = air_period.valid_count(aqi)
    ratio = air_period.good_day_ratio(aqi)
    good = np.sum(aqi <= 100, axis=-1)
    heavy = air_period.heavy_pollution_days(aqi)
    levels = air_period.days_per_level(aqi)
    composite = np.asarray(air_period.composite_index(**{k: figures[k] for k in air_period.COMPOSITE_DENOMINATORS}).total)
    out = []
    for g in range(n_groups):
        air = {key: plain(figures[name][g], 1 if name == "co" else 0) for key, name in CONCENTRATIONS.items()}
        air.update(good_days=int(good[g]), valid_days=int(valid[g]), good_day_ratio=plain(ratio[g], 1),
                   heavy_days=int(heavy[g]), composite_index=plain(composite[g], 2))
        air["days_by_level"] = dict(zip(LEVEL_NAMES, map(int, levels[g])))
        air["notes"] = notes[g] + summary_notes(air, ev.period_rules)
        out.append(air)
    return out


def summary_notes(air: dict, period_rules: str) -> list[str]:
    if not air["valid_days"]:
        return ["good_day_ratio: 时段内没有有效日（日 AQI 无法计算）"]
    if air["composite_index"] is None:
        return ["composite_index: 有分项无法计算"]
    if period_rules == "2026":
        return ["composite_index: 按 环办监测〔2018〕19号 与 GB 3095-2012 二级限值计算；2026 规则的综合指数尚未确定（D7）"]
    return []


def _figures(ev: PeriodEvaluation, name: str, key: str, days: np.ndarray, strict: bool, notes: list) -> np.ndarray:
    """Validated period figures; where invalid, the figure over the valid days (not strict) or NaN,
    with the reason noted."""
    figure = np.atleast_1d(np.asarray(ev.concentration[name], dtype=float)).copy()
    values = np.atleast_2d(np.asarray(ev.daily[name], dtype=float))
    invalid = np.flatnonzero(np.isnan(figure))
    if not len(invalid):
        return figure
    pollutant = "o3" if name == "o3_8h" else name
    if name in air_period.PERIOD_PERCENTILES:
        fallback = air_period.period_percentile(values[invalid], pollutant, air_period.PERIOD_PERCENTILES[name])
    else:
        fallback = air_period.period_mean(values[invalid], pollutant)
    for i, g in enumerate(invalid):
        reason = _why_invalid(values[g], days)
        if strict or np.isnan(fallback[i]):
            notes[g].append(f"{key}: {reason}")
        else:
            notes[g].append(f"{key}: {reason}；按现有有效日计算，仅供参考")
            figure[g] = fallback[i]
    return figure


def _why_invalid(values: np.ndarray, days: np.ndarray) -> str:
    """The months that miss GB 3095 Table 4 (as judged by ``air_period.month_valid``)."""
    months = days.astype("datetime64[M]")
    counts = {str(m): int(air_period.valid_count(values[months == m])) for m in np.unique(months)}
    return invalid_reason(counts, days)


def invalid_reason(counts: dict[str, int], days: np.ndarray) -> str:
    """Why a figure is not valid, from its valid days per month (``{"2019-08": 25, …}``): the
    months of the period (with ≥ 27 of their days in it) below ≥ 27 valid days (February 25),
    GB 3095 Table 4; else the number of valid days. Shared by both engines."""
    count = sum(counts.values())
    if not count:
        return "没有有效日值"
    months = days.astype("datetime64[M]")
    short = [f"{m}（{counts.get(str(m), 0)} 天）" for m in np.unique(months)
             if counts.get(str(m), 0) < (air_period.MIN_DAYS_FEBRUARY if str(m).endswith("-02") else air_period.MIN_DAYS_MONTH)
             and (months == m).sum() >= 27]
    detail = "、".join(short) if short else f"共 {count} 个有效日"
    return f"不满足 GB 3095 表4 有效性要求：{detail}"


def plain(value, decimals: int):
    if value is None or np.isnan(value):
        return None
    return float(value) if decimals else int(value)
