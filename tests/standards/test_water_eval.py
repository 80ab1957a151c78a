"""地表水环境质量评价办法（试行）: period means, main pollutants, shares, river/basin grades."""

import math

import numpy as np
import pandas as pd
import pytest

from ecoplan.standards.water import section_class
from ecoplan.standards.water_eval import (
    basin_grade, class_shares, main_pollutants, period_means, share_grade,
)


def test_annual_class_is_the_class_of_annual_means_not_the_worst_month():
    months = pd.DataFrame({"氨氮": [0.4] * 11 + [2.5], "总磷": [0.05] * 12})
    section = np.array(["s1"] * 12)
    assert section_class(months).max() == 6  # one bad month
    means = period_means(months, section)
    assert means.loc["s1", "nh3n"] == pytest.approx((0.4 * 11 + 2.5) / 12)
    assert section_class(means).loc["s1"] == 3  # mean 0.575 mg/L: above Ⅱ (0.5), within Ⅲ


def test_period_means_skip_missing_and_average_ph_as_hydrogen_ions():
    data = pd.DataFrame({"pH": [6.0, 8.0], "氨氮": [1.0, np.nan]})
    means = period_means(data, ["a", "a"])
    assert means.loc["a", "ph"] == pytest.approx(-math.log10((1e-6 + 1e-8) / 2))
    assert means.loc["a", "nh3n"] == 1.0
    strict = period_means(data, ["a", "a"], min_count=2)
    assert math.isnan(strict.loc["a", "nh3n"])


def test_period_means_by_section_and_year():
    data = pd.DataFrame({"总磷": [0.1, 0.3, 0.2, 0.2]})
    means = period_means(data, [np.array(["a", "a", "a", "b"]), np.array([2022, 2022, 2023, 2023])])
    assert means.loc[("a", 2022), "tp"] == pytest.approx(0.2)
    assert len(means) == 3
    with pytest.raises(ValueError, match="keys"):
        period_means(data, ["a", "b"])


def test_main_pollutants_order_and_priority():
    data = pd.DataFrame({
        "氨氮": [1.2, 0.1, 3.0], "总磷": [0.25, 0.01, 0.5], "化学需氧量": [45, 10, 50],
        "镉": [0.001, 0.0, 0.006], "溶解氧": [5.0, 8.0, 1.0],
    })
    got = main_pollutants(data)
    assert got[0] == ["cod", "tp", "nh3n"]   # Ⅴ+ first, then Ⅳ by multiple 0.25 > 0.2
    assert got[1] == []                      # class Ⅰ–Ⅲ: none
    assert got[2][0] == "cd"                 # heavy metal exceeding comes first
    assert got[2][1:] == ["nh3n", "cod"]     # 劣Ⅴ ties by multiple: 2.0 > 1.5 (cod = tp = 1.5)


def test_class_shares_ignore_unevaluated_sections():
    shares = class_shares([1, 2, 3, 4, 6, np.nan])
    row = shares.iloc[0]
    assert row["n"] == 5
    assert row["i_iii"] == pytest.approx(60.0)
    assert row["i_ii"] == pytest.approx(40.0)
    assert row["worse_v"] == pytest.approx(20.0)


def test_class_shares_by_group():
    shares = class_shares([1, 6, 3, 3], groups=["x", "x", "y", "y"])
    assert shares.loc["x", "worse_v"] == 50.0 and shares.loc["y", "i_iii"] == 100.0


@pytest.mark.parametrize("i_iii, worse_v, grade", [
    (90.0, 0, "优"), (89.9, 0, "良好"), (75.0, 10, "良好"), (74.9, 19.9, "轻度污染"),
    (74.9, 20.0, "中度污染"), (50, 39.9, "中度污染"), (60, 40.0, "重度污染"), (10, 80, "重度污染"),
])
def test_share_grade_boundaries(i_iii, worse_v, grade):
    assert share_grade(i_iii, worse_v) == grade


def test_basin_grade_uses_shares_from_five_sections_and_means_below():
    five = pd.DataFrame({"氨氮": [0.1, 0.1, 0.1, 0.1, 3.0]})
    got = basin_grade(five, ["r"] * 5)
    assert got.loc["r", "method"] == "shares" and got.loc["r", "grade"] == "良好"  # 80 % Ⅰ–Ⅲ
    four = pd.DataFrame({"氨氮": [0.1, 0.1, 0.1, 3.0]})
    got = basin_grade(four, ["r"] * 4)
    assert got.loc["r", "method"] == "mean"
    assert got.loc["r", "class"] == 3 and got.loc["r", "grade"] == "良好"  # mean 0.825 → Ⅲ
