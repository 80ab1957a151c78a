"""Reporting through the pages: fill, submit, approve, office return; who sees what;
contributions of cooperating units; evidence files checked by content and kept private."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from ecoplan.app.audit.models import AuditEntry
from ecoplan.app.progress.models import EvidenceFile, ProgressReport
from ecoplan.app.workbench.models import InboxNotice

PERIOD = "2023-05"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _report_id(response) -> int:
    assert response.status_code == 303, response.text[:500]
    return int(re.search(r"/progress/reports/(\d+)$", response.headers["location"]).group(1))


def _fill(client, kind="task", uid=None, intent="submit", **values):
    """Fill in (and by default submit) a report; the default item is task 3 (加快能源绿色低碳转型:
    市生态环境局 leads, 市工业和信息化局 cooperates)."""
    uid = uid or client.app.state.task3
    data = {"period": PERIOD, "narrative": "已完成光伏项目备案 12 个", "problems": "并网排队",
            "next_steps": "协调供电公司", "intent": intent, **values}
    return client.post(f"/progress/items/{kind}/{uid}", data=data)


def test_todo_page_lists_items_with_roles(seeded):
    reporter = seeded.client("reporter")
    page = reporter.get(f"/progress?period={PERIOD}")
    assert page.status_code == 200
    assert "加快能源绿色低碳转型" in page.text and "牵头" in page.text and "配合" in page.text
    assert "2023年6月5日" in page.text  # May is due on Monday 5 June 2023
    district = seeded.client("district").get(f"/progress?period={PERIOD}")
    assert district.status_code == 200 and "负责落实" in district.text
    assert seeded.client("admin").get("/progress").headers["location"] == "/progress/office"
    api = reporter.get(f"/api/progress/todo?period={PERIOD}").json()
    assert api["period"] == PERIOD and len(api["items"]) == 134
    assert {i["role"] for i in api["items"]} == {"lead", "cooperating", "shared"}
    assert all(i["state"] is None for i in api["items"])


def test_submit_approve_and_office_return(seeded):
    reporter, leader, admin = (seeded.client(r) for r in ("reporter", "leader", "admin"))
    report_id = _report_id(_fill(reporter))
    url = f"/progress/reports/{report_id}"
    assert "待审核" in reporter.get(url).text
    # the office does not see it before the unit leader approves
    assert admin.get(url).status_code == 403
    assert reporter.post(f"{url}/approve").status_code == 403  # reporters cannot approve
    assert leader.post(f"{url}/approve").status_code == 303
    office = admin.get(f"/progress/office?period={PERIOD}")
    assert office.status_code == 200 and url in office.text
    assert admin.post(f"{url}/return", data={"comment": ""}).status_code == 422
    assert admin.post(f"{url}/return", data={"comment": "请补充并网数据"}).status_code == 303
    page = reporter.get(url)
    assert "已退回" in page.text and "请补充并网数据" in page.text
    assert "审核通过" in page.text and "退回" in page.text  # the history lists every step
    again = _fill(reporter, narrative="已补充并网数据", intent="save")
    assert _report_id(again) == report_id
    with seeded.session() as s:
        report = s.get(ProgressReport, report_id)
        assert [e.action for e in report.history] == ["save", "submit", "approve", "return",
                                                      "save"]
        # still returned until it is submitted again
        assert report.state == "returned" and report.narrative == "已补充并网数据"
        entries = s.scalars(select(AuditEntry).where(
            AuditEntry.object_type == "progress_report")).all()
        assert len(entries) == 5 and {e.ip for e in entries} == {"testclient"}
        # progress announces the return; the workbench (above it) tells the submitter
        notice = s.scalars(select(InboxNotice).where(InboxNotice.kind == "returned")).one()
        assert "请补充并网数据" in notice.message and notice.link == url
    assert admin.get(url).status_code == 200  # the office still sees what it returned
    assert reporter.post(f"{url}/submit").status_code == 303
    assert admin.get(url).status_code == 403  # resubmitted: the leader approves it first
    assert leader.post(f"{url}/approve").status_code == 303
    assert admin.get(url).status_code == 200


def test_bad_input_keeps_what_was_typed(seeded):
    reporter = seeded.client("reporter")
    target = next(i for i in _items(seeded, "市生态环境局") if i.kind == "target")
    response = _fill(reporter, kind="target", uid=target.uid, value_to_date="三成",
                     narrative="我的文字")
    assert response.status_code == 422 and "不是数字" in response.text and "我的文字" in response.text
    assert _fill(reporter, intent="submit", narrative="").status_code == 422
    assert reporter.get("/progress/items/task/no-such-uid").status_code == 404
    with seeded.session() as s:
        assert s.scalar(select(func.count(ProgressReport.id))) == 0
    _report_id(_fill(reporter, intent="save", narrative="第一稿"))
    stale = _fill(reporter, intent="save", narrative="另一人的修改", version="0")
    assert stale.status_code == 409 and "已被他人修改" in stale.text
    with seeded.session() as s:
        assert s.scalars(select(ProgressReport.narrative)).one() == "第一稿"


def _items(seeded, unit):
    with seeded.session() as s:
        return seeded.items(s, unit)


def test_who_sees_a_report(seeded, other_reporter):
    reporter, district, viewer = (seeded.client(r) for r in ("reporter", "district", "viewer"))
    coop_id = _report_id(_fill(other_reporter, narrative="工信局：完成节能审查 3 项"))
    form = reporter.get(f"/progress/items/task/{seeded.app.state.task3}?period={PERIOD}")
    assert "工信局：完成节能审查 3 项" in form.text  # before the lead has written anything
    lead_id = _report_id(_fill(reporter))
    # the lead unit sees the cooperating unit's contribution, on its form and report page
    lead_page = reporter.get(f"/progress/reports/{lead_id}").text
    assert "工信局：完成节能审查 3 项" in lead_page and "市工业和信息化局" in lead_page
    assert reporter.get(f"/progress/reports/{coop_id}").status_code == 200
    # the cooperating unit does not see the lead's report; another unit sees neither
    assert other_reporter.get(f"/progress/reports/{lead_id}").status_code == 403
    assert district.get(f"/progress/reports/{lead_id}").status_code == 403
    assert viewer.get(f"/progress/reports/{lead_id}").status_code == 403  # not approved yet
    assert other_reporter.post(f"/progress/reports/{lead_id}/submit").status_code == 403
    api = reporter.get(f"/api/progress/reports?period={PERIOD}").json()
    assert {r["id"] for r in api["reports"]} == {lead_id, coop_id}
    assert viewer.get(f"/api/progress/reports?period={PERIOD}").json()["reports"] == []
    # once the lead's report is approved the office sees it, but not the unapproved contribution
    assert seeded.client("leader").post(f"/progress/reports/{lead_id}/approve").status_code == 303
    office_view = seeded.client("admin").get(f"/progress/reports/{lead_id}")
    assert office_view.status_code == 200 and "工信局：完成节能审查" not in office_view.text


def test_evidence_checked_by_content_and_private(seeded, tmp_path):
    reporter, district = seeded.client("reporter"), seeded.client("district")
    report_id = _report_id(_fill(reporter, intent="save"))
    url = f"/progress/reports/{report_id}/evidence"
    exe = b"MZ\x90\x00 not a pdf"
    fake = reporter.post(url, files={"file": ("备案表.pdf", exe, "application/pdf")})
    assert fake.status_code == 422 and "按内容识别" in fake.text
    html = reporter.post(url, files={"file": ("a.png", b"<html><script>", "image/png")})
    assert html.status_code == 422
    ok = reporter.post(url, files={"file": ("../../备案表.pdf", PDF, "application/octet-stream")})
    assert ok.status_code == 303
    with seeded.session() as s:
        evidence = s.scalars(select(EvidenceFile)).one()
        assert evidence.file_type == "pdf" and evidence.file_name == "备案表.pdf"
        stored = seeded.settings.data_dir / "evidence" / evidence.stored_name
        assert stored.read_bytes() == PDF and re.fullmatch(r"[0-9a-f]{32}", evidence.stored_name)
        evidence_id = evidence.id
    assert reporter.post(f"/progress/reports/{report_id}/submit").status_code == 303
    late = reporter.post(url, files={"file": ("b.pdf", PDF, "application/pdf")})
    assert late.status_code == 422 and "不能再修改" in late.text
    download = reporter.get(f"/progress/evidence/{evidence_id}")
    assert download.status_code == 200 and download.content == PDF
    assert download.headers["content-type"] == "application/pdf"
    assert download.headers["content-disposition"].startswith("attachment;")
    assert district.get(f"/progress/evidence/{evidence_id}").status_code == 403
    assert seeded.client(None).get(f"/progress/evidence/{evidence_id}").status_code == 303


def test_evidence_size_limit(seeded):
    admin, reporter = seeded.client("admin"), seeded.client("reporter")
    form = {"frequency": "monthly", "due_day": "5", "remind_days": "3", "max_evidence_mb": "1",
            "workday_due": "1", "version": "1"}
    assert admin.post("/progress/calendar", data=form).status_code == 303
    report_id = _report_id(_fill(reporter, intent="save"))
    big = PDF + b"0" * (1024 * 1024)
    response = reporter.post(f"/progress/reports/{report_id}/evidence",
                             files={"file": ("big.pdf", big, "application/pdf")})
    assert response.status_code == 422 and "过大" in response.text


def test_calendar_settings_are_validated(seeded):
    admin = seeded.client("admin")
    assert "截止日" in admin.get("/progress/calendar").text
    bad = {"frequency": "monthly", "due_day": "31", "remind_days": "3", "max_evidence_mb": "10",
           "version": "1"}
    response = admin.post("/progress/calendar", data=bad)
    assert response.status_code == 422 and "1 到 28" in response.text
    ok = {**bad, "due_day": "10", "frequency": "quarterly"}
    assert admin.post("/progress/calendar", data=ok).status_code == 303
    assert admin.post("/progress/calendar", data=ok).status_code == 409  # stale version
    page = seeded.client("reporter").get("/progress")
    assert "2023年第" in page.text and "每季度" in page.text
