"""From the store to arrays: station-day values (n_stations, n_days) and group-daily series.

DuckDB selects the stored station-day rows (partition pruning on year/month, a join for the
station filter); numpy scatters them into arrays; the standards engine averages the stations of
each area (``air_period.city_mean``, 点位平均).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ecoplan.monitoring.air_daily import CENTRE_BITS
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
    centre: np.ndarray | None = None
    """(n_stations, n_days) bit mask: ``air_daily.CENTRE_BITS`` of the values taken from the
    national centre's own day values (0 where none)."""


def load_station_daily(con, stations: list[str], period: Period) -> StationDaily:
    """Stored station-day values of ``stations`` over ``period`` as (n_stations, n_days) arrays."""
    days = np.arange(np.datetime64(period.start), np.datetime64(period.end) + 1)
    con.register("wanted", pd.DataFrame({"station": list(stations), "s": np.arange(len(stations), dtype=np.int64)}))
    rows = con.sql(
        f"""SELECT w.s * {len(days)} + datediff('day', DATE '{period.start}', a.day::DATE) AS slot,
                   {", ".join(f"a.{k}" for k in DAILY_KEYS)}, coalesce(a.centre, 0) AS centre, a.synthetic
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
    centre = np.zeros(len(stations) * len(days), np.int16)
    centre[slot] = rows.column("centre").to_numpy()
    synthetic = bool(rows.num_rows and rows.column("synthetic").to_pandas().fillna(False).astype(bool).any())
    return StationDaily(list(stations), days, values, synthetic, centre.reshape(len(stations), len(days)))


def centre_counts(daily: StationDaily, groups: dict[str, list[str]]) -> list[dict]:
    """Per group: ``{key: {"days": area-days with a station value from the centre, "station_days": …}}``
    for the daily keys that used any, and ``"aqi"`` for the days whose AQI rests on one."""
    index = pd.Index(daily.stations)
    mask = daily.centre if daily.centre is not None else np.zeros((len(daily.stations), len(daily.days)), np.int16)
    out = []
    for members in groups.values():
        rows = mask[index.get_indexer(members)]
        counts = {}
        for key, bit in CENTRE_BITS.items():
            used = (rows & bit) != 0
            if used.any():
                counts[key] = {"days": int(used.any(axis=0).sum()), "station_days": int(used.sum())}
        if counts:
            counts["aqi"] = {"days": int((rows != 0).any(axis=0).sum()), "station_days": int((rows != 0).sum())}
        out.append(counts)
    return out


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
