"""GB 3095 Table 4 / HJ 663 §6 validity: daily means, O3 8-h and daily max 8-h."""

import numpy as np

from ecoplan.standards.air_validity import (
    daily_mean, moving_24h_mean, moving_mean, o3_8h_moving, o3_daily_max_1h, o3_daily_max_8h,
)


def _day(values, n_missing=0):
    x = np.array(values, dtype=float)
    x[:n_missing] = np.nan
    return x


def test_daily_mean_needs_20_valid_hours():
    hours = np.arange(24, dtype=float)
    assert daily_mean(_day(hours, 4), "pm25") == round(np.mean(hours[4:]))  # 20 valid: 13.5 → 14
    assert np.isnan(daily_mean(_day(hours, 5), "pm25"))  # 19 valid: invalid day
    assert np.isnan(daily_mean(np.full(24, np.nan), "pm25"))  # missing, never zero


def test_daily_mean_rounds_half_even():
    assert daily_mean(np.r_[np.full(12, 35.0), np.full(12, 36.0)], "pm25") == 36.0  # 35.5 → 36
    assert daily_mean(np.r_[np.full(12, 34.0), np.full(12, 35.0)], "pm25") == 34.0  # 34.5 → 34
    assert daily_mean(np.r_[np.full(12, 0.8), np.full(12, 0.9)], "co") == 0.8  # 0.85 → 0.8


def test_daily_mean_on_a_cube_drops_the_last_axis():
    cube = np.ones((5, 7, 24))
    assert daily_mean(cube, "no2").shape == (5, 7)


def test_moving_mean_counts_valid_values():
    x = np.array([1, np.nan, 3, 5, np.nan, np.nan], dtype=float)
    np.testing.assert_allclose(moving_mean(x, 3, 2), [np.nan, np.nan, 2, 4, 4, np.nan])


def test_moving_24h_mean_at_midnight_is_the_daily_mean():
    rng = np.random.default_rng(1)
    cube = rng.integers(0, 200, (2, 3, 24)).astype(float)
    np.testing.assert_array_equal(moving_24h_mean(cube, "pm25")[..., 23], daily_mean(cube, "pm25"))


def test_o3_8h_moving_needs_6_of_8_and_crosses_midnight():
    days = np.full((2, 24), 100.0)
    days[1, :] = 200.0
    assert o3_8h_moving(days)[1, 0] == 112  # (7 × 100 + 200) / 8 = 112.5 → 112 (half even)
    days[0, 20:] = np.nan  # the hours ending 21:00-24:00 of the first day are missing
    out = o3_8h_moving(days)
    assert np.isnan(out[1, 4])  # window = 3 missing + 5 valid hours
    assert out[1, 5] == 200  # window = 2 missing + 6 valid hours
    inside = o3_8h_moving(days, within_day=True, min_hours=1)
    assert inside[1, 0] == 200 and inside[1, 3] == 200  # cut at the day start, as CNEMC does


def test_mda8_17_windows_inside_the_day():
    hours = np.zeros(24)
    hours[16:24] = 160.0  # the last window (17:00-24:00) holds the maximum
    assert o3_daily_max_8h(hours) == 160
    hours[:7] = 500.0  # only the window 00:00-08:00 sees these hours: 7 × 500 / 8
    assert o3_daily_max_8h(hours) == 438  # 437.5 → 438 (half even)


def test_mda8_needs_14_valid_windows_unless_above_the_limit():
    hours = np.full(24, 100.0)
    hours[:4] = np.nan  # windows ending 08:00 (4 valid) and 09:00 (5) invalid: 15 valid
    assert o3_daily_max_8h(hours) == 100
    hours[:10] = np.nan  # only windows ending 16:00-24:00 have ≥ 6 valid hours: 9 < 14
    assert np.isnan(o3_daily_max_8h(hours))
    hours[10:] = 170.0  # same gaps, but the maximum exceeds 160: the day stays valid
    assert o3_daily_max_8h(hours) == 170
    assert np.isnan(o3_daily_max_8h(hours, limit=200))


def test_o3_daily_max_1h():
    hours = np.full(24, np.nan)
    assert np.isnan(o3_daily_max_1h(hours))
    hours[5] = 88.0
    assert o3_daily_max_1h(hours) == 88
