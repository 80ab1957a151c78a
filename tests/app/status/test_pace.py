"""Expected pace: hand-computed cases (days counted inclusively)."""

from __future__ import annotations

import datetime as dt

import pytest

from ecoplan.app.status.pace import MILESTONES, TIME, expected_pace, milestone_share, time_share

D = dt.date
JAN1, DEC31 = D(2023, 1, 1), D(2023, 12, 31)


def test_time_share_is_elapsed_days_over_the_span():
    # 2023-07-10 is the 191st day of a 365-day year.
    assert time_share(JAN1, DEC31, D(2023, 7, 10)) == pytest.approx(191 / 365)
    assert time_share(JAN1, DEC31, JAN1) == pytest.approx(1 / 365)
    assert time_share(JAN1, DEC31, DEC31) == 1.0


def test_time_share_is_clipped_outside_the_span():
    assert time_share(JAN1, DEC31, D(2022, 12, 31)) == 0.0
    assert time_share(JAN1, DEC31, D(2024, 3, 1)) == 1.0


def test_deadline_before_start_is_due_at_once():
    assert time_share(D(2023, 6, 1), D(2023, 3, 31), D(2023, 4, 1)) == 1.0
    assert time_share(D(2023, 6, 1), D(2023, 3, 31), D(2023, 3, 1)) == 0.0


def test_milestones_interpolate_between_steps():
    # Steps on day 90 (03-31) and day 365 (12-31): 50 % at 03-31, then linear to 100 %.
    # 05-10 is day 130: 0.5 + 0.5 × (130 − 90) / (365 − 90) = 0.572727…
    steps = [D(2023, 3, 31), DEC31]
    assert milestone_share(JAN1, steps, D(2023, 3, 31)) == pytest.approx(0.5)
    assert milestone_share(JAN1, steps, D(2023, 5, 10)) == pytest.approx(0.5 + 0.5 * 40 / 275)
    assert milestone_share(JAN1, steps, D(2023, 2, 14)) == pytest.approx(0.5 * 45 / 90)


def test_one_milestone_equals_the_time_share():
    for day in (D(2023, 1, 1), D(2023, 7, 10), D(2023, 12, 31)):
        assert milestone_share(JAN1, [DEC31], day) == pytest.approx(time_share(JAN1, DEC31, day))


def test_expected_pace_uses_milestones_inside_the_span_and_adds_the_deadline():
    pace = expected_pace(start=JAN1, deadline=DEC31, as_of=D(2023, 5, 10),
                         milestones=[D(2022, 12, 1), D(2023, 3, 31), None, D(2024, 6, 30)])
    assert pace.mode == MILESTONES
    assert pace.milestones == (D(2023, 3, 31), DEC31)
    assert pace.percent == pytest.approx(57.3)
    assert pace.explain()["milestones_passed"] == 1


def test_expected_pace_falls_back_to_time_without_milestones_or_in_time_mode():
    no_steps = expected_pace(start=JAN1, deadline=DEC31, as_of=D(2023, 7, 10))
    time_mode = expected_pace(start=JAN1, deadline=DEC31, as_of=D(2023, 7, 10),
                              milestones=[D(2023, 3, 31)], mode=TIME)
    assert no_steps.mode == time_mode.mode == TIME
    assert no_steps.percent == time_mode.percent == 52.3
    assert no_steps.explain()["expected_percent"] == 52.3
