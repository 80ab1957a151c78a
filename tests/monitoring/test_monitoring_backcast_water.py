"""Back-cast of the dust-fall and water targets on small hand-computed stores (synthetic data)."""

from datetime import date

import pandas as pd
import pytest

from ecoplan.monitoring.backcast_dust import backcast_dustfall
from ecoplan.monitoring.backcast_water import backcast_water, needed_sections
from ecoplan.monitoring.store import Store


def _dust(store: Store, values: dict[int, list[float]]) -> Store:
    """Two synthetic towns with the same value each month (so the area mean is that value)."""
    rows = [(town, pd.Timestamp(year, m + 1, 1), v) for year, months in values.items()
            for m, v in enumerate(months) for town in ("甲镇（合成）", "乙镇（合成）")]
    store.write("dustfall", pd.DataFrame(rows, columns=["town", "month", "dustfall"]), synthetic=True)
    return store


@pytest.fixture
def dust_store(tmp_path):
    # synthetic: 2022 a full year at 2.0 then 1.8 after June; 2023 six months at 2.4
    return _dust(Store(tmp_path), {2022: [2.0] * 6 + [1.8] * 6, 2023: [2.4] * 6})


def test_dustfall_ceiling_for_the_remaining_months(dust_store):
    b = backcast_dustfall(dust_store, comparator="<=", value=2.3, year=2023)
    assert b["months_measured"] == 6 and b["remaining_months"] == 6 and b["ytd_value"] == 2.4
    # (2.305 × 12 − 6 × 2.4) / 6 = 2.21
    assert b["max_remaining_mean"] == pytest.approx(2.21)
    assert b["history"] == [{"year": 2022, "rest_mean": 1.8}]
    assert b["achievable"]["years_meeting"] == 1 and b["achievable"]["years"] == 1
    # projection: 1.8 × (2.4 / 2.0) = 2.16 for the rest → (14.4 + 6 × 2.16) / 12 = 2.28
    assert b["projection"]["value"] == 2.28 and "往年" in b["projection"]["basis"]
    assert b["status"] == "预计完成"
    # each town at 2.4 for three months, allowed 2.21 → both at risk
    assert [t["town"] for t in b["towns_at_risk"]] == ["乙镇（合成）", "甲镇（合成）"]
    assert b["towns_at_risk"][0] == {"town": "乙镇（合成）", "max_remaining_mean": 2.21, "recent_mean": 2.4}


def test_dustfall_impossible_and_as_of_month(dust_store):
    b = backcast_dustfall(dust_store, comparator="<=", value=1.1, year=2023)
    assert b["max_remaining_mean"] < 0 and b["status"] == "无法完成" and not b["achievable"]["possible"]
    early = backcast_dustfall(dust_store, comparator="<=", value=2.3, year=2023, as_of_month=3)
    assert early["remaining_months"] == 9 and early["max_remaining_mean"] == pytest.approx((2.305 * 12 - 7.2) / 9, abs=1e-3)


def test_dustfall_finished_year_and_no_data(dust_store, tmp_path):
    done = backcast_dustfall(dust_store, comparator="<=", value=2.3, year=2022)
    assert done["remaining_months"] == 0 and done["projection"]["value"] == 1.9 and done["status"] == "已完成"
    assert backcast_dustfall(dust_store, comparator="<=", value=2.3, year=2030)["status"] == "无数据"
    assert backcast_dustfall(Store(tmp_path / "empty"), comparator="<=", value=2.3, year=2023)["status"] == "无数据"


def _water_store(root) -> Store:
    """Synthetic sections sampled monthly (day 10), January–June 2023; values chosen by hand.

    G1 river: CODMn 5.0, NH3-N 0.5, DO 6.0 every month (Ⅲ by CODMn).
    G2 river: CODMn 4.0 Jan–Mar then 7.0 Apr–Jun (mean 5.5, Ⅲ; rising).
    G3 lake: TP 0.04 (Ⅲ with the lake limits, Ⅱ with the river ones).
    G4 river: NH3-N 2.5 (劣Ⅴ).  S1 (省考, drinking source) river: CODMn 2.0 (Ⅰ).
    Registered target class Ⅲ, except G3: Ⅱ.
    """
    store = Store(root)
    sections = pd.DataFrame({"section": ["G1", "G2", "G3", "G4", "S1"], "section_name": ["断面（合成）"] * 5,
                             "waterbody": ["河（合成）"] * 5, "waterbody_type": ["河流", "河流", "湖库", "河流", "河流"],
                             "station_level": ["国考"] * 4 + ["省考"], "drinking": [False] * 4 + [True],
                             "district": ["天宁区"] * 5, "target_class": [3, 3, 2, 3, 3]})
    months = pd.date_range("2023-01-01", periods=6, freq="MS") + pd.Timedelta(days=9)
    nan = float("nan")
    series = {"G1": {"codmn": [5.0] * 6, "nh3n": [0.5] * 6, "do": [6.0] * 6}, "G2": {"codmn": [4.0] * 3 + [7.0] * 3},
              "G3": {"tp": [0.04] * 6}, "G4": {"nh3n": [2.5] * 6}, "S1": {"codmn": [2.0] * 6}}
    rows = [{"section": code, "time": t, **{f: values[f][i] for f in values}} for code, values in series.items()
            for i, t in enumerate(months)]
    samples = pd.DataFrame(rows).reindex(columns=["section", "time", "codmn", "nh3n", "do", "tp"], fill_value=nan)
    store.write("sections", sections, synthetic=True)
    store.write("water", samples, synthetic=True)
    return store


@pytest.fixture
def water_store(tmp_path):
    return _water_store(tmp_path)


def test_sections_needed_follow_the_published_rounding():
    assert needed_sections(20, ">=", 80, "meeting") == 16
    assert needed_sections(51, ">=", 92.2, "meeting") == 47  # 47/51 = 92.16 → 92.2
    assert needed_sections(3, ">=", 66.7, "meeting") == 2  # 2/3 = 66.67 → 66.7
    assert needed_sections(137, "==", 0, "failing") == 137 and needed_sections(4, "<=", 25, "failing") == 3
    assert needed_sections(4, "<=", 3, "all") == 4 and needed_sections(4, ">=", 101, "meeting") == 5


def test_allowed_remaining_means_per_section(water_store):
    b = backcast_water(water_store, ceiling=3, comparator=">=", value=75, year=2023, as_of=date(2023, 6, 30), level="国考")
    assert b["remaining_samples"] == 6 and "每月" in b["assumption"] and b["sections"] == 4
    g1, g2 = b["per_section"]["G1"], b["per_section"]["G2"]
    assert g1["class"] == "Ⅲ" and g1["factors"]["codmn"]["allowed"] == pytest.approx(7.0)  # (6·12 − 30)/6
    assert g1["factors"]["nh3n"]["allowed"] == pytest.approx(1.5)  # (1.0·12 − 3)/6
    assert g1["factors"]["do"]["direction"] == "min" and g1["factors"]["do"]["allowed"] == pytest.approx(4.0)  # (5·12 − 36)/6
    assert g2["factors"]["codmn"]["allowed"] == pytest.approx(6.5) and g2["factors"]["codmn"]["recent"] == 7.0
    assert b["per_section"]["G3"]["factors"]["tp"]["allowed"] == pytest.approx(0.06)  # lake limit 0.05
    assert b["per_section"]["G4"]["class"] == "劣Ⅴ" and b["per_section"]["G4"]["factors"]["nh3n"]["allowed"] == pytest.approx(-0.5)


def test_share_backcast_and_projection(water_store):
    b = backcast_water(water_store, ceiling=3, comparator=">=", value=75, year=2023, as_of=date(2023, 6, 30), level="国考")
    assert (b["sections_meeting"], b["sections_needed"]) == (3, 3)
    assert b["sections_at_risk"] == ["G2", "G4"] and b["sections_impossible"] == ["G4"]
    # G2 projected: (33 + 6·7.0)/12 = 6.25 → Ⅳ; two of four sections within Ⅲ
    assert b["projection"]["sections_meeting"] == 2 and b["projection"]["value"] == 50.0
    assert b["status"] == "有风险" and b["achievable"]["possible"]
    worse = backcast_water(water_store, ceiling=5, comparator="==", value=0, year=2023, as_of=date(2023, 6, 30), share="failing")
    assert worse["sections"] == 5 and worse["sections_needed"] == 5 and worse["sections_meeting"] == 4
    assert worse["status"] == "有风险" and worse["sections_impossible"] == [] and worse["sections_at_risk"] == ["G4"]
    assert worse["per_section"]["G4"]["factors"]["nh3n"]["allowed"] == pytest.approx(1.5)  # (2.0·12 − 15)/6
    assert worse["projection"]["value"] == 20.0  # one of five 劣Ⅴ


def test_each_section_against_its_own_target_class(water_store):
    b = backcast_water(water_store, ceiling=None, comparator=">=", value=75, year=2023, as_of=date(2023, 6, 30), level="国考")
    g3 = b["per_section"]["G3"]
    assert (g3["class"], g3["target_class"], g3["meets"]) == ("Ⅲ", "Ⅱ", False)
    assert g3["factors"]["tp"]["allowed"] == pytest.approx(0.01)  # (0.025·12 − 0.24)/6, lake Ⅱ limit
    assert b["sections_meeting"] == 2 and "G3" in b["sections_at_risk"] and b["ceiling_class"] == "各断面目标"


def test_drinking_sources_and_missing_data(water_store, tmp_path):
    d = backcast_water(water_store, ceiling=3, comparator="<=", value=3, year=2023, as_of=date(2023, 6, 30), drinking=True, share="all")
    assert d["sections"] == 1 and d["projection"]["value"] == 1 and d["status"] == "预计完成"
    assert backcast_water(water_store, ceiling=3, comparator=">=", value=75, year=2030, as_of=date(2030, 6, 30))["status"] == "无数据"
    assert backcast_water(Store(tmp_path / "none"), ceiling=3, comparator=">=", value=75, year=2023, as_of=date(2023, 6, 30))["status"] == "无数据"


def test_targets_status_carries_the_water_backcast(synthetic_store, seed_plan):
    from ecoplan.monitoring.targets import status
    from ecoplan.plan import contract

    rows = {r["id"]: r for r in status(synthetic_store, contract.load(seed_plan))["targets"]}
    for key in ("water_i_iii_national", "water_i_ii_provincial", "water_worse_v", "drinking_sources"):
        cast = rows[key]["backcast"]
        assert cast["metric"] == "water" and rows[key]["status"] == cast["status"] and cast["remaining_samples"] == 6
    assert rows["water_i_iii_national"]["backcast"]["sections"] == 20
    worse = rows["water_worse_v"]["backcast"]
    # the synthetic store holds 2022: every section factor is projected from 2022's July–December
    assert worse["earlier_years"]["years"] == [2022] and set(worse["earlier_years"]["basis_counts"]) == {"seasonal"}
    assert "往年同期（2022 年）同月份均值" in worse["projection"]["basis"]
    failing = sum(s["projected_class"] == "劣Ⅴ" for s in worse["per_section"].values())
    assert worse["projection"]["value"] == round(100 * failing / worse["sections"], 1)


def test_synthetic_water_is_sampled_on_the_tenth_of_each_month_of_its_year():
    # the back-cast counts remaining months from the sample dates, so they must fall in their year
    from ecoplan.monitoring.synthetic import changzhou_sections, water_samples

    times = water_samples(changzhou_sections().head(2), 2023, 2023)["time"]
    assert sorted(set(times.dt.month)) == list(range(1, 13)) and set(times.dt.year) == {2023} and set(times.dt.day) == {10}
