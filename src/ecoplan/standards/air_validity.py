"""Hourly → daily air statistics with the validity rules of GB 3095 Table 4 and HJ 663 §6.

Data layout (the caller's cube): hourly values are shaped ``(..., 24)`` for one day or
``(..., n_days, 24)`` for consecutive days, hour index ``j`` = the hour ending at ``j + 1``
o'clock (hour-end labels 01…24, decision D13; the national centre's files label the hour ending
at 24:00 as hour 0 of the next day). NaN = missing. Daily results drop the last axis.
Concentrations µg/m³, CO mg/m³; results are rounded by GB/T 8170 to the published decimals
(integers; CO one decimal).
"""

from __future__ import annotations

import numpy as np

from ecoplan.standards._checks import as_concentration
from ecoplan.standards.rounding import round_half_even

#: GB 3095-2012 / GB 3095-2026 Table 4: valid hourly means needed for a daily (24-h) mean.
MIN_HOURS_DAILY = 20
#: GB 3095 Table 4: valid hourly means needed in each O3 8-h window.
MIN_HOURS_8H = 6
#: HJ 663-2013 / HJ 663-2026 §6.1.2: valid 8-h means needed for the daily maximum 8-h mean.
MIN_WINDOWS_MDA8 = 14
#: 8-h windows inside one natural day: ending at 08:00, 09:00, …, 24:00.
MDA8_WINDOWS = 17
#: O3 daily max 8-h limit (GB 3095 Table 1, Grade II; unchanged in 2026) used for the
#: exception of HJ 663 §6.1.2 (decision D5).
O3_MDA8_LIMIT = 160.0

POLLUTANT_DECIMALS = {"so2": 0, "no2": 0, "pm10": 0, "pm25": 0, "co": 1, "o3": 0, "o3_8h": 0}


def round_concentration(values, pollutant: str):
    """Round concentrations to the published decimals (HJ 633-2026 §4.2.2; CO 1, others 0)."""
    if pollutant not in POLLUTANT_DECIMALS:
        raise ValueError(f"pollutant: unknown pollutant {pollutant!r} (known: {sorted(POLLUTANT_DECIMALS)})")
    return round_half_even(values, POLLUTANT_DECIMALS[pollutant])


def daily_mean(hourly, pollutant: str, *, min_hours: int = MIN_HOURS_DAILY) -> np.ndarray:
    """Daily (24-h) mean of a natural day, GB 3095-2012 §3 / GB 3095-2026 §3.10 and Table 4.

    Parameters
    ----------
    hourly : array_like, shape (..., 24)
        1-h means [µg/m³; CO mg/m³] of one natural day; NaN = missing.
    pollutant : str
        ``so2 no2 pm10 pm25 co`` (sets the rounding and the CO unit check).
    min_hours : int
        Valid hours needed (Table 4: 20).

    Returns
    -------
    numpy.ndarray, shape (...)
        Mean of the valid hours, rounded (GB/T 8170); NaN when fewer than ``min_hours``.
    """
    values = _hourly(hourly, pollutant)
    valid = ~np.isnan(values)
    count = np.count_nonzero(valid, axis=-1)
    total = np.sum(values, axis=-1, where=valid)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = total / count
    return round_concentration(np.where(count >= min_hours, mean, np.nan), pollutant)


def moving_mean(series, window: int, min_valid: int) -> np.ndarray:
    """Moving mean along the last axis: entry t is the mean of entries t-window+1 … t.

    Entries before the start of the series count as missing. NaN where fewer than
    ``min_valid`` valid values are in the window. Not rounded.
    """
    x = np.asarray(series, dtype=float)
    valid = ~np.isnan(x)
    pad = [(0, 0)] * (x.ndim - 1) + [(window, 0)]
    csum = np.cumsum(np.pad(np.where(valid, x, 0.0), pad), axis=-1)
    ccount = np.cumsum(np.pad(valid.astype(np.int32), pad), axis=-1)
    total = csum[..., window:] - csum[..., :-window]
    count = ccount[..., window:] - ccount[..., :-window]
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(count >= max(min_valid, 1), total / count, np.nan)


def moving_24h_mean(hourly, pollutant: str, *, min_hours: int = MIN_HOURS_DAILY) -> np.ndarray:
    """24-h moving mean at each hour (HJ 633-2012 §5.1.3 real-time PM10/PM2.5 indicator).

    ``hourly`` is ``(..., n_days, 24)``; the result has the same shape, rounded. The value at the
    last hour of a day (index 23, 24:00) equals :func:`daily_mean` of that day.
    """
    values = _hourly(hourly, pollutant)
    flat = values.reshape(values.shape[:-2] + (-1,))
    out = moving_mean(flat, 24, min_hours).reshape(values.shape)
    return round_concentration(out, pollutant)


def o3_8h_moving(hourly, *, min_hours: int = MIN_HOURS_8H, within_day: bool = False) -> np.ndarray:
    """O3 8-h moving mean at each hour, GB 3095-2026 §3.8 and Table 4 (≥ 6 valid hours).

    Parameters
    ----------
    hourly : array_like, shape (..., n_days, 24)
    min_hours : int
        Valid hours needed in the window (Table 4: 6).
    within_day : bool
        False: the window runs back across midnight (the standard's definition). True: the window
        is cut at the start of the natural day, as the national centre's real-time O3_8h rows do
        (their first 7 hours average fewer than 8 hours; see docs/standards.md).

    Returns
    -------
    numpy.ndarray, same shape, rounded to integers; NaN = invalid.
    """
    values = _hourly(hourly, "o3")
    if within_day:
        out = moving_mean(values, 8, min_hours)
    else:
        flat = values.reshape(values.shape[:-2] + (-1,))
        out = moving_mean(flat, 8, min_hours).reshape(values.shape)
    return round_concentration(out, "o3")


def o3_daily_max_8h(hourly, *, limit: float = O3_MDA8_LIMIT, min_windows: int = MIN_WINDOWS_MDA8,
                    min_hours: int = MIN_HOURS_8H) -> np.ndarray:
    """O3 daily maximum 8-h mean (日最大8小时平均, MDA8), HJ 663-2013 / HJ 663-2026 §6.1.2.

    The 17 windows ending at 08:00 … 24:00 of the natural day (GB 3095-2026 §3.9), each valid with
    ≥ ``min_hours`` valid hours; the day is valid with ≥ ``min_windows`` (14) valid windows, or
    with fewer if the maximum already exceeds ``limit`` (the exception of §6.1.2; Grade II 160
    µg/m³ by default, decision D5).

    Parameters
    ----------
    hourly : array_like, shape (..., 24)
        O3 1-h means of one natural day [µg/m³].

    Returns
    -------
    numpy.ndarray, shape (...), integer-valued µg/m³, NaN = invalid day.
    """
    values = _hourly(hourly, "o3")
    windows = moving_mean(values, 8, min_hours)[..., 7:]
    n_valid = np.count_nonzero(~np.isnan(windows), axis=-1)
    best = round_concentration(np.fmax.reduce(windows, axis=-1), "o3")  # fmax skips NaN
    valid = (n_valid >= min_windows) | (best > limit)
    return np.where(valid, best, np.nan)


def o3_daily_max_1h(hourly, *, min_hours: int = 1) -> np.ndarray:
    """O3 daily maximum 1-h value (HJ 633-2012 §5.1.2 daily-report indicator) [µg/m³].

    GB 3095 Table 4 sets no count for this statistic; by default any valid hour suffices
    (open doubt, see docs/standards.md). NaN when fewer than ``min_hours`` valid hours.
    """
    values = _hourly(hourly, "o3")
    count = np.count_nonzero(~np.isnan(values), axis=-1)
    best = np.fmax.reduce(values, axis=-1)  # skips NaN
    return round_concentration(np.where(count >= max(min_hours, 1), best, np.nan), "o3")


def _hourly(hourly, pollutant: str) -> np.ndarray:
    values = as_concentration(hourly, pollutant)
    if values.ndim == 0 or values.shape[-1] != 24:
        raise ValueError(f"{pollutant}: hourly values need a last axis of 24 hours, got shape {values.shape}")
    return values
