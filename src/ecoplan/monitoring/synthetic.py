"""Deterministic synthetic monitoring data for what the repository lacks (Changzhou 2022–2023
district and town stations, water sections, dust fall), and national-scale benchmark files.

Everything written through :func:`seed_changzhou` is stored with ``synthetic = true`` and every
indicator computed from it says ``"synthetic": true``. The seasonality follows the Yangtze-delta
pattern seen in the real 2019 data: PM high in winter, O3 high in early summer with an afternoon
peak, NO2 with morning and evening rush hours. Same seed, same data.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ecoplan.monitoring.columns import AIR_POLLUTANTS
from ecoplan.monitoring.store import Store

TOWNS_PER_DISTRICT = {"溧阳市": 10, "金坛区": 9, "武进区": 16, "新北区": 10, "天宁区": 7, "钟楼区": 7, "常州经开区": 4}
"""63 towns (镇、街道、园区) across the seven districts, as in the plan; town names are made up."""
PM25_LEVEL = {2021: 40.0, 2022: 36.0, 2023: 33.0}
MISSING_HOURS = 0.015


def changzhou_stations() -> pd.DataFrame:
    """Two stations per district (国控, 省控) and one 市控 station per town, all in 常州市."""
    rows = []
    for d, (district, towns) in enumerate(TOWNS_PER_DISTRICT.items(), start=1):
        rows.append((f"810{d}A", f"{district}国控点（合成）", district, "", "国控"))
        rows.append((f"811{d}A", f"{district}省控点（合成）", district, "", "省控"))
        rows += [(f"8{d}{k:02d}S", f"{district[:2]}{k:02d}镇站（合成）", district, f"{district[:2]}{k:02d}镇", "市控") for k in range(1, towns + 1)]
    frame = pd.DataFrame(rows, columns=["station", "station_name", "district", "town", "station_level"])
    return frame.assign(city="常州", background=False, lon=np.nan, lat=np.nan, province="江苏省", prefecture="常州市")


def hourly_cubes(n_stations: int, year: int, seed: int, level: float = 35.0) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Days and ``{pollutant: (n_stations, n_days, 24)}`` with regional weather, station offsets
    and missing hours; values rounded as published (integers, CO one decimal)."""
    rng = np.random.default_rng([seed, year])
    days = np.arange(np.datetime64(f"{year}-01-01"), np.datetime64(f"{year + 1}-01-01"))
    t = np.arange(len(days))
    winter = np.cos(2 * np.pi * (t - 10) / 365.25)           # +1 in January, −1 in July
    summer = np.exp(-(((t - 160) / 55.0) ** 2))                # O3 season peaking in June
    weather = _ar1(rng, len(days), 0.7, 0.45)                  # shared by the region
    offset = rng.normal(1.0, 0.08, (n_stations, 1, 1))
    hours = np.arange(24)
    local = lambda sd: rng.lognormal(-sd * sd / 2, sd, (n_stations, len(days), 24))  # noqa: E731  mean 1
    pm_day = level * (1 + 0.45 * winter) * np.exp(weather - 0.45**2 / 2)
    pm25 = pm_day[None, :, None] * offset * (1 + 0.12 * np.cos(2 * np.pi * (hours - 2) / 24)) * local(0.18)
    o3_peak = 55 + 120 * summer * np.exp(0.5 * _ar1(rng, len(days), 0.5, 0.3))
    o3 = (12 + o3_peak[None, :, None] * np.exp(-(((hours - 15) / 4.0) ** 2))) * offset * local(0.12)
    rush = 1 + 0.3 * np.exp(-(((hours - 8) / 1.5) ** 2)) + 0.35 * np.exp(-(((hours - 20) / 2.0) ** 2))
    no2 = (30 * (1 + 0.3 * winter))[None, :, None] * rush * offset * local(0.2) * np.exp(0.5 * weather)[None, :, None]
    cubes = {"pm25": pm25, "pm10": pm25 * 1.55 * local(0.1), "so2": 8 * offset * local(0.3) * (1 + 0.3 * winter)[None, :, None],
             "no2": no2, "co": 0.75 * (1 + 0.3 * winter)[None, :, None] * np.exp(0.5 * weather)[None, :, None] * local(0.15), "o3": o3}
    missing = rng.random((n_stations, len(days), 24)) < MISSING_HOURS
    return days, {p: np.where(missing, np.nan, np.round(cubes[p], 1 if p == "co" else 0)) for p in AIR_POLLUTANTS}


def _ar1(rng, n: int, phi: float, sd: float) -> np.ndarray:
    shocks = rng.normal(0, sd * np.sqrt(1 - phi**2), n)
    out = np.empty(n)
    out[0] = rng.normal(0, sd)
    for i in range(1, n):  # one short series per year (365 steps), not a per-row loop over data
        out[i] = phi * out[i - 1] + shocks[i]
    return out


def cubes_to_frame(stations: list[str], days: np.ndarray, cubes: dict[str, np.ndarray]) -> pd.DataFrame:
    """Flatten cubes to the stored hourly rows (station, day, hour, pollutants)."""
    n_st, n_days = len(stations), len(days)
    frame = pd.DataFrame({p: cubes[p].reshape(-1) for p in AIR_POLLUTANTS})
    frame.insert(0, "station", np.repeat(np.asarray(stations, dtype=object), n_days * 24))
    frame.insert(1, "day", np.tile(np.repeat(days, 24), n_st).astype("datetime64[ms]"))
    frame.insert(2, "hour", np.tile(np.arange(24, dtype=np.int8), n_st * n_days))
    return frame


def write_cnemc_files(stations: list[str], days: np.ndarray, cubes: dict[str, np.ndarray], folder: Path) -> list[Path]:
    """One ``china_sites_YYYYMMDD.csv`` per day in the national centre's layout (for benchmarks)."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    names = {"pm25": "PM2.5", "pm10": "PM10", "so2": "SO2", "no2": "NO2", "co": "CO", "o3": "O3"}
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, day in enumerate(days):
        block = np.concatenate([cubes[p][:, i, :].T for p in AIR_POLLUTANTS])  # (6*24, n_stations)
        columns = {"date": pa.array([int(str(day).replace("-", ""))] * len(block)),
                   "hour": pa.array(np.tile(np.arange(24), len(AIR_POLLUTANTS))),
                   "type": pa.array(np.repeat([names[p] for p in AIR_POLLUTANTS], 24))}
        columns.update({code: pa.array(block[:, j], from_pandas=True) for j, code in enumerate(stations)})
        path = folder / f"china_sites_{str(day).replace('-', '')}.csv"
        pacsv.write_csv(pa.table(columns), path, pacsv.WriteOptions(quoting_style="none"))
        paths.append(path)
    return paths


SECTION_COUNTS = {"国考": 20, "省考": 51, "市考": 66}
CLASS_MIX = {"国考": (0.35, 0.47, 0.13, 0.05, 0.0), "省考": (0.45, 0.47, 0.06, 0.02, 0.0), "市考": (0.25, 0.65, 0.07, 0.03, 0.0)}
"""Share of sections whose typical water is class Ⅱ, Ⅲ, Ⅳ, Ⅴ, 劣Ⅴ (I is folded into Ⅱ)."""
CLASS_LEVELS = {"do": (7.0, 5.5, 4.0, 2.6, 1.5), "codmn": (3.0, 5.0, 8.0, 12.5, 17.0),
                "nh3n": (0.3, 0.75, 1.25, 1.75, 2.6), "tp": (0.07, 0.15, 0.25, 0.35, 0.5)}
"""Typical value of each factor in a section of class Ⅱ … 劣Ⅴ (between the GB 3838 limits)."""


def changzhou_sections(seed: int = 2023) -> pd.DataFrame:
    rng = np.random.default_rng([seed, 3838])
    districts = list(TOWNS_PER_DISTRICT)
    rows = []
    for level, count in SECTION_COUNTS.items():
        kinds = rng.choice(5, size=count, p=CLASS_MIX[level])
        for k in range(count):
            code = f"{'GSC'[list(SECTION_COUNTS).index(level)]}{k + 1:03d}"
            lake = level == "国考" and k < 3
            rows.append((code, f"{level}断面{k + 1:02d}（合成）", "湖（合成）" if lake else "河（合成）", "湖库" if lake else "河流",
                         level, level == "省考" and k < 4, districts[k % len(districts)], 3, int(kinds[k])))
    frame = pd.DataFrame(rows, columns=["section", "section_name", "waterbody", "waterbody_type", "station_level",
                                        "drinking", "district", "target_class", "typical"])
    frame.loc[frame["drinking"], "typical"] = 0
    return frame


def water_samples(sections: pd.DataFrame, year: int, seed: int) -> pd.DataFrame:
    """Monthly samples (day 10) of DO, CODMn, NH3-N, TP, and TN/chla/SD for lakes."""
    rng = np.random.default_rng([seed, year, 3838])
    n, months = len(sections), 12
    typical = sections["typical"].to_numpy()
    season = 1 + 0.15 * np.cos(2 * np.pi * (np.arange(months) - 7) / 12)  # worse in late summer
    out = {"section": np.repeat(sections["section"].to_numpy(), months),
           "time": np.tile(pd.date_range(f"{year}-01-01", periods=months, freq="MS") + pd.Timedelta(days=9), n)}
    for factor, levels in CLASS_LEVELS.items():
        base = np.asarray(levels)[typical][:, None]
        shape = 1 / season if factor == "do" else season
        out[factor] = np.round(base * shape[None, :] * rng.lognormal(-0.02, 0.2, (n, months)), 3).reshape(-1)
    lake = np.repeat((sections["waterbody_type"] == "湖库").to_numpy(), months)
    out["tp"] = np.where(lake, np.round(out["tp"] / 3.5, 3), out["tp"])
    out["tn"] = np.where(lake, np.round(rng.lognormal(np.log(1.4), 0.25, n * months), 2), np.nan)
    out["chla"] = np.where(lake, np.round(rng.lognormal(np.log(18), 0.4, n * months), 1), np.nan)
    out["sd"] = np.where(lake, np.round(rng.lognormal(np.log(0.45), 0.2, n * months), 2), np.nan)
    return pd.DataFrame(out)


def dustfall(year: int, seed: int) -> pd.DataFrame:
    """Monthly dust fall of the 63 towns [t/(km²·month)], spring peak, a few towns above 2.3."""
    rng = np.random.default_rng([seed, year, 23])
    towns = changzhou_stations().query("town != ''")["town"].to_numpy()
    town_level = rng.lognormal(np.log(2.0), 0.12, len(towns))[:, None]
    spring = 1 + 0.25 * np.exp(-(((np.arange(12) - 3) / 1.5) ** 2))
    values = np.round(town_level * spring[None, :] * rng.lognormal(-0.01, 0.15, (len(towns), 12)), 2)
    months = pd.date_range(f"{year}-01-01", periods=12, freq="MS")
    return pd.DataFrame({"town": np.repeat(towns, 12), "month": np.tile(months, len(towns)), "dustfall": values.reshape(-1)})


def seed_changzhou(store: Store, years=(2022, 2023), seed: int = 2023, until: str | None = None) -> dict:
    """Store synthetic Changzhou air (district and town stations), water and dust fall for ``years``,
    optionally cut at ``until`` (YYYY-MM-DD) to play a year in progress. Returns rows per kind."""
    stations = changzhou_stations()
    sections = changzhou_sections(seed)
    counts = {"stations": store.write("stations", stations, synthetic=True),
              "sections": store.write("sections", sections.drop(columns="typical"), synthetic=True)}
    cut = pd.Timestamp(until) if until else None
    for year in years:
        days, cubes = hourly_cubes(len(stations), year, seed, PM25_LEVEL.get(year, 33.0))
        parts = {"air_hourly": cubes_to_frame(list(stations["station"]), days, cubes),
                 "water": water_samples(sections, year, seed), "dustfall": dustfall(year, seed)}
        for kind, frame in parts.items():
            column = {"air_hourly": "day", "water": "time", "dustfall": "month"}[kind]
            frame = frame[frame[column] <= cut] if cut is not None else frame
            counts[kind] = counts.get(kind, 0) + (store.write(kind, frame, synthetic=True) if len(frame) else 0)
    store.register({f"synthetic:changzhou:{seed}:{'-'.join(map(str, years))}:{until}": {
        "file": "synthetic Changzhou", "kind": "synthetic", "layout": "generated", "rows": sum(counts.values()), "synthetic": True}})
    return counts
