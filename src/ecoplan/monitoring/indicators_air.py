"""Air indicators of an area and period from group-daily series.

Per HJ 663-2013 and the city ranking rule (环办监测〔2018〕19号) as restated in the spec:
period means of daily means (SO2, NO2, PM10, PM2.5), CO daily-mean 95th percentile, O3 MDA8
90th percentile, daily AQI (HJ 633 via ``ecoplan.standards.aqi``), good days (AQI ≤ 100) over
valid days, heavy days (AQI > 200), days by level, composite index (Σ of single indices rounded
to 2 decimals). Concentrations rounded by GB/T 8170 (integers; CO one decimal).
"""

from __future__ import annotations

import numpy as np

from ecoplan.monitoring.air_daily import percentile
from ecoplan.standards.aqi import daily_aqi
from ecoplan.standards.rounding import round_half_even
from ecoplan.standards.rulesets import rules_in_force

MEAN_KEYS = ("pm25", "pm10", "no2", "so2")
COMPOSITE_LIMITS_2012 = {"so2": 60.0, "no2": 40.0, "pm10": 70.0, "pm25": 35.0, "co_p95": 4.0, "o3_8h_p90": 160.0}
"""S_i of the composite index: GB 3095-2012 Grade II annual limits, CO 24-h, O3 MDA8 (spec §4.7)."""
LEVEL_NAMES = ("优", "良", "轻度污染", "中度污染", "重度污染", "严重污染")
MIN_DAYS_YEAR, MIN_DAYS_MONTH, MIN_DAYS_FEBRUARY = 324, 27, 25
"""GB 3095-2012 Table 4: annual statistics need ≥ 324 daily values, ≥ 27 per month (February 25)."""


def day_rules(days: np.ndarray, rules: str | None) -> np.ndarray:
    """The rule set of each day: the forced one, else the one in force on that date."""
    return np.full(days.shape, rules) if rules else rules_in_force(days)


def summarize(series: dict[str, np.ndarray], days: np.ndarray, rules: str | None, *, strict: bool = False) -> dict:
    """The contract's ``air`` object (plus ``days_by_level`` and ``notes``) for one group.

    A statistic whose daily values miss the GB 3095 Table 4 minimums is reported with a note
    (``strict=False``: the monthly circular's practice on real-time data) or is null (``strict``).
    """
    per_day = day_rules(days, rules)
    result, valid = daily_aqi_of(series, per_day)
    aqi = result.aqi
    notes: list[str] = []
    air = {k: _mean(series[k], days, k, notes, strict) for k in MEAN_KEYS}
    air["co_p95"] = _stat(percentile(series["co"], 0.95), 1, series["co"], days, "co_p95", notes, strict)
    air["o3_8h_p90"] = _stat(percentile(series["o3_8h"], 0.90), 0, series["o3_8h"], days, "o3_8h_p90", notes, strict)
    levels = result.level[valid]
    good = int(np.sum(aqi[valid] <= 100))
    n_valid = int(valid.sum())
    air.update(good_days=good, valid_days=n_valid,
               good_day_ratio=float(round_half_even(100.0 * good / n_valid, 1)) if n_valid else None,
               heavy_days=int(np.sum(aqi[valid] > 200)),
               composite_index=_composite(air, per_day, notes))
    air["days_by_level"] = {name: int(np.sum(levels == i + 1)) for i, name in enumerate(LEVEL_NAMES)}
    if not n_valid:
        notes.append("good_day_ratio: 时段内没有有效日（日 AQI 无法计算）")
    air["rules"] = sorted(set(per_day.tolist()))
    air["notes"] = notes
    return air


def daily_aqi_of(series: dict[str, np.ndarray], per_day: np.ndarray):
    """Daily AQI of a group-daily series and which days count as valid days (有效天).

    A day is valid when its AQI has every indicator of the rule set, or, with one missing, is
    already above 100 (HJ 633-2026 §5.3.1; applied to 2012 days too, so both count alike).
    """
    result = daily_aqi(**{k: series[k] for k in ("so2", "no2", "pm10", "pm25", "co", "o3", "o3_8h")}, rules=per_day)
    valid = ~np.isnan(result.aqi) & (np.asarray(result.complete) | (result.aqi > 100))
    return result, valid


def _enough_days(values: np.ndarray, days: np.ndarray) -> str | None:
    """Why an annual or monthly statistic is invalid (GB 3095 Table 4), or None when it is valid."""
    valid = ~np.isnan(values)
    months = days.astype("datetime64[M]")
    for month in np.unique(months):
        in_month = months == month
        whole = in_month.sum() == _days_in(month)
        need = MIN_DAYS_FEBRUARY if str(month).endswith("-02") else MIN_DAYS_MONTH
        if whole and valid[in_month].sum() < need:
            return f"{month} 有效日数 {int(valid[in_month].sum())} < {need}（GB 3095 表4）"
    if len(days) >= 365 and valid.sum() < MIN_DAYS_YEAR:
        return f"全年有效日数 {int(valid.sum())} < {MIN_DAYS_YEAR}（GB 3095 表4）"
    return None


def _days_in(month: np.datetime64) -> int:
    return int(((month + 1).astype("datetime64[D]") - month.astype("datetime64[D]")).astype(np.int64))


def _stat(value, decimals: int, values, days, key: str, notes: list[str], strict: bool):
    reason = _enough_days(values, days)
    if np.isnan(value) or (reason and strict):
        notes.append(f"{key}: {reason or '没有有效日值'}")
        return None
    if reason:
        notes.append(f"{key}: 不满足有效性要求，{reason}；数值仅供参考")
    number = float(round_half_even(value, decimals))
    return int(number) if decimals == 0 else number


def _mean(values: np.ndarray, days: np.ndarray, key: str, notes: list[str], strict: bool):
    mean = np.nanmean(values) if np.any(~np.isnan(values)) else np.nan
    return _stat(mean, 0, values, days, key, notes, strict)


def _composite(air: dict, per_day: np.ndarray, notes: list[str]):
    """环境空气质量综合指数: Σ round2(C_i / S_i) (spec §4.7, check values Heyuan 1.73, Naiman 3.14)."""
    if "2026" in set(per_day.tolist()):
        notes.append("composite_index: 2026 规则下综合指数的权重与限值尚未确定（规范疑点 D7），不计算")
        return None
    if any(air[k] is None for k in COMPOSITE_LIMITS_2012):
        notes.append("composite_index: 有分项无法计算")
        return None
    parts = [round_half_even(air[k] / s, 2) for k, s in COMPOSITE_LIMITS_2012.items()]
    return float(round_half_even(sum(parts), 2))
