"""The office's list of approved reports: newest approval first, a page at a time."""

from __future__ import annotations

import re

from ecoplan.app.progress import office_views

PERIOD = "2023-05"


def _submit(client, kind: str, uid: str) -> int:
    response = client.post(f"/progress/items/{kind}/{uid}", data={
        "period": PERIOD, "narrative": "已完成阶段性工作", "problems": "", "next_steps": "",
        "intent": "submit"})
    assert response.status_code == 303, response.text[:300]
    return int(re.search(r"/progress/reports/(\d+)$", response.headers["location"]).group(1))


def test_pages_newest_first(seeded, monkeypatch):
    monkeypatch.setattr(office_views, "OFFICE_PAGE", 1)
    reporter, leader, admin = (seeded.client(r) for r in ("reporter", "leader", "admin"))
    tasks = [i for i in reporter.get(f"/api/progress/todo?period={PERIOD}").json()["items"]
             if i["kind"] == "task"]
    ids = [_submit(reporter, "task", t["uid"]) for t in tasks[:2]]
    for report_id in reversed(ids):  # the second report is approved first
        assert leader.post(f"/progress/reports/{report_id}/approve").status_code == 303
    first = admin.get("/progress/office", params={"period": PERIOD})
    assert f"/progress/reports/{ids[0]}\"" in first.text
    assert f"/progress/reports/{ids[1]}\"" not in first.text
    assert "共 2 份，最新审核的在前" in first.text and "第 1 / 2 页" in first.text
    second = admin.get("/progress/office", params={"period": PERIOD, "page": "2"})
    assert f"/progress/reports/{ids[1]}\"" in second.text and "上一页" in second.text
    beyond = admin.get("/progress/office", params={"period": PERIOD, "page": "9"})
    assert "第 2 / 2 页" in beyond.text


def test_default_period_follows_the_evaluation_day(seeded):
    """Without ?period=, the pages show the period being reported on at the office's evaluation
    day (as the statuses and reminders do), not at today's date."""
    import datetime as dt

    from ecoplan.app.status.models import StatusSettings

    reporter, admin = seeded.client("reporter"), seeded.client("admin")
    today_default = reporter.get("/api/progress/todo").json()["period"]
    with seeded.session() as session:
        session.add(StatusSettings(as_of=dt.date(2023, 7, 10), version=1))
    assert reporter.get("/api/progress/todo").json()["period"] == "2023-06"
    assert today_default == "2023-12"  # the plan's year is over today: its last period
    assert 'value="2023-06" selected' in admin.get("/progress/office").text
