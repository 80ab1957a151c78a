"""GB 3838-2002 Table 1: every limit exactly, and just either side, in both directions."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ecoplan.standards.water import (
    class_grade, class_label, exceedance_multiples, factor_class, factor_classes, resolve_factor,
    section_class,
)
from ecoplan.standards.water_limits import DIRECTION, FACTORS, LIMITS, TP_LAKE_LIMITS

# GB 3838-2002 Table 1, typed in again from the spec (§5) so that a typo in the module shows.
TABLE_1 = {
    "溶解氧": (7.5, 6, 5, 3, 2),
    "高锰酸盐指数": (2, 4, 6, 10, 15),
    "化学需氧量": (15, 15, 20, 30, 40),
    "五日生化需氧量": (3, 3, 4, 6, 10),
    "氨氮": (0.15, 0.5, 1.0, 1.5, 2.0),
    "总磷": (0.02, 0.1, 0.2, 0.3, 0.4),
    "总氮": (0.2, 0.5, 1.0, 1.5, 2.0),
    "铜": (0.01, 1.0, 1.0, 1.0, 1.0),
    "锌": (0.05, 1.0, 1.0, 2.0, 2.0),
    "氟化物": (1.0, 1.0, 1.0, 1.5, 1.5),
    "硒": (0.01, 0.01, 0.01, 0.02, 0.02),
    "砷": (0.05, 0.05, 0.05, 0.1, 0.1),
    "汞": (0.00005, 0.00005, 0.0001, 0.001, 0.001),
    "镉": (0.001, 0.005, 0.005, 0.005, 0.01),
    "六价铬": (0.01, 0.05, 0.05, 0.05, 0.1),
    "铅": (0.01, 0.01, 0.05, 0.05, 0.1),
    "氰化物": (0.005, 0.05, 0.2, 0.2, 0.2),
    "挥发酚": (0.002, 0.002, 0.005, 0.01, 0.1),
    "石油类": (0.05, 0.05, 0.05, 0.5, 1.0),
    "阴离子表面活性剂": (0.2, 0.2, 0.2, 0.3, 0.3),
    "硫化物": (0.05, 0.1, 0.2, 0.5, 1.0),
    "粪大肠菌群": (200, 2000, 10000, 20000, 40000),
}


def _best_class(limits, index):
    """The class of a value equal to limits[index]: the best class having that limit."""
    return limits.index(limits[index]) + 1


def _scan(limits, value):
    """Class by a plain scan of Table 1: the first class whose limit the value does not exceed."""
    return next((k + 1 for k, limit in enumerate(limits) if value <= limit), 6)


@pytest.mark.parametrize("name", sorted(TABLE_1))
def test_module_limits_equal_table_1(name):
    assert LIMITS[resolve_factor(name)] == pytest.approx(TABLE_1[name], rel=0, abs=0)


@pytest.mark.parametrize("name", [n for n in TABLE_1 if n != "溶解氧"])
def test_not_exceeding_factors_on_and_beside_every_limit(name):
    limits = list(TABLE_1[name])
    for i, limit in enumerate(limits):
        assert factor_class(limit, name) == _best_class(limits, i)
        step = limit * 1e-6
        assert factor_class(limit - step, name) == _best_class(limits, i)
        above = factor_class(limit + step, name)
        assert above == _scan(limits, limit + step)
        assert above > _best_class(limits, i)


def test_dissolved_oxygen_is_not_below():
    limits = TABLE_1["溶解氧"]
    for i, limit in enumerate(limits):
        assert factor_class(limit, "DO") == i + 1
        assert factor_class(limit + 0.001, "DO") == i + 1
        assert factor_class(limit - 0.001, "DO") == (i + 2 if i < 4 else 6)
    assert factor_class(20.0, "溶解氧") == 1
    assert factor_class(0.0, "溶解氧") == 6


def test_ph_range_is_inclusive():
    got = factor_class([5.99, 6.0, 7.5, 9.0, 9.01], "pH")
    assert got.tolist() == [6, 1, 1, 1, 6]


def test_equal_adjacent_limits_take_the_better_class():
    # 从优不从劣, examples of spec §5
    cases = {"化学需氧量": (12, 1), "五日生化需氧量": (3, 1), "铜": (0.5, 2), "锌": (1.5, 4),
             "氟化物": (1.2, 4), "硒": (0.015, 4), "砷": (0.08, 4), "汞": (0.00008, 3),
             "铅": (0.03, 3), "氰化物": (0.1, 3), "挥发酚": (0.003, 3), "石油类": (0.3, 4),
             "阴离子表面活性剂": (0.25, 4), "六价铬": (0.08, 5)}
    for name, (value, expected) in cases.items():
        assert factor_class(value, name) == expected, name
    assert factor_class([0.004, 0.008], "镉").tolist() == [2, 5]


def test_lake_total_phosphorus_limits():
    for i, limit in enumerate(TP_LAKE_LIMITS):
        assert factor_class(limit, "总磷", lake=True) == i + 1
        assert factor_class(limit * 1.0001, "TP", lake=True) == i + 2
    lake = np.array([True, False])
    assert factor_class(np.array([0.05, 0.05]), "tp", lake=lake).tolist() == [3, 2]


def test_nan_is_missing_not_zero():
    got = factor_class(np.array([np.nan, 0.0]), "氨氮")
    assert math.isnan(got[0]) and got[1] == 1
    classes = section_class({"氨氮": [np.nan, np.nan], "总磷": [0.3, np.nan]})
    assert classes.iloc[0] == 4 and math.isnan(classes.iloc[1])


def test_series_in_series_out():
    values = pd.Series([0.1, 1.2], index=["a", "b"], name="nh3n")
    got = factor_class(values, "氨氮")
    assert isinstance(got, pd.Series) and got.index.tolist() == ["a", "b"]
    assert got.tolist() == [1, 4]


def test_section_class_is_the_worst_evaluated_factor_and_skips_tn_and_coliform():
    data = pd.DataFrame({"氨氮": [1.2], "总磷": [0.25], "总氮": [9.0], "粪大肠菌群": [90000], "pH": [7]})
    assert section_class(data).iloc[0] == 4
    classes = factor_classes(data, lake=True)
    assert classes.loc[0, "tn"] == 6 and classes.loc[0, "tp"] == 6
    assert section_class(data, lake=True).iloc[0] == 6


def test_labels_and_grades():
    assert class_label([1, 3, 6, np.nan]) == ["Ⅰ", "Ⅲ", "劣Ⅴ", None]
    assert class_grade([1, 2, 3, 4, 5, 6]) == ["优", "优", "良好", "轻度污染", "中度污染", "重度污染"]


def test_exceedance_multiple_over_class_iii_or_target():
    data = {"氨氮": [1.5, 0.4], "高锰酸盐指数": [9.0, 3.0], "溶解氧": [1.0, 1.0]}
    got = exceedance_multiples(data)
    assert got.loc[0, "nh3n"] == pytest.approx(0.5)
    assert got.loc[0, "codmn"] == pytest.approx(0.5)
    assert math.isnan(got.loc[1, "nh3n"]) and "do" not in got
    by_target = exceedance_multiples(data, target=[2, 2])
    assert by_target.loc[1, "nh3n"] != by_target.loc[1, "nh3n"]  # 0.4 ≤ 0.5: not exceeding
    assert by_target.loc[0, "codmn"] == pytest.approx(1.25)
    lake_tp = exceedance_multiples({"总磷": [0.1]}, lake=True)
    assert lake_tp.loc[0, "tp"] == pytest.approx(1.0)


@pytest.mark.parametrize("bad, field", [
    ({"氨氮": [-0.1]}, "氨氮"), ({"总磷": ["0.2x"]}, "总磷"), ({"总磷": ["0.2"]}, "总磷"),
    ({"氨氮": [np.inf]}, "氨氮"), ({"pH": [15]}, "pH"), ({"浊度": [3.0]}, "浊度"),
    ({"氨氮": [1, 2], "总磷": [0.1]}, "mismatched"), ({"氨氮": [True]}, "氨氮"),
])
def test_bad_input_names_field_and_value(bad, field):
    with pytest.raises(ValueError, match=field):
        factor_classes(bad)


def test_factor_given_twice_is_refused():
    with pytest.raises(ValueError, match="twice"):
        factor_classes(pd.DataFrame({"氨氮": [1.0], "NH3-N": [1.0]}))


def test_every_factor_has_a_direction_and_five_limits():
    for factor in FACTORS:
        assert DIRECTION[factor] in ("max", "min", "range")
        assert len(LIMITS[factor]) == (2 if factor == "ph" else 5)


_values = st.floats(min_value=0, max_value=50, allow_nan=False)


@settings(max_examples=200, deadline=None)
@given(nh3n=_values, tp=_values, codmn=_values, do=_values, ph=st.floats(0, 14),
       worse=st.floats(min_value=0, max_value=50), which=st.sampled_from(["nh3n", "tp", "codmn", "do", "ph"]),
       lake=st.booleans())
def test_section_class_never_improves_when_one_factor_worsens(nh3n, tp, codmn, do, ph, worse, which, lake):
    base = {"nh3n": nh3n, "tp": tp, "codmn": codmn, "do": do, "ph": ph}
    worsened = dict(base)
    if which == "do":
        worsened["do"] = max(do - worse, 0.0)
    elif which == "ph":
        worsened["ph"] = 0.0 if ph < 7.5 else 14.0
    else:
        worsened[which] = base[which] + worse
    before = section_class({k: [v] for k, v in base.items()}, lake=lake).iloc[0]
    after = section_class({k: [v] for k, v in worsened.items()}, lake=lake).iloc[0]
    assert after >= before
