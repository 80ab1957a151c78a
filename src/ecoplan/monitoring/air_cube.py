"""From the store to arrays: hourly cubes (n_stations, n_days, 24) and group-daily series.

DuckDB selects the rows (partition pruning on year/month, station filter); numpy scatters them
into cubes; the standards engine computes the station-day values along the last axis
(``air_evaluation.daily_values``) and the area values (``air_period.city_mean``, 点位平均).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ecoplan.monitoring.areas import Period
from ecoplan.monitoring.columns import AIR_POLLUTANTS
from ecoplan.standards.air_evaluation import daily_values
from ecoplan.standards.air_period import city_mean


@dataclass
class StationDaily:
    """Station-day statistics: each value (n_stations, n_days); keys pm25 … co, o3 (max 1-h), o3_8h."""

    stations: list[str]
    days: np.ndarray
    values: dict[str, np.ndarray]
    synthetic: bool


def load_station_daily(con, stations: list[str], period: Period) -> StationDaily:
    """Hourly rows of ``stations`` in ``period`` → station-day values (standards engine)."""
    days = np.arange(np.datetime64(period.start), np.datetime64(period.end) + 1)
    cube = {p: np.full((len(stations), len(days), 24), np.nan) for p in AIR_POLLUTANTS}
    con.register("wanted", pd.DataFrame({"station": list(stations), "s": np.arange(len(stations), dtype=np.int32)}))
    rows = con.execute(
        f"""SELECT w.s, datediff('day', DATE '{period.start}', a.day::DATE) AS d, a.hour,
                   {", ".join(f"a.{p}" for p in AIR_POLLUTANTS)}, a.synthetic
            FROM air_hourly a JOIN wanted w USING (station)
            WHERE a.year BETWEEN {period.start.year} AND {period.end.year}
              AND a.day BETWEEN DATE '{period.start}' AND DATE '{period.end}'""").fetchnumpy()
    con.unregister("wanted")
    s, d, h = (np.asarray(rows[k], dtype=np.int64) for k in ("s", "d", "hour"))
    for p in AIR_POLLUTANTS:
        cube[p][s, d, h] = np.asarray(rows[p], dtype=np.float64)
    synthetic = bool(len(s) and np.asarray(rows["synthetic"], dtype=bool).any())
    return StationDaily(list(stations), days, daily_values(cube), synthetic)


def group_daily(daily: StationDaily, groups: dict[str, list[str]]) -> dict[str, np.ndarray]:
    """``{key: (n_groups, n_days)}``: each group's daily values, the mean of its stations' values
    of the same statistic (HJ 663 点位平均, decision D1), in the order of ``groups``."""
    index = pd.Index(daily.stations)
    rows = [index.get_indexer(members) for members in groups.values()]
    return {key: np.stack([city_mean(values[r], pollutant="o3" if key == "o3_8h" else key) for r in rows])
            if rows else np.empty((0, len(daily.days))) for key, values in daily.values.items()}
