"""The office designs and opens a survey on its page; a citizen answers on the public page once."""

from __future__ import annotations

import datetime as dt
import json
import re

from ecoplan import clock


def test_design_open_answer_once_and_read_results(login_as):
    office = login_as("admin")
    today = clock.today()
    form = office.get("/surveys")
    example = re.search(r'<textarea name="questions"[^>]*>(.*?)</textarea>', form.text, re.S).group(1)
    questions = json.loads(example.replace("&#34;", '"'))
    made = office.post("/surveys", data={
        "title": "公众满意度调查", "opens_on": today.isoformat(),
        "closes_on": (today + dt.timedelta(days=10)).isoformat(), "questions": json.dumps(questions)})
    assert made.status_code == 303
    survey_url = made.headers["location"]
    citizen = login_as(None)
    assert "当前没有开放的调查" in citizen.get("/public/survey").text
    assert office.post(f"{survey_url}/state", data={"state": "open"}).status_code == 303
    page = citizen.get("/public/survey")
    assert 'id="survey-form"' in page.text and "很满意" in page.text
    answer = {"district": "武进区", "q1": "4", "q2": "1", "q3": "多种树"}
    assert 'id="survey-done"' in citizen.post("/public/survey", data=answer).text
    again = citizen.post("/public/survey", data=answer)
    assert again.status_code == 422 and "已参加" in again.text
    results = office.get(survey_url).text
    # one answer: satisfaction 25×(4−1) = 75, participation 50, combined 62.5, no interval
    assert re.search(r"<td>武进区</td><td>1</td><td>75\.0</td><td>50\.0</td><td>62\.5</td>", results)


def test_demo_step_makes_one_draft_survey(db):
    from ecoplan.app.db import unit_of_work
    from ecoplan.app.surveys.demo import create_demo_survey
    from ecoplan.app.surveys.models import Survey
    from ecoplan.app.surveys.manifest import MANIFEST
    from ecoplan.demo.build import DemoReport

    assert create_demo_survey in MANIFEST.demo_steps
    for _ in range(2):
        with unit_of_work(db) as session:
            create_demo_survey(session, DemoReport())
    with unit_of_work(db) as session:
        surveys = session.query(Survey).all()
        assert [(s.state, len(s.questions)) for s in surveys] == [("draft", 3)]
