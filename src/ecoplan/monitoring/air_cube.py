"""From the store to arrays: hourly cubes (n_stations, n_days, 24) and group-daily series.

DuckDB selects the rows (partition pruning on year/month, station filter); numpy scatters them
into cubes so the standards' functions work along the last axis; groups (a city, its districts,
towns) are averaged with one matrix product, never a Python loop over rows.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ecoplan.monitoring import air_daily
from ecoplan.monitoring.areas import Period
from ecoplan.monitoring.columns import AIR_POLLUTANTS

DAILY_MEAN_POLLUTANTS = ("pm25", "pm10", "so2", "no2", "co")


@dataclass
class StationDaily:
    """Station-day statistics: each value (n_stations, n_days); keys pm25 … co, o3 (max 1-h), o3_8h."""

    stations: list[str]
    days: np.ndarray
    values: dict[str, np.ndarray]
    synthetic: bool


def load_station_daily(con, stations: list[str], period: Period) -> StationDaily:
    """Hourly rows of ``stations`` in ``period`` → station-day statistics."""
    days = np.arange(np.datetime64(period.start), np.datetime64(period.end) + 1)
    cols = ", ".join(AIR_POLLUTANTS)
    rows = con.execute(
        f"""SELECT station, datediff('day', DATE '{period.start}', day::DATE) AS d, hour, {cols}, synthetic
            FROM air_hourly
            WHERE year BETWEEN {period.start.year} AND {period.end.year}
              AND day BETWEEN DATE '{period.start}' AND DATE '{period.end}'
              AND station IN (SELECT unnest(?))""", [list(stations)]).fetchnumpy() \
        if stations else {}
    index = pd.Index(stations)
    n = len(rows.get("d", []))
    s = index.get_indexer(np.asarray(rows["station"], dtype=object)) if n else np.empty(0, int)
    d, h = (np.asarray(rows["d"], dtype=np.int64), np.asarray(rows["hour"], dtype=np.int64)) if n else (np.empty(0, int),) * 2
    values = {}
    for p in AIR_POLLUTANTS:
        cube = np.full((len(stations), len(days), 24), np.nan)
        if n:
            cube[s, d, h] = np.asarray(rows[p], dtype=np.float64)
        values[p] = cube
    synthetic = bool(n and np.asarray(rows["synthetic"], dtype=bool).any())
    return StationDaily(list(stations), days, _daily(values), synthetic)


def _daily(cubes: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    out = {p: air_daily.daily_mean(cubes[p]) for p in DAILY_MEAN_POLLUTANTS}
    out["o3"] = air_daily.daily_max_1h(cubes["o3"])
    out["o3_8h"] = air_daily.daily_max_8h(cubes["o3"])
    return out


def group_daily(daily: StationDaily, groups: dict[str, list[str]]) -> dict[str, dict[str, np.ndarray]]:
    """Arithmetic mean over each group's stations of the same daily statistic (spec §4.4, D1).

    A station-day that is invalid is left out; a group-day without any valid station is NaN.
    """
    index = pd.Index(daily.stations)
    names = list(groups)
    member = np.zeros((len(names), len(index)))
    for g, name in enumerate(names):
        member[g, index.get_indexer(groups[name])] = 1.0
    out: dict[str, dict[str, np.ndarray]] = {name: {} for name in names}
    for key, values in daily.values.items():
        present = ~np.isnan(values)
        sums = member @ np.where(present, values, 0.0)
        counts = member @ present
        with np.errstate(invalid="ignore", divide="ignore"):
            means = np.where(counts > 0, sums / counts, np.nan)
        for g, name in enumerate(names):
            out[name][key] = means[g]
    return out
