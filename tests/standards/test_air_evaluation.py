"""Whole-period evaluation: hourly cube → daily values → daily AQI → period figures."""

import numpy as np
import pytest

from ecoplan.standards.air_evaluation import daily_values, evaluate_hourly, evaluate_period
from ecoplan.standards.aqi import daily_aqi
from ecoplan.standards.rulesets import rules_in_force

YEAR_2019 = np.arange(np.datetime64("2019-01-01"), np.datetime64("2020-01-01"))


def _constant_year(n_stations=2, days=YEAR_2019, **levels):
    base = {"so2": 8.0, "no2": 30.0, "pm10": 60.0, "pm25": 35.0, "co": 0.8, "o3": 100.0} | levels
    return {k: np.full((n_stations, days.size, 24), v) for k, v in base.items()}


def test_constant_year_figures():
    e = evaluate_hourly(_constant_year(), dates=YEAR_2019)
    assert e.rules == "2012" and e.period_rules == "2012"
    assert e.concentration["pm25"].tolist() == [35.0, 35.0]
    assert e.concentration["co"].tolist() == [0.8, 0.8] and e.concentration["o3_8h"].tolist() == [100.0, 100.0]
    assert e.compliance["pm25"].all() and e.compliance_strict["pm25"].all()
    assert e.good_day_ratio.tolist() == [100.0, 100.0]  # AQI 64 (O3 1-h 100 → 32, PM10 60 → 55, ...)
    assert e.valid_aqi_days.tolist() == [365, 365]
    assert e.days_per_level[0].tolist() == [0, 365, 0, 0, 0, 0]
    # 8/60 + 30/40 + 60/70 + 35/35 + 0.8/4 + 100/160 = 0.13 + 0.75 + 0.86 + 1.00 + 0.20 + 0.62
    assert e.composite.total.tolist() == [3.56, 3.56]


def test_invalid_days_and_invalid_year():
    hourly = _constant_year(n_stations=1)
    hourly["pm25"][0, :42, :5] = np.nan  # 19 valid hours on 42 days: 323 valid days
    e = evaluate_hourly(hourly, dates=YEAR_2019)
    assert e.valid_days["pm25"][0] == 323
    assert np.isnan(e.concentration["pm25"][0])  # not zero: the year is not valid
    assert not e.compliance["pm25"][0]
    assert np.isnan(e.composite.sub["pm25"][0]) and np.isnan(e.composite.total[0])


def test_mean_of_daily_means_not_of_hours():
    hourly = _constant_year(n_stations=1, days=YEAR_2019[:31])
    hourly["pm25"][0, 0, :] = np.r_[np.full(20, 100.0), np.full(4, np.nan)]  # a 20-hour day
    hourly["pm25"][0, 1:, :] = 10.0
    e = evaluate_hourly(hourly, dates=YEAR_2019[:31])
    assert e.concentration["pm25"][0] == 13  # (100 + 30 × 10) / 31 = 12.9 → 13


def test_rules_follow_the_date_across_2026_03_01():
    dates = np.arange(np.datetime64("2026-02-26"), np.datetime64("2026-03-04"))
    daily = {"pm25": np.full(dates.size, 70.0)}  # 02-26 … 03-03
    e = evaluate_period(daily, dates=dates)
    assert list(e.rules) == ["2012"] * 3 + ["2026"] * 3
    assert e.daily_aqi.aqi.tolist() == [94.0] * 3 + [110.0] * 3  # 75 vs 60 at IAQI 100
    assert e.period_rules == "2026"
    same = evaluate_period(daily, dates=dates, rules="2012")  # like-for-like (同口径)
    assert same.rules == "2012" and same.daily_aqi.aqi.tolist() == [94.0] * 6


def test_2026_limits_and_final_phase():
    january = np.arange(np.datetime64("2031-01-01"), np.datetime64("2031-02-01"))
    e = evaluate_period({"pm25": np.full(31, 28.0)}, dates=january)
    assert e.concentration["pm25"] == 28 and e.valid["pm25"]
    assert e.period_rules == "2026" and not e.compliance["pm25"]  # final limit 25
    e = evaluate_period({"pm25": np.full(31, 28.0)}, dates=january - np.timedelta64(1096, "D"))
    assert e.period_rules == "2026" and e.compliance["pm25"]  # January 2028: transition limit 30
    e = evaluate_period({"pm25": np.full(31, 28.0)}, dates=january - np.timedelta64(1096 + 731, "D"))
    assert e.period_rules == "2012" and e.compliance["pm25"]  # January 2026: 35
    short = evaluate_period({"pm25": np.full(26, 28.0)}, dates=january[:26])
    assert not short.valid["pm25"] and np.isnan(short.concentration["pm25"])  # < 27 days


def test_daily_values_match_the_step_functions():
    rng = np.random.default_rng(3)
    hourly = {"pm25": rng.integers(0, 150, (70, 3, 24)).astype(float),
              "o3": rng.integers(0, 250, (70, 3, 24)).astype(float)}
    hourly["pm25"][rng.random(hourly["pm25"].shape) < 0.2] = np.nan
    daily = daily_values(hourly)  # 70 stations: two station blocks
    assert set(daily) == {"pm25", "o3", "o3_8h"} and daily["pm25"].shape == (70, 3)
    from ecoplan.standards.air_validity import daily_mean, o3_daily_max_8h
    np.testing.assert_array_equal(daily["pm25"], daily_mean(hourly["pm25"], "pm25"))
    np.testing.assert_array_equal(daily["o3_8h"], o3_daily_max_8h(hourly["o3"]))
    e = evaluate_period(daily, dates=YEAR_2019[:3])
    np.testing.assert_array_equal(e.daily_aqi.aqi, daily_aqi(**daily).aqi)


def test_unknown_pollutant_in_the_cube():
    with pytest.raises(ValueError, match="nox"):
        daily_values({"nox": np.zeros((1, 24))})


def test_rules_in_force():
    assert rules_in_force(["2026-02-28", "2026-03-01"]).tolist() == ["2012", "2026"]


def test_dates_must_match_the_day_axis():
    with pytest.raises(ValueError, match="dates: 3 dates"):
        evaluate_period({"pm25": np.ones((2, 4))}, dates=YEAR_2019[:3])


def test_dust_days_remove_particulate_data_only():
    days = YEAR_2019[:31]
    daily = {"pm10": np.r_[np.full(30, 60.0), [600.0]], "no2": np.full(31, 30.0)}
    raw = evaluate_period(daily, dates=days)
    dust = np.zeros(31, bool)
    dust[-1] = True
    cleaned = evaluate_period(daily, dates=days, dust=dust)
    assert raw.good_day_ratio == 96.8 and raw.heavy_pollution_days == 1
    assert cleaned.good_day_ratio == 100.0 and cleaned.heavy_pollution_days == 0
    assert cleaned.concentration["pm10"] == 60 and cleaned.valid_aqi_days == 31  # NO2 still counts
