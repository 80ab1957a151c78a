"""Whole-period air evaluation: hourly cube → daily values → daily AQI → period figures.

One call evaluates every station (or city) of a province: hourly inputs are shaped
``(..., n_days, 24)`` and daily inputs ``(..., n_days)`` (see :mod:`air_validity` for the hour
convention); results drop the day axis. Clause references are in each step's function.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ecoplan.standards import air_limits, air_period, air_validity
from ecoplan.standards.aqi import AqiResult, daily_aqi
from ecoplan.standards.rulesets import label, rules_in_force

#: Pollutants with a daily (24-h) mean.
MEAN_POLLUTANTS = ("so2", "no2", "pm10", "pm25", "co")
#: Keys of the daily values and period results.
DAILY_KEYS = MEAN_POLLUTANTS + ("o3", "o3_8h")
#: Statistic behind the period concentration of each pollutant (HJ 663 §5.2 / ranking rule).
ANNUAL_AVERAGING = {"so2": "annual", "no2": "annual", "pm10": "annual", "pm25": "annual",
                    "co": "daily", "o3_8h": "8h"}
FINAL_2026_FROM = np.datetime64("2031-01-01")
#: Stations per block when reducing hourly cubes to daily values.
STATION_BLOCK = 64


def daily_values(hourly: dict, *, o3_limit: float = air_validity.O3_MDA8_LIMIT) -> dict:
    """Daily values from hourly cubes ``(..., n_days, 24)``: 24-h means of SO2, NO2, PM10,
    PM2.5, CO (≥ 20 h), O3 daily max 1-h (key ``o3``) and daily max 8-h (key ``o3_8h``)."""
    unknown = set(hourly) - set(MEAN_POLLUTANTS + ("o3",))
    if unknown:
        raise ValueError(f"pollutant: unknown pollutant {sorted(unknown)[0]!r}")
    out = {}
    for key, values in hourly.items():
        values = np.asarray(values)
        rows = values.reshape((-1,) + values.shape[-2:]) if values.ndim >= 2 else values[None]
        # Stations in blocks: the temporaries of the hourly steps stay small.
        parts = [_daily_of(key, rows[i:i + STATION_BLOCK], o3_limit) for i in range(0, len(rows), STATION_BLOCK)]
        for name in parts[0]:
            joined = np.concatenate([part[name] for part in parts])
            out[name] = joined.reshape(values.shape[:-1])
    return out


def _daily_of(key: str, hourly: np.ndarray, o3_limit: float) -> dict:
    if key != "o3":
        return {key: air_validity.daily_mean(hourly, key)}
    return {"o3": air_validity.o3_daily_max_1h(hourly),
            "o3_8h": air_validity.o3_daily_max_8h(hourly, limit=o3_limit)}


@dataclass(frozen=True)
class PeriodEvaluation:
    """Figures of one period for every station/city of the input (arrays shaped like ``...``).

    ``concentration``: period means (SO2, NO2, PM10, PM2.5), CO p95, O3 MDA8 p90 (key ``o3_8h``);
    NaN where the period is not valid (GB 3095 Table 4). ``compliance``: that figure ≤ its limit;
    ``compliance_strict`` additionally needs the daily percentile (p98 SO2/NO2, p95 PM) ≤ the daily
    limit (open doubt D8). ``rules``: the set of each day's AQI; ``period_rules``: the set whose
    limits were used (the set in force on the last day, unless one set was chosen).
    """

    rules: object
    period_rules: str
    daily: dict
    daily_aqi: AqiResult
    valid_days: dict
    valid: dict
    concentration: dict
    daily_percentile: dict
    compliance: dict
    compliance_strict: dict
    good_day_ratio: np.ndarray
    valid_aqi_days: np.ndarray
    days_per_level: np.ndarray
    heavy_pollution_days: np.ndarray
    composite: air_period.CompositeIndex


def evaluate_hourly(hourly: dict, *, dates, rules=None, grade: int = 2, dust=None) -> PeriodEvaluation:
    """Evaluate a period from hourly cubes ``pollutant → (..., n_days, 24)`` (see :func:`evaluate_period`)."""
    return evaluate_period(daily_values(hourly), dates=dates, rules=rules, grade=grade, dust=dust)


def evaluate_period(daily: dict, *, dates, rules=None, grade: int = 2, dust=None) -> PeriodEvaluation:
    """Evaluate a period from daily values ``key → (..., n_days)`` (keys of :data:`DAILY_KEYS`).

    Parameters
    ----------
    daily : dict
        Daily means (SO2, NO2, PM10, PM2.5, CO), ``o3`` daily max 1-h, ``o3_8h`` MDA8; NaN = invalid.
    dates : array_like, shape (n_days,)
        Calendar days of the last axis.
    rules : None, "2012", "2026" or per-day array
        None: the rules in force on each day (2026 from 2026-03-01). A single set evaluates the
        whole period under it (同口径).
    grade : 1 or 2
        Limits of GB 3095 Table 1 used for compliance.
    dust : array_like of bool, optional
        Days affected by dust (沙尘), broadcast against the daily arrays: their PM10 and PM2.5
        values are removed before evaluation (环办监测〔2016〕120号, the "dust-excluded" figures).

    Notes
    -----
    Validity (GB 3095 Table 4, applied to every pollutant incl. CO and O3, decision D6): a whole
    calendar year needs ≥ 324 valid days and ≥ 27 per month (February 25); a single month ≥ 27
    (25); other periods any valid day. Good-day ratio over days with a valid AQI (HJ 663).
    """
    days = np.asarray(dates, dtype="datetime64[D]")
    for key, values in daily.items():
        if np.shape(values)[-1:] != days.shape:
            raise ValueError(f"dates: {days.size} dates for {np.shape(values)[-1:]} days of {key}")
    if dust is not None:
        daily = _without_dust(daily, np.asarray(dust, dtype=bool))
    day_rules = rules_in_force(days) if rules is None else np.broadcast_to(np.asarray(rules, dtype=str), days.shape)
    period_rules = str(day_rules[-1])
    final = bool(days[-1] >= FINAL_2026_FROM)
    result = daily_aqi(**daily, rules=day_rules)
    valid_days = {k: air_period.valid_count(v) for k, v in daily.items()}
    valid = {k: _period_valid(v, days) for k, v in daily.items()}
    conc, pct, ok, strict = _statistics(daily, valid, limits={"rules": period_rules, "grade": grade, "final": final})
    missing = np.full(result.aqi.shape[:-1], np.nan)
    composite = air_period.composite_index(**{k: conc.get(k, missing) for k in ANNUAL_AVERAGING})
    return PeriodEvaluation(
        rules=label(day_rules), period_rules=period_rules, daily=daily, daily_aqi=result,
        valid_days=valid_days, valid=valid, concentration=conc, daily_percentile=pct,
        compliance=ok, compliance_strict=strict,
        good_day_ratio=air_period.good_day_ratio(result.aqi),
        valid_aqi_days=air_period.valid_count(result.aqi),
        days_per_level=air_period.days_per_level(result.aqi),
        heavy_pollution_days=air_period.heavy_pollution_days(result.aqi),
        composite=composite,
    )


def _without_dust(daily: dict, dust: np.ndarray) -> dict:
    """Particulate daily values of dust days set missing (环办监测〔2016〕120号)."""
    return {k: (np.where(dust, np.nan, v) if k in ("pm10", "pm25") else v) for k, v in daily.items()}


def _statistics(daily: dict, valid: dict, *, limits: dict) -> tuple:
    """Period figure, daily percentile, compliance and strict compliance of each pollutant."""
    conc, pct, ok, strict = {}, {}, {}, {}
    for key, averaging in ANNUAL_AVERAGING.items():
        if key not in daily:
            continue
        conc[key], pct[key] = _period_figures(daily[key], key, valid[key])
        name = "o3" if key == "o3_8h" else key
        ok[key] = air_limits.complies(conc[key], air_limits.limit(name, averaging, **limits))
        daily_limit = air_limits.limit(name, "8h" if key == "o3_8h" else "daily", **limits)
        strict[key] = ok[key] & air_limits.complies(pct[key], daily_limit)
    return conc, pct, ok, strict


def _period_valid(values: np.ndarray, days: np.ndarray) -> np.ndarray:
    months = days.astype("datetime64[M]")
    years = days.astype("datetime64[Y]")
    if np.unique(months).size == 1:
        return air_period.month_valid(values, int(str(months[0])[-2:]))
    if np.unique(years).size == 1 and days.size >= 365:
        return air_period.annual_valid(values, days)
    return air_period.valid_count(values) > 0


def _period_figures(values: np.ndarray, key: str, valid: np.ndarray) -> tuple:
    """Period concentration (mean or percentile) and daily percentile, NaN where not valid."""
    name = "o3" if key == "o3_8h" else key
    daily_p = air_period.period_percentile(values, name, air_period.DAILY_PERCENTILES[key])
    if key in air_period.PERIOD_PERCENTILES:
        figure = daily_p
    else:
        figure = air_period.period_mean(values, name)
    return np.where(valid, figure, np.nan), np.where(valid, daily_p, np.nan)
