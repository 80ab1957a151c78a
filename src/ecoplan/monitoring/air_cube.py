"""From the store to arrays: station-day values (n_stations, n_days) and group-daily series.

DuckDB selects the stored station-day rows (partition pruning on year/month, a join for the
station filter); numpy scatters them into arrays; the standards engine averages the stations of
each area (``air_period.city_mean``, 点位平均).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ecoplan.monitoring.areas import Period
from ecoplan.standards.air_evaluation import DAILY_KEYS
from ecoplan.standards.air_period import city_mean


@dataclass
class StationDaily:
    """Station-day statistics: each value (n_stations, n_days); keys pm25 … co, o3 (max 1-h), o3_8h."""

    stations: list[str]
    days: np.ndarray
    values: dict[str, np.ndarray]
    synthetic: bool


def load_station_daily(con, stations: list[str], period: Period) -> StationDaily:
    """Stored station-day values of ``stations`` over ``period`` as (n_stations, n_days) arrays."""
    days = np.arange(np.datetime64(period.start), np.datetime64(period.end) + 1)
    con.register("wanted", pd.DataFrame({"station": list(stations), "s": np.arange(len(stations), dtype=np.int64)}))
    rows = con.sql(
        f"""SELECT w.s * {len(days)} + datediff('day', DATE '{period.start}', a.day::DATE) AS slot,
                   {", ".join(f"a.{k}" for k in DAILY_KEYS)}, a.synthetic
            FROM air_daily a JOIN wanted w USING (station)
            WHERE a.year BETWEEN {period.start.year} AND {period.end.year}
              AND a.day BETWEEN DATE '{period.start}' AND DATE '{period.end}'""").to_arrow_table()
    con.unregister("wanted")
    slot = rows.column("slot").to_numpy()
    values = {}
    for key in DAILY_KEYS:
        flat = np.full(len(stations) * len(days), np.nan)
        flat[slot] = rows.column(key).to_pandas().to_numpy(dtype=np.float64, na_value=np.nan)
        values[key] = flat.reshape(len(stations), len(days))
    synthetic = bool(rows.num_rows and rows.column("synthetic").to_pandas().fillna(False).astype(bool).any())
    return StationDaily(list(stations), days, values, synthetic)


def group_daily(daily: StationDaily, groups: dict[str, list[str]]) -> dict[str, np.ndarray]:
    """``{key: (n_groups, n_days)}``: each group's daily values, the mean of its stations' values
    of the same statistic (HJ 663 点位平均, decision D1), in the order of ``groups``.

    The members of all groups are stacked as (max members, n_groups, n_days), padded with NaN
    (which ``city_mean`` leaves out), so the standards engine averages every group in one call.
    """
    index = pd.Index(daily.stations)
    members = [index.get_indexer(m) for m in groups.values()]
    width = max((len(m) for m in members), default=0)
    slots = np.full((width, len(members)), -1)
    for g, m in enumerate(members):
        slots[: len(m), g] = m
    out = {}
    for key, values in daily.values.items():
        padded = np.concatenate([values, np.full((1, values.shape[1]), np.nan)])[slots]  # -1 → the NaN row
        out[key] = city_mean(padded, pollutant="o3" if key == "o3_8h" else key)
    return out
