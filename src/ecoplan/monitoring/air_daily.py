"""Station-day statistics from hourly cubes shaped (n_stations, n_days, 24).

Stand-in until ``ecoplan.standards`` (branch std-air) exposes its validity and aggregation
functions: these few rules are applied here along the last axis, exactly as the spec restates
them, and the call sites are the only place to switch over (see docs/monitoring.md).
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

MIN_HOURS_PER_DAY = 20
"""GB 3095-2012 Table 4 (= GB 3095-2026 Table 4): a daily mean needs ≥ 20 hourly means."""
MIN_HOURS_PER_8H = 6
"""GB 3095 Table 4: an 8-hour mean needs ≥ 6 hourly means."""
MIN_WINDOWS_PER_DAY = 14
"""HJ 663-2013 §6.1.2: the O3 daily max 8-h needs ≥ 14 of the 17 windows inside the day ..."""
O3_8H_LIMIT = 160.0
"""... unless the maximum already exceeds the Grade II limit (decision D5: Grade II)."""


def daily_mean(hourly: np.ndarray) -> np.ndarray:
    """Daily (24-h) mean of each station-day; NaN with fewer than 20 valid hours.

    GB 3095-2012 §3 (24-h mean) and Table 4. ``hourly``: (..., 24), NaN = missing hour.
    """
    count = np.sum(~np.isnan(hourly), axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.nansum(hourly, axis=-1) / count
    return np.where(count >= MIN_HOURS_PER_DAY, mean, np.nan)


def daily_max_1h(hourly: np.ndarray) -> np.ndarray:
    """O3 daily maximum 1-h value (HJ 633-2012 §5.1.2 daily AQI input), with the daily-mean
    completeness (≥ 20 hours) so that a half-measured day cannot look clean."""
    count = np.sum(~np.isnan(hourly), axis=-1)
    filled = np.where(np.isnan(hourly), -np.inf, hourly)
    return np.where(count >= MIN_HOURS_PER_DAY, filled.max(axis=-1), np.nan)


def daily_max_8h(hourly: np.ndarray) -> np.ndarray:
    """O3 daily maximum 8-hour moving mean (MDA8), windows 00–08 … 16–24 inside the natural day.

    GB 3095-2026 §3.9; HJ 663-2013 §6.1.2: each window needs ≥ 6 valid hours, the day ≥ 14
    valid windows, unless the maximum already exceeds 160 µg/m³.
    """
    windows = sliding_window_view(hourly, 8, axis=-1)
    count = np.sum(~np.isnan(windows), axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        means = np.where(count >= MIN_HOURS_PER_8H, np.nansum(windows, axis=-1) / count, np.nan)
    valid_windows = np.sum(~np.isnan(means), axis=-1)
    best = np.where(valid_windows > 0, np.nan_to_num(means, nan=-np.inf).max(axis=-1), np.nan)
    keep = (valid_windows >= MIN_WINDOWS_PER_DAY) | (best > O3_8H_LIMIT)
    return np.where(keep, best, np.nan)


def percentile(values: np.ndarray, p: float, axis: int = -1) -> np.ndarray:
    """HJ 663-2013 percentile of valid values: k = 1 + (n − 1)p, linear between order statistics
    (numpy's default "linear" method; spec §4.2, check value {3,4,8,2,5,4} p90 = 6.5)."""
    with np.errstate(all="ignore"):
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            return np.nanpercentile(values, 100 * p, axis=axis)
