"""Station and section registries.

Stations: code, name, city, district, town, level (国控/省控/市控), background flag (对照点),
lon/lat. The national list ``NewSiteList.csv`` (GB18030) is read as it is: its ``城市`` column is
the station's city or county (常州, 金坛, 溧阳) and ``地级行政区`` the prefecture (常州市).

Sections: code, name, river or lake, water-body type, level (国考/省考/市考), drinking-water
source flag, district, target class (Ⅰ…Ⅴ or 1…5).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ecoplan.monitoring.readers.base import FIRST_DATA_ROW, Reject, fail_if, to_numbers

STATION_COLUMNS = ["station", "station_name", "city", "district", "town", "station_level",
                   "background", "lon", "lat", "province", "prefecture"]
SECTION_COLUMNS = ["section", "section_name", "waterbody", "waterbody_type", "station_level",
                   "drinking", "district", "target_class"]
TRUE_TEXT = {"y", "yes", "true", "1", "是", "√"}
FALSE_TEXT = {"n", "no", "false", "0", "否", ""}
ROMAN = {"Ⅰ": 1, "Ⅱ": 2, "Ⅲ": 3, "Ⅳ": 4, "Ⅴ": 5, "I": 1, "II": 2, "III": 3, "IV": 4, "V": 5,
         "1": 1, "2": 2, "3": 3, "4": 4, "5": 5, "Ⅰ类": 1, "Ⅱ类": 2, "Ⅲ类": 3, "Ⅳ类": 4, "Ⅴ类": 5}
SECTION_LEVELS = {"国考", "省考", "市考"}
STATION_LEVELS = {"国控", "省控", "市控", ""}


def is_station_registry(names: set[str]) -> bool:
    return {"station", "station_name"} <= names and bool(names & {"lon", "city", "district", "town"}) \
        and not names & {"time", "date", "pollutant", "pm25"}


def is_section_registry(names: set[str]) -> bool:
    return "section" in names and bool(names & {"station_level", "target_class", "drinking"}) \
        and not names & {"date", "time", "year"}


def _flags(text: pd.Series, file: str, field: str, rejects: list[Reject]) -> pd.Series:
    low = text.str.strip().str.lower()
    bad = ~low.isin(TRUE_TEXT | FALSE_TEXT)
    rows = np.flatnonzero(bad.to_numpy())[:20]
    rejects += [Reject(file, int(i) + FIRST_DATA_ROW, field, f"应为 是/否 (Y/N): {text.iloc[i]!r}") for i in rows]
    return low.isin(TRUE_TEXT)


def _text(frame: pd.DataFrame, col: dict[str, str], name: str) -> pd.Series:
    return frame[col[name]].str.strip() if name in col else pd.Series("", index=frame.index)


def _required(frame, col, name, file, rejects) -> pd.Series:
    text = _text(frame, col, name)
    rejects += [Reject(file, int(i) + FIRST_DATA_ROW, col[name], "不能为空") for i in np.flatnonzero((text == "").to_numpy())[:20]]
    dup = text.duplicated(keep="first") & (text != "")
    rejects += [Reject(file, int(i) + FIRST_DATA_ROW, col[name], f"编码重复: {text.iloc[i]}") for i in np.flatnonzero(dup.to_numpy())[:20]]
    return text


def read_stations(path, frame: pd.DataFrame, mapping: dict[str, str]) -> pd.DataFrame:
    col = {v: k for k, v in mapping.items()}
    rejects: list[Reject] = []
    out = pd.DataFrame({name: _text(frame, col, name) for name in STATION_COLUMNS if name not in ("lon", "lat", "background")})
    out["station"] = _required(frame, col, "station", path.name, rejects)
    out["background"] = _flags(_text(frame, col, "background"), path.name, col.get("background", "对照点"), rejects)
    coords = to_numbers(frame, {col[c]: c for c in ("lon", "lat") if c in col}, path.name, rejects)
    out["lon"], out["lat"] = coords.get("lon", np.nan), coords.get("lat", np.nan)
    bad_level = ~out["station_level"].isin(STATION_LEVELS)
    rejects += [Reject(path.name, int(i) + FIRST_DATA_ROW, col["station_level"], "级别应为 国控/省控/市控")
                for i in np.flatnonzero(bad_level.to_numpy())[:20]]
    fail_if(rejects)
    return out[STATION_COLUMNS]


def read_sections(path, frame: pd.DataFrame, mapping: dict[str, str]) -> pd.DataFrame:
    col = {v: k for k, v in mapping.items()}
    rejects: list[Reject] = []
    out = pd.DataFrame({name: _text(frame, col, name) for name in SECTION_COLUMNS})
    out["section"] = _required(frame, col, "section", path.name, rejects)
    out["drinking"] = _flags(out["drinking"], path.name, col.get("drinking", "drinking"), rejects)
    target = out["target_class"].map(lambda t: ROMAN.get(t.replace("类", "") if t else t, ROMAN.get(t)))
    bad_target = target.isna() & (out["target_class"] != "")
    rejects += [Reject(path.name, int(i) + FIRST_DATA_ROW, col["target_class"], f"目标类别应为 Ⅰ–Ⅴ: {out['target_class'].iloc[i]!r}")
                for i in np.flatnonzero(bad_target.to_numpy())[:20]]
    bad_level = ~out["station_level"].isin(SECTION_LEVELS | {""})
    rejects += [Reject(path.name, int(i) + FIRST_DATA_ROW, col["station_level"], "级别应为 国考/省考/市考")
                for i in np.flatnonzero(bad_level.to_numpy())[:20]]
    fail_if(rejects)
    out["target_class"] = target.astype("Int8")
    return out
