"""The satisfaction and participation survey: designed and opened by the office, answered once
per device, results by district with n, the index and its 95 % CI computed here by hand."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from ecoplan import clock
from ecoplan.app.surveys.indices import item_score, t975

QUESTIONS = [
    {"id": "sat", "kind": "scale", "text": "您对本区生态环境质量是否满意？", "index": "satisfaction"},
    {"id": "join", "kind": "single", "text": "过去一年您参加过生态环境保护活动吗？",
     "options": ["经常参加", "偶尔参加", "没有参加"], "index": "participation",
     "scores": [100, 50, 0]},
    {"id": "ways", "kind": "multiple", "text": "您通过哪些途径了解生态环境信息？",
     "options": ["网站", "电视", "社区"]},
    {"id": "say", "kind": "text", "text": "您的意见和建议"},
]


@pytest.fixture
def survey_id(login_as):
    office = login_as("admin")
    today = clock.today()
    made = office.post("/api/surveys", json={
        "title": "2026年公众生态环境满意度调查", "questions": QUESTIONS,
        "opens_on": (today - dt.timedelta(days=1)).isoformat(),
        "closes_on": (today + dt.timedelta(days=30)).isoformat()})
    assert made.status_code == 201, made.text
    sid = made.json()["id"]
    assert office.post(f"/api/surveys/{sid}/open").json()["state"] == "open"
    return sid


def test_answers_once_per_device_and_results_by_hand(login_as, survey_id):
    anonymous = login_as(None)
    current = anonymous.get("/api/public/surveys/current").json()
    assert current["id"] == survey_id and "武进区" in current["districts"]
    assert "scores" not in current["questions"][1]
    answers = [("武进区", 5, 0), ("武进区", 4, 1), ("武进区", 2, 2), ("新北区", 3, 1)]
    for district, sat, join in answers:
        device = login_as(None)  # each visitor is another device
        made = device.post(f"/api/public/surveys/{survey_id}/responses", json={
            "district": district, "answers": {"sat": sat, "join": join, "ways": [0, 2], "say": "好"}})
        assert made.status_code == 201, made.text
    again = device.post(f"/api/public/surveys/{survey_id}/responses",
                        json={"district": "新北区", "answers": {"sat": 5}})
    assert again.status_code == 422 and "已参加" in again.json()["error"]

    results = login_as("admin").get(f"/api/surveys/{survey_id}/results").json()
    # by hand: scale s → 25(s−1); choice → its score; combined = mean of the two
    wj_sat = [100.0, 75.0, 25.0]
    wj_join = [100.0, 50.0, 0.0]
    wj_combined = [(s + p) / 2 for s, p in zip(wj_sat, wj_join)]  # 100, 62.5, 12.5
    mean = sum(wj_combined) / 3
    sd = math.sqrt(sum((v - mean) ** 2 for v in wj_combined) / 2)
    half = 4.303 * sd / math.sqrt(3)  # t(0.975, 2)
    wj = results["districts"]["武进区"]
    assert wj["n"] == 3
    assert wj["combined"]["index"] == pytest.approx(58.33, abs=0.01)
    assert wj["combined"]["ci95"] == [max(0.0, round(mean - half, 2)), min(100.0, round(mean + half, 2))]
    sat_mean = sum(wj_sat) / 3
    sat_sd = math.sqrt(sum((v - sat_mean) ** 2 for v in wj_sat) / 2)
    assert wj["satisfaction"]["index"] == pytest.approx(66.67, abs=0.01)
    assert wj["satisfaction"]["ci95"][1] == pytest.approx(
        min(100.0, sat_mean + 4.303 * sat_sd / math.sqrt(3)), abs=0.01)
    xb = results["districts"]["新北区"]
    assert (xb["n"], xb["satisfaction"]["index"], xb["satisfaction"]["ci95"]) == (1, 50.0, None)
    city = results["city"]
    assert city["n"] == 4 and city["participation"]["index"] == pytest.approx((100 + 50 + 0 + 50) / 4)
    counts = {q["id"]: q["counts"] for q in results["questions"]}
    assert counts["sat"] == [0, 1, 1, 1, 1] and counts["ways"] == [4, 0, 4] and counts["say"] is None
    assert "25 × (s − 1)" in results["method"] and "95% 置信区间" in results["method"]


def test_closed_or_bad_answers_are_refused(login_as, survey_id):
    visitor = login_as(None)
    url = f"/api/public/surveys/{survey_id}/responses"
    assert "辖市区" in visitor.post(url, json={"district": "火星", "answers": {"sat": 3}}).json()["error"]
    assert visitor.post(url, json={"district": "武进区", "answers": {"sat": 9}}).status_code == 422
    assert visitor.post(url, json={"district": "武进区", "answers": {"join": 7}}).status_code == 422
    login_as("admin").post(f"/api/surveys/{survey_id}/close")
    assert visitor.get("/api/public/surveys/current").status_code == 404
    assert "未开放" in visitor.post(url, json={"district": "武进区", "answers": {"sat": 3}}).json()["error"]


def test_design_is_checked_and_results_are_office_only(login_as, survey_id):
    office = login_as("admin")
    bad = office.post("/api/surveys", json={
        "title": "x", "opens_on": "2026-01-01", "closes_on": "2026-02-01",
        "questions": [{"kind": "single", "text": "参加过吗", "options": ["是", "否"],
                       "index": "participation"}]})
    assert bad.status_code == 422 and "分值" in bad.json()["error"]
    assert login_as("reporter").get(f"/api/surveys/{survey_id}/results").status_code == 403
    assert login_as(None).get(f"/api/surveys/{survey_id}/results").status_code == 401


def test_item_scores_and_t_quantiles():
    assert [item_score({"kind": "scale"}, s) for s in (1, 3, 5, 6)] == [0.0, 50.0, 100.0, None]
    multiple = {"kind": "multiple", "scores": [0, 60, 100]}
    assert item_score(multiple, [0, 1]) == 60.0 and item_score(multiple, []) is None
    assert (t975(1), t975(10), t975(35), t975(1000)) == (12.706, 2.228, 2.042, 1.960)
