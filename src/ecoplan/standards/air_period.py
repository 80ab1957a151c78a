"""Period (month, quarter, year) air statistics: HJ 663 §5-6 and Appendix A, GB 3095 Table 4.

Daily values are shaped ``(..., n_days)`` (e.g. stations × days); every function works along the
last axis and drops it. NaN = no valid daily value. Results are rounded (GB/T 8170) as published:
concentrations to integers (CO one decimal), ratios in percent to one decimal, composite-index
single indices to two decimals.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ecoplan.standards.air_validity import round_concentration
from ecoplan.standards.rounding import round_half_even

#: GB 3095 Table 4: daily means needed for an annual mean, and per month (February 25).
MIN_DAYS_YEAR = 324
MIN_DAYS_MONTH = 27
MIN_DAYS_FEBRUARY = 25

#: Denominators S_i of the composite index (城市环境空气质量排名技术规定, 环办监测〔2018〕19号):
#: GB 3095-2012 Grade II annual limits; CO and O3 their 24-h / daily max 8-h limits.
COMPOSITE_DENOMINATORS = {"so2": 60.0, "no2": 40.0, "pm10": 70.0, "pm25": 35.0, "co": 4.0, "o3_8h": 160.0}
#: Statistic entering the composite index / annual evaluation of each pollutant (HJ 663 §5.2).
PERIOD_PERCENTILES = {"co": 95, "o3_8h": 90}
#: Daily-mean percentiles of the strict annual evaluation (HJ 663 Table; open doubt D8).
DAILY_PERCENTILES = {"so2": 98, "no2": 98, "pm10": 95, "pm25": 95, "co": 95, "o3_8h": 90}


def valid_count(daily) -> np.ndarray:
    """Number of valid (non-NaN) daily values along the last axis."""
    return (~np.isnan(np.asarray(daily, dtype=float))).sum(axis=-1)


def period_mean(daily, pollutant: str, *, min_days: int = 1) -> np.ndarray:
    """Arithmetic mean of the valid daily values (GB 3095-2026 §3.11-3.13), rounded.

    NaN when fewer than ``min_days`` valid days (pass :data:`MIN_DAYS_YEAR` for an annual mean,
    or use :func:`annual_valid` for the month-by-month rule).
    """
    x = np.asarray(daily, dtype=float)
    count = valid_count(x)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(np.isnan(x), 0.0, x).sum(axis=-1) / count
    return round_concentration(np.where(count >= max(min_days, 1), mean, np.nan), pollutant)


def percentile(values, p: float) -> np.ndarray:
    """p-th percentile of the valid values, HJ 663-2013 Appendix A (A.2) formula.

    k = 1 + (n − 1)·p/100, s = int(k), m = X(s) + (X(s+1) − X(s))·(k − s) over the ascending valid
    values — numpy's "linear" method. Not rounded. NaN when no valid value.
    Example: {3, 4, 8, 2, 5, 4}, p = 90 → 6.5.
    """
    x = np.asarray(values, dtype=float)
    n = valid_count(x)
    out = np.full(x.shape[:-1], np.nan)
    if x.size == 0:
        return out
    # Sorting puts NaN last, so the valid values are the first n of each row.
    srt = np.sort(x, axis=-1)
    k = (n - 1) * (p / 100.0)
    s = np.floor(k).astype(np.int64)
    lo = np.take_along_axis(srt, np.clip(s, 0, None)[..., None], axis=-1)[..., 0]
    hi = np.take_along_axis(srt, np.clip(np.minimum(s + 1, n - 1), 0, None)[..., None], axis=-1)[..., 0]
    out = lo + (hi - lo) * (k - s)
    return np.where(n > 0, out, np.nan)


def period_percentile(daily, pollutant: str, p: float, *, min_days: int = 1) -> np.ndarray:
    """Percentile of daily values (CO 24-h p95, O3 MDA8 p90, …), rounded like concentrations."""
    value = percentile(daily, p)
    return round_concentration(np.where(valid_count(daily) >= max(min_days, 1), value, np.nan), pollutant)


def annual_valid(daily, dates) -> np.ndarray:
    """GB 3095 Table 4 annual validity: ≥ 324 valid days and ≥ 27 in every month (February 25).

    Parameters
    ----------
    daily : array_like, shape (..., n_days)
    dates : array_like of dates, shape (n_days,), the calendar days of the last axis (one year)
    """
    x = np.asarray(daily, dtype=float)
    months = np.asarray(dates, dtype="datetime64[D]").astype("datetime64[M]")
    ok = valid_count(x) >= MIN_DAYS_YEAR
    for month in np.unique(months):
        need = MIN_DAYS_FEBRUARY if str(month).endswith("-02") else MIN_DAYS_MONTH
        ok &= valid_count(x[..., months == month]) >= need
    return ok


def month_valid(daily, month: int) -> np.ndarray:
    """GB 3095 Table 4 monthly validity: ≥ 27 valid daily means (February ≥ 25)."""
    return valid_count(daily) >= (MIN_DAYS_FEBRUARY if month == 2 else MIN_DAYS_MONTH)


def city_mean(station_values, *, background=None, pollutant: str | None = None) -> np.ndarray:
    """City value = arithmetic mean of its evaluation stations (点位平均, HJ 663 §5.1; D1).

    For every daily statistic (24-h means, O3 daily max 1-h, O3 MDA8) the mean is taken over
    the stations' values of that statistic and day, not built from the city's hourly means.
    The clause cited (HJ 663-2013 §5.1, and HJ 663-2026) has not been read verbatim: searches
    of 2026-12-07 (pages, code, exact strings) found only the standard's front matter and other
    projects' paraphrases ("城市值按 HJ 663-2013 取点位平均"); the order of averaging rests on
    the 2019 bulletins (docs/standards.md, doubt D1, still open).

    Parameters
    ----------
    station_values : array_like, shape (n_stations, ...)
        Values of the same statistic and time step at each station; NaN = missing.
    background : array_like of bool, shape (n_stations,), optional
        True for background stations (对照点), which are excluded.
    pollutant : str, optional
        If given, the mean is rounded like that pollutant's concentrations.
    """
    x = np.asarray(station_values, dtype=float)
    if background is not None:
        mask = np.asarray(background, dtype=bool)
        if mask.shape != x.shape[:1]:
            raise ValueError(f"background: {mask.shape[0]} flags for {x.shape[0]} stations")
        x = x[~mask]
    count = (~np.isnan(x)).sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(np.isnan(x), 0.0, x).sum(axis=0) / count
    mean = np.where(count > 0, mean, np.nan)
    return round_concentration(mean, pollutant) if pollutant else mean


def good_day_ratio(daily_aqi) -> np.ndarray:
    """优良天数比例 [%]: days with AQI ≤ 100 over valid days, 1 decimal (HJ 663; check C2 94.5 %)."""
    aqi = np.asarray(daily_aqi, dtype=float)
    valid = valid_count(aqi)
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = (aqi <= 100).sum(axis=-1) * 100.0 / valid
    return round_half_even(np.where(valid > 0, ratio, np.nan), 1)


def days_per_level(daily_aqi) -> np.ndarray:
    """Days at AQI levels 1-6 (HJ 633 Table 2 / 2026 Table 1), shape (..., 6)."""
    aqi = np.asarray(daily_aqi, dtype=float)
    upper = np.array([50, 100, 150, 200, 300, np.inf])
    lower = np.array([-np.inf, 50, 100, 150, 200, 300])
    inside = (aqi[..., None, :] > lower[:, None]) & (aqi[..., None, :] <= upper[:, None])
    return inside.sum(axis=-1)


def heavy_pollution_days(daily_aqi) -> np.ndarray:
    """重污染天数: days with AQI > 200 (levels 5 and 6)."""
    return (np.asarray(daily_aqi, dtype=float) > 200).sum(axis=-1)


@dataclass(frozen=True)
class CompositeIndex:
    """综合指数: ``total`` = Σ ``sub`` (each rounded to 2 decimals first); ``primary`` = key of the
    largest single index per element ("" when none); ``rule`` names the ranking rule used."""

    total: np.ndarray
    sub: dict
    primary: np.ndarray
    rule: str = "环办监测〔2018〕19号 (GB 3095-2012 Grade II denominators)"


def composite_index(*, so2, no2, pm10, pm25, co, o3_8h) -> CompositeIndex:
    """Composite index I = Σ C_i / S_i (城市环境空气质量排名技术规定, 环办监测〔2018〕19号).

    Parameters
    ----------
    so2, no2, pm10, pm25 : period means [µg/m³]
    co : period 95th percentile of daily means [mg/m³]
    o3_8h : period 90th percentile of the daily maximum 8-h means [µg/m³]

    Notes
    -----
    Concentrations are rounded first (integers, CO 1 decimal); each single index I_i is rounded
    to 2 decimals (GB/T 8170) and then summed — this reproduces the published Heyuan (1.73) and
    Naiman (3.14) values. A 2026 composite index (weights, new denominators) is not implemented:
    its rule text has not been read (open doubt D7).
    """
    given = {"so2": so2, "no2": no2, "pm10": pm10, "pm25": pm25, "co": co, "o3_8h": o3_8h}
    sub = {}
    for key, value in given.items():
        conc = round_concentration(np.asarray(value, dtype=float), "o3" if key == "o3_8h" else key)
        sub[key] = round_half_even(conc / COMPOSITE_DENOMINATORS[key], 2)
    stack = np.stack([np.asarray(v, dtype=float) for v in sub.values()])
    total = round_half_even(stack.sum(axis=0), 2)
    names = np.array(list(sub), dtype=object)
    all_nan = np.isnan(stack).all(axis=0)
    primary = np.where(all_nan, "", names[np.argmax(np.where(np.isnan(stack), -np.inf, stack), axis=0)])
    return CompositeIndex(total, sub, primary)
