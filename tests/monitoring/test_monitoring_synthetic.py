import numpy as np
import pandas as pd

from ecoplan.monitoring.indicators import indicators
from ecoplan.monitoring.ranking import ranking
from ecoplan.monitoring.synthetic import changzhou_sections, dustfall, hourly_cubes, water_samples


def test_generator_is_deterministic_and_seasonal():
    days, a = hourly_cubes(3, 2023, seed=7)
    _, b = hourly_cubes(3, 2023, seed=7)
    assert all(np.array_equal(a[p], b[p], equal_nan=True) for p in a)
    month = days.astype("datetime64[M]").astype(int) % 12
    pm = np.nanmean(a["pm25"], axis=(0, 2))
    o3 = np.nanmax(a["o3"], axis=2).mean(axis=0)
    assert pm[month == 0].mean() > 1.5 * pm[month == 6].mean()      # PM: winter high
    assert o3[month == 5].mean() > 1.5 * o3[month == 11].mean()     # O3: early-summer high
    assert np.nanargmax(np.nanmean(a["o3"], axis=(0, 1))) in range(13, 18)  # afternoon peak
    pd.testing.assert_frame_equal(water_samples(changzhou_sections(1), 2023, 1), water_samples(changzhou_sections(1), 2023, 1))
    assert dustfall(2023, 1)["town"].nunique() == 63


def test_synthetic_data_is_labelled_everywhere(synthetic_store):
    result = indicators(synthetic_store, "常州市", "2023-01-01..2023-06-30")
    assert result["synthetic"] is True
    assert set(result["stations"]) == {f"810{d}A" for d in range(1, 8)}  # the city: national stations only
    assert result["air_yoy"]["pm25"] is not None  # 2022 is there for the year-on-year comparison
    assert all(i["synthetic"] for i in synthetic_store.imports().values())


def test_water_shares_per_level_and_drinking_sources(synthetic_store):
    water = indicators(synthetic_store, "常州市", "2023Q1")["water"]
    assert {"国考", "省考", "市考", "市考以上"} <= set(water["shares"])
    assert water["shares"]["国考"]["sections"] == 20 and water["shares"]["市考以上"]["sections"] == 137
    for share in water["shares"].values():
        assert 0 <= share["i_ii"] <= share["i_iii"] <= 100 and share["worse_v"] <= 100 - share["i_iii"] + 1e-9
    assert water["drinking_sources"]["total"] == 4
    assert set(water["lakes"]) == {"G001", "G002", "G003"} and all(v["grade"] for v in water["lakes"].values())
    assert set(water["sections"].values()) <= {"Ⅰ", "Ⅱ", "Ⅲ", "Ⅳ", "Ⅴ", "劣Ⅴ", None}


def test_dustfall_of_towns_against_2_3(synthetic_store):
    dust = indicators(synthetic_store, "常州市", "2023-03")["dustfall"]
    assert dust["towns"] == 63 and dust["limit"] == 2.3
    for town in dust["worst10"] + dust["best10"]:
        assert (town["value"] > 2.3) == (town["town"] in dust["towns_above"])
    assert dust["best10"][0]["value"] <= dust["worst10"][0]["value"]
    district = indicators(synthetic_store, "武进区", "2023-03")["dustfall"]
    assert district["towns"] == 16


def test_rankings_mark_worse_than_city_and_deterioration(synthetic_store):
    towns = ranking(synthetic_store, city="常州市", level="town", period_text="2023-06")
    assert len(towns["rows"]) == 63
    ranks = [r["rank"] for r in towns["rows"]]
    assert ranks == sorted(ranks) and ranks[0] == 1
    for row in towns["rows"]:
        assert row["yellow"] == (row["value"] > towns["city_value"])
        assert row["red"] == (row["value"] > row["last_year"])
    districts = ranking(synthetic_store, city="常州市", level="district", period_text="2023-06", metric="good_day_ratio")
    assert len(districts["rows"]) == 7 and districts["synthetic"]


def test_best_and_worst_ten_towns(synthetic_store):
    towns = ranking(synthetic_store, city="常州市", level="town", period_text="2023-05")
    values = {r["name"]: r["value"] for r in towns["rows"]}
    assert len(towns["best10"]) == len(towns["worst10"]) == 10
    assert max(values[n] for n in towns["best10"]) <= min(values[n] for n in towns["worst10"])


def test_a_period_across_2026_03_01_uses_each_days_rules(tmp_path):
    from ecoplan.monitoring.store import Store
    from ecoplan.monitoring.synthetic import changzhou_stations, cubes_to_frame

    store = Store(tmp_path)
    stations = changzhou_stations()
    national = list(stations.loc[stations["station_level"] == "国控", "station"])
    store.write("stations", stations, synthetic=True)
    days, cubes = hourly_cubes(len(national), 2026, seed=5)
    frame = cubes_to_frame(national, days, cubes)
    store.write("air_hourly", frame[(frame["day"] >= "2026-02-01") & (frame["day"] < "2026-04-01")], synthetic=True)
    result = indicators(store, "常州市", "2026-02-15..2026-03-15")
    assert result["rules"] == "2012/2026" and result["synthetic"]
    forced = indicators(store, "常州市", "2026-02-15..2026-03-15", rules="2026")
    assert forced["rules"] == "2026" and forced["air"]["pm25"] == result["air"]["pm25"]
    assert sum(forced["air"]["days_by_level"].values()) == forced["air"]["valid_days"] == 29


def test_real_periods_stay_real_beside_synthetic_data(changzhou_store, tmp_path):
    import shutil

    from ecoplan.monitoring.store import Store
    from ecoplan.monitoring.synthetic import seed_changzhou

    shutil.copytree(changzhou_store.root, tmp_path / "monitoring")
    store = Store(tmp_path)
    seed_changzhou(store, years=(2023,), until="2023-01-31")
    real = indicators(store, "常州市", "2019")
    assert real["synthetic"] is False and real["air"]["pm25"] == 45
    assert indicators(store, "常州市", "2023-01")["synthetic"] is True
