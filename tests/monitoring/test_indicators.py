import numpy as np
import pandas as pd
import pytest

from ecoplan.monitoring import air_daily
from ecoplan.monitoring.air_cube import load_station_daily
from ecoplan.monitoring.areas import parse_period
from ecoplan.monitoring.indicators import indicators
from ecoplan.monitoring.indicators_air import _composite


def test_daily_mean_needs_20_hours():
    day = np.full((2, 24), 10.0)
    day[0, :5] = np.nan   # 19 hours
    day[1, :4] = np.nan   # 20 hours
    assert np.isnan(air_daily.daily_mean(day)[0]) and air_daily.daily_mean(day)[1] == 10.0


def test_mda8_windows_and_validity():
    hours = np.arange(24, dtype=float)
    assert air_daily.daily_max_8h(hours) == pytest.approx(np.mean(np.arange(16, 24)))
    sparse = hours.copy()
    sparse[::3] = np.nan  # every window has 5 or 6 valid hours → fewer than 14 valid windows
    assert np.isnan(air_daily.daily_max_8h(sparse))
    high = np.where(np.arange(24) < 12, np.nan, 300.0)  # few windows, but above 160: still valid
    assert air_daily.daily_max_8h(high) == 300.0


def test_percentile_check_value():
    assert air_daily.percentile(np.array([3, 4, 8, 2, 5, 4, np.nan]), 0.90) == pytest.approx(6.5)


def test_composite_index_check_value_heyuan():
    air = {"so2": 3, "no2": 13, "pm10": 16, "pm25": 13, "co_p95": 0.9, "o3_8h_p90": 87}
    assert _composite(air, np.array(["2012"]), []) == 1.73


def test_station_daily_means_match_the_centres_own_24h_values(changzhou_store, cnemc_dir):
    """On days with all 24 hours in the file, our PM2.5 daily means equal the centre's PM2.5_24h at
    hour 23 (on days with hours missing from the file the centre averaged hours we do not have)."""
    daily = load_station_daily(changzhou_store.connect(), ["1196A"], parse_period("2019-01"))
    raw = pd.read_csv(cnemc_dir / "china_sites_2019_changzhou.csv", usecols=["date", "hour", "type", "1196A"], nrows=31 * 24 * 15)
    centre = raw[(raw["type"] == "PM2.5_24h") & (raw["hour"] == 23)].set_index("date")["1196A"]
    ours = pd.Series(np.round(daily.values["pm25"][0]), index=[int(d.strftime("%Y%m%d")) for d in pd.to_datetime(daily.days)])
    hourly = raw[(raw["type"] == "PM2.5")].groupby("date")["1196A"].count()
    both = pd.concat([ours, centre], axis=1, keys=["ours", "centre"]).loc[hourly[hourly == 24].index].dropna()
    assert len(both) >= 25
    assert (both["ours"] - both["centre"]).abs().max() <= 1  # the centre rounds half-up, we half-even


def test_changzhou_2019_annual(changzhou_store):
    result = indicators(changzhou_store, "常州市", "2019")
    air = result["air"]
    assert (result["area"], result["rules"], result["synthetic"]) == ("常州市", "2012", False)
    assert air["pm25"] == 45 and air["pm10"] == 71 and air["no2"] == 38 and air["so2"] == 10
    assert air["co_p95"] == 1.3 and air["o3_8h_p90"] == 171
    assert (air["good_days"], air["valid_days"], air["good_day_ratio"]) == (242, 347, 69.7)
    assert sum(air["days_by_level"].values()) == air["valid_days"]
    assert air["composite_index"] == pytest.approx(45 / 35 + 71 / 70 + 38 / 40 + 10 / 60 + 1.3 / 4 + 171 / 160, abs=0.03)
    assert any("2019-08" in n for n in result["notes"])  # real gaps: August has 25 valid days


def test_strict_nulls_statistics_that_miss_validity(changzhou_store):
    air = indicators(changzhou_store, "常州市", "2019", strict=True)["air"]
    assert air["pm25"] is None and air["composite_index"] is None and air["good_day_ratio"] == 69.7


def test_month_and_forced_2026_rules(changzhou_store):
    june = indicators(changzhou_store, "常州", "2019-06")["air"]
    june_2026 = indicators(changzhou_store, "常州", "2019-06", rules="2026")
    assert june["valid_days"] == 30 and june["pm25"] == june_2026["air"]["pm25"]
    assert june_2026["rules"] == "2026" and sum(june_2026["air"]["days_by_level"].values()) == 30
    assert june_2026["air"]["composite_index"] is None
