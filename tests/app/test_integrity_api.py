"""Audit and API gaps, and numbers out of range (issue #11, items 5 and 8): ids above 2^63 and
dates like 0001-01-01 are a 404/422, never a 500; the API returns the ``version`` PATCH needs
and the new unit after a PATCH; status settings changes carry the IP; a notice read is
audited."""

from __future__ import annotations

import datetime as dt

import pytest
from fastapi import Depends
from sqlalchemy import select

from ecoplan.app.audit.models import AuditEntry
from ecoplan.app.db import unit_of_work
from ecoplan.app.deps import SessionDep
from ecoplan.app.permissions import require
from ecoplan.app.units.models import Unit

HUGE = str(2**64 + 5)


@pytest.mark.parametrize("path", [
    f"/status/units/{HUGE}", f"/api/units/{HUGE}", f"/progress/reports/{HUGE}",
    f"/admin/users/{HUGE}", f"/admin/units/{HUGE}", f"/progress/evidence/{HUGE}",
    f"/ledger/{HUGE}", f"/plans/{HUGE}", f"/tasks/{HUGE}",
])
def test_ids_beyond_64_bits_are_not_found(login_as, path):
    response = login_as("admin").get(path)
    assert response.status_code == 404, (path, response.status_code, response.text[-300:])


def test_huge_ids_in_bodies_and_queries_are_refused(login_as, people):
    admin = login_as("admin")
    patched = admin.patch(f"/api/users/{people['viewer']}",
                          json={"version": 1, "unit_id": 2**64})
    assert patched.status_code in (404, 422), patched.text
    page = admin.get("/admin/audit", params={"page": HUGE})
    assert page.status_code == 422 and "超出范围" in page.text
    api = admin.get("/api/audit", params={"offset": HUGE})
    assert api.status_code == 422 and "error" in api.json()
    posted = login_as("leader").post(f"/progress/reports/{HUGE}/approve", data={})
    assert posted.status_code == 404


@pytest.mark.parametrize("since", ["0001-01-01", "9999-12-31"])
def test_dates_out_of_range_are_422(login_as, people, since):
    admin = login_as("admin")
    page = admin.get("/admin/audit", params={"since": since})
    assert page.status_code == 422 and "日期应在" in page.text
    api = admin.get("/api/audit", params={"until": since})
    assert api.status_code == 422


def test_api_returns_versions_and_the_new_unit(login_as, db, people):
    admin = login_as("admin")
    with unit_of_work(db) as s:
        wujin = s.scalars(select(Unit).where(Unit.name == "武进区")).one().id
    unit = admin.get(f"/api/units/{wujin}").json()
    assert unit["version"] == 1
    users = {u["username"]: u for u in admin.get("/api/users").json()}
    viewer = users["viewer"]
    assert viewer["version"] == 1 and viewer["unit_id"] is None
    patched = admin.patch(f"/api/users/{viewer['id']}",
                          json={"version": viewer["version"], "unit_id": wujin})
    assert patched.status_code == 200
    assert patched.json()["unit_id"] == wujin and patched.json()["version"] == 2
    again = admin.patch(f"/api/units/{wujin}", json={"version": unit["version"], "aliases": ["武进"]})
    assert again.json()["version"] == 2


def test_status_settings_changes_carry_the_ip(login_as, db, people):
    admin = login_as("admin")
    saved = admin.post("/status/settings", data={
        "lag_points": "10", "severe_points": "25", "pace_mode": "time", "as_of": "",
        "version": "1"})
    assert saved.status_code == 303
    with unit_of_work(db) as s:
        entry = s.scalars(select(AuditEntry).where(
            AuditEntry.action == "status.settings.update")).one()
        assert entry.ip == "testclient"
    far = admin.post("/status/settings", data={
        "lag_points": "10", "severe_points": "25", "pace_mode": "time", "as_of": "0001-01-01",
        "version": "2"})
    assert far.status_code == 422 and "评估日期" in far.text


def test_marking_a_notice_read_is_audited(login_as, db, people):
    from ecoplan.app.progress.models import Notice

    with unit_of_work(db) as s:
        unit_id = s.scalars(select(Unit).where(Unit.name == "市生态环境局")).one().id
        notice = Notice(unit_id=unit_id, kind="missing", period="2023-05",
                        due=dt.date(2023, 6, 5), message="请报送",
                        created_at=dt.datetime.now(dt.timezone.utc), emailed_to=[])
        s.add(notice)
        s.flush()
        notice_id = notice.id
    reporter = login_as("reporter")
    assert reporter.post(f"/progress/notices/{notice_id}/read").status_code == 303
    assert reporter.post(f"/progress/notices/{notice_id}/read").status_code == 303
    with unit_of_work(db) as s:
        entries = s.scalars(select(AuditEntry).where(
            AuditEntry.action == "progress.notice.read")).all()
        assert len(entries) == 1  # the second click changed nothing
        assert entries[0].actor == "reporter" and entries[0].ip == "testclient"
        assert entries[0].object_id == str(notice_id)


def test_uploads_with_a_dtd_are_refused_everywhere(login_as, people):
    """The ledger import and the plan upload check the file as the progress workbook does."""
    from test_ooxml import _docx, _rewrite, _with_dtd, _xlsx

    admin = login_as("admin")
    sheet = _rewrite(_xlsx(), "xl/worksheets/sheet1.xml", _with_dtd)
    ledger = admin.post("/ledger/import", files={"file": ("台账.xlsx", sheet)})
    assert ledger.status_code == 422 and "DTD" in ledger.text
    word = _rewrite(_docx(), "word/document.xml", _with_dtd)
    plan = admin.post("/plans/upload", files={"file": ("方案.docx", word)})
    assert plan.status_code == 422 and "DTD" in plan.text


def test_a_unique_constraint_met_at_commit_is_a_409(app, login_as, people):
    """The request's one commit happens after the endpoint returned: a race lost there is a
    409 too, and nothing of the request is kept."""
    def clash(session: SessionDep, _user=Depends(require("admin.units"))):
        session.add(Unit(name="武进区", kind="district", aliases=[], active=True, version=1))
        return {"ok": True}

    app.add_api_route("/api/test-clash", clash, methods=["POST"])
    response = login_as("admin").post("/api/test-clash")
    assert response.status_code == 409 and "他人" in response.json()["error"]
