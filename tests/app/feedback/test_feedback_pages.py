"""The citizen's pages (form, tracking) and the office's handling page."""

from __future__ import annotations

import re

from ecoplan.app.db import unit_of_work
from ecoplan.app.feedback.models import FeedbackReport


def test_form_submit_track_and_office_handles_it(login_as, db):
    citizen = login_as(None)
    page = citizen.get("/public/feedback")
    assert page.status_code == 200 and "我要举报" in page.text and 'name="website"' in page.text
    token = re.search(r'name="challenge" value="([^"]+)"', page.text).group(1)
    a, b = map(int, re.search(r"验证题：(\d+) \+ (\d+)", page.text).groups())
    form = {"category": "noise", "district": "武进区", "content": "工地夜间施工噪声扰民",
            "contact": "王先生 13800000000", "challenge": token, "answer": str(a + b), "website": ""}
    wrong = citizen.post("/public/feedback", data={**form, "answer": str(a + b + 1)})
    assert wrong.status_code == 422 and "验证题答案不正确" in wrong.text and "工地夜间施工" in wrong.text
    token = re.search(r'name="challenge" value="([^"]+)"', wrong.text).group(1)
    a, b = map(int, re.search(r"验证题：(\d+) \+ (\d+)", wrong.text).groups())
    done = citizen.post("/public/feedback", data={**form, "challenge": token, "answer": str(a + b)})
    assert done.status_code == 303
    tracked = citizen.get(done.headers["location"])
    code = re.search(r"code=(JB\w+)", done.headers["location"]).group(1)
    assert tracked.status_code == 200 and code in tracked.text and "已收到，待受理" in tracked.text
    assert "13800000000" not in tracked.text
    assert citizen.get("/public/feedback/track?code=JBNOPE").status_code == 404

    with unit_of_work(db) as session:
        report_id = session.query(FeedbackReport).one().id
    office = login_as("admin")
    assert code in office.get("/feedback").text
    item = office.get(f"/feedback/{report_id}")
    assert "13800000000" in item.text and 'id="form-assign"' in item.text
    moved = office.post(f"/feedback/{report_id}/act", data={"action": "assign", "unit": "武进区"})
    assert moved.status_code == 303
    unit = login_as("district")
    page = unit.get(f"/feedback/{report_id}")
    assert 'id="form-answer"' in page.text and "13800000000" not in page.text
    assert unit.post(f"/feedback/{report_id}/act",
                     data={"action": "answer", "text": "已责令夜间停工"}).status_code == 303
    assert unit.post(f"/feedback/{report_id}/act", data={"action": "publish"}).status_code == 403
    assert office.post(f"/feedback/{report_id}/act", data={"action": "publish", "text": ""}).status_code == 303
    tracked = citizen.get(f"/public/feedback/track?code={code}")
    assert "已责令夜间停工" in tracked.text and "已办结" in tracked.text
    assert "已责令夜间停工" in citizen.get("/public/feedback").text
    assert login_as("reporter").get(f"/feedback/{report_id}").status_code == 403


def test_form_place_picked_on_the_map_and_by_location(login_as, db):
    citizen = login_as(None)
    page = citizen.get("/public/feedback").text
    assert 'id="place-map"' in page and 'data-district="武进区"' in page and "示意图" in page
    assert 'id="use-location"' in page and 'name="lat"' in page
    token = re.search(r'name="challenge" value="([^"]+)"', page).group(1)
    a, b = map(int, re.search(r"验证题：(\d+) \+ (\d+)", page).groups())
    form = {"category": "air", "district": "武进区", "town": "湖塘镇", "content": "露天焚烧",
            "challenge": token, "answer": str(a + b), "website": "", "lat": "31.71234",
            "lon": "119.95123"}
    bad = citizen.post("/public/feedback", data={**form, "lat": "北纬31度"})
    assert bad.status_code == 422 and "地图位置应为数字" in bad.text
    token = re.search(r'name="challenge" value="([^"]+)"', bad.text).group(1)
    a, b = map(int, re.search(r"验证题：(\d+) \+ (\d+)", bad.text).groups())
    done = citizen.post("/public/feedback", data={**form, "challenge": token, "answer": str(a + b)})
    assert done.status_code == 303
    with unit_of_work(db) as session:
        report = session.query(FeedbackReport).one()
        assert (report.town, report.lat, report.lon) == ("湖塘镇", 31.71234, 119.95123)
    assert "31.71234" not in citizen.get(done.headers["location"]).text
