"""Status rules (pure): order of the checks, threshold boundaries, monitoring verdicts,
aggregation."""

from __future__ import annotations

import pytest

from ecoplan.app.status.status import (
    BEHIND, DONE, FAR_BEHIND, MISSING, MONITORING_STATUS, ON_PACE, OVERDUE, Status, Thresholds,
    achieved_share, aggregate, classify, from_monitoring,
)

T = Thresholds(lag_points=10.0, severe_points=25.0)


def status(expected=0.5, achieved=None, reported=True, done=False, overdue=False, t=T):
    return classify(expected=expected, achieved=achieved, reported=reported, done=done,
                    overdue=overdue, thresholds=t)


@pytest.mark.parametrize("achieved, code, gap", [
    (0.50, ON_PACE, 0.0), (0.40, ON_PACE, 10.0),       # exactly at the lag threshold: on pace
    (0.399, BEHIND, 10.1), (0.25, BEHIND, 25.0),       # exactly at the severe threshold: behind
    (0.249, FAR_BEHIND, 25.1), (0.0, FAR_BEHIND, 50.0), (0.9, ON_PACE, -40.0),
])
def test_gap_against_thresholds(achieved, code, gap):
    result = status(expected=0.5, achieved=achieved)
    assert result.code == code
    assert result.why["gap_points"] == gap
    assert result.why["expected_percent"] == 50.0


def test_thresholds_are_settings():
    assert status(expected=0.5, achieved=0.35).code == BEHIND
    assert status(expected=0.5, achieved=0.35, t=Thresholds(20.0, 30.0)).code == ON_PACE
    assert status(expected=0.5, achieved=0.35, t=Thresholds(5.0, 10.0)).code == FAR_BEHIND


def test_order_done_then_missing_then_overdue():
    assert status(achieved=1.0, reported=False, overdue=True).code == DONE
    assert status(done=True, reported=False).code == DONE
    assert status(achieved=0.9, reported=False, overdue=True).code == MISSING
    assert status(achieved=0.9, overdue=True).code == OVERDUE


def test_reported_without_a_value_is_on_pace_and_says_so():
    result = status(achieved=None)
    assert result.code == ON_PACE
    assert result.why["achieved_percent"] is None and "无量化完成值" in result.why["text"]


def test_explanation_carries_the_facts_and_numbers():
    result = classify(expected=0.523, achieved=0.2, reported=True, done=False, overdue=False,
                      thresholds=T, facts={"report_period": "2023-06"})
    assert result.why["report_period"] == "2023-06"
    assert result.why["achieved_percent"] == 20.0 and result.why["gap_points"] == 32.3
    assert "32.3" in result.why["text"] and result.label == "严重滞后"


@pytest.mark.parametrize("comparator, target, value, share", [
    (">=", 113, 30, 30 / 113), (">=", 113, 200, 1.0), (">", 50, -3, 0.0),
    (">=", 0, 5, None), ("<=", 31, 20, None), ("==", 0, 0, None), (">=", 10, None, None),
])
def test_achieved_share(comparator, target, value, share):
    result = achieved_share(comparator, target, value)
    assert result == (pytest.approx(share) if share is not None else None)


def monitoring_row(verdict, **backcast):
    return {"status": verdict, "current": 34, "comparator": "<=", "value": 31.0,
            "unit": "微克/立方米", "as_of": "2023-06-30", "indicator": {"statistic": "年均值"},
            "backcast": backcast or None}


@pytest.mark.parametrize("verdict", sorted(MONITORING_STATUS))
def test_every_monitoring_verdict_maps_to_a_status(verdict):
    result = from_monitoring(monitoring_row(verdict))
    assert result.code == MONITORING_STATUS[verdict]
    assert verdict in result.why["text"] and result.why["current"] == 34


def test_monitoring_explanation_has_projection_and_back_cast():
    row = monitoring_row("有风险", projection={"value": 33, "basis": "往年同期"},
                         max_remaining_mean=29.3, achievable={"text": "往年同期 0/1 年达到所需水平"})
    result = from_monitoring(row)
    assert result.code == BEHIND
    assert result.why["projection"] == 33 and result.why["max_remaining_mean"] == 29.3
    assert "年末预计33" in result.why["text"]


def test_monitoring_without_a_value_says_so():
    row = {**monitoring_row("无数据"), "current": None}
    result = from_monitoring(row)
    assert result.code == MISSING and "暂无监测值" in result.why["text"] and "None" not in result.why["text"]


def test_unmeasured_goal_is_missing():
    assert from_monitoring(None).code == MISSING


def test_aggregate_takes_the_most_serious_and_counts():
    items = [Status(ON_PACE), Status(BEHIND), Status(MISSING), Status(DONE), Status(BEHIND)]
    result = aggregate(items)
    assert result.code == MISSING
    assert result.why["counts"][BEHIND] == 2 and result.why["item_count"] == 5
    assert aggregate([Status(MISSING), Status(OVERDUE)]).code == OVERDUE
    assert aggregate([Status(DONE), Status(DONE)]).code == DONE
    assert aggregate([]).why["item_count"] == 0
