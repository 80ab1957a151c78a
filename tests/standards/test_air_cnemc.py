"""Reproducing the national centre's own derived rows of 2019 from its hourly values (issue 3 item 5).

Rates and the classes of disagreement are recorded in docs/standards.md (## Air, real data).
"""

import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).parent))
import cnemc  # noqa: E402

from ecoplan.standards.air_validity import daily_mean  # noqa: E402

COUNTRY_DAYS = ["china_sites_20190101.csv", "china_sites_20190715.csv", "china_sites_20191231.csv"]
# 金坛/溧阳 stations: their *_24h rows disagree in some months (see docs/standards.md).
COUNTY_STATIONS = {"2004A", "2005A", "2006A", "2007A"}


@pytest.fixture(scope="session")
def releases(shared_dir):
    folder = shared_dir / "data" / "air" / "cnemc_2019"
    names = COUNTRY_DAYS + ["china_sites_2019_changzhou.csv"]
    return {name: cnemc.load(folder / name) for name in names}


@pytest.fixture(scope="session")
def changzhou(releases):
    return releases["china_sites_2019_changzhou.csv"]


@pytest.mark.parametrize("name", COUNTRY_DAYS)
def test_hourly_aqi_whole_country_days_all_equal(releases, name):
    rel = releases[name]
    a = cnemc.agreement(cnemc.our_hourly_aqi(rel), rel.values["AQI"])
    assert a.compared > 30000 and a.equal == a.compared


def test_hourly_aqi_changzhou_year(changzhou):
    ours = cnemc.our_hourly_aqi(changzhou)
    ref = changzhou.values["AQI"]
    a = cnemc.agreement(ours, ref)
    assert a.compared > 80000 and a.rate > 0.9999
    # Every disagreement is an hour where a pollutant is missing from the release.
    wrong = ~np.isnan(ours) & ~np.isnan(ref) & (ours != ref)
    gaps = np.zeros_like(wrong)
    for kind in cnemc.COLUMNS:
        gaps |= np.isnan(changzhou.values[kind])
    assert wrong.any() and (wrong <= gaps).all()


@pytest.mark.parametrize("kind", ["PM2.5", "PM10"])
@pytest.mark.parametrize("name", COUNTRY_DAYS)
def test_24h_moving_means_whole_country_complete_windows(releases, name, kind):
    rel = releases[name]
    full = cnemc.window_hours(rel, kind, 24) == 24
    ours = np.where(full, cnemc.our_moving_24h(rel, kind, 24), np.nan)
    a = cnemc.agreement(ours, rel.values[f"{kind}_24h"])
    assert a.compared > 400 and a.equal == a.compared


@pytest.mark.parametrize("kind", ["PM2.5", "PM10"])
def test_24h_moving_means_changzhou(changzhou, kind):
    full = cnemc.window_hours(changzhou, kind, 24) == 24
    ours = np.where(full, cnemc.our_moving_24h(changzhou, kind, 24), np.nan)
    ref = changzhou.values[f"{kind}_24h"]
    county = np.array([s in COUNTY_STATIONS for s in changzhou.stations])
    city = cnemc.agreement(ours[~county], ref[~county])
    assert city.compared > 25000 and city.equal == city.compared
    assert cnemc.agreement(ours[county], ref[county]).rate > 0.9
    # With gaps the centre still publishes a mean (no 20-hour rule in real time).
    gaps = cnemc.agreement(np.where(full, np.nan, cnemc.our_moving_24h(changzhou, kind, 1)), ref)
    assert gaps.compared > 20000 and gaps.rate < 0.8


def test_calendar_day_mean_is_the_24h_value_at_midnight(changzhou):
    """The centre's 24-h rows are moving means; the one at 24:00 is the natural-day mean."""
    flat = changzhou.values["PM2.5"]
    n_days = flat.shape[1] // 24
    days = np.concatenate([flat[:, 1:], np.full((flat.shape[0], 1), np.nan)], axis=1)
    ours = daily_mean(days.reshape(flat.shape[0], n_days, 24), "pm25", min_hours=24)
    at_midnight = changzhou.values["PM2.5_24h"][:, 24::24]  # label 0 of the next day
    county = np.array([s in COUNTY_STATIONS for s in changzhou.stations])
    a = cnemc.agreement(ours[~county, :-1], at_midnight[~county])
    assert a.compared > 1000 and a.equal == a.compared


@pytest.mark.parametrize("name", COUNTRY_DAYS)
def test_o3_8h_whole_country_complete_windows(releases, name):
    rel = releases[name]
    ours = np.where(cnemc.o3_window_complete(rel), cnemc.our_o3_8h(rel), np.nan)
    a = cnemc.agreement(ours, rel.values["O3_8h"])
    assert a.compared > 25000 and a.equal == a.compared


def test_o3_8h_is_cut_at_the_start_of_the_day(changzhou):
    ref = changzhou.values["O3_8h"]
    full = cnemc.o3_window_complete(changzhou)
    cut = cnemc.agreement(np.where(full, cnemc.our_o3_8h(changzhou, within_day=True), np.nan), ref)
    across = cnemc.agreement(np.where(full, cnemc.our_o3_8h(changzhou, within_day=False), np.nan), ref)
    assert cut.rate > 0.97 and across.rate < 0.8


def test_o3_8h_changzhou(changzhou):
    ours = np.where(cnemc.o3_window_complete(changzhou), cnemc.our_o3_8h(changzhou), np.nan)
    ref = changzhou.values["O3_8h"]
    county = np.array([s in COUNTY_STATIONS for s in changzhou.stations])
    assert cnemc.agreement(ours[~county], ref[~county]).rate > 0.999
    assert cnemc.agreement(ours[county], ref[county]).rate > 0.9


def test_daily_o3_figures_changzhou(changzhou):
    """The centre's O3_8h_24h at 24:00 is the standard's MDA8 (17 full windows), not the maximum
    of its own day-cut O3_8h rows; O3_24h at 24:00 is the daily maximum 1-h value. The centre's
    O3 8-h rows never exceed 300 µg/m³ (a cap of the release)."""
    mda8, ref8, max1h, ref1 = cnemc.daily_o3(changzhou)
    county = np.array([s in COUNTY_STATIONS for s in changzhou.stations])
    city = cnemc.agreement(mda8[~county], ref8[~county])
    assert city.compared > 1000 and city.equal == city.compared - 1
    wrong = (mda8 != ref8) & ~np.isnan(mda8) & ~np.isnan(ref8) & ~county[:, None]
    assert (ref8[wrong] == 300).all() and (mda8[wrong] > 300).all()
    ones = cnemc.agreement(max1h[~county], ref1[~county])
    assert ones.compared > 1000 and ones.equal == ones.compared
