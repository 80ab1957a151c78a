"""Hourly air data in three layouts → one frame: station, day, hour (0–23), pm25 … o3.

* ``cnemc_wide``: the national centre's ``china_sites_YYYYMMDD.csv`` (date, hour, type, one column
  per station code). The six hourly types are kept, and of the centre's derived rows the values at
  24:00 that close a calendar day (``columns.CENTRE_DAILY``: ``PM10_24h`` … ``O3_8h_24h`` at label 0)
  in the ``centre_*`` columns of that day's last hour; they stand in for a station-day whose hourly
  values miss the GB 3095 Table 4 minimum (:mod:`ecoplan.monitoring.air_daily`). ``O3_8h``,
  ``AQI`` and the other hours of the ``*_24h`` rows are recomputed by the standards engine instead.
* ``long``: station, time, pollutant, value (optionally unit).
* ``station_wide``: one file per station, a row per hour (year, month, day, hour, pollutants,
  station), as in the Beijing PRSA set, whose CO is in µg/m³ (converted here).

Hour convention (the standards engine's, decision D13): the stored ``hour`` j of ``day`` D is the
hour ending at j + 1 o'clock of D. Source files label an hour by its end: the national centre's
hour h of date D is the hour ending at h:00, so its hour 0 is the last hour (j = 23) of D − 1
(shown by the centre's own O3_8h rows, which restart after that label; see
tests/standards/test_air_cnemc.py). Long-layout times and PRSA hours are read the same way. Units: CO mg/m³, others µg/m³; a CO column whose values look like µg/m³ is refused
unless the layout or the header says µg/m³.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from ecoplan.errors import InputError
from ecoplan.monitoring.columns import AIR_POLLUTANTS, CENTRE_COLUMNS, CENTRE_DAILY, header_units, map_headers
from ecoplan.monitoring.readers.base import (
    FIRST_DATA_ROW, Reject, fail_if, load_table, parse_dates, to_numbers,
)

STATION_CODE = re.compile(r"^\d{4}[A-Z]$")
CNEMC_TYPES = {"PM2.5": "pm25", "PM10": "pm10", "SO2": "so2", "NO2": "no2", "CO": "co", "O3": "o3"}
CNEMC_TYPE_INDEX = pd.Index(list(CNEMC_TYPES) + list(CENTRE_DAILY.values()), dtype=object)
CNEMC_PLANES = AIR_POLLUTANTS + CENTRE_COLUMNS
"""Columns of the reshaped cube: the hourly pollutants, then the centre's day-closing values."""
CNEMC_TYPE_POLLUTANT = np.array([AIR_POLLUTANTS.index(p) for p in CNEMC_TYPES.values()]
                                + [len(AIR_POLLUTANTS) + i for i in range(len(CENTRE_COLUMNS))])
"""Position in ``CNEMC_PLANES`` of each type of ``CNEMC_TYPE_INDEX``."""
CO_UG_THRESHOLD = 50.0
"""A CO value above 50 mg/m³ has never been measured at a Chinese station; such a column is µg/m³."""
HOURLY_COLUMNS = ["station", "day", "hour", *AIR_POLLUTANTS]


def is_cnemc_wide(headers: list[str]) -> bool:
    return headers[:3] == ["date", "hour", "type"] and all(STATION_CODE.match(h) for h in headers[3:])


def read_cnemc_wide(path, headers: list[str], frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """Read a ``china_sites`` file: a CSV through the fast typed path first, the text path (all
    cells as text, given as ``frame`` for xlsx) to list every bad cell."""
    stations = headers[3:]
    try:
        if frame is not None:
            raise pa.ArrowInvalid("text path")
        table = pacsv.read_csv(path, convert_options=cnemc_convert_options(stations))
    except (pa.ArrowInvalid, UnicodeDecodeError):
        rejects: list[Reject] = []
        frame = load_table(path) if frame is None else frame
        numbers = to_numbers(frame, {c: c for c in frame.columns[3:]}, path.name, rejects).to_numpy()
        hour = pd.to_numeric(frame["hour"], errors="coerce")
        return cnemc_rows_to_hourly(path.name, stations, frame["date"], hour, frame["type"], numbers, rejects)
    if table.num_rows == 0:
        raise InputError("文件没有数据行（只有表头）", file=path.name, row=FIRST_DATA_ROW)
    return cnemc_rows_to_hourly(path.name, stations, pd.Series(table["date"].to_pylist()), pd.Series(table["hour"].to_numpy()),
                                pd.Series(table["type"].to_pylist()), cnemc_numbers(table), [], typed=True)


def cnemc_convert_options(stations: list[str]) -> pacsv.ConvertOptions:
    return pacsv.ConvertOptions(column_types={"date": pa.string(), "hour": pa.int64(), "type": pa.string(),
                                              **{s: pa.float64() for s in stations}})


def cnemc_numbers(table: pa.Table) -> np.ndarray:
    """The station columns of a typed table as one (rows, stations) float array: each column's
    chunks copied straight into a row of a (stations, rows) array, returned transposed (a view),
    with no intermediate per-column array and no transposing copy of 1,700 columns."""
    out = np.empty((table.num_columns - 3, table.num_rows))
    for row, column in zip(out, table.columns[3:]):
        start = 0
        for chunk in column.chunks:
            row[start:start + len(chunk)] = chunk.to_numpy(zero_copy_only=False)
            start += len(chunk)
    return out.T


def cnemc_rows_to_hourly(file: str, stations: list[str], date_text: pd.Series, hour: pd.Series, kind: pd.Series,
                         numbers: np.ndarray, rejects: list[Reject], *, typed: bool = False) -> pd.DataFrame:
    """The checks and reshaping of one file's rows (``numbers``: rows × station columns); ``typed``:
    the numbers came through the typed CSV path, which has not yet refused negative values."""
    if typed:
        negative = np.argwhere(numbers < 0)
        rejects += [Reject(file, int(r) + FIRST_DATA_ROW, stations[c], f"浓度不能为负: {numbers[r, c]:g}") for r, c in negative[:20]]
    days = parse_dates(date_text, "%Y%m%d", file, "date", rejects)
    _check_hours(hour, file, rejects)
    numbers, stations = _collapse_duplicate_columns(numbers, stations, file, rejects)
    fail_if(rejects)
    return _cnemc_to_hourly(days, hour.to_numpy(dtype="int64"), kind.to_numpy(dtype=object), numbers, stations, file)


def _collapse_duplicate_columns(numbers, stations, file, rejects):
    """A station column repeated with identical values (seen in the real 20190715 file) is kept once."""
    codes = pd.Index(stations)
    if codes.is_unique:
        return numbers, stations
    keep = ~codes.duplicated(keep="first")
    for code in codes[codes.duplicated()].unique():
        cols = numbers[:, np.flatnonzero(codes == code)]
        if not np.array_equal(cols, np.repeat(cols[:, :1], cols.shape[1], axis=1), equal_nan=True):
            rejects.append(Reject(file, 1, code, "站点列重复且数值不同"))
    return numbers[:, keep], list(codes[keep])


def _check_hours(hour: pd.Series, file: str, rejects: list[Reject], rows=None) -> None:
    rows = rows if rows is not None else np.arange(len(hour)) + FIRST_DATA_ROW
    bad = hour.isna().to_numpy() | ~hour.between(0, 23).to_numpy()
    rejects += [Reject(file, int(rows[i]), "hour", f"小时应为 0–23: {hour.iloc[i]!r}") for i in np.flatnonzero(bad)[:20]]


def _cnemc_to_hourly(days, hours, kinds, numbers, stations, file) -> pd.DataFrame:
    """Scatter the type rows into a (pollutant, day-hour, station) cube, then flatten (rows by
    slot, then station, as the file gives them). Of the centre's rows only label 0 is kept: it
    closes the day before (slot 23)."""
    type_code = CNEMC_TYPE_INDEX.get_indexer(kinds)
    keep = (type_code >= 0) & ((type_code < len(CNEMC_TYPES)) | (hours == 0))
    day_ns = days.to_numpy()[keep].astype("datetime64[D]").astype("int64")
    key = day_ns * 24 + hours[keep] - 1  # hour-end label → hour slot (label 0 closes the day before)
    pollutant = CNEMC_TYPE_POLLUTANT[type_code[keep]]
    _check_duplicate_types(key, pollutant, np.flatnonzero(keep) + FIRST_DATA_ROW, file)
    slots, slot_of_row = np.unique(key, return_inverse=True)
    cube = np.full((len(CNEMC_PLANES), len(slots), len(stations)), np.nan)
    cube[pollutant, slot_of_row, :] = numbers[keep]
    flat = cube.reshape(len(CNEMC_PLANES), len(slots) * len(stations))
    present = ~np.isnan(flat).all(axis=0)
    slot = np.repeat(slots, len(stations))[present]
    codes = np.tile(np.arange(len(stations), dtype=np.int32), len(slots))[present]
    frame = {"station": pd.Categorical.from_codes(codes, categories=pd.Index(stations, dtype=object)),
             "day": (slot // 24).astype("datetime64[D]").astype("datetime64[ms]"), "hour": (slot % 24).astype("int8")}
    frame.update({p: flat[i, present] for i, p in enumerate(CNEMC_PLANES)})
    return pd.DataFrame(frame)


def _check_duplicate_types(key, pollutant, rows, file) -> None:
    combo = key * 16 + pollutant
    _, first, counts = np.unique(combo, return_index=True, return_counts=True)
    dup = np.isin(combo, combo[first[counts > 1]])
    fail_if([Reject(file, int(r), "type", "同一日期、小时、项目出现多行（重复行）") for r in rows[dup][:20]])


def is_long(names: set[str]) -> bool:
    return {"station", "pollutant", "value"} <= names and ("time" in names or "date" in names)


def read_long(path, frame: pd.DataFrame, mapping: dict[str, str]) -> pd.DataFrame:
    """station, time (or date + hour), pollutant, value[, unit] → hourly rows."""
    col = {v: k for k, v in mapping.items()}
    rejects: list[Reject] = []
    stamp = _timestamps(frame, col, path.name, rejects)
    names = frame[col["pollutant"]].str.strip().map(lambda t: map_headers([t]).get(t))
    rows = np.arange(len(frame)) + FIRST_DATA_ROW
    unknown = ~names.isin(AIR_POLLUTANTS).to_numpy()
    rejects += [Reject(path.name, int(rows[i]), col["pollutant"], f"未知的污染物: {frame[col['pollutant']].iloc[i]!r}")
                for i in np.flatnonzero(unknown)[:20]]
    values = to_numbers(frame, {col["value"]: "value"}, path.name, rejects)["value"].to_numpy()
    if "unit" in col:
        values = _convert_long_units(values, names, frame[col["unit"]], rows, path.name, rejects)
    fail_if(rejects)
    slot = stamp - pd.Timedelta(hours=1)  # hour-end label → the hour it closes
    long = pd.DataFrame({"station": frame[col["station"]].str.strip(), "day": slot.dt.normalize(),
                         "hour": slot.dt.hour.astype("int8"), "pollutant": names, "value": values, "row": rows})
    long = _reject_duplicates(long, ["station", "day", "hour", "pollutant"], path.name)
    wide = long.pivot(index=["station", "day", "hour"], columns="pollutant", values="value")
    return wide.reindex(columns=list(AIR_POLLUTANTS)).reset_index().rename_axis(columns=None)


def _timestamps(frame, col, file, rejects) -> pd.Series:
    if "time" in col:
        return parse_dates(frame[col["time"]], None, file, col["time"], rejects)
    day = parse_dates(frame[col["date"]], None, file, col["date"], rejects)
    hour = pd.to_numeric(frame[col["hour"]], errors="coerce") if "hour" in col else pd.Series(0, index=frame.index)
    _check_hours(hour, file, rejects)
    return day + pd.to_timedelta(hour.fillna(0), unit="h")


UG_UNITS = {"ug/m3", "μg/m3", "µg/m3", "μg/m³", "µg/m³", "ug/m³", "微克/立方米"}
MG_UNITS = {"mg/m3", "mg/m³", "毫克/立方米"}


def _convert_long_units(values, names, units, rows, file, rejects):
    unit = units.str.strip().str.lower()
    known = unit.isin(UG_UNITS | MG_UNITS | {""}).to_numpy()
    rejects += [Reject(file, int(rows[i]), "unit", f"未知单位: {units.iloc[i]!r}") for i in np.flatnonzero(~known)[:20]]
    is_co = (names == "co").to_numpy()
    out = values.copy()
    out[is_co & unit.isin(UG_UNITS).to_numpy()] /= 1000.0
    out[~is_co & unit.isin(MG_UNITS).to_numpy()] *= 1000.0
    return out


def _reject_duplicates(frame: pd.DataFrame, keys: list[str], file: str) -> pd.DataFrame:
    """Same station and time twice in one file: identical values collapse, different values are refused."""
    dup = frame.duplicated(keys, keep=False)
    if not dup.any():
        return frame
    clash = frame[dup].groupby(keys, observed=True)["value"].transform("nunique") > 1
    rows = frame.loc[clash[clash].index, "row"]
    fail_if([Reject(file, int(r), None, "同一站点、同一时间出现不同的数值（重复行冲突）") for r in rows[:20]])
    return frame.drop_duplicates(keys)


def is_station_wide(names: set[str]) -> bool:
    return {"year", "month", "day", "hour", "station"} <= names and bool(names & set(AIR_POLLUTANTS))


def read_station_wide(path, frame: pd.DataFrame, mapping: dict[str, str]) -> pd.DataFrame:
    """One row per hour of one station, the station as written (the importer resolves names to codes)."""
    col = {v: k for k, v in mapping.items()}
    rejects: list[Reject] = []
    parts = {k: pd.to_numeric(frame[col[k]], errors="coerce") for k in ("year", "month", "day", "hour")}
    stamp_text = parts["year"].astype("Int64").astype(str) + "-" + parts["month"].astype("Int64").astype(str) + "-" + parts["day"].astype("Int64").astype(str)
    day = parse_dates(stamp_text, "%Y-%m-%d", path.name, col["day"], rejects)
    _check_hours(parts["hour"], path.name, rejects)
    pollutants = {col[p]: p for p in AIR_POLLUTANTS if p in col}
    values = to_numbers(frame, pollutants, path.name, rejects)
    if "co" in values and _co_is_micrograms(values["co"], header_units(frame.columns).get("co")):
        values["co"] = values["co"] / 1000.0
    fail_if(rejects)
    slot = day + pd.to_timedelta(parts["hour"] - 1, unit="h")  # hour-end label → the hour it closes
    out = pd.DataFrame({"station": frame[col["station"]].str.strip(), "day": slot.dt.normalize(), "hour": slot.dt.hour.astype("int8")})
    out = pd.concat([out, values.reindex(columns=list(AIR_POLLUTANTS))], axis=1)
    out["value"], out["row"] = out["pm25"], np.arange(len(out)) + FIRST_DATA_ROW
    out = _reject_duplicates(out, ["station", "day", "hour"], path.name)
    return out.drop(columns=["value", "row"]).reset_index(drop=True)


def _co_is_micrograms(co: pd.Series, unit: str | None) -> bool:
    """CO declared in µg/m³, or (no unit given) values only µg/m³ can explain (PRSA: 300 = 0.3 mg/m³)."""
    if unit:
        return unit.strip().lower() in UG_UNITS
    return bool(co.median(skipna=True) > CO_UG_THRESHOLD) if co.notna().any() else False
