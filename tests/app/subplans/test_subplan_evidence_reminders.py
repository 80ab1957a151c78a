"""Sub-plan measure reports get what target reports have: evidence files with the submission
(the calendar's size limit, type by content, all or none, downloaded by whoever sees the
sub-plan), deadline reminders in the app and by e-mail (once per unit, sub-plan, month and
kind), made by the daily job that only the lease holder among the processes runs."""

from __future__ import annotations

import datetime as dt
import sys
from email import message_from_bytes, policy
from pathlib import Path

from sqlalchemy import func, select

from ecoplan.app.progress.models import ReportingCalendar, UnitContact
from ecoplan.app.progress.service import CALENDAR_DEFAULTS
from ecoplan.app.subplans import reminders
from ecoplan.app.subplans.models import SubPlanEvidence, SubPlanReport
from ecoplan.app.units.models import Unit
from ecoplan.app.workbench.models import InboxNotice
from subplan_people import add_person, last_report, map_unit
from test_subplans import confirm_all, the_subplan, upload

sys.path.insert(0, str(Path(__file__).parents[1] / "progress"))
from test_reminders import smtp_server  # noqa: E402,F401  (the local SMTP server fixture)

DEPT = "武进区工业和信息化局"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
D = dt.date


def _published(seeded, wujin, people):
    district = seeded.client("district")
    upload(district, wujin)
    assert confirm_all(district, seeded).status_code == 303
    dept = add_person(seeded, people, "wujin_mit", "reporter", DEPT, parent="武进区")
    assert map_unit(district, seeded, "区工业和信息化局", DEPT).status_code == 303
    sp_id, items = the_subplan(seeded)
    return district, dept, sp_id, items


def _files(env) -> list[Path]:
    folder = Path(env.settings.data_dir) / "evidence"
    return sorted(p for p in folder.iterdir() if p.is_file()) if folder.exists() else []


def _report(client, item_id, note="新增绿色工厂2家", files=(), version=None):
    data = {"status": "in_progress", "note": note}
    if version is not None:
        data["version"] = version
    return client.post(f"/subplans/items/{item_id}/reports", data=data,
                       files=[("files", f) for f in files])


def test_evidence_goes_with_the_report_and_is_seen_by_who_sees_the_subplan(seeded, wujin, people):
    district, dept, sp_id, items = _published(seeded, wujin, people)
    page = dept.get(f"/subplans/{sp_id}").text
    assert 'enctype="multipart/form-data"' in page and 'name="files"' in page
    # refused, all or none: a program among the files keeps neither file nor report
    r = _report(dept, items["2"], files=[("公示.pdf", PDF, "application/pdf"),
                                         ("run.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")])
    assert r.status_code == 422 and "不支持的文件类型" in r.text and "run.pdf" in r.text
    with seeded.session() as s:
        assert s.scalar(select(func.count()).select_from(SubPlanReport)) == 0
    assert _files(seeded) == []
    with seeded.session() as s:  # the office's limit for evidence files applies here too
        s.add(ReportingCalendar(**{**CALENDAR_DEFAULTS, "max_evidence_bytes": 32}))
    r = _report(dept, items["2"], files=[("公示.pdf", PDF, "application/pdf")])
    assert r.status_code == 422 and "文件过大" in r.text
    with seeded.session() as s:
        s.scalars(select(ReportingCalendar)).one().max_evidence_bytes = 10 * 1024 * 1024
    r = _report(dept, items["2"], files=[("公示.pdf", PDF, "application/pdf"),
                                         ("现场.png", PNG, "image/png")])
    assert r.status_code == 303 and "佐证材料 2 个" in dept.get(f"/subplans/{sp_id}").text
    report = last_report(seeded)
    with seeded.session() as s:
        kept = s.scalars(select(SubPlanEvidence).order_by(SubPlanEvidence.id)).all()
        assert [(e.file_name, e.file_type, e.size, e.report_id) for e in kept] == [
            ("公示.pdf", "pdf", len(PDF), report.id), ("现场.png", "png", len(PNG), report.id)]
        ids = [e.id for e in kept]
    assert len(_files(seeded)) == 2
    page = district.get(f"/subplans/{sp_id}").text
    assert f'href="/subplans/evidence/{ids[0]}"' in page
    for client in (district, dept, seeded.client("admin"), seeded.client("viewer")):
        got = client.get(f"/subplans/evidence/{ids[0]}")
        assert got.status_code == 200 and got.content == PDF
        assert got.headers["content-type"] == "application/pdf"
        assert "filename*=UTF-8''" in got.headers["content-disposition"]
    assert seeded.client("reporter").get(f"/subplans/evidence/{ids[0]}").status_code == 403
    assert district.get("/subplans/evidence/99999").status_code == 404
    # approved: the measure shows its evidence beside its status
    assert district.post(f"/subplans/reports/{report.id}/approve",
                         data={"version": report.version}).status_code == 303
    page = district.get(f"/subplans/{sp_id}").text
    assert "佐证材料：" in page and f'href="/subplans/evidence/{ids[1]}"' in page


def _unit_id(env, name):
    with env.session() as s:
        return s.scalars(select(Unit.id).where(Unit.name == name)).one()


def _notices(env, unit_id) -> list[InboxNotice]:
    with env.session() as s:
        found = s.scalars(select(InboxNotice).where(InboxNotice.unit_id == unit_id)
                          .order_by(InboxNotice.id)).all()
        s.expunge_all()
        return found


def test_reminders_once_per_unit_month_and_kind_in_the_app_and_by_mail(
        seeded, wujin, people, smtp_server):
    smtp, inbox = smtp_server
    district, dept, sp_id, items = _published(seeded, wujin, people)
    dept_id = _unit_id(seeded, DEPT)
    with seeded.session() as s:
        s.add(UnitContact(unit_id=dept_id, email="gxj@example.org"))
    # 31 July 2023 is a Monday: three working days before it is Wednesday 26 July
    assert reminders.due_now(D(2023, 7, 25), 3) == [("2023-06", "missing")]
    assert reminders.due_now(D(2023, 7, 26), 3) == [("2023-06", "missing"), ("2023-07", "due_soon")]
    with seeded.session() as s:
        made = reminders.run(s, today=D(2023, 7, 25), smtp=smtp)
    mine = _notices(seeded, dept_id)
    # the department names three measures and reported none: June is missing, July not yet due
    assert [n.message for n in mine] == [
        f"《{made[0].message.split('》')[0][1:]}》2023年6月措施进展已于2023年6月30日到期，"
        "尚有 3 项未报送，请尽快报送。"]
    assert mine[0].link == f"/subplans/{sp_id}?period=2023-06&remind=missing"
    assert mine[0].emailed_to == ["gxj@example.org"]
    assert len(inbox.messages) == 1 and inbox.messages[0].rcpt_tos == ["gxj@example.org"]
    mail = message_from_bytes(inbox.messages[0].content, policy=policy.default)
    assert "措施进展已于2023年6月30日到期" in mail.get_content()
    assert any(n.unit_id != dept_id for n in made)  # 武进区 itself owes the measures naming no unit
    with seeded.session() as s:
        assert reminders.run(s, today=D(2023, 7, 25), smtp=smtp) == []  # the same day again
    with seeded.session() as s:
        reminders.run(s, today=D(2023, 7, 26), smtp=smtp)
    assert [n.link.rsplit("=", 1)[1] for n in _notices(seeded, dept_id)] == ["missing", "due_soon"]
    assert "2023年7月31日前报送，尚有 3 项未报送" in _notices(seeded, dept_id)[1].message
    # the workbench shows them (unread), the notices page lists them
    assert dept.get("/api/me/workbench").json()["unread_notices"] == 2
    assert "2023年7月31日前报送" in dept.get("/notices").text
    # one measure reported (awaiting approval): July's missing notice counts two
    assert _report(dept, items["2"]).status_code == 303
    with seeded.session() as s:
        reminders.run(s, today=D(2023, 8, 1), smtp=smtp)
    assert "尚有 2 项未报送" in _notices(seeded, dept_id)[-1].message
    assert len(inbox.messages) == 3


def test_the_daily_job_runs_in_the_lease_holder_only(seeded, wujin, people):
    _published(seeded, wujin, people)
    day = lambda: D(2023, 7, 26)  # noqa: E731
    first = reminders.SubPlanReminders(seeded.sessions, today=day)
    second = reminders.SubPlanReminders(seeded.sessions, today=day)
    made = first.run_due()
    assert made and first.last_day == day()
    assert first.run_due() is None  # the same day: nothing run again
    assert second.run_due() is None and second.last_day is None  # not the holder
    first.stop()  # releases the lease: the other process takes over (nothing left to send)
    assert second.run_due() == [] and second.last_day == day()


def test_the_command_makes_the_days_reminders_once(seeded, wujin, people, monkeypatch):
    import json

    from click.testing import CliRunner

    from ecoplan.cli import cli

    _published(seeded, wujin, people)
    monkeypatch.delenv("ECOPLAN_SMTP_HOST", raising=False)
    if seeded.settings.database_url:
        monkeypatch.setenv("ECOPLAN_DATABASE_URL", seeded.settings.database_url)
    else:
        monkeypatch.delenv("ECOPLAN_DATABASE_URL", raising=False)
    args = ["subplans", "remind", "--data-dir", str(seeded.settings.data_dir), "--today", "2023-07-26"]
    first = CliRunner().invoke(cli, args)
    assert first.exit_code == 0, first.output
    with seeded.session() as s:
        made = s.scalar(select(func.count()).select_from(InboxNotice))
    assert json.loads(first.output) == {"notices": made, "emailed": 0} and made > 0
    again = CliRunner().invoke(cli, args)
    assert json.loads(again.output) == {"notices": 0, "emailed": 0}
