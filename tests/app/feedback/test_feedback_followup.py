"""Following reports up: the workbench tile, the overdue chase (once per report and limit,
under a lease), the reporter told by e-mail and on the tracking page, the unit's answer
evidence for the office (never for the public)."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import socket

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from ecoplan.app.core.clock import BEIJING
from ecoplan.app.db import unit_of_work
from ecoplan.app.feedback import chase
from ecoplan.app.feedback.models import FeedbackEvent, FeedbackReport
from ecoplan.app.workbench.models import InboxNotice
from test_feedback_api import submit

MONDAY = dt.datetime(2024, 3, 4, 9, 0, tzinfo=BEIJING)  # accept by Wed 6 March (2 working days)
PDF = b"%PDF-1.4\n%evidence\n"


def _at(clock, day: dt.date) -> None:
    clock(dt.datetime.combine(day, dt.time(10), tzinfo=BEIJING))


def _report_id(db) -> int:
    with unit_of_work(db) as s:
        return s.scalars(select(FeedbackReport.id)).one()


def test_workbench_tile_counts_and_overdue(client, login_as, clock, db):
    _at(clock, MONDAY.date())
    assert submit(client).status_code == 201
    office, unit = login_as("admin"), login_as("reporter")  # reporter: 市生态环境局
    bench = office.get("/api/me/workbench").json()
    assert bench.get("public_reports") == 1, bench
    assert bench["links"]["public_reports"] == "/feedback"
    assert bench["overdue"] == 0
    home = office.get("/").text
    assert 'id="count-public_reports"' in home and "公众举报待办理" in home
    _at(clock, dt.date(2024, 3, 7))  # past the accept limit (log in again: sessions expire)
    office, unit = login_as("admin"), login_as("reporter")
    assert office.get("/api/me/workbench").json()["overdue"] == 1
    rid = _report_id(db)
    assert office.post(f"/api/feedback/{rid}/assign", json={"unit": "市生态环境局"}).status_code == 200
    assert office.get("/api/me/workbench").json()["public_reports"] == 0
    assert unit.get("/api/me/workbench").json()["public_reports"] == 1
    assert login_as("district").get("/api/me/workbench").json()["public_reports"] == 0


def test_overdue_chase_once_per_report_and_limit(client, login_as, clock, db):
    _at(clock, MONDAY.date())
    code = submit(client).json()["code"]
    with unit_of_work(db) as s:
        assert chase.chase(s, today=dt.date(2024, 3, 6)) == []  # the last day is not late
        assert chase.chase(s, today=dt.date(2024, 3, 7)) == [code]
        assert chase.chase(s, today=dt.date(2024, 3, 8)) == []  # chased once for this limit
        to_office = s.scalars(select(InboxNotice).where(InboxNotice.user_id.is_not(None))).all()
        assert len(to_office) >= 1 and all("超过受理时限" in n.message for n in to_office)
    rid = _report_id(db)
    _at(clock, dt.date(2024, 3, 7))
    assigned = login_as("admin").post(f"/api/feedback/{rid}/assign", json={"unit": "市生态环境局"})
    assert assigned.status_code == 200, assigned.text
    with unit_of_work(db) as s:
        report = s.get(FeedbackReport, rid)
        late_start = report.start_by + dt.timedelta(days=1)
        assert chase.chase(s, today=late_start) == [code]
        notice = s.scalars(select(InboxNotice).where(InboxNotice.unit_id == report.unit_id)).one()
        assert "开始办理时限" in notice.message and notice.link == f"/feedback/{rid}"
        kinds = s.scalars(select(FeedbackEvent.text).where(FeedbackEvent.action == "chase")).all()
        assert sorted(kinds) == ["accept", "start"]
    page = login_as("admin").get(f"/feedback/{rid}").text
    assert "超期自动催办" in page
    audit = login_as("admin").get(f"/api/audit?object_type=feedback_report&object_id={rid}")
    assert "feedback.chase" in audit.text


def test_chase_runs_under_the_lease_once_per_day(client, clock, db):
    _at(clock, MONDAY.date())
    code = submit(client).json()["code"]
    days = iter([dt.date(2024, 3, 7), dt.date(2024, 3, 7)])
    first = chase.OverdueChase(db, every_s=3600, today=lambda: next(days))
    other = chase.OverdueChase(db, every_s=3600, today=lambda: dt.date(2024, 3, 7))
    assert first.run_due() == [code]
    assert other.run_due() is None  # the lease is the first process's
    assert first.run_due() is None  # the same day again: nothing to do


@pytest.fixture
def smtp_inbox(monkeypatch):
    class Inbox:
        messages: list = []

        async def handle_DATA(self, server, session, envelope):
            self.messages.append(envelope)
            return "250 OK"

    for port in range(18420, 18440):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
        break
    inbox = Inbox()
    inbox.messages = []
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    monkeypatch.setenv("ECOPLAN_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("ECOPLAN_SMTP_PORT", str(port))
    yield inbox
    controller.stop()


def test_reporter_told_by_email_and_on_the_tracking_page(client, login_as, clock, db, smtp_inbox):
    _at(clock, MONDAY.date())
    code = submit(client, contact="citizen@example.org").json()["code"]
    rid = _report_id(db)
    office, unit = login_as("admin"), login_as("reporter")
    office.post(f"/api/feedback/{rid}/assign", json={"unit": "市生态环境局"})
    assert [m.rcpt_tos for m in smtp_inbox.messages] == [["citizen@example.org"]]
    mailed = email.message_from_bytes(smtp_inbox.messages[0].content, policy=email.policy.default)
    body = mailed.get_content()
    assert code in body and "市生态环境局" not in body
    unit.post(f"/api/feedback/{rid}/start")
    unit.post(f"/api/feedback/{rid}/answer", json={"content": "已责令企业停产整改"})
    office.post(f"/api/feedback/{rid}/publish", json={"content": "已责令相关企业停产整改"})
    assert len(smtp_inbox.messages) == 2  # accepted, published (start and answer are internal)
    seen = client.get(f"/api/public/feedback/{code}").json()
    assert [s["text"] for s in seen["steps"]] == ["举报已收到", "已受理，交承办单位办理",
                                                  "承办单位已开始办理", "已办结，答复已公开"]
    page = client.get(f"/public/feedback/track?code={code}").text
    assert 'id="report-steps"' in page and "承办单位已开始办理" in page
    assert "citizen@example.org" not in page and "citizen@example.org" not in str(seen)


def test_answer_evidence_for_the_office_and_the_unit_only(client, login_as, clock, db, settings):
    _at(clock, MONDAY.date())
    code = submit(client).json()["code"]
    rid = _report_id(db)
    office, unit = login_as("admin"), login_as("reporter")
    office.post(f"/api/feedback/{rid}/assign", json={"unit": "市生态环境局"})
    form = unit.get(f"/feedback/{rid}").text
    assert 'enctype="multipart/form-data"' in form and 'name="files"' in form
    answered = unit.post(f"/feedback/{rid}/act", data={"action": "answer", "text": "已处理"},
                         files=[("files", ("现场核查.pdf", PDF, "application/pdf"))],
                         follow_redirects=False)
    assert answered.status_code == 303, answered.text
    evidence = office.get(f"/api/feedback/{rid}").json()["evidence"]
    assert [(e["name"], e["size"]) for e in evidence] == [("现场核查.pdf", len(PDF))]
    got = office.get(evidence[0]["url"])
    assert got.status_code == 200 and got.content == PDF
    assert unit.get(evidence[0]["url"]).status_code == 200
    assert login_as("district").get(evidence[0]["url"]).status_code == 403
    assert client.get(evidence[0]["url"]).status_code in (401, 403, 303)
    assert "现场核查.pdf" in office.get(f"/feedback/{rid}").text
    assert "evidence" not in client.get(f"/api/public/feedback/{code}").json()


def test_assessment_counts_answers_within_the_limit(client, login_as, clock, db):
    from ecoplan.app.assessment.gather import Period
    from ecoplan.app.assessment.service import unit_inputs
    from ecoplan.app.assessment.work_inputs import Work
    NO_WORK = Work(as_of=None, by_unit={}, tasks={})  # noqa: N806
    from ecoplan.assessment import PublicReportStats, parse_rules, score_unit

    _at(clock, MONDAY.date())
    for _ in range(3):
        assert submit(client).status_code == 201
    with unit_of_work(db) as s:
        ids = s.scalars(select(FeedbackReport.id).order_by(FeedbackReport.id)).all()
    office = login_as("admin")
    for rid in ids:
        office.post(f"/api/feedback/{rid}/assign", json={"unit": "市生态环境局"})
    login_as("reporter").post(f"/api/feedback/{ids[0]}/answer", json={"content": "已处理"})
    with unit_of_work(db) as s:
        due = s.get(FeedbackReport, ids[1]).due
    _at(clock, due + dt.timedelta(days=1))  # the second is answered a day late, the third never
    login_as("reporter").post(f"/api/feedback/{ids[1]}/answer", json={"content": "已处理"})
    year = Period(2024, None, dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    with unit_of_work(db) as s:
        inputs = unit_inputs(s, targets={}, reports={}, grants={}, start=year.start,
                             as_of=year.end, units=[("市生态环境局", "department"), ("武进区", "district")],
                             done=NO_WORK)
    assert inputs[0].public_reports == PublicReportStats(due=3, on_time=1, late=1)
    assert inputs[1].public_reports == PublicReportStats(due=0, on_time=0, late=0)
    rules = parse_rules("year: 2024\ntitle: t\nitems:\n  - {id: f, name: 公众举报, kind: public_reports,"
                        " weight: 6, applies_to: [department]}\ngrades:\n  - {name: 合格, min: 0}\n")
    assert score_unit(rules, inputs[0]).lines[0].points == 2  # 6 × 1 ÷ 3
    march = Period(2024, 1, dt.date(2024, 1, 1), dt.date(2024, 3, 31))
    with unit_of_work(db) as s:
        first_quarter = unit_inputs(s, targets={}, reports={}, grants={}, start=march.start,
                                    as_of=march.end, units=[("市生态环境局", "department")],
                                    done=NO_WORK)
    assert first_quarter[0].public_reports.due == 0  # due in April: not this quarter
