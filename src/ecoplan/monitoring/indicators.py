"""Indicators of an area and period, with year-on-year comparison: the JSON contract of issue 4.

``{"area", "period", "rules", "synthetic", "air": {...}, "water": {...}, "notes": [...]}``;
air values are rounded as the standards say, a value that cannot be computed is null with a
reason in ``notes``. ``air_yoy`` holds last year's same period and the change.
"""

from __future__ import annotations

import numpy as np

from ecoplan.monitoring.air_cube import centre_counts, group_daily, load_station_daily
from ecoplan.monitoring.areas import Area, Period, parse_period, resolve_area
from ecoplan.monitoring.indicators_air import evaluate_groups, summarize_all
from ecoplan.monitoring.indicators_water import dustfall, water
from ecoplan.monitoring.store import Store

CONTRACT_AIR_KEYS = ("pm25", "pm10", "no2", "so2", "co_p95", "o3_8h_p90", "good_days", "valid_days",
                     "good_day_ratio", "heavy_days", "composite_index")


ENGINES = ("duckdb", "spark")


def air_for(store: Store, groups: dict[str, list[str]], period: Period, rules: str | None, strict: bool = False,
            dust_days=None, engine: str = "duckdb") -> tuple[dict, bool]:
    """``{group: air summary}`` for several station groups at once (one query, one cube).

    ``from_centre`` of each summary: per daily statistic, the area-days (and station-days) whose
    value came from the national centre's own day value because the hours missed GB 3095 Table 4
    (:mod:`ecoplan.monitoring.air_daily`), stated in ``notes`` too. ``engine``: ``duckdb`` (the
    embedded store and the standards engine) or ``spark`` (the same definitions in Spark SQL over
    the hourly Parquet files, :mod:`ecoplan.monitoring.spark_period`).
    """
    if engine == "spark":
        from ecoplan.monitoring.spark_period import air_for_spark

        out, synthetic = air_for_spark(store, groups, period, rules, strict, dust_days)
        for summary in out.values():
            summary["notes"] += centre_notes(summary["from_centre"])
        return out, synthetic
    con = store.connect()
    stations = sorted({s for members in groups.values() for s in members})
    daily = load_station_daily(con, stations, period)
    ev = evaluate_groups(group_daily(daily, groups), daily.days, rules, dust_days)
    out = dict(zip(groups, summarize_all(ev, daily.days, strict=strict)))
    rule_sets = sorted(set(np.atleast_1d(ev.rules).tolist()))
    for summary, counts in zip(out.values(), centre_counts(daily, groups)):
        summary["rules"] = rule_sets
        summary["from_centre"] = counts
        summary["notes"] += centre_notes(counts)
    return out, daily.synthetic


def centre_notes(counts: dict) -> list[str]:
    """The ``from_centre`` counts in words (one note)."""
    if not counts:
        return []
    names = {"pm25": "PM2.5", "pm10": "PM10", "so2": "SO2", "no2": "NO2", "co": "CO", "o3": "O3 日最大1小时",
             "o3_8h": "O3 日最大8小时"}
    parts = "、".join(f"{names[k]} {v['days']} 天" for k, v in counts.items() if k != "aqi")
    return [f"from_centre: 小时值不足 GB 3095 表4 要求、改用国家总站发布的日值的天数：{parts}"
            f"（涉及 {counts['aqi']['days']} 天的 AQI）"]


def change(now: dict, before: dict) -> dict:
    """Year-on-year change of each number: absolute, and percent for concentrations."""
    out = {}
    for key in CONTRACT_AIR_KEYS:
        a, b = now.get(key), before.get(key)
        if a is None or b is None:
            out[key] = None
        elif key == "good_day_ratio":
            out[key] = {"points": round(a - b, 1)}
        else:
            out[key] = {"delta": round(a - b, 2), "percent": round(100.0 * (a - b) / b, 1) if b else None}
    return out


def indicators(store: Store, area_name: str, period_text: str, rules: str | None = None, strict: bool = False,
               dust_days=None, engine: str = "duckdb") -> dict:
    """The contract JSON for one area and period (``rules`` None: the rules in force per day;
    ``dust_days``: dates whose PM values are removed, giving the dust-excluded figures)."""
    area: Area = resolve_area(area_name, store.table("stations"))
    period = parse_period(period_text)
    groups = {area.name: list(area.stations)}
    now, synthetic = air_for(store, groups, period, rules, strict, dust_days, engine)
    before, synthetic_before = air_for(store, groups, period.year_before(), rules, strict, engine=engine)
    air, air_before = now[area.name], before[area.name]
    notes = [f"air.{n}" for n in air.pop("notes")]
    day_rules = air.pop("rules")
    air_before.pop("notes")
    air_before.pop("rules")
    result = {
        "area": area.name, "period": period.text, "start": period.start.isoformat(), "end": period.end.isoformat(),
        "rules": rules or "/".join(day_rules),
        "synthetic": bool(synthetic or (synthetic_before and air_before["valid_days"])),
        "stations": list(area.stations), "dust_excluded": sorted(str(d) for d in dust_days or ()),
        "air": air, "air_last_year": air_before if air_before["valid_days"] else None,
        "air_yoy": change(air, air_before) if air_before["valid_days"] else None,
        "water": None, "dustfall": None, "notes": notes,
    }
    _add_water_and_dust(store, area, period, result)
    if not air_before["valid_days"]:
        notes.append("air_yoy: 上年同期没有数据，无法同比")
    return result


def _add_water_and_dust(store: Store, area: Area, period: Period, result: dict) -> None:
    """Water of the area's sections (a city: every registered section) and dust fall of its towns."""
    con = store.connect()
    sections = store.table("sections")
    if sections is not None and store.has("water"):
        chosen = sections if area.level == "city" else sections[sections["district"] == area.name]
        result["water"] = water(con, chosen, period) if len(chosen) else None
    if result["water"] is None:
        result["notes"].append("water: 没有该区域、时段的断面水质数据")
    if store.has("dustfall"):
        towns = None if area.level == "city" else _towns(store, area)
        result["dustfall"] = dustfall(con, towns, period)
    if result["dustfall"] is None:
        result["notes"].append("dustfall: 没有该区域、时段的降尘数据")
    # synthetic as soon as any value shown rests on synthetic rows (air, water or dust fall)
    result["synthetic"] |= any(bool(part and part.get("synthetic")) for part in (result["water"], result["dustfall"]))


def _towns(store: Store, area: Area) -> list[str]:
    stations = store.table("stations")
    inside = stations["station"].isin(area.stations) | (stations["district"] == area.name) | (stations["town"] == area.name)
    return sorted(set(stations.loc[inside, "town"].dropna()) - {""})
