"""Consistency of the one status (issue 13, item 3), pinned with hypothesis: the status agrees
with its numbers, its sentence and its year-end statement; contributions add up; a unit's status
a unit's status is the most serious of its own items'."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from ecoplan.app.obligations.rules import COMPARE, aggregate
from ecoplan.app.status.status import (BEHIND, DONE, FAR_BEHIND, MISSING, ON_PACE, OVERDUE,
                                       SEVERITY, Status)
from ecoplan.app.status.status import aggregate as unit_status
from ecoplan.app.obligations.rules import is_cumulative
from ecoplan.app.status.verdict import WORDS, Figure, fmt, judge

values = st.floats(min_value=0, max_value=10_000, allow_nan=False).map(lambda x: round(x, 2))
comparators = st.sampled_from(["<=", "<", ">=", ">", "=="])
units = st.sampled_from(["%", "微克/立方米", "家", "亩", "类", ""])


@st.composite
def figures(draw, projection=True):
    comparator, target, unit = draw(comparators), draw(values), draw(units)
    proj = draw(st.none() | values) if projection else None
    return Figure(metric="指标", comparator=comparator, target=target, unit=unit,
                  value=draw(st.none() | values), reported=draw(st.booleans()),
                  cumulative=is_cumulative(comparator, target, unit), span="1—6月",
                  expected=draw(st.floats(0, 1)), deadline_passed=draw(st.booleans()),
                  projection=proj, basis="按往年同期规律" if proj is not None else None,
                  achievable=draw(st.sampled_from([None, False])))


@given(figures())
def test_wrong_side_is_never_on_pace_without_a_projection_saying_it_will_be_met(f):
    s = judge(f)
    if s.code == MISSING:
        assert not f.reported or f.value is None
        return
    wrong = not COMPARE[f.comparator](f.value, f.target)
    if wrong and not f.cumulative:
        projected_ok = (f.projection is not None and f.achievable is not False
                        and COMPARE[f.comparator](f.projection, f.target))
        assert s.code != DONE
        assert s.code != ON_PACE or (projected_ok and not f.deadline_passed)
    if f.projection is not None and not f.cumulative and not f.deadline_passed:
        if not COMPARE[f.comparator](f.projection, f.target):
            assert s.code in (BEHIND, FAR_BEHIND)


@given(figures())
def test_the_sentence_states_the_numbers_and_the_side(f):
    s = judge(f)
    if s.code == MISSING:
        return
    wrong, right = WORDS[f.comparator]
    side = right if COMPARE[f.comparator](f.value, f.target) else wrong
    assert s.why["now"].endswith(f"{side}全年目标{fmt(f.target)}{f.unit}")
    assert f"{fmt(f.value)}{f.unit}" in s.why["now"]
    assert s.why["text"] == f"{s.why['now']}；{s.why['year_end']}"
    assert "<" not in s.why["text"] and ">" not in s.why["text"] and "None" not in s.why["text"]


@given(figures())
def test_done_and_overdue_agree_with_the_target_and_the_outlook(f):
    s = judge(f)
    if s.code == DONE:
        assert COMPARE[f.comparator](f.value, f.target) or (f.cumulative and f.value >= f.target)
        assert s.why["outlook"] == "met"
    if s.code == OVERDUE:
        assert f.deadline_passed and s.why["outlook"] == "missed"
    if s.code == ON_PACE:
        assert s.why["outlook"] in ("expected_met", None)
        assert s.why["outlook"] == "expected_met" or COMPARE[f.comparator](f.value, f.target)


@given(st.lists(st.tuples(st.none() | values, st.none() | values), min_size=1, max_size=9))
def test_contributions_add_up(parts):
    reported = [v for v, _ in parts if v is not None]
    city = aggregate("sum", parts, comparator=">=", target=40)
    assert city.reported == len(reported) and city.expected == len(parts)
    assert (city.value is None) == (not reported)
    if reported:
        assert math.isclose(city.value, math.fsum(reported), abs_tol=1e-6)
        assert math.isclose(aggregate("min", parts, comparator=">=", target=40).value,
                            min(reported))
    met = aggregate("all_met", parts, comparator=">=", target=1)
    if reported:
        assert met.value == sum(v is not None and v >= (1 if q is None else q) for v, q in parts)
        assert (met.value == met.target) == all(v is not None and v >= (1 if q is None else q)
                                                for v, q in parts)


codes = st.sampled_from(SEVERITY)


@given(st.lists(codes, max_size=20))
def test_a_units_status_is_the_most_serious_of_its_own_items(owed):
    mine = unit_status([Status(c) for c in owed])
    assert mine.why["item_count"] == len(owed)
    if owed:
        assert mine.code == min(owed, key=SEVERITY.index)
        assert sum(mine.why["counts"].values()) == len(owed)
