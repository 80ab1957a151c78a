"""Reading the national centre's 2019 hourly releases and comparing our values with its own.

Test helper (the project's real readers live in ``ecoplan.monitoring``). Run as a script to print
the agreement table recorded in ``docs/standards.md``:
``PYTHONPATH=src python tests/standards/cnemc.py /work/shared/data/air/cnemc_2019``.

Label convention of the files: ``hour`` h of ``date`` D is the hour ending at h:00, so hour 0 is
the hour ending at 24:00 of D-1. A flat series here starts at hour 0 of the first date.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ecoplan.standards.air_validity import (
    moving_mean, o3_8h_moving, o3_daily_max_1h, o3_daily_max_8h, round_concentration,
)
from ecoplan.standards.aqi import hourly_aqi

COLUMNS = {"SO2": "so2", "NO2": "no2", "PM10": "pm10", "PM2.5": "pm25", "CO": "co", "O3": "o3"}


@dataclass
class Release:
    """Values of every row type: type → (n_stations, n_hours) in label order (NaN = empty cell)."""

    stations: list
    values: dict


def load(path: Path) -> Release:
    df = pd.read_csv(path)
    stations = [c for c in df.columns if c not in ("date", "hour", "type")]
    days = pd.to_datetime(df["date"].astype(str))
    first, last = days.min(), days.max()
    n_hours = ((last - first).days + 1) * 24
    position = ((days - first).dt.days * 24 + df["hour"]).to_numpy()
    values = {}
    for kind, rows in df.groupby("type").groups.items():
        grid = np.full((len(stations), n_hours), np.nan)
        grid[:, position[rows]] = df.loc[rows, stations].to_numpy(float).T
        values[kind] = grid
    return Release(stations, values)


@dataclass
class Agreement:
    """How many of the centre's values we reproduce, and the classes of the rest."""

    compared: int
    equal: int
    off_by_one: int
    equals_hourly: int  # the centre's row repeats the 1-h value of that hour
    other: int

    @property
    def rate(self) -> float:
        return self.equal / self.compared if self.compared else float("nan")


def agreement(ours: np.ndarray, ref: np.ndarray, hourly: np.ndarray | None = None) -> Agreement:
    both = ~np.isnan(ours) & ~np.isnan(ref)
    diff = np.abs(ours[both] - ref[both])
    equal = int((diff == 0).sum())
    off = int((diff == 1).sum())
    rest = both.copy()
    rest[both] = diff > 1
    repeat = int((rest & (ref == hourly)).sum()) if hourly is not None else 0
    return Agreement(int(both.sum()), equal, off, repeat, int(rest.sum()) - repeat)


def our_hourly_aqi(rel: Release) -> np.ndarray:
    conc = {COLUMNS[k]: rel.values[k] for k in COLUMNS}
    return hourly_aqi(**conc, rules="2012").aqi


def our_moving_24h(rel: Release, kind: str, min_hours: int) -> np.ndarray:
    """24-h moving mean ending at each label (crossing days), rounded."""
    key = COLUMNS[kind]
    return round_concentration(moving_mean(rel.values[kind], 24, min_hours), key)


def window_hours(rel: Release, kind: str, window: int) -> np.ndarray:
    """Valid hourly values in the moving window ending at each label."""
    valid = np.pad((~np.isnan(rel.values[kind])).astype(np.int64), [(0, 0), (window, 0)])
    csum = np.cumsum(valid, axis=1)
    return csum[:, window:] - csum[:, :-window]


def _as_days(flat: np.ndarray) -> np.ndarray:
    """Label-order series → hour-end day cube (natural day = labels 1…23 of D, label 0 of D+1)."""
    n_st, n_hours = flat.shape
    shifted = np.concatenate([flat[:, 1:], np.full((n_st, 1), np.nan)], axis=1)
    return shifted.reshape(n_st, n_hours // 24, 24)


def _as_labels(cube: np.ndarray) -> np.ndarray:
    flat = cube.reshape(cube.shape[0], -1)
    return np.concatenate([np.full((flat.shape[0], 1), np.nan), flat[:, :-1]], axis=1)


def our_o3_8h(rel: Release, *, within_day: bool = True, min_hours: int = 1) -> np.ndarray:
    """O3 8-h mean at each label, the window cut at the start of the natural day."""
    cube = _as_days(rel.values["O3"])
    return _as_labels(o3_8h_moving(cube, within_day=within_day, min_hours=min_hours))


def o3_window_complete(rel: Release) -> np.ndarray:
    """True where every hour of the (day-cut) 8-h window has a value."""
    cube = _as_days(rel.values["O3"])
    share = moving_mean((~np.isnan(cube)).astype(float), 8, 1)
    return _as_labels(share == 1.0) == 1.0


def daily_o3(rel: Release) -> tuple:
    """(ours, centre's) daily O3 figures on days with all 24 hours: MDA8 vs the O3_8h_24h row at
    24:00 and daily max 1-h vs the O3_24h row at 24:00 (label 0 of the next day)."""
    cube = _as_days(rel.values["O3"])
    full = ~np.isnan(cube).any(axis=-1)[:, :-1]
    mda8 = np.where(full, o3_daily_max_8h(cube)[:, :-1], np.nan)
    max1h = np.where(full, o3_daily_max_1h(cube)[:, :-1], np.nan)
    return mda8, rel.values["O3_8h_24h"][:, 24::24], max1h, rel.values["O3_24h"][:, 24::24]


def report(folder: Path) -> list[tuple]:
    rows = []
    for path in sorted(folder.glob("china_sites_2019*.csv")):
        rel = load(path)
        aqi = agreement(our_hourly_aqi(rel), rel.values["AQI"])
        rows.append((path.name, "AQI (hourly)", aqi))
        for kind in ("PM2.5", "PM10"):
            ref, hourly = rel.values[f"{kind}_24h"], rel.values[kind]
            ours = our_moving_24h(rel, kind, 1)
            full = window_hours(rel, kind, 24) == 24
            rows.append((path.name, f"{kind}_24h all", agreement(ours, ref, hourly)))
            rows.append((path.name, f"{kind}_24h 24/24 h", agreement(np.where(full, ours, np.nan), ref, hourly)))
        ours = our_o3_8h(rel)
        full = o3_window_complete(rel)
        rows.append((path.name, "O3_8h all", agreement(ours, rel.values["O3_8h"], rel.values["O3"])))
        rows.append((path.name, "O3_8h 8/8 h", agreement(np.where(full, ours, np.nan), rel.values["O3_8h"], rel.values["O3"])))
        if rel.values["O3"].shape[1] > 48:
            mda8, ref8, max1h, ref1 = daily_o3(rel)
            rows.append((path.name, "O3_8h_24h at 24:00 = MDA8, 24/24 h", agreement(mda8, ref8)))
            rows.append((path.name, "O3_24h at 24:00 = max 1-h, 24/24 h", agreement(max1h, ref1)))
    return rows


if __name__ == "__main__":
    print("| file | row | compared | equal | rate | ±1 | = 1-h value | other |")
    print("|---|---|---|---|---|---|---|---|")
    for name, what, a in report(Path(sys.argv[1])):
        print(f"| {name} | {what} | {a.compared} | {a.equal} | {a.rate:.2%} | {a.off_by_one} | {a.equals_hourly} | {a.other} |")
