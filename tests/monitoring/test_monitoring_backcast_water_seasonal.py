"""Water back-cast against earlier years, pH ranges and the minimum-sections rule, on a small
hand-computed store (synthetic values; every expected number is worked out in the comments)."""

from datetime import date

import numpy as np
import pandas as pd
import pytest

from ecoplan.monitoring.backcast_water import backcast_water
from ecoplan.monitoring.store import Store
from ecoplan.monitoring.water_seasonal import monthly_history

NAN = float("nan")
SECTIONS = {  # code: (level, waterbody type)
    "R1": ("国考", "河流"), "R2": ("国考", "河流"), "R3": ("国考", "河流"), "P1": ("国考", "河流"),
    "P2": ("省考", "河流"), "P3": ("省考", "河流"), "R4": ("市考", "河流"),
}


def _rows(code: str, year: int, months, factor: str, values, day: int = 10) -> list[dict]:
    values = values if isinstance(values, list) else [values] * len(months)
    return [{"section": code, "time": pd.Timestamp(year, m, day), factor: v} for m, v in zip(months, values)]


def _samples(history: bool) -> pd.DataFrame:
    """2023 January–June for every section; with ``history``, earlier years for R1 and R3.

    R1 NH3-N: 0.6 each month of 2023; July–December 1.3 in 2021 and 1.7 in 2022 (seasonal 1.5).
    R2 CODMn 5.0, new this year. R3 CODMn 5.0; 2022 July 7.0 and 9.0 (two samples, one month),
    August 4.0, nothing September–December. P1 pH 7.0 except 5.0 in February, CODMn 2.0.
    P2 pH 4.0 in January and February, 7.0 after, CODMn 2.0. P3 pH 9.5, CODMn 2.0.
    R4 CODMn 5.0 in January–March only (nothing in the last three months).
    """
    first, spring, autumn = range(1, 7), range(1, 7), range(7, 13)
    rows = (_rows("R1", 2023, first, "nh3n", 0.6) + _rows("R2", 2023, first, "codmn", 5.0)
            + _rows("R3", 2023, first, "codmn", 5.0) + _rows("R4", 2023, range(1, 4), "codmn", 5.0)
            + _rows("P1", 2023, first, "ph", [7.0, 5.0, 7.0, 7.0, 7.0, 7.0])
            + _rows("P2", 2023, first, "ph", [4.0, 4.0, 7.0, 7.0, 7.0, 7.0]) + _rows("P3", 2023, first, "ph", 9.5))
    rows += [r | {"codmn": 2.0} for r in rows if r["section"].startswith("P")]
    if history:
        rows += (_rows("R1", 2021, autumn, "nh3n", 1.3) + _rows("R1", 2022, autumn, "nh3n", 1.7)
                 + _rows("R1", 2022, spring, "nh3n", 0.2)  # months before July are not compared
                 + _rows("R3", 2022, [7], "codmn", 7.0, day=5) + _rows("R3", 2022, [7, 8], "codmn", [9.0, 4.0], day=20))
    frame = pd.DataFrame(rows).groupby(["section", "time"], as_index=False).first()
    return frame.reindex(columns=["section", "time", "ph", "codmn", "nh3n"], fill_value=NAN)


def _store(root, history: bool) -> Store:
    store = Store(root)
    sections = pd.DataFrame([{"section": code, "section_name": "断面（合成）", "waterbody": "河（合成）",
                              "waterbody_type": kind, "station_level": level, "drinking": False,
                              "district": "天宁区", "target_class": 3} for code, (level, kind) in SECTIONS.items()])
    store.write("sections", sections, synthetic=True)
    store.write("water", _samples(history), synthetic=True)
    return store


@pytest.fixture(scope="module")
def seasonal_store(tmp_path_factory):
    return _store(tmp_path_factory.mktemp("seasonal"), history=True)


@pytest.fixture(scope="module")
def recent_store(tmp_path_factory):
    return _store(tmp_path_factory.mktemp("recent"), history=False)


def _cast(store, level="国考", **kw):
    return backcast_water(store, ceiling=3, comparator=">=", value=100, year=2023, as_of=date(2023, 6, 30), level=level, **kw)


def test_monthly_history_averages_within_a_month_and_only_the_remaining_months(seasonal_store):
    monthly = monthly_history(seasonal_store.connect(), ["R1", "R3"], ["codmn", "nh3n"], 2023, 6)
    r3 = monthly[monthly["section"].eq("R3")]
    assert r3[["year", "month", "value"]].values.tolist() == [[2022, 7, 8.0], [2022, 8, 4.0]]
    assert set(monthly["month"]) == set(range(7, 13)) and set(monthly["year"]) == {2021, 2022}
    with pytest.raises(ValueError, match="not GB 3838"):
        monthly_history(seasonal_store.connect(), ["R1"], ["codmn; DROP TABLE water"], 2023, 6)


def test_seasonal_expectation_is_used_where_earlier_years_exist(seasonal_store):
    b = _cast(seasonal_store)
    r1 = b["per_section"]["R1"]["factors"]["nh3n"]
    # allowed: (1.0·12 − 6·0.6)/6 = 1.4; seasonal: months of 2021 (1.3) and 2022 (1.7) → 1.5 > 1.4
    assert (r1["allowed"], r1["recent"], r1["seasonal"], r1["expected"]) == (1.4, 0.6, 1.5, 1.5)
    assert r1["basis"] == "往年同期" and r1["at_risk"] and (r1["years"], r1["years_meeting"]) == (2, 1)
    assert r1["projected"] == 1.05 and b["per_section"]["R1"]["projected_class"] == "Ⅳ"  # (3.6 + 6·1.5)/12
    r3 = b["per_section"]["R3"]["factors"]["codmn"]
    # July = mean(7, 9) = 8, August 4 → 6.0 (not (7 + 9 + 4)/3); allowed (6·12 − 30)/6 = 7.0
    assert (r3["seasonal"], r3["allowed"], r3["at_risk"], r3["projected"]) == (6.0, 7.0, False, 5.5)
    r2 = b["per_section"]["R2"]["factors"]["codmn"]  # new this year: no earlier year → last three months
    assert (r2["basis"], r2["seasonal"], r2["expected"], r2["years"]) == ("近三个月", None, 5.0, 0)
    assert b["sections_at_risk"] == ["R1"] and b["earlier_years"]["sections_never_met"] == []
    assert b["earlier_years"]["years"] == [2021, 2022]
    assert b["earlier_years"]["basis_counts"] == {"recent": 3, "seasonal": 2}  # R2, P1 ph + codmn; R1, R3
    assert "往年同期（2021–2022 年）同月份均值 2 项" in b["projection"]["basis"]
    # R1 projected Ⅳ: three of four 国考 sections within Ⅲ (P1: pH projected 6.03, CODMn Ⅰ)
    assert (b["sections_meeting"], b["projection"]["sections_meeting"], b["projection"]["value"]) == (3, 3, 75.0)


def test_three_month_projection_without_earlier_years(recent_store):
    b = _cast(recent_store)
    r1 = b["per_section"]["R1"]["factors"]["nh3n"]
    assert (r1["basis"], r1["expected"], r1["at_risk"], r1["projected"]) == ("近三个月", 0.6, False, 0.6)
    assert b["sections_at_risk"] == [] and b["projection"]["value"] == 100.0
    assert b["earlier_years"] == {"years": [], "basis_counts": {"recent": 5}, "sections_never_met": []}
    assert "往年" not in b["projection"]["basis"] and "近三个月均值 5 项" in b["projection"]["basis"]
    assert b["achievable"]["text"] == "各断面剩余时段均仍可能达到要求"


def test_missing_recent_months_fall_back_to_the_year_to_date(seasonal_store):
    r4 = _cast(seasonal_store, level="市考")["per_section"]["R4"]["factors"]["codmn"]
    # three samples so far, six to come: (6·9 − 15)/6 = 6.5
    assert (r4["basis"], r4["recent"], r4["expected"], r4["allowed"]) == ("年初至今", None, 5.0, 6.5)


def test_ph_is_back_cast_as_a_range(seasonal_store):
    b = _cast(seasonal_store, level="市考以上")
    p1, p2, p3 = (b["per_section"][c]["factors"]["ph"] for c in ("P1", "P2", "P3"))
    # P1: H⁺ so far 5·1e-7 + 1e-5 = 1.05e-5; (1e-6·12 − 1.05e-5)/6 = 2.5e-7 → pH ≥ 6.60; alkaline side unbounded
    assert p1["allowed_range"] == {"min": 6.6, "max": None} and p1["allowed"] is None and p1["direction"] == "range"
    assert p1["ytd_mean"] == pytest.approx(-np.log10(1.75e-6), abs=1e-3) and p1["projected"] == 6.034
    assert (b["per_section"]["P1"]["class"], b["per_section"]["P1"]["projected_class"]) == ("劣Ⅴ", "Ⅰ")
    # P2: 2e-4 of H⁺ already exceeds the year's 1.2e-5 → impossible
    assert p2["allowed_range"] == {"min": None, "max": None} and p2["impossible"]
    # P3 at 9.5: H⁺ 6·10^-9.5; (1e-9·12 − S)/6 → pH ≤ 8.77, (1e-6·12 − S)/6 → pH ≥ 5.70; 9.5 is beyond
    assert p3["allowed_range"] == {"min": 5.7, "max": 8.77} and p3["at_risk"] and not p3["impossible"]
    assert b["sections_impossible"] == ["P2"] and {"P2", "P3", "R1"} <= set(b["sections_at_risk"])
    assert "allowed_range" not in b["per_section"]["P1"]["factors"]["codmn"]


def test_fewer_than_five_sections_are_evaluated_by_their_mean_concentrations(seasonal_store):
    method = _cast(seasonal_store)["evaluation_method"]
    # 4 国考 sections: group means now pH 5.76 (P1) → 劣Ⅴ; projected pH 6.03, NH3-N 1.05 → Ⅳ
    assert (method["sections"], method["method"], method["min_sections"]) == (4, "mean", 5)
    assert (method["mean_class"], method["mean_class_projected"]) == ("劣Ⅴ", "Ⅳ")
    assert method["mean_meets"] is False and method["mean_meets_projected"] is False
    assert "二(二)2" in method["rule"] and "少于 5 个" in method["text"]
    everything = _cast(seasonal_store, level="市考以上")["evaluation_method"]
    assert (everything["sections"], everything["method"]) == (7, "shares") and "mean_class" not in everything
    drinking = backcast_water(seasonal_store, ceiling=3, comparator="<=", value=3, year=2023, as_of=date(2023, 6, 30),
                              level="国考", share="all")
    assert drinking["evaluation_method"] is None


def test_the_year_end_has_nothing_left_to_back_cast(seasonal_store):
    b = backcast_water(seasonal_store, ceiling=3, comparator=">=", value=75, year=2023, as_of=date(2023, 12, 31), level="国考")
    assert b["remaining_samples"] == 0 and b["sections_at_risk"] == [] and b["earlier_years"]["years"] == []
    assert b["per_section"]["R1"]["factors"]["nh3n"]["projected"] == 0.6 and b["status"] == "已完成"


def test_samples_without_a_class_factor_give_no_data(tmp_path):
    store = Store(tmp_path)
    store.write("sections", pd.DataFrame([{"section": "L1", "section_name": "湖（合成）", "waterbody": "湖（合成）",
                                           "waterbody_type": "湖库", "station_level": "国考", "drinking": False,
                                           "district": "天宁区", "target_class": 3}]), synthetic=True)
    # TN of a lake is graded separately, never in the class (评价办法 §一(一)1)
    store.write("water", pd.DataFrame({"section": ["L1"] * 3, "time": pd.date_range("2023-01-10", periods=3, freq="MS"),
                                       "tn": [1.0, 1.2, 1.1]}), synthetic=True)
    b = _cast(store)
    assert b["status"] == "无数据" and "参与水质类别评价的因子" in b["note"]


def test_the_targets_command_names_the_mean_rule_for_a_small_group(seasonal_store):
    from ecoplan.monitoring.cli_targets import _backcast_text

    small = _backcast_text({"backcast": _cast(seasonal_store)})
    assert "往年同期（2021–2022 年）同月份均值" in small and "少于 5 个" in small and "预计 Ⅳ 类" in small
    assert "少于" not in _backcast_text({"backcast": _cast(seasonal_store, level="市考以上")})


def test_sections_no_earlier_year_would_have_kept_within_the_ceiling(seasonal_store):
    b = backcast_water(seasonal_store, ceiling=2, comparator=">=", value=50, year=2023, as_of=date(2023, 6, 30), level="国考")
    # Ⅱ: R1 NH3-N (0.5·12 − 3.6)/6 = 0.4 against 1.3 (2021) and 1.7 (2022); R3 CODMn (4·12 − 30)/6 = 3.0 against 6.0
    r1 = b["per_section"]["R1"]["factors"]["nh3n"]
    assert (r1["allowed"], r1["years"], r1["years_meeting"]) == (0.4, 2, 0)
    assert b["earlier_years"]["sections_never_met"] == ["R1", "R3"]
    assert b["achievable"]["text"].endswith("往年同期 2 个断面有因子每年都超出剩余时段允许值")
    assert _cast(seasonal_store)["achievable"]["text"] == "各断面剩余时段均仍可能达到要求；往年同期各断面均至少有一年达到剩余时段所需水平"
