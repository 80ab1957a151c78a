"""Water-quality results (section, date, GB 3838 factors) and dust fall (town, month, t/(km²·month)).

Water units: mg/L, except pH (none), fecal coliform (个/L), chlorophyll a (mg/m³ = µg/L),
transparency (m) and water temperature (°C). A factor given in µg/L is converted to mg/L; any
other unit is refused. Monthly and automatic-station results are both one row per sample time.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ecoplan.monitoring.columns import WATER_FACTORS, header_units
from ecoplan.monitoring.readers.base import FIRST_DATA_ROW, Reject, fail_if, parse_dates, to_numbers

MG_L = {"mg/l", "毫克/升"}
UG_L = {"μg/l", "µg/l", "ug/l", "微克/升"}
OWN_UNITS = {"ph": {"无量纲", ""}, "fecal_coliform": {"个/l", "mpn/l"}, "chla": {"mg/m3", "mg/m³", "μg/l", "µg/l", "ug/l"},
             "sd": {"m", "cm"}, "water_temp": {"℃", "°c"}}
DUSTFALL_UNITS = {"t/(km2·month)", "t/(km²·month)", "吨/平方公里·月", "t/km2·月", "t/(km²·月)", "t/(km2·30d)"}
DUSTFALL_COLUMNS = ["town", "month", "dustfall"]


def is_water(names: set[str]) -> bool:
    return bool(names & {"section", "section_name"}) and bool(names & {"date", "time", "year"}) \
        and len(names & set(WATER_FACTORS)) >= 1


def is_dustfall(names: set[str]) -> bool:
    return {"town", "dustfall"} <= names and bool(names & {"month", "date"})


def _sample_dates(frame, col, file, rejects) -> pd.Series:
    if "date" in col or "time" in col:
        field = col.get("date", col.get("time"))
        return parse_dates(frame[field], None, file, field, rejects)
    text = frame[col["year"]].str.strip() + "-" + frame[col["month"]].str.strip().str.zfill(2) + "-01"
    return parse_dates(text, "%Y-%m-%d", file, col["month"], rejects)


def read_water(path, frame: pd.DataFrame, mapping: dict[str, str]) -> pd.DataFrame:
    col = {v: k for k, v in mapping.items()}
    rejects: list[Reject] = []
    when = _sample_dates(frame, col, path.name, rejects)
    factors = {col[f]: f for f in WATER_FACTORS if f in col}
    values = to_numbers(frame, factors, path.name, rejects)
    units = header_units(frame.columns)
    for name, unit in units.items():
        if name in values:
            values[name] = _to_standard_unit(values[name], name, unit, path.name, col[name], rejects)
    fail_if(rejects)
    section = frame[col["section"]] if "section" in col else frame[col["section_name"]]
    out = pd.DataFrame({"section": section.str.strip(), "time": when})
    out = pd.concat([out, values.reindex(columns=list(WATER_FACTORS))], axis=1)
    dup = out.duplicated(["section", "time"], keep=False)
    fail_if([Reject(path.name, int(i) + FIRST_DATA_ROW, None, "同一断面、同一时间出现多行（重复）")
             for i in np.flatnonzero(dup.to_numpy())[:20]])
    return out


def _to_standard_unit(values: pd.Series, name: str, unit: str, file: str, field: str, rejects) -> pd.Series:
    low = unit.strip().lower()
    if name in OWN_UNITS:
        if low not in OWN_UNITS[name]:
            rejects.append(Reject(file, 1, field, f"单位不对: {unit}"))
        return values / 100.0 if low == "cm" else values
    if low in MG_L:
        return values
    if low in UG_L:
        return values / 1000.0
    rejects.append(Reject(file, 1, field, f"单位应为 mg/L: {unit}"))
    return values


def read_dustfall(path, frame: pd.DataFrame, mapping: dict[str, str]) -> pd.DataFrame:
    col = {v: k for k, v in mapping.items()}
    rejects: list[Reject] = []
    unit = header_units(frame.columns).get("dustfall")
    if unit and unit.strip().lower() not in DUSTFALL_UNITS:
        rejects.append(Reject(path.name, 1, col["dustfall"], f"降尘单位应为 t/(km²·month): {unit}"))
    field = col.get("month", col.get("date"))
    month = parse_dates(frame[field].str.strip().str.slice(0, 7) + "-01", "%Y-%m-%d", path.name, field, rejects)
    value = to_numbers(frame, {col["dustfall"]: "dustfall"}, path.name, rejects)["dustfall"]
    towns = frame[col["town"]].str.strip()
    rejects += [Reject(path.name, int(i) + FIRST_DATA_ROW, col["town"], "不能为空") for i in np.flatnonzero((towns == "").to_numpy())[:20]]
    fail_if(rejects)
    out = pd.DataFrame({"town": towns, "month": month, "dustfall": value})
    dup = out.duplicated(["town", "month"], keep=False)
    fail_if([Reject(path.name, int(i) + FIRST_DATA_ROW, None, "同一镇、同一月份出现多行（重复）") for i in np.flatnonzero(dup.to_numpy())[:20]])
    return out
