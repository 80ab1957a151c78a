"""Reports from the public through the API: submit with a challenge, follow by code, triage,
answer, publish; anti-abuse (rate limit, honeypot, challenge, photos re-encoded without EXIF);
time limits in PRC working days; no personal data in anything public."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json

import pytest
from PIL import Image

from ecoplan.app.db import unit_of_work
from ecoplan.app.feedback.limits import Limits
from ecoplan.app.feedback.models import FeedbackReport

CONTACT = "13912345678"
ADDRESS = "湖塘镇某某路88号后门"


def jpeg_with_gps() -> bytes:
    """A JPEG carrying EXIF (a GPS IFD and a camera model) as phones write it."""
    image = Image.new("RGB", (64, 48), (30, 120, 60))
    exif = Image.Exif()
    exif[0x0110] = "PhoneCam 9"  # Model
    exif[0x8825] = {1: "N", 2: (31.0, 47.0, 0.0)}  # GPSInfo
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def submit(client, *, content="河道里有黑色污水直排，气味很重", website="", wrong=False,
           photos=(), **fields):
    challenge = client.get("/api/public/challenge").json()
    a, b = (int(x) for x in challenge["question"].split(" = ")[0].split(" + "))
    data = {"category": "water", "district": "武进区", "content": content, "contact": CONTACT,
            "address": ADDRESS, "challenge": challenge["token"],
            "answer": str(a + b + (1 if wrong else 0)), "website": website, **fields}
    files = [("photos", (f"p{i}.jpg", p, "image/jpeg")) for i, p in enumerate(photos)]
    return client.post("/api/public/feedback", data=data, files=files or None)


@pytest.fixture
def office(login_as):
    return login_as("admin")


def test_citizen_reports_office_assigns_unit_answers_answer_published(client, office, login_as,
                                                                      db, settings):
    made = submit(client, photos=[jpeg_with_gps()])
    assert made.status_code == 201, made.text
    code = made.json()["code"]
    assert code.startswith("JB") and len(code) == 12

    seen = client.get(f"/api/public/feedback/{code}").json()
    assert seen["state"] == "received" and seen["answer"] is None

    with unit_of_work(db) as session:
        report = session.query(FeedbackReport).one()
        stored = settings.data_dir / report.photos[0]["path"]
        report_id = report.id
    photo = Image.open(stored)
    assert photo.format == "JPEG" and photo.size == (64, 48)
    assert not photo.getexif() and b"PhoneCam" not in stored.read_bytes()

    listed = office.get("/api/feedback").json()["reports"]
    assert [r["code"] for r in listed] == [code] and listed[0]["contact"] == CONTACT

    assigned = office.post(f"/api/feedback/{report_id}/assign", json={"unit": "市生态环境局"})
    assert assigned.status_code == 200, assigned.text
    assert assigned.json()["state"] == "assigned" and assigned.json()["due"]
    assert client.get(f"/api/public/feedback/{code}").json()["state"] == "assigned"

    outsider = login_as("district")  # 武进区: the report is not theirs
    assert outsider.post(f"/api/feedback/{report_id}/answer", json={"content": "x"}).status_code == 403
    assert outsider.get("/api/feedback").json()["reports"] == []

    unit = login_as("reporter")  # 市生态环境局
    unread = unit.get("/api/me/workbench").json()["unread_notices"]
    assert office.post(f"/api/feedback/{report_id}/remind").status_code == 200
    assert unit.get("/api/me/workbench").json()["unread_notices"] == unread + 1
    assert unit.get("/api/feedback").json()["reports"][0]["code"] == code
    answered = unit.post(f"/api/feedback/{report_id}/answer",
                         json={"content": "已现场核查，责令企业停止排污并立案处罚。"})
    assert answered.json()["state"] == "answered"
    public = client.get(f"/api/public/feedback/{code}").json()
    assert public["state"] == "answered" and public["answer"] is None  # not yet published

    assert unit.post(f"/api/feedback/{report_id}/publish", json={}).status_code == 403
    published = office.post(f"/api/feedback/{report_id}/publish", json={})
    assert published.json()["state"] == "closed"
    public = client.get(f"/api/public/feedback/{code}").json()
    assert public == {**public, "state": "closed", "outcome": "answered",
                      "answer": "已现场核查，责令企业停止排污并立案处罚。"}
    answered_list = client.get("/api/public/feedback").json()["reports"]
    assert [r["code"] for r in answered_list] == [code]
    everything = json.dumps([public, answered_list], ensure_ascii=False)
    assert CONTACT not in everything and ADDRESS not in everything and "testclient" not in everything


def test_duplicate_and_referred_reports_tell_the_reporter_where_to_look(client, office, db):
    first = submit(client).json()["code"]
    second = submit(client, content="同一条河又在排污").json()["code"]
    third = submit(client, content="小区装修噪声").json()["code"]
    with unit_of_work(db) as session:
        ids = {r.code: r.id for r in session.query(FeedbackReport)}
    dup = office.post(f"/api/feedback/{ids[second]}/duplicate", json={"of": first})
    assert dup.status_code == 200, dup.text
    seen = client.get(f"/api/public/feedback/{second}").json()
    assert seen["state"] == "closed" and seen["duplicate_of"] == first
    referred = office.post(f"/api/feedback/{ids[third]}/refer",
                           json={"office": "武进区住房和城乡建设局", "reason": "室内装修噪声由住建部门管理"})
    assert referred.status_code == 200, referred.text
    seen = client.get(f"/api/public/feedback/{third}").json()
    assert (seen["state"], seen["referred_to"], seen["reason"]) == (
        "rejected", "武进区住房和城乡建设局", "室内装修噪声由住建部门管理")
    # a closed report cannot be the one others are merged into
    again = office.post(f"/api/feedback/{ids[first]}/duplicate", json={"of": second})
    assert again.status_code == 422
    spam = office.post(f"/api/feedback/{ids[first]}/spam")
    assert client.get(f"/api/public/feedback/{first}").json()["state"] == "rejected"
    assert spam.status_code == 200


def test_rate_limit_answers_429_with_retry_after(app, client, settings):
    app.state.settings = dataclasses.replace(settings, public_rate_limit=10,
                                             public_device_rate_limit=2)
    assert submit(client).status_code == 201
    assert submit(client).status_code == 201
    refused = submit(client)
    assert refused.status_code == 429
    assert 0 < int(refused.headers["Retry-After"]) <= settings.public_rate_window_seconds


def test_honeypot_wrong_answer_and_reused_challenge_are_refused(client):
    assert submit(client, website="http://spam.example").status_code == 422
    wrong = submit(client, wrong=True)
    assert wrong.status_code == 422 and "验证题" in wrong.json()["error"]
    challenge = client.get("/api/public/challenge").json()
    a, b = (int(x) for x in challenge["question"].split(" = ")[0].split(" + "))
    data = {"category": "air", "district": "武进区", "content": "烟囱冒黑烟",
            "challenge": challenge["token"], "answer": str(a + b)}
    assert client.post("/api/public/feedback", data=data).status_code == 201
    assert client.post("/api/public/feedback", data=data).status_code == 422


def test_a_first_report_needs_no_question_a_second_from_the_address_does(client):
    """The API as the issue writes it (no challenge fields) takes an address's first report;
    the next one from that address within the window must answer a question."""
    plain = {"category": "water", "district": "武进区", "content": "河面漂浮垃圾", "contact": ""}
    first = client.post("/api/public/feedback", data=plain)
    assert first.status_code == 201 and first.json()["code"]
    second = client.post("/api/public/feedback", data=plain)
    assert second.status_code == 422 and "验证题" in second.json()["error"]
    assert submit(client).status_code == 201  # with a question answered


def test_bad_input_is_a_clear_message(client):
    assert "辖市区" in submit(client, district="火星区").json()["error"]
    assert "类别" in submit(client, category="sky").json()["error"]
    bad = submit(client, photos=[b"not an image at all"])
    assert bad.status_code == 422 and "图片" in bad.json()["error"]
    many = submit(client, photos=[jpeg_with_gps()] * 4)
    assert many.status_code == 422 and "3" in many.json()["error"]
    assert client.get("/api/public/feedback/JBNOSUCHCODE").status_code == 404


def test_time_limits_count_prc_working_days():
    limits = Limits()
    # 2024-09-30 (Mon) is followed by the National Day holiday 10-01..10-07
    assert limits.accept_by(dt.date(2024, 9, 30)) == dt.date(2024, 10, 9)
    # a Friday report: Saturday and Sunday are not counted
    assert limits.accept_by(dt.date(2024, 11, 1)) == dt.date(2024, 11, 5)
    # 2024-10-12 (Sat) is a make-up working day
    assert limits.start_by(dt.date(2024, 10, 11)) == dt.date(2024, 10, 14)
    # 30 days after 09-13 is Sunday 10-13: moved to Monday
    assert limits.close_by(dt.date(2024, 9, 13)) == dt.date(2024, 10, 14)
    assert Limits(accept=1, start=1, close=15).close_by(dt.date(2024, 3, 1)) == dt.date(2024, 3, 18)


def test_unit_extension_needs_office_consent(client, office, login_as, db):
    code = submit(client).json()["code"]
    with unit_of_work(db) as session:
        report_id = session.query(FeedbackReport).one().id
    due = dt.date.fromisoformat(office.post(f"/api/feedback/{report_id}/assign",
                                            json={"unit": "市生态环境局"}).json()["due"])
    unit = login_as("reporter")
    later = (due + dt.timedelta(days=20)).isoformat()
    assert unit.post(f"/api/feedback/{report_id}/extend",
                     json={"reason": "", "due": later}).status_code == 422
    assert unit.post(f"/api/feedback/{report_id}/extend",
                     json={"reason": "需第三方检测，报告20日后出具", "due": later}).status_code == 200
    assert client.get(f"/api/public/feedback/{code}").json()["due"] == due.isoformat()
    assert office.post(f"/api/feedback/{report_id}/extension", json={"grant": True}).status_code == 200
    seen = client.get(f"/api/public/feedback/{code}").json()
    assert seen["due"] == later and seen["reason"] == "需第三方检测，报告20日后出具"


def test_a_shorter_window_elsewhere_does_not_sweep_the_public_counts(db):
    from ecoplan.app.auth.ratelimit import AttemptLimit

    start = dt.datetime(2026, 1, 5, 8, 0, tzinfo=dt.timezone.utc)
    public = AttemptLimit(db, "public.feedback.ip", 5, 3600, clock=lambda: start)
    login = AttemptLimit(db, "login", 10, 300, clock=lambda: start + dt.timedelta(minutes=20))
    public.attempt("k")
    login.attempt("other")
    assert AttemptLimit(db, "public.feedback.ip", 5, 3600,
                        clock=lambda: start + dt.timedelta(minutes=20)).count("k") == 1
