"""Lake trophic state index TLI (总站生字〔2001〕090号)."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ecoplan.standards.trophic import R_SQUARED, tli, tli_grade, tli_single, trophic_state

# spec §7 / check value C11
EXAMPLE = {"chla": [10.0], "tp": [0.05], "tn": [1.0], "sd": [1.0], "codmn": [4.0]}


def test_single_indices_of_the_rule_formulas():
    assert tli_single(10.0, "chla") == pytest.approx(10 * (2.5 + 1.086 * math.log(10)))
    assert tli_single(1.0, "透明度") == pytest.approx(51.18)
    assert tli_single(1.0, "总氮") == pytest.approx(54.53)
    assert tli_single(np.array([0.05]), "TP")[0] == pytest.approx(45.709, abs=1e-3)
    assert tli_single(4.0, "高锰酸盐指数") == pytest.approx(37.979, abs=1e-3)


def test_check_value_c11_is_48_02():
    state = trophic_state(EXAMPLE)
    assert round(state.loc[0, "tli"], 2) == 48.02
    assert state.loc[0, "m"] == 5 and state.loc[0, "grade"] == "中营养"


def test_five_parameter_weights_of_the_rule():
    total = sum(R_SQUARED.values())
    assert total == pytest.approx(3.7558)
    weights = {k: v / total for k, v in R_SQUARED.items()}
    assert weights["chla"] == pytest.approx(0.2663, abs=5e-5)
    assert weights["tp"] == pytest.approx(0.1879, abs=5e-5)
    assert weights["tn"] == pytest.approx(0.1790, abs=5e-5)
    assert weights["sd"] == pytest.approx(0.1834, abs=5e-5)


def test_weights_renormalise_over_the_m_parameters_given():
    four = {k: v for k, v in EXAMPLE.items() if k != "chla"}
    singles = {k: tli_single(v[0], k) for k, v in four.items()}
    r2 = {k: R_SQUARED[k] for k in four}
    expected = sum(singles[k] * r2[k] for k in four) / sum(r2.values())
    assert tli(four)[0] == pytest.approx(expected)
    assert trophic_state(four).loc[0, "m"] == 4


def test_missing_value_refused_unless_partial():
    data = dict(EXAMPLE, chla=[np.nan])
    assert math.isnan(tli(data)[0])
    four = {k: v for k, v in EXAMPLE.items() if k != "chla"}
    assert tli(data, partial=True)[0] == pytest.approx(tli(four)[0])


@pytest.mark.parametrize("value, grade", [
    (29.99, "贫营养"), (30.0, "中营养"), (50.0, "中营养"), (50.01, "轻度富营养"), (60.0, "轻度富营养"),
    (60.01, "中度富营养"), (70.0, "中度富营养"), (70.01, "重度富营养"),
])
def test_grade_boundaries(value, grade):
    assert tli_grade(value) == grade


def test_grade_of_nan_is_none():
    assert tli_grade(np.nan) is None


@pytest.mark.parametrize("data, field", [
    ({"tp": [0.0]}, "tp"), ({"tp": [-0.1]}, "tp"), ({"tp": ["x"]}, "tp"), ({"叶绿素b": [1.0]}, "叶绿素b"),
    ({"tp": [0.1, 0.2], "tn": [1.0]}, "mismatched"),
])
def test_bad_input(data, field):
    with pytest.raises(ValueError, match=field):
        trophic_state(data)


def test_frame_in_frame_out_keeps_index():
    frame = pd.DataFrame({"总磷": [0.05, 0.2], "总氮": [1.0, 3.0]}, index=["a", "b"])
    state = trophic_state(frame)
    assert state.index.tolist() == ["a", "b"]
    assert state.loc["b", "tli"] > state.loc["a", "tli"]


_positive = st.floats(min_value=1e-3, max_value=1e3, allow_nan=False)


@settings(max_examples=100, deadline=None)
@given(chla=_positive, tp=_positive, tn=_positive, sd=_positive, codmn=_positive,
       factor=st.floats(min_value=1.01, max_value=100), which=st.sampled_from(["chla", "tp", "tn", "sd", "codmn"]))
def test_tli_rises_with_nutrients_and_falls_with_transparency(chla, tp, tn, sd, codmn, factor, which):
    base = {"chla": [chla], "tp": [tp], "tn": [tn], "sd": [sd], "codmn": [codmn]}
    more = dict(base, **{which: [base[which][0] * factor]})
    before, after = tli(base)[0], tli(more)[0]
    assert (after < before) if which == "sd" else (after > before)
