"""Station-day values, materialised when hourly data is stored.

A station-day value (24-h means, O3 daily max 1-h and max 8-h) depends only on the 24 hourly
slots of that natural day, so each month partition of ``air_hourly`` gives its ``air_daily``
partition alone; the standards engine computes them (``air_evaluation.daily_values``, GB 3095
Table 4 validity, HJ 663 MDA8). Indicators of any period then read daily values only.

Where the hourly values of a day miss the Table 4 minimum (a 24-h mean needs ≥ 20 valid hours;
MDA8 ≥ 14 valid 8-h windows, HJ 663 §6.1.2) but the national centre published its own value of
that day (``centre_*`` columns, the value at 24:00 of its 24-h / day-maximum rows), that value is
used; bit i of the ``centre`` column marks ``DAILY_KEYS[i]`` taken so.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ecoplan.monitoring.columns import AIR_POLLUTANTS
from ecoplan.standards.air_evaluation import DAILY_KEYS, daily_values

CENTRE_BITS = {key: 1 << i for i, key in enumerate(DAILY_KEYS)}
"""Bit of each daily key in the ``centre`` column."""


def station_days(hourly: pd.DataFrame) -> pd.DataFrame:
    """Daily values of one month of hourly rows: station, day, so2 … o3_8h, centre, synthetic."""
    station = hourly["station"]
    station = station if isinstance(station.dtype, pd.CategoricalDtype) else station.astype("category")
    stations = pd.Index(station.cat.categories.astype(str))
    day = hourly["day"].to_numpy().astype("datetime64[D]")
    start = day.min().astype("datetime64[M]").astype("datetime64[D]")
    days = np.arange(start, (start.astype("datetime64[M]") + 1).astype("datetime64[D]"))
    row_slot = (station.cat.codes.to_numpy().astype(np.int64) * len(days) + (day - start).astype(np.int64)) * 24 \
        + hourly["hour"].to_numpy().astype(np.int64)
    cubes = {p: _scatter(hourly[p], row_slot, len(stations) * len(days) * 24).reshape(len(stations), len(days), 24)
             for p in AIR_POLLUTANTS}
    values = daily_values(cubes)
    centre = _centre_fill(hourly, row_slot, values, len(stations) * len(days))
    synthetic = np.zeros(len(stations) * len(days), bool)
    synthetic[row_slot // 24] |= hourly["synthetic"].to_numpy(dtype=bool)
    frame = pd.DataFrame({k: values[k].reshape(-1) for k in DAILY_KEYS})
    frame.insert(0, "station", np.repeat(stations.to_numpy(dtype=object), len(days)))
    frame.insert(1, "day", np.tile(days, len(stations)).astype("datetime64[ms]"))
    frame["centre"] = centre
    frame["synthetic"] = synthetic
    return frame[frame[list(DAILY_KEYS)].notna().any(axis=1).to_numpy()].reset_index(drop=True)


def _scatter(column: pd.Series, row_slot: np.ndarray, size: int) -> np.ndarray:
    flat = np.full(size, np.nan)
    flat[row_slot] = column.to_numpy(dtype=np.float64, na_value=np.nan)
    return flat


def _centre_fill(hourly: pd.DataFrame, row_slot: np.ndarray, values: dict, size: int) -> np.ndarray:
    """Fill ``values`` from the centre's day values where ours are missing; the ``centre`` bit
    mask of each station-day."""
    mask = np.zeros(size, np.int16)
    last_hour = row_slot % 24 == 23
    for key in DAILY_KEYS:
        column = f"centre_{key}"
        if column not in hourly:
            continue
        theirs = np.full(size, np.nan)
        theirs[row_slot[last_hour] // 24] = hourly[column].to_numpy(dtype=np.float64, na_value=np.nan)[last_hour]
        ours = values[key].reshape(-1).copy()
        use = np.isnan(ours) & ~np.isnan(theirs)
        ours[use] = theirs[use]
        values[key] = ours.reshape(values[key].shape)
        mask[use] |= CENTRE_BITS[key]
    return mask
