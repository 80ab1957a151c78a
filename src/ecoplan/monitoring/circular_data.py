"""The figures of the monthly air-quality circular (环境空气质量状况通报), gathered from the store.

A city's PM2.5 and good-day ratio for the month and the year to date, each with last year's
same period; its districts (辖市、区) ranked by PM2.5 for both periods, with the marks of
``ranking`` (yellow: worse than the city; red: worse than last year); the best and worst ten
towns (镇、街道、园区) of the month. Everything is plain data (``ecoplan.reports.air_data``) for
``ecoplan.reports.air_circular``, which never reads the store.
"""

from __future__ import annotations

import re

from ecoplan.errors import InputError
from ecoplan.monitoring.areas import Period, parse_period, resolve_area
from ecoplan.monitoring.indicators import air_for
from ecoplan.monitoring.ranking import member_groups, ranking
from ecoplan.monitoring.store import Store
from ecoplan.reports.air_data import CircularData, CityFigures, MemberRow

LEVEL_NAMES = {"district": "辖市区", "town": "镇（街道）", "station": "站点"}
STATISTIC_NAMES = {"pm25": "PM2.5浓度", "good_day_ratio": "优良天数比率"}
"""The circular's statistics, by their key in the indicators' notes."""


def circular_data(store: Store, period_text: str, city: str = "常州市", rules: str | None = None) -> CircularData:
    """Gather the circular's figures for the month ``period_text`` (``2019-06``) of ``city``.

    Raises :class:`InputError` for a period that is not a month, an area that is not a city, or
    a month without air data.
    """
    if not re.fullmatch(r"\s*\d{4}-\d{1,2}\s*", str(period_text)):
        raise InputError(f"月度通报的时段应为某年某月，如 2019-06，得到 {period_text!r}", field="period")
    month = parse_period(period_text)
    area = resolve_area(city, store.table("stations"))
    if area.level != "city":
        raise InputError(f"{city} 是{LEVEL_NAMES.get(area.level, area.level)}，不是城市；月度通报按城市编制", field="area")
    ytd = Period(month.start.replace(month=1), month.end, f"{month.start.year}-01-01..{month.end.isoformat()}")
    month_figures, synthetic, month_notes = _city_figures(store, area.name, list(area.stations), month, rules)
    if not month_figures.valid_days:
        raise InputError(f"{area.name}{month.start.year}年{month.start.month}月没有空气质量监测数据", field="period")
    ytd_figures, synthetic_ytd, ytd_notes = _city_figures(store, area.name, list(area.stations), ytd, rules)
    notes = [f"{month.start.month}月全市{n}" for n in month_notes] + [f"1—{ytd.end.month}月全市{n}" for n in ytd_notes]
    districts_month, synthetic_d = _members(store, area.name, "district", month.text, rules)
    districts_ytd, synthetic_dy = _members(store, area.name, "district", ytd.text, rules)
    synthetic_d |= synthetic_dy
    towns, synthetic_t = _members(store, area.name, "town", month.text, rules)
    if not districts_month:
        notes.append("站点名录没有辖市区信息，未对辖市区排名")
    if not towns:
        notes.append("站点名录没有镇（街道）信息，未对镇（街道）排名")
    ranked_towns = [t for t in towns if t.pm25 is not None]
    return CircularData(area.name, month.start.year, month.start.month, month_figures, ytd_figures,
                        districts_month, districts_ytd, ranked_towns[:10], ranked_towns[::-1][:10], len(ranked_towns),
                        _parts(全市=synthetic or synthetic_ytd, 辖市区=synthetic_d, **{"镇（街道）": synthetic_t}), notes)


def _parts(**flags: bool) -> tuple[str, ...]:
    return tuple(name for name, flag in flags.items() if flag)


def _city_figures(store: Store, name: str, stations: list[str], period: Period,
                  rules) -> tuple[CityFigures, bool, list[str]]:
    """The city's figures now and a year before, whether any is synthetic, and the validity notes
    of the circular's two statistics (a month short of valid days is shown with its reason)."""
    groups = {name: stations}
    now, synthetic = air_for(store, groups, period, rules)
    before, synthetic_before = air_for(store, groups, period.year_before(), rules)
    now, before = now[name], before[name]
    has_before = bool(before["valid_days"])
    split = (note.partition(": ") for note in now["notes"])
    notes = [f"{STATISTIC_NAMES[key]}{text}" for key, _, text in split if key in STATISTIC_NAMES]
    figures = CityFigures(now["pm25"], now["good_day_ratio"], now["good_days"], now["valid_days"],
                          before["pm25"] if has_before else None, before["good_day_ratio"] if has_before else None)
    return figures, synthetic or (has_before and synthetic_before), notes


def _has_level(store: Store, area, level: str) -> bool:
    try:
        member_groups(store.table("stations"), area, level)
    except InputError:
        return False
    return True


def _members(store: Store, city: str, level: str, period_text: str, rules) -> tuple[list[MemberRow], bool]:
    """Members ranked by PM2.5 with the good-day ratio's marks beside; empty without members."""
    if not _has_level(store, resolve_area(city, store.table("stations")), level):
        return [], False
    pm = ranking(store, city=city, level=level, period_text=period_text, metric="pm25", rules=rules)
    ratio = {r["name"]: r for r in ranking(store, city=city, level=level, period_text=period_text,
                                           metric="good_day_ratio", rules=rules)["rows"]}
    rows = [MemberRow(r["rank"], r["name"], r["value"], r["last_year"], ratio[r["name"]]["value"],
                      ratio[r["name"]]["last_year"], bool(r["yellow"]), bool(r["red"]),
                      bool(ratio[r["name"]]["yellow"]), bool(ratio[r["name"]]["red"])) for r in pm["rows"]]
    return rows, bool(pm["synthetic"])
