"""The public page (公开): open without login, and nothing internal on it — strings planted
in reports, comments, evidence and people never appear on the public page or API."""

from __future__ import annotations

from ecoplan.app.progress.models import EvidenceFile, ProgressReport
from ecoplan.app.progress.service import now
from ecoplan.app.units.models import Unit

PLANTED = {
    "narrative": "内部进展甲7Q", "problems": "内部问题乙8R", "next_steps": "内部计划丙9S",
}
EVIDENCE_NAME = "内部佐证丁0T.pdf"
COMMENT = "内部意见戊1U"
PERSON = "内部人员己2V"


def _plant(env):
    """Approved reports full of internal text, a returned one with a comment, evidence."""
    approved = env.report("6", **PLANTED)
    env.report("19", kind="target", value_to_date="60", **PLANTED)
    returned = env.report("9", **PLANTED)
    with env.session() as s:
        s.get(ProgressReport, returned).state = "returned"
        s.get(ProgressReport, returned).return_comment = COMMENT
        s.add(EvidenceFile(report_id=approved, file_name=EVIDENCE_NAME, stored_name="x" * 32,
                           file_type="pdf", size=10, sha256="0" * 64, uploaded_at=now()))
        env.user(s, "leader").display_name = PERSON


def _assert_clean(text: str) -> None:
    for planted in (*PLANTED.values(), EVIDENCE_NAME, COMMENT, PERSON, "leader", "reporter"):
        assert planted not in text


def test_public_page_and_api_show_no_internal_data(seeded, with_monitoring):
    _plant(seeded)
    client = seeded.client(None)
    page = client.get("/public")
    api = client.get("/api/public/status")
    assert page.status_code == api.status_code == 200
    _assert_clean(page.text)
    _assert_clean(api.text)
    # the internal target page does show them: the planted strings are really there
    admin = seeded.client("admin")
    task6 = next(t for t in admin.get("/api/status").json()["tasks"] if t["number"] == "6")
    internal = admin.get(f"/status/items/task/{task6['uid']}").text
    assert PLANTED["narrative"] in internal and EVIDENCE_NAME in internal
    data = api.json()
    assert set(data) == {"plan", "air", "water", "as_of", "monitoring_as_of", "synthetic",
                         "goals", "rankings", "task_counts", "tasks", "rectification", "towns"}
    assert data["rectification"] == []  # nothing marked public by the office
    assert set(data["tasks"][0]) == {"number", "title", "status"}
    task6 = next(t for t in data["tasks"] if t["number"] == "6")
    assert task6["status"] == "按序时推进"
    assert all(set(r) == {"rank", "name", "value", "last_year", "yellow", "red"}
               for r in data["rankings"]["district"]["rows"])


def test_public_page_shows_goals_rankings_and_synthetic_label(seeded, with_monitoring):
    client = seeded.client(None)
    page = client.get("/public")
    assert "合成数据" in page.text and "PM2.5" in page.text
    assert "辖市区环境空气质量排名" in page.text and "镇（街道）环境空气质量排名" in page.text
    data = client.get("/api/public/status").json()
    assert data["synthetic"] is True and data["rankings"]["period"] == "2023-06"
    pm25 = next(g for g in data["goals"] if g["label"] == "PM2.5浓度")
    assert pm25["current"] is not None and isinstance(pm25["status"], str)
    assert len(data["rankings"]["town"]["rows"]) == 63
    air = {r["key"]: r for r in data["air"]["rows"]}
    assert data["air"]["as_of"] == "2023-06-30"
    assert air["pm25"]["value"] == pm25["current"] and air["pm25"]["last_year"] is not None
    assert 'id="city-air"' in page.text


def test_public_without_a_plan(client):
    assert client.get("/public").status_code == 200
    assert client.get("/api/public/status").status_code == 404


def test_units_are_not_ranked_publicly(seeded):
    with seeded.session() as s:
        names = [u.name for u in s.query(Unit).filter(Unit.kind == "enterprise")]
    text = seeded.client(None).get("/api/public/status").text
    assert not any(name in text for name in names)
