"""HJ 663 period statistics: percentile, validity, good-day ratio, levels, composite index."""

import numpy as np
import pytest

from ecoplan.standards.air_limits import complies, exceedance_multiple, limit
from ecoplan.standards.air_period import (
    annual_valid, city_mean, composite_index, days_per_level, good_day_ratio,
    heavy_pollution_days, month_valid, percentile, period_mean, period_percentile,
)


def test_percentile_worked_example_c3():
    assert percentile([3, 4, 8, 2, 5, 4], 90) == 6.5


def test_percentile_ignores_missing_and_works_along_last_axis():
    x = np.array([[3, 4, 8, 2, 5, 4, np.nan], [1, 2, np.nan, np.nan, np.nan, np.nan, np.nan]])
    np.testing.assert_allclose(percentile(x, 90), [6.5, 1.9])
    assert np.isnan(percentile(np.full(5, np.nan), 95))
    rng = np.random.default_rng(0)
    y = rng.random((4, 50))
    np.testing.assert_allclose(percentile(y, 95), np.percentile(y, 95, axis=-1))


def test_period_figures_are_rounded():
    assert period_percentile([0.84, 0.9, 1.1], "co", 95) == 1.1  # 1.08 → 1.1
    assert period_mean([30, 31, np.nan], "pm25") == 30  # 30.5 → 30, NaN not counted
    assert np.isnan(period_mean([30, 31, np.nan], "pm25", min_days=3))


def test_composite_index_heyuan_feb_2022_c1():
    c = composite_index(so2=3, no2=13, pm10=16, pm25=13, co=0.9, o3_8h=87)
    assert c.total == 1.73  # half-up would give 1.75, unrounded 1.74
    assert c.sub == {"so2": 0.05, "no2": 0.32, "pm10": 0.23, "pm25": 0.37, "co": 0.22, "o3_8h": 0.54}
    assert c.primary == "o3_8h"


def test_composite_index_naiman_q1_c2():
    assert composite_index(so2=9, no2=14, pm10=77, pm25=23, co=1.1, o3_8h=96).total == 3.14


def test_good_day_ratio_naiman_c2():
    aqi = np.r_[np.full(51, 40.0), np.full(35, 80.0), np.full(2, 120.0), np.full(3, 250.0), np.nan]
    assert good_day_ratio(aqi) == 94.5  # 86 / 91 valid days (the NaN day is not counted)
    np.testing.assert_array_equal(days_per_level(aqi), [51, 35, 2, 0, 3, 0])
    assert heavy_pollution_days(aqi) == 3


def test_good_day_ratio_heyuan_c1():
    assert good_day_ratio(np.r_[np.full(27, 30.0), [60.0]]) == 100.0


def test_days_per_level_boundaries():
    np.testing.assert_array_equal(days_per_level([50, 51, 100, 101, 300, 301]), [1, 2, 1, 0, 1, 1])


def test_annual_validity_324_days_and_27_per_month():
    dates = np.arange(np.datetime64("2019-01-01"), np.datetime64("2020-01-01"))
    daily = np.ones(365)
    assert annual_valid(daily, dates)
    feb = (dates >= np.datetime64("2019-02-01")) & (dates < np.datetime64("2019-03-01"))
    d = daily.copy()
    d[np.flatnonzero(feb)[:3]] = np.nan  # February keeps 25: still valid
    assert annual_valid(d, dates)
    d[np.flatnonzero(feb)[3]] = np.nan  # 24 in February: invalid
    assert not annual_valid(d, dates)
    d = daily.copy()
    d[:5] = np.nan  # January keeps 26
    assert not annual_valid(d, dates)
    d = daily.copy()
    months = dates.astype("datetime64[M]")
    for month in np.unique(months):
        days = np.flatnonzero(months == month)
        d[days[: {31: 4, 30: 3, 28: 1}[days.size]]] = np.nan  # ≥ 27 per month, 324 in the year
    assert (~np.isnan(d)).sum() == 324 and annual_valid(d, dates)
    d[np.flatnonzero(feb)[-1]] = np.nan  # 323 days: invalid although every month is fine
    assert not annual_valid(d, dates)
    assert month_valid(np.r_[np.ones(25), [np.nan] * 3], 2) and not month_valid(np.ones(26), 3)


def test_city_mean_excludes_background_stations():
    stations = np.array([[10.0, np.nan], [20.0, 30.0], [90.0, 90.0]])
    np.testing.assert_array_equal(city_mean(stations, background=[False, False, True]), [15.0, 30.0])
    assert city_mean(np.array([[np.nan], [np.nan]]))[0] != 0  # NaN, never zero
    with pytest.raises(ValueError, match="background"):
        city_mean(stations, background=[True])


def test_limits_both_rule_sets():
    assert limit("pm25", "annual") == 35 and limit("pm25", "annual", rules="2026") == 30
    assert limit("pm25", "annual", rules="2026", final=True) == 25
    assert limit("pm10", "daily", rules="2026") == 120 and limit("o3", "8h", grade=1) == 100
    assert limit("co", "daily") == 4
    with pytest.raises(ValueError, match="nox"):
        limit("nox", "annual")
    np.testing.assert_array_equal(complies([35, 36, np.nan], 35), [True, False, False])
    assert exceedance_multiple(52.5, 35) == 0.5
