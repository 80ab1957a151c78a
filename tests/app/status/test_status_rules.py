"""Status rules (pure): order of the checks, threshold boundaries, monitoring verdicts,
aggregation."""

from __future__ import annotations

import pytest

from ecoplan.app.status.figures import goal_status
from ecoplan.app.status.status import (
    BEHIND, DONE, FAR_BEHIND, MISSING, ON_PACE, OVERDUE, Status, Thresholds, aggregate, classify,
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


def monitoring_row(verdict, current=34, **backcast):
    return {"status": verdict, "current": current, "comparator": "<=", "value": 31.0,
            "label": "PM2.5", "unit": "微克/立方米", "as_of": "2023-06-30",
            "indicator": {"statistic": "年均值"}, "backcast": backcast or None}


def test_the_issue_sentence_for_pm25():
    row = monitoring_row("预计完成", projection={"value": 31, "basis": "往年(1年)同期均值×今年同比比例 0.86"})
    result = goal_status(row)
    assert result.code == ON_PACE
    assert result.why["text"] == ("1—6月PM2.5均值34微克/立方米，高于全年目标31微克/立方米；"
                                  "按往年同期规律预计全年31微克/立方米，可以完成")
    assert "×" not in result.why["text"] and "<=" not in result.why["text"]


def test_above_a_ceiling_without_projection_is_behind_not_on_pace():
    result = goal_status(monitoring_row("目前未达标"))
    assert result.code == BEHIND and "尚无年末预测" in result.why["text"]


def test_a_projection_on_the_wrong_side_is_behind_even_when_now_meets():
    row = monitoring_row("有风险", current=30, projection={"value": 33, "basis": "往年同期"},
                         max_remaining_mean=29.3)
    result = goal_status(row)
    assert result.code == BEHIND and result.why["max_remaining_mean"] == 29.3
    assert "不高于全年目标31" in result.why["now"] and "难以完成" in result.why["year_end"]
    impossible = goal_status(monitoring_row("无法完成", projection={"value": 36, "basis": "x"}))
    assert impossible.code == FAR_BEHIND


def test_zero_against_zero_is_met():
    row = {**monitoring_row("目前达标", current=0.0), "comparator": "==", "value": 0.0,
           "label": "劣V类比例", "unit": "%"}
    result = goal_status(row)
    assert result.code == ON_PACE and "达到全年目标0%" in result.why["text"]


def test_year_end_verdicts_and_no_data():
    assert goal_status({**monitoring_row("已完成", current=30), "as_of": "2023-12-31"}).code == DONE
    assert goal_status({**monitoring_row("未完成"), "as_of": "2023-12-31"}).code == OVERDUE
    result = goal_status(monitoring_row("无数据", current=None))
    assert result.code == MISSING and "None" not in result.why["text"]
    assert goal_status(None).code == MISSING


def test_aggregate_takes_the_most_serious_and_counts():
    items = [Status(ON_PACE), Status(BEHIND), Status(MISSING), Status(DONE), Status(BEHIND)]
    result = aggregate(items)
    assert result.code == MISSING
    assert result.why["counts"][BEHIND] == 2 and result.why["item_count"] == 5
    assert aggregate([Status(MISSING), Status(OVERDUE)]).code == OVERDUE
    assert aggregate([Status(DONE), Status(DONE)]).code == DONE
    assert aggregate([]).why["item_count"] == 0
