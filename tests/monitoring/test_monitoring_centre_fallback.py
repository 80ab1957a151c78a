"""The national centre's own day values stand in for station-days whose hours miss GB 3095 Table 4.

Real files: a committed Beijing slice (PM10 hours missing at most stations on 2019-02-19/20 while
the centre's PM10_24h row is published) and, with ``shared/``, five whole cities of 2019 against
their published bulletins (``data/bulletins_2019.json``).
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from ecoplan.monitoring.air_cube import load_station_daily
from ecoplan.monitoring.air_daily import CENTRE_BITS
from ecoplan.monitoring.areas import parse_period
from ecoplan.monitoring.importer import import_files
from ecoplan.monitoring.indicators import indicators
from ecoplan.monitoring.store import Store

DATA = Path(__file__).parent / "data"
SLICE = DATA / "china_sites_20190219_20190221_beijing.csv"
SITES = DATA / "NewSiteList_beijing_changzhou.csv"


def _store(tmp_path, *files) -> Store:
    store = Store(tmp_path)
    report = import_files(store, [SITES, *files])
    assert not report.failed
    return store


def _centre_value(kind: str, station: str, date: str) -> float:
    """The centre's value at 24:00 of ``date`` (hour 0 of the next date) in the slice."""
    rows = pd.read_csv(SLICE, dtype={"date": str})
    next_day = (pd.Timestamp(date) + pd.Timedelta(days=1)).strftime("%Y%m%d")
    row = rows[(rows["date"] == next_day) & (rows["hour"] == 0) & (rows["type"] == kind)]
    return float(row[station].iloc[0])


def _hours(kind: str, station: str, date: str) -> int:
    """Hourly values of ``kind`` in the calendar day ``date`` (hours 1–23 of it, 0 of the next)."""
    rows = pd.read_csv(SLICE, dtype={"date": str})
    next_day = (pd.Timestamp(date) + pd.Timedelta(days=1)).strftime("%Y%m%d")
    inside = ((rows["date"] == date.replace("-", "")) & (rows["hour"] >= 1)) | ((rows["date"] == next_day) & (rows["hour"] == 0))
    return int(rows.loc[inside & (rows["type"] == kind), station].notna().sum())


def test_missing_hours_take_the_centres_day_value(tmp_path):
    store = _store(tmp_path, SLICE)
    daily = load_station_daily(store.connect(), ["1001A", "1003A"], parse_period("2019-02-19..2019-02-20"))
    assert _hours("PM10", "1001A", "2019-02-19") == 2  # far below the 20 hours of Table 4
    assert daily.values["pm10"][0, 0] == _centre_value("PM10_24h", "1001A", "2019-02-19") == 132
    assert daily.centre[0, 0] & CENTRE_BITS["pm10"]
    # A day with its hours complete keeps our own value, which equals the centre's (the 24-h
    # moving mean at 24:00 is the calendar-day mean).
    assert _hours("PM2.5", "1001A", "2019-02-19") == 24
    assert not daily.centre[0, 0] & CENTRE_BITS["pm25"]
    assert daily.values["pm25"][0, 0] == _centre_value("PM2.5_24h", "1001A", "2019-02-19")
    # 02-20: the release has 7 hours of every pollutant (a gap of the files, not of the station),
    # the centre's rows have the whole day: every statistic comes from them, except the O3 daily
    # max 1-h, for which any valid hour suffices (docs/standards.md, "O3 daily max 1-h validity").
    assert _hours("SO2", "1001A", "2019-02-20") == 7
    assert daily.centre[0, 1] == sum(CENTRE_BITS.values()) - CENTRE_BITS["o3"]
    assert daily.values["o3_8h"][0, 1] == _centre_value("O3_8h_24h", "1001A", "2019-02-20")


def test_without_the_centres_rows_the_day_stays_invalid(tmp_path):
    rows = pd.read_csv(SLICE, dtype=str)
    hourly_only = tmp_path / "hourly_only.csv"
    rows[~rows["type"].str.contains("_")].to_csv(hourly_only, index=False)
    store = _store(tmp_path / "store", hourly_only)
    daily = load_station_daily(store.connect(), ["1001A"], parse_period("2019-02-19"))
    assert pd.isna(daily.values["pm10"][0, 0]) and daily.centre[0, 0] == 0


def test_indicators_say_how_many_days_came_from_the_centre(tmp_path):
    result = indicators(_store(tmp_path, SLICE), "北京市", "2019-02-19..2019-02-20")
    counts = result["air"]["from_centre"]
    assert counts["pm10"]["days"] == 2 and counts["pm10"]["station_days"] >= 20
    assert counts["aqi"]["days"] == 2
    note = next(n for n in result["notes"] if n.startswith("air.from_centre:"))
    assert "PM10 2 天" in note


@pytest.fixture(scope="module")
def bulletins():
    return json.loads((DATA / "bulletins_2019.json").read_text(encoding="utf-8"))["figures"]


CITY_FILES = {"北京市": "beijing", "上海市": "shanghai", "常州市": "changzhou", "广州市": "guangzhou", "石家庄市": "shijiazhuang"}


@pytest.mark.slow
@pytest.mark.parametrize("city", ["北京市", "上海市", "常州市"])
def test_annual_good_day_ratio_within_two_points_of_the_bulletin(city, bulletins, cnemc_dir, tmp_path):
    """Cities whose 2019 releases are complete enough (≥ 357 days with an AQI): the annual
    good-day ratio is within 2 points of the published one, and so are the published annual
    concentrations (±1, ±3 for Shanghai's PM10; see docs/monitoring.md for the gaps)."""
    year = cnemc_dir / f"china_sites_2019_{CITY_FILES[city]}.csv"
    if not year.exists():
        pytest.skip(f"{year.name} is in shared/ only (tests/data keeps Changzhou and Beijing: size)")
    store = Store(tmp_path)
    import_files(store, [cnemc_dir / "NewSiteList.csv", year])
    air = indicators(store, city, "2019")["air"]
    published = next(f for f in bulletins if f["city"] == city and f["period"] == "2019")
    assert air["valid_days"] >= 357
    assert abs(air["good_day_ratio"] - published["good_day_ratio"]) <= 2.0
    for key in ("pm25", "no2", "so2"):
        if key in published:
            assert abs(air[key] - published[key]) <= 1, key
