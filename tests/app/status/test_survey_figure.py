"""A target whose figure comes from the satisfaction survey (obligation source ``survey``): the
status shows the combined index of the year's survey naming it, computed here by hand, and
moves when another answer comes in (the kept overview is keyed on the survey tables too)."""

from __future__ import annotations

import datetime as dt

from ecoplan.app.surveys import service as surveys
from ecoplan.app.surveys.models import Survey

QUESTIONS = [
    {"id": "sat", "kind": "scale", "text": "您对生态环境质量满意吗？", "index": "satisfaction"},
    {"id": "join", "kind": "single", "text": "您参加过生态环境保护活动吗？",
     "options": ["经常", "偶尔", "没有"], "index": "participation", "scores": [100, 50, 0]},
]
DAY = dt.date(2023, 6, 20)


def _satisfaction_target(admin) -> dict:
    rows = admin.get("/api/targets").json()["targets"]
    return next(r for r in rows if r["task"] == "35" and "满意度" in r["title"])


def _answer(env, survey_id: int, device: str, sat: int, join: int) -> None:
    with env.session() as s:
        surveys.respond(s, s.get(Survey, survey_id), district="武进区", device=device,
                        answers={"sat": sat, "join": join}, today=DAY, districts=["武进区"])


def test_survey_index_is_the_targets_figure(seeded):
    admin = seeded.client("admin")
    target = _satisfaction_target(admin)
    assert target["source"] != "survey"
    saved = admin.post(f"/obligations/{target['uid']}", data={"source": "survey", "frequency": "yearly"},
                       follow_redirects=False)
    assert saved.status_code == 303, saved.text
    row = _satisfaction_target(admin)
    assert row["source"] == "survey" and row["value"] is None
    assert "尚无结果" in row["explanation"]

    with seeded.session() as s:
        survey = surveys.create(s, surveys.Design(
            title="2023年公众生态环境满意度调查", questions=QUESTIONS, opens_on=dt.date(2023, 6, 1),
            closes_on=dt.date(2023, 6, 30), target_uid=target["uid"]), actor=None)
        surveys.set_state(s, survey, "open", actor=None)
        sid = survey.id
    _answer(seeded, sid, "d1", 5, 0)   # S 100, P 100 → C 100
    _answer(seeded, sid, "d2", 4, 1)   # S 75,  P 50  → C 62.5
    row = _satisfaction_target(admin)
    assert row["value"] == (100 + 62.5) / 2 == 81.25  # the results page's index (0.01)
    assert row["status"] != "missing"
    assert "样本2份" in row["explanation"]

    _answer(seeded, sid, "d3", 1, 2)   # S 0, P 0 → C 0: the kept status must move
    row = _satisfaction_target(admin)
    assert row["value"] == round((100 + 62.5 + 0) / 3, 2) == 54.17
    page = admin.get(f"/status/items/target/{target['uid']}")
    assert page.status_code == 200
    assert "公众满意度和参与度调查（综合指数）" in page.text and "样本量 3" in page.text


def test_a_survey_of_another_year_does_not_count(seeded):
    admin = seeded.client("admin")
    target = _satisfaction_target(admin)
    admin.post(f"/obligations/{target['uid']}", data={"source": "survey", "frequency": "yearly"})
    with seeded.session() as s:
        survey = surveys.create(s, surveys.Design(
            title="2022年调查", questions=QUESTIONS, opens_on=dt.date(2022, 6, 1),
            closes_on=dt.date(2022, 6, 30), target_uid=target["uid"]), actor=None)
        surveys.set_state(s, survey, "open", actor=None)
        surveys.respond(s, survey, district="武进区", device="d1", answers={"sat": 5},
                        today=dt.date(2022, 6, 2), districts=["武进区"])
    assert _satisfaction_target(admin)["value"] is None
