"""Reminders: due-soon notices N working days before the due date, missing-report notices after
it, once per unit and period; e-mail through a local SMTP server (aiosmtpd on 127.0.0.1)."""

from __future__ import annotations

import datetime as dt
import socket
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from ecoplan.app.progress import reminders, service, todo
from ecoplan.app.progress.mail import SmtpSettings
from ecoplan.app.progress.models import Notice, UnitContact

D = dt.date


class Inbox:
    def __init__(self) -> None:
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 OK"


@pytest.fixture
def smtp_server():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield SmtpSettings(host="127.0.0.1", port=port, sender="office@example.org"), inbox
    controller.stop()


def test_kind_on_follows_the_working_day_calendar(seeded):
    with seeded.session() as s:
        cal = service.calendar(s)
    # May 2023 is due Mon 5 June; three working days before is Wed 31 May.
    assert reminders.kind_on("2023-05", cal, D(2023, 5, 30)) is None
    assert reminders.kind_on("2023-05", cal, D(2023, 5, 31)) == "due_soon"
    assert reminders.kind_on("2023-05", cal, D(2023, 6, 5)) == "due_soon"
    assert reminders.kind_on("2023-05", cal, D(2023, 6, 6)) == "missing"


def test_notices_once_per_unit_and_emails(seeded, smtp_server):
    smtp, inbox = smtp_server
    with seeded.session() as s:
        unit = seeded.unit(s, "市生态环境局")
        s.add(UnitContact(unit_id=unit.id, email="sthjj@example.org"))
        s.flush()
        result = reminders.run(s, today=D(2023, 6, 1), smtp=smtp)
        assert result.error is None
        mine = [n for n in result.notices if n.unit_id == unit.id]
        # due soon for May, missing for January – April
        assert sorted((n.kind, n.period) for n in mine) == [
            ("due_soon", "2023-05"), *[("missing", f"2023-0{m}") for m in range(1, 5)]]
        soon = next(n for n in mine if n.kind == "due_soon")
        assert soon.message == "2023年5月工作进展请于2023年6月5日前报送，尚有 134 项未报送。"
        # January was due on Sunday 5 February 2023: moved to Monday the 6th
        january = next(n for n in mine if n.period == "2023-01")
        assert january.due == D(2023, 2, 6) and "已于2023年2月6日到期" in january.message
        units = reminders.statuses(s, todo.published(s), "2023-05")
        assert len(result.notices) == len(units) * 5
        assert sorted(result.emailed) == ["sthjj@example.org"] * 5
    assert len(inbox.messages) == 5
    assert inbox.messages[0].rcpt_tos == ["sthjj@example.org"]
    mails = [message_from_bytes(m.content, policy=policy.default) for m in inbox.messages]
    assert sorted(str(m["Subject"]) for m in mails)[0] == "【生态文明建设】2023年1月工作进展催报"
    assert all("项未报送" in m.get_content() and m["From"] == "office@example.org" for m in mails)
    with seeded.session() as s:
        assert reminders.run(s, today=D(2023, 6, 1), smtp=smtp).notices == []
    assert len(inbox.messages) == 5


def test_unreachable_smtp_keeps_the_notices(seeded):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with seeded.session() as s:
        s.add(UnitContact(unit_id=seeded.unit(s, "武进区").id, email="wj@example.org"))
        s.flush()
        result = reminders.run(s, today=D(2023, 2, 7), smtp=SmtpSettings("127.0.0.1", port))
        assert result.error and "邮件发送失败" in result.error and result.notices
    with seeded.session() as s:
        assert s.scalar(select(Notice.id).limit(1)) is not None


def test_missing_page_and_notice_shown_to_the_unit(seeded):
    admin, reporter = seeded.client("admin"), seeded.client("reporter")
    page = admin.get("/progress/missing?period=2023-05")
    assert page.status_code == 200 and "市生态环境局" in page.text and "134" in page.text
    assert admin.post("/progress/reminders").status_code == 303
    todo = reporter.get("/progress?period=2023-05")
    assert "逾期未报" in todo.text
    api = admin.get("/api/progress/missing?period=2023-05").json()
    assert any(u["unit"] == "市生态环境局" and u["items"] == 134 for u in api["units"])
    assert seeded.client("reporter").get("/api/progress/missing").status_code == 403


def test_office_keeps_the_reminder_addresses(seeded):
    admin = seeded.client("admin")
    with seeded.session() as s:
        sthjj, wj = seeded.unit(s, "市生态环境局").id, seeded.unit(s, "武进区").id
    page = admin.get("/progress/contacts")
    assert page.status_code == 200 and f'name="email-{wj}"' in page.text
    bad = admin.post("/progress/contacts", data={f"email-{sthjj}": "hb@example.org",
                                                 f"email-{wj}": "不是邮箱"})
    assert bad.status_code == 422 and "武进区" in bad.text and "hb@example.org" in bad.text
    with seeded.session() as s:
        assert s.scalar(select(UnitContact.id)) is None  # nothing saved
    ok = admin.post("/progress/contacts", data={f"email-{sthjj}": "hb@example.org",
                                                f"email-{wj}": " wj@example.org "})
    assert ok.status_code == 303
    cleared = admin.post("/progress/contacts", data={f"email-{sthjj}": "", f"email-{wj}": ""})
    assert cleared.status_code == 303
    admin.post("/progress/contacts", data={f"email-{wj}": "wj2@example.org"})
    with seeded.session() as s:
        assert dict(s.execute(select(UnitContact.unit_id, UnitContact.email)).all()) == {
            wj: "wj2@example.org"}
    assert seeded.client("reporter").get("/progress/contacts").status_code == 403
