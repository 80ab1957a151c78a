"""Environmental goals measured from monitoring data, and the air circular's rankings.

The plan's overall goals (工作目标, targets without a task) take their status from the
monitoring indicators and the back-cast (:mod:`ecoplan.monitoring.targets`), not from a form.
Computing them reads a year of hourly data, so results are kept (:mod:`ecoplan.app.status.cache`)
per data version, evaluation day and goals.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ecoplan.app.plans.models import PlanVersion
from ecoplan.app.plans.present import target_text
from ecoplan.app.plans.snapshot import goals_plan
from ecoplan.app.status.cache import cached, store_key
from ecoplan.app.status.figures import goal_status
from ecoplan.errors import InputError
from ecoplan.monitoring import ranking as monitoring_ranking
from ecoplan.monitoring import targets as monitoring_targets
from ecoplan.monitoring.areas import parse_period, resolve_area
from ecoplan.monitoring.indicators import air_for, indicators
from ecoplan.monitoring.store import Store
from ecoplan.plan import contract

def store_for(data_dir: Path) -> Store:
    return Store(data_dir)


def last_data_day(store: Store, year: int) -> dt.date | None:
    """The last day of ``year`` with daily air data (kept per data version: opening the store
    takes longer than the rest of a status page)."""
    if not store.has("air_daily"):
        return None

    def compute():
        row = store.connect().execute("SELECT max(day)::DATE FROM air_daily WHERE year = ?",
                                      [year]).fetchone()
        return row[0] if row and row[0] else None

    return cached(("last_day", *store_key(store), year), compute)


def monitoring_status(store: Store, plan: contract.PlanData, as_of: dt.date) -> dict | None:
    """:func:`ecoplan.monitoring.targets.status` for ``plan`` (a version's goals:
    :func:`~ecoplan.app.plans.snapshot.goals_plan`) up to ``as_of`` (or the last day with data,
    when earlier); None when the store has no data for the plan's year."""
    last = last_data_day(store, plan.document.year)
    if last is None:
        return None
    day = min(last, as_of)
    key = ("goals", *store_key(store), day, plan.document.region,
           tuple((g.id, g.metric, g.comparator, g.value, g.unit, g.text) for g in plan.targets))
    try:
        return cached(key, lambda: monitoring_targets.status(store, plan, as_of=day))
    except InputError:
        return None


def goals(store: Store, version: PlanVersion, as_of: dt.date) -> dict:
    """Each goal of the plan with its current value, target, back-cast and status."""
    plan = goals_plan(version)
    measured = monitoring_status(store, plan, as_of)
    by_uid = {row["target"]: row for row in (measured or {}).get("targets", []) if row["target"]}
    rows = []
    for goal in plan.targets:
        row = by_uid.get(goal.uid)
        rows.append({"uid": goal.uid, "text": target_text(goal), "metric": goal.metric,
                     "label": row["label"] if row else goal.metric, "comparator": goal.comparator,
                     "indicator": row["indicator"]["metric"] if row else None,
                     "value": goal.value, "unit": goal.unit,
                     "current": row["current"] if row else None,
                     "backcast": row.get("backcast") if row else None,
                     "projection": ((row or {}).get("backcast") or {}).get("projection", {}).get("value"),
                     "status": goal_status(row).as_dict()})
    return {"as_of": measured["as_of"] if measured else None,
            "synthetic": bool(measured and measured["synthetic"]), "goals": rows}


AIR_ROWS = (("pm25", "PM2.5 平均浓度", "微克/立方米"), ("pm10", "PM10 平均浓度", "微克/立方米"),
            ("no2", "二氧化氮平均浓度", "微克/立方米"), ("so2", "二氧化硫平均浓度", "微克/立方米"),
            ("co_p95", "一氧化碳日均值第95百分位数", "毫克/立方米"),
            ("o3_8h_p90", "臭氧日最大8小时平均第90百分位数", "微克/立方米"),
            ("good_day_ratio", "优良天数比率", "%"), ("heavy_days", "重污染天数", "天"),
            ("composite_index", "环境空气质量综合指数", ""))
"""The city's air indicators shown on the dashboards, in the order of the monthly circular."""


def year_indicators(store: Store, version: PlanVersion, as_of: dt.date) -> tuple | None:
    """(last day, the city's indicators from 1 January to it): ``as_of`` or the last day with
    air data, when earlier; None without data. Kept per data version."""
    last = last_data_day(store, version.plan.year)
    if last is None:
        return None
    day = min(last, as_of)
    period = f"{version.plan.year}-01-01..{day.isoformat()}"
    key = ("air", *store_key(store), version.plan.region, period)
    try:
        return day, cached(key, lambda: indicators(store, version.plan.region, period))
    except InputError:
        return None


def city_air(store: Store, version: PlanVersion, as_of: dt.date) -> dict | None:
    """The city's air indicators from 1 January to ``as_of`` (or the last day with data), with
    the same period of last year; None without data."""
    found = year_indicators(store, version, as_of)
    if found is None:
        return None
    day, result = found
    before = result["air_last_year"] or {}
    return {"as_of": day.isoformat(), "synthetic": result["synthetic"],
            "rows": [{"key": k, "label": label, "unit": unit, "value": result["air"].get(k),
                      "last_year": before.get(k)} for k, label, unit in AIR_ROWS]}


WATER_LEVELS = ("国考", "省考", "市考")


def city_water(store: Store, version: PlanVersion, as_of: dt.date) -> dict | None:
    """The city's sections by assessment level with their class from 1 January to ``as_of``
    (or the last day with data), the shares per level, and the drinking-water sources; None
    without water data."""
    found = year_indicators(store, version, as_of)
    sections = store.table("sections")
    if found is None or found[1]["water"] is None or sections is None:
        return None
    day, result = found
    water = result["water"]
    rows = [{"code": r["section"], "name": r.get("section_name") or r["section"],
             "waterbody": r.get("waterbody") or "", "district": r.get("district") or "",
             "level": r.get("station_level") or "", "drinking": r.get("drinking") in (True, 1),
             "class": water["sections"].get(r["section"])}
            for r in sections.to_dict("records") if r["section"] in water["sections"]]
    levels = [{"level": level, "share": water["shares"].get(level),
               "sections": [r for r in rows if r["level"] == level]}
              for level in WATER_LEVELS if any(r["level"] == level for r in rows)]
    return {"as_of": day.isoformat(), "synthetic": bool(water["synthetic"]), "levels": levels,
            "all": water["shares"].get("市考以上"), "drinking": {
                **water["drinking_sources"], "sources": [r for r in rows if r["drinking"]]}}


TREND_METRICS = ("pm25", "good_day_ratio")


def trends(store: Store, version: PlanVersion, as_of: dt.date) -> dict | None:
    """Monthly city PM2.5 and good-day ratio of the plan year up to ``as_of`` (or the last day
    with data) beside the same months of the year before; None without data."""
    last = last_data_day(store, version.plan.year)
    if last is None:
        return None
    day = min(last, as_of)
    year = version.plan.year
    key = ("trends", *store_key(store), version.plan.region, day)

    def compute():
        stations = list(resolve_area(version.plan.region, store.table("stations")).stations)
        out = {"months": [f"{m}月" for m in range(1, day.month + 1)], "as_of": day.isoformat(),
               "years": [year - 1, year], **{k: {} for k in TREND_METRICS}}
        for y in (year - 1, year):
            values = [air_for(store, {"city": stations}, parse_period(f"{y}-{m:02d}"), None)[0]["city"]
                      for m in range(1, day.month + 1)]
            for k in TREND_METRICS:
                out[k][str(y)] = [v[k] for v in values]
        return out

    try:
        return cached(key, compute)
    except InputError:
        return None


def month_of(day: dt.date) -> str:
    """The last whole month on ``day`` (the monthly circular's month)."""
    whole = (day + dt.timedelta(days=1)).month != day.month
    last = day if whole else day.replace(day=1) - dt.timedelta(days=1)
    return f"{last.year}-{last.month:02d}"


def rankings(store: Store, *, city: str, period: str) -> dict:
    """District and town rankings by PM2.5 for ``period`` (``2023-06``), with yellow/red flags;
    empty lists when the store cannot rank."""
    if not store.has("stations"):
        return {"period": period, "synthetic": False, "district": None, "town": None}
    key = ("rankings", *store_key(store), city, period)

    def compute():
        out = {"period": period, "synthetic": False}
        for level in ("district", "town"):
            try:
                result = monitoring_ranking.ranking(store, city=city, level=level, period_text=period)
            except InputError:
                out[level] = None
                continue
            out[level] = result
            out["synthetic"] |= bool(result["synthetic"])
        return out

    return cached(key, compute)
