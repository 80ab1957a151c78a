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


def evaluate_groups(daily: dict[str, np.ndarray], days: np.ndarray, rules: str | None) -> PeriodEvaluation:
    """The standards engine's evaluation of every group at once (arrays (n_groups, n_days))."""
    return evaluate_period(daily, dates=days, rules=rules)


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


def summarize(ev: PeriodEvaluation, g: int, days: np.ndarray, *, strict: bool = False) -> dict:
    """The contract's ``air`` object (plus ``days_by_level``, ``notes``) of group ``g``."""
    notes: list[str] = []
    figures = {}
    for key, name in CONCENTRATIONS.items():
        figures[name] = _figure(ev, g, name, days, strict, notes, key)
    aqi = counted_aqi(ev)[g]
    n_valid = int(air_period.valid_count(aqi))
    ratio = float(air_period.good_day_ratio(aqi))
    composite = air_period.composite_index(**{k: figures[k] for k in air_period.COMPOSITE_DENOMINATORS})
    total = float(np.asarray(composite.total))
    air = {key: _plain(figures[name], 1 if name == "co" else 0) for key, name in CONCENTRATIONS.items()}
    air.update(good_days=int(np.sum(aqi <= 100)), valid_days=n_valid, good_day_ratio=None if np.isnan(ratio) else ratio,
               heavy_days=int(air_period.heavy_pollution_days(aqi)), composite_index=None if np.isnan(total) else total)
    air["days_by_level"] = dict(zip(LEVEL_NAMES, map(int, air_period.days_per_level(aqi))))
    if not n_valid:
        notes.append("good_day_ratio: 时段内没有有效日（日 AQI 无法计算）")
    if air["composite_index"] is None:
        notes.append("composite_index: 有分项无法计算")
    elif ev.period_rules == "2026":
        notes.append("composite_index: 按 环办监测〔2018〕19号 与 GB 3095-2012 二级限值计算；2026 规则的综合指数尚未确定（D7）")
    air["notes"] = notes
    return air


def _figure(ev: PeriodEvaluation, g: int, name: str, days: np.ndarray, strict: bool, notes: list, key: str) -> float:
    validated = float(np.asarray(ev.concentration[name])[g])
    if not np.isnan(validated):
        return validated
    values = np.asarray(ev.daily[name])[g]
    reason = _why_invalid(values, days)
    if strict or not np.any(~np.isnan(values)):
        notes.append(f"{key}: {reason}")
        return np.nan
    notes.append(f"{key}: {reason}；按现有有效日计算，仅供参考")
    pollutant = "o3" if name == "o3_8h" else name
    if name in air_period.PERIOD_PERCENTILES:
        return float(air_period.period_percentile(values, pollutant, air_period.PERIOD_PERCENTILES[name]))
    return float(air_period.period_mean(values, pollutant))


def _why_invalid(values: np.ndarray, days: np.ndarray) -> str:
    """The months that miss GB 3095 Table 4 (as judged by ``air_period.month_valid``)."""
    count = int(air_period.valid_count(values))
    if not count:
        return "没有有效日值"
    months = days.astype("datetime64[M]")
    short = [f"{m}（{int(air_period.valid_count(values[months == m]))} 天）" for m in np.unique(months)
             if not air_period.month_valid(values[months == m], int(str(m)[-2:]))
             and (months == m).sum() >= 27]
    detail = "、".join(short) if short else f"共 {count} 个有效日"
    return f"不满足 GB 3095 表4 有效性要求：{detail}"


def _plain(value: float, decimals: int):
    if value is None or np.isnan(value):
        return None
    return float(value) if decimals else int(value)
