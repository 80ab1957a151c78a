from datetime import date

import pytest

from ecoplan.monitoring.backcast import backcast
from ecoplan.standards.rounding import round_half_even


def test_pm25_ceiling_for_the_rest_of_the_year(synthetic_store):
    b = backcast(synthetic_store, area="常州市", metric="pm25", comparator="<=", value=31, year=2023)
    assert b["as_of"] == "2023-06-30" and b["remaining_days"] == 184
    assert [h["year"] for h in b["history"]] == [2022]
    assert "往年" in b["projection"]["basis"] and b["status"] in {"预计完成", "有风险"}
    # mean over the year at the allowed ceiling for the rest lands exactly on 31.5
    ytd_days = 181
    implied = (b["ytd_value"] * ytd_days + b["max_remaining_mean"] * 184) / 365
    assert implied == pytest.approx(31.5, abs=0.6)  # ytd_value is rounded, so only approximately


def test_good_days_needed_is_the_least_that_rounds_to_the_target(synthetic_store):
    b = backcast(synthetic_store, area="常州市", metric="good_day_ratio", comparator=">=", value=80.0, year=2023)
    total = b["valid_days_so_far"] + b["remaining_days"]
    good = b["good_days_so_far"] + b["good_days_needed"]
    assert round_half_even(100 * good / total, 1) >= 80.0
    assert round_half_even(100 * (good - 1) / total, 1) < 80.0 or b["good_days_needed"] == 0
    assert b["good_days_needed"] + b["bad_days_allowed"] == b["remaining_days"]


def test_an_impossible_target_says_so(synthetic_store):
    b = backcast(synthetic_store, area="常州市", metric="good_day_ratio", comparator=">=", value=99.9, year=2023)
    assert b["status"] == "无法完成" and not b["achievable"]["possible"]
    p = backcast(synthetic_store, area="常州市", metric="pm25", comparator="<=", value=5, year=2023)
    assert p["max_remaining_mean"] < 0 and p["status"] == "无法完成"


def test_a_finished_year_is_judged_not_projected(synthetic_store):
    b = backcast(synthetic_store, area="常州市", metric="pm25", comparator="<=", value=60, year=2022, as_of=date(2022, 12, 31))
    assert b["remaining_days"] == 0 and b["status"] == "已完成"


def test_no_data_for_the_year(synthetic_store):
    assert backcast(synthetic_store, area="常州市", metric="pm25", comparator="<=", value=31, year=2030)["status"] == "无数据"
