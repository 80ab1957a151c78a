"""Areas and periods as people write them.

Periods: ``2019`` (year), ``2019-06`` (month), ``2019Q2`` (quarter), ``2019-06-15`` (day),
``2019-01-01..2019-06-30`` (any range, both ends included). Areas: a city or prefecture
(常州市, 常州, 北京市), a district or county (金坛区, 溧阳市, 武进区), a town, or a station (code
or name). Background stations (对照点) never count in an area's average (HJ 663 city stations).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from ecoplan.errors import InputError

_SUFFIXES = ("市", "区", "县", "镇", "街道")
EVALUATION_LEVELS = {"city": ("国控", ""), "district": ("国控", "省控", "")}
"""When the registry gives levels: a city is evaluated on its national stations (HJ 663 城市点), a
district on its national and provincial stations; towns use every station in the town. A station
without a level (the national list ``NewSiteList.csv`` gives none: all its stations are national)
counts as an evaluation station."""


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    text: str

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def year_before(self) -> "Period":
        """The same calendar span one year earlier (29 February → 28 February)."""
        return Period(_shift_year(self.start, -1), _shift_year(self.end, -1), f"{self.text}（上年同期）")


def _shift_year(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _month_end(year: int, month: int) -> date:
    return (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1))


def parse_period(text: str) -> Period:
    """Parse a period; an impossible one (2019-13, 2019-02-30) is an :class:`InputError`."""
    raw = str(text).strip()
    try:
        if ".." in raw:
            first, last = (p.strip() for p in raw.split("..", 1))
            start, end = date.fromisoformat(first), date.fromisoformat(last)
        elif m := re.fullmatch(r"(\d{4})", raw):
            start, end = date(int(m[1]), 1, 1), date(int(m[1]), 12, 31)
        elif m := re.fullmatch(r"(\d{4})[Qq]([1-4])", raw):
            year, q = int(m[1]), int(m[2])
            start, end = date(year, 3 * q - 2, 1), _month_end(year, 3 * q)
        elif m := re.fullmatch(r"(\d{4})-(\d{1,2})", raw):
            start, end = date(int(m[1]), int(m[2]), 1), _month_end(int(m[1]), int(m[2]))
        else:
            start = end = date.fromisoformat(raw)
    except ValueError:
        raise InputError(f"无法识别的时段 {raw!r}（可用 2019、2019-06、2019Q2、2019-06-15、2019-01-01..2019-06-30）", field="period") from None
    if end < start:
        raise InputError(f"时段结束早于开始: {raw}", field="period")
    return Period(start, end, raw)


def _bare(name: str) -> str:
    name = str(name).strip()
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


@dataclass(frozen=True)
class Area:
    name: str
    level: str
    """``city``, ``district``, ``town`` or ``station``."""
    stations: tuple[str, ...]


def resolve_area(name: str, stations: pd.DataFrame | None) -> Area:
    """The evaluation stations of an area named as people name it; background stations excluded."""
    if stations is None or stations.empty:
        raise InputError("尚未导入站点名录（如 NewSiteList.csv），无法确定区域包含哪些站点", field="area")
    text = str(name).strip()
    by_code = stations[(stations["station"] == text) | (stations["station_name"] == text)]
    if len(by_code):
        return Area(text, "station", tuple(by_code["station"]))
    evaluated = stations[~stations["background"].astype(bool)]
    bare = _bare(text)
    for level, columns in (("city", ("prefecture",)), ("district", ("district", "city")), ("town", ("town",))):
        for column in columns:
            match = evaluated[evaluated[column].fillna("").map(_bare) == bare]
            if len(match):
                match = evaluation_stations(match, level)
                return Area(text if text.endswith(_SUFFIXES) else _full_name(match[column].iloc[0]), level, tuple(match["station"]))
    raise InputError(f"未知的区域 {text!r}：站点名录中没有这个市、区、镇或站点", field="area")


def evaluation_stations(match: pd.DataFrame, level: str) -> pd.DataFrame:
    chosen = match[match["station_level"].fillna("").isin(EVALUATION_LEVELS.get(level, ()))]
    return chosen if len(chosen) else match


def _full_name(written: str) -> str:
    return written if str(written).endswith(_SUFFIXES) else f"{written}市"
