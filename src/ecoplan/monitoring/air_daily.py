"""Station-day values, materialised when hourly data is stored.

A station-day value (24-h means, O3 daily max 1-h and max 8-h) depends only on the 24 hourly
slots of that natural day, so each month partition of ``air_hourly`` gives its ``air_daily``
partition alone; the standards engine computes them (``air_evaluation.daily_values``, GB 3095
Table 4 validity, HJ 663 MDA8). Indicators of any period then read daily values only.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ecoplan.monitoring.columns import AIR_POLLUTANTS
from ecoplan.standards.air_evaluation import DAILY_KEYS, daily_values


def station_days(hourly: pd.DataFrame) -> pd.DataFrame:
    """Daily values of one month of hourly rows: station, day, so2 … o3_8h, synthetic."""
    station = hourly["station"]
    station = station if isinstance(station.dtype, pd.CategoricalDtype) else station.astype("category")
    stations = pd.Index(station.cat.categories.astype(str))
    day = hourly["day"].to_numpy().astype("datetime64[D]")
    start = day.min().astype("datetime64[M]").astype("datetime64[D]")
    days = np.arange(start, (start.astype("datetime64[M]") + 1).astype("datetime64[D]"))
    row_slot = (station.cat.codes.to_numpy().astype(np.int64) * len(days) + (day - start).astype(np.int64)) * 24 \
        + hourly["hour"].to_numpy().astype(np.int64)
    cubes = {}
    for p in AIR_POLLUTANTS:
        flat = np.full(len(stations) * len(days) * 24, np.nan)
        flat[row_slot] = hourly[p].to_numpy(dtype=np.float64, na_value=np.nan)
        cubes[p] = flat.reshape(len(stations), len(days), 24)
    values = daily_values(cubes)
    synthetic = np.zeros(len(stations) * len(days), bool)
    synthetic[row_slot // 24] |= hourly["synthetic"].to_numpy(dtype=bool)
    frame = pd.DataFrame({k: values[k].reshape(-1) for k in DAILY_KEYS})
    frame.insert(0, "station", np.repeat(stations.to_numpy(dtype=object), len(days)))
    frame.insert(1, "day", np.tile(days, len(stations)).astype("datetime64[ms]"))
    frame["synthetic"] = synthetic
    return frame[frame[list(DAILY_KEYS)].notna().any(axis=1).to_numpy()].reset_index(drop=True)
