"""Completeness of one month: valid hours and days per station, samples per water section.

Air (GB 3095-2012 Table 4): a day's 24-h mean needs ≥ 20 valid hours (the centre's own day value
stands in where it was published, :mod:`ecoplan.monitoring.air_daily`); a monthly mean needs
≥ 27 valid daily values (February ≥ 25). The station-day table already applies the hour rule,
so a day counts when its daily value exists. Water: a section evaluated monthly needs at least
one sample in the month (``MIN_WATER_SAMPLES``). Each shortfall names the figures it affects.

The water minimum is not checked against HJ 91.2-2022's text: searches of 2026-12-07 found
only its §1, §3.1 and §4.1.1 (布点) quoted, not its sampling-frequency clause. What was found
says monthly: the national monthly water report (国家环保总局, 重点流域水质月报, 2003: "以上项目
每月监测一次", copy at m.110.com/fagui/90940.html) and the frequencies of HJ/T 91-2002, which
HJ 91.2-2022 replaced (饮用水源地 全年不少于 12 次; rivers through cities 每月一次; larger rivers
不少于 6 次 — a secondary copy, yijiangbao.com/lm-3/2404.html). docs/standards.md, doubt D15.
"""

from __future__ import annotations

import calendar

import numpy as np
import pandas as pd

from ecoplan.errors import InputError
from ecoplan.monitoring.store import DAILY_KEYS, Store
from ecoplan.standards.air_period import MIN_DAYS_FEBRUARY, MIN_DAYS_MONTH
from ecoplan.standards.air_validity import MIN_HOURS_DAILY

LABELS = {"so2": "SO2", "no2": "NO2", "pm10": "PM10", "pm25": "PM2.5", "co": "CO", "o3": "O3 日最大 1 小时",
          "o3_8h": "O3 日最大 8 小时"}
FIGURES = {"so2": "SO2 月均浓度", "no2": "NO2 月均浓度", "pm10": "PM10 月均浓度", "pm25": "PM2.5 月均浓度",
           "co": "CO 第 95 百分位数", "o3": "O3 1 小时评价", "o3_8h": "O3 日最大 8 小时第 90 百分位数"}
GOOD_DAYS = "优良天数比例（缺项日的 AQI 不完整）"
MIN_WATER_SAMPLES = 1
"""Samples a section needs in a month: monthly monitoring of assessed sections (national
monthly water report; HJ 91.2-2022's own clause not read, doubt D15)."""


def parse_period(period: str) -> tuple[int, int]:
    try:
        stamp = pd.Period(period, freq="M")
    except (ValueError, TypeError):
        raise InputError(f"月份无效: {period!r}（应为 YYYY-MM，如 2023-06）", field="period") from None
    if len(str(period).strip()) != 7:
        raise InputError(f"月份无效: {period!r}（应为 YYYY-MM，如 2023-06）", field="period")
    return stamp.year, stamp.month


def month_report(store: Store, period: str) -> dict:
    """``{period, required_days, days, air: [...], water: [...], incomplete}`` for ``YYYY-MM``."""
    year, month = parse_period(period)
    days = calendar.monthrange(year, month)[1]
    need = MIN_DAYS_FEBRUARY if month == 2 else MIN_DAYS_MONTH
    air = _air(store, year, month, days, need)
    water = _water(store, year, month)
    incomplete = [a["station"] for a in air if a["short"]] + [w["section"] for w in water if w["short"]]
    short = {"air": sum(1 for a in air if a["short"]), "water": sum(1 for w in water if w["short"])}
    return {"period": f"{year}-{month:02d}", "days": days, "required_days": need, "min_hours_per_day": MIN_HOURS_DAILY,
            "required_water_samples": MIN_WATER_SAMPLES, "air": air, "water": water, "incomplete": incomplete, "short": short}


def _air(store: Store, year: int, month: int, days: int, need: int) -> list[dict]:
    """Every station with data in the year (one with none this month is the most incomplete)."""
    start = pd.Timestamp(year, month, 1)
    end = start + pd.offsets.MonthBegin(1)
    con = store.connect()
    counts = ", ".join(f"count({k}) FILTER (WHERE day >= $2) AS {k}" for k in DAILY_KEYS)
    daily = con.execute(f"SELECT station, {counts}, count(*) FILTER (WHERE day >= $2 AND centre <> 0) AS centre_days, "
                        "list(DISTINCT day::DATE) FILTER (WHERE day >= $2 AND pm25 IS NOT NULL) AS have "
                        "FROM air_daily WHERE day >= $1 AND day < $3 GROUP BY station ORDER BY station",
                        [pd.Timestamp(year, 1, 1), start, end]).df()
    hours = dict(con.execute("SELECT station, count(pm25) FROM air_hourly WHERE day >= ? AND day < ? GROUP BY station",
                             [start, end]).fetchall())
    names = dict(con.execute("SELECT station, station_name FROM stations").fetchall()) if store.has("stations") else {}
    con.close()
    out = []
    for row in daily.itertuples(index=False):
        valid = {k: int(getattr(row, k)) for k in DAILY_KEYS}
        short = [k for k in DAILY_KEYS if valid[k] < need]
        have = {pd.Timestamp(d).day for d in (row.have if isinstance(row.have, (list, np.ndarray)) else [])}
        out.append({"station": row.station, "name": names.get(row.station, ""), "hours": int(hours.get(row.station, 0)),
                    "expected_hours": days * 24, "valid_days": valid, "centre_days": int(row.centre_days),
                    "missing_days": [d for d in range(1, days + 1) if d not in have],
                    "short": short, "affects": [FIGURES[k] for k in short] + ([GOOD_DAYS] if short else [])})
    return out


def _water(store: Store, year: int, month: int) -> list[dict]:
    if not store.has("water"):
        return []
    con = store.connect()
    start = pd.Timestamp(year, month, 1)
    rows = con.execute("SELECT s.section, s.section_name, count(w.section) AS samples FROM sections s "
                       "LEFT JOIN water w ON w.section = s.section AND w.time >= ? AND w.time < ? "
                       "GROUP BY 1, 2 ORDER BY 1", [start, start + pd.offsets.MonthBegin(1)]).fetchall() \
        if store.has("sections") else []
    con.close()
    return [{"section": code, "name": name or "", "samples": int(n), "short": n < MIN_WATER_SAMPLES,
             "affects": ["断面水质类别与达标率（本月无采样）"] if n < MIN_WATER_SAMPLES else []}
            for code, name, n in rows]


def year_gaps(store: Store, year: int, last_month: int) -> list[dict]:
    """Months 1…``last_month`` of ``year`` in which stations miss the Table 4 monthly minimum of
    valid PM2.5 days, from each station's first month with data that year (a station opened in
    July is not short in March): ``[{month: "2023-03", stations: 3}]`` (none: ``[]``)."""
    if last_month < 1 or not store.has("air_daily"):
        return []
    con = store.connect()
    rows = con.execute(
        "WITH s AS (SELECT station, min(month(day)) AS first FROM air_daily WHERE year = $1 AND pm25 IS NOT NULL GROUP BY 1), "
        "m AS (SELECT range AS month FROM range(1, $2 + 1)), "
        "c AS (SELECT station, month(day) AS month, count(pm25) AS n FROM air_daily WHERE year = $1 GROUP BY 1, 2) "
        "SELECT m.month, count(*) FILTER (WHERE coalesce(c.n, 0) < CASE WHEN m.month = 2 THEN $3 ELSE $4 END) "
        "FROM s JOIN m ON m.month >= s.first LEFT JOIN c ON c.station = s.station AND c.month = m.month GROUP BY 1 ORDER BY 1",
        [year, last_month, MIN_DAYS_FEBRUARY, MIN_DAYS_MONTH]).fetchall()
    con.close()
    return [{"month": f"{year}-{int(m):02d}", "stations": int(n)} for m, n in rows if n]
