"""A report stored with a bad period (``9999-12``, ``2099-12``, accepted before periods were
checked) breaks no page: it is skipped, never counted, shown to the office, and deletable."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from ecoplan.app.audit.models import AuditEntry
from ecoplan.app.progress import todo
from ecoplan.app.progress.models import ProgressReport
from ecoplan.app.units.models import Unit

PAGES = ("/status", "/api/status", "/status/monitoring", "/status/export.xlsx",
         "/documents/print/status", "/public", "/api/public/status", "/progress/office")


def _plant(seeded, period: str) -> int:
    """An approved report on task 6 with ``period``, written as an old version stored it."""
    with seeded.session() as s:
        version = todo.published(s)
        unit = s.scalars(select(Unit).where(Unit.name == "市生态环境局")).one()
        item = next(i for i in todo.items_for(version, unit) if i.number == "6")
        at = dt.datetime(2023, 7, 1, tzinfo=dt.timezone.utc)
        report = ProgressReport(plan_id=version.plan_id, unit_id=unit.id, item_kind=item.kind,
                                item_uid=item.uid, period=period, role=item.role,
                                state="approved", value_unit="", narrative="坏的报告期",
                                problems="", next_steps="", return_comment="", created_at=at,
                                updated_at=at, submitted_at=at, approved_at=at, version=3)
        s.add(report)
        s.flush()
        return report.id


@pytest.mark.parametrize("period", ["9999-12", "2099-12"])
def test_a_bad_period_breaks_no_page_and_counts_for_nothing(seeded, with_monitoring, period):
    admin = seeded.client("admin")
    before = admin.get("/api/status").json()
    report_id = _plant(seeded, period)
    for url in PAGES:
        assert admin.get(url).status_code == 200, url
    anonymous = seeded.client(None)
    assert anonymous.get("/public").status_code == 200
    data = admin.get("/api/status").json()
    assert data["task_counts"] == before["task_counts"]
    assert data["units"] == before["units"]
    assert data["skipped_reports"] == [{"id": report_id, "unit": "市生态环境局", "period": period}]
    for row in data["units"] + data["districts"]:
        assert admin.get(f"/status/units/{row['unit_id']}").status_code == 200
    assert admin.get(f"/progress/reports/{report_id}").status_code == 200
    assert 'id="skipped-reports"' in admin.get("/status").text
    assert 'id="skipped-reports"' not in seeded.client("viewer").get("/status").text


def test_the_office_deletes_a_bad_period_report_audited(seeded):
    report_id = _plant(seeded, "9999-12")
    admin = seeded.client("admin")
    office = admin.get("/progress/office")
    assert 'id="invalid-periods"' in office.text and "9999-12" in office.text
    stale = admin.post(f"/progress/reports/{report_id}/delete", data={"version": "2"})
    assert stale.status_code == 409
    deleted = admin.post(f"/progress/reports/{report_id}/delete", data={"version": "3"})
    assert deleted.status_code == 303
    with seeded.session() as s:
        assert s.get(ProgressReport, report_id) is None
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "progress.delete")).one()
        assert entry.before["period"] == "9999-12" and entry.actor == "admin"
    assert 'id="invalid-periods"' not in admin.get("/progress/office").text
    assert admin.get("/api/status").json()["skipped_reports"] == []


def test_a_valid_report_is_never_deleted(seeded):
    good = seeded.report("6", period="2023-06")
    admin = seeded.client("admin")
    with seeded.session() as s:
        version = s.get(ProgressReport, good).version
    refused = admin.post(f"/progress/reports/{good}/delete", data={"version": str(version)})
    assert refused.status_code == 422
    for role in ("reporter", "leader", "viewer"):
        assert seeded.client(role).post(f"/progress/reports/{good}/delete",
                                        data={"version": str(version)}).status_code == 403
    with seeded.session() as s:
        assert s.get(ProgressReport, good) is not None


@pytest.mark.parametrize("period", ["9999-12", "0001-01", "2099-12", "2023-06\n"])
def test_monitoring_rankings_of_an_odd_month_are_no_500(seeded, with_monitoring, period):
    response = seeded.client("viewer").get("/status/monitoring", params={"period": period})
    assert response.status_code in (200, 422), response.text[-300:]


def _evidence(seeded, report_id: int, data_dir, names=("a", "b")) -> list[str]:
    """Evidence rows and their files for the report, as an upload stores them."""
    from ecoplan.app.progress.evidence_files import storage_dir
    from ecoplan.app.progress.models import EvidenceFile

    folder = storage_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    stored = [f"{report_id:04d}{name * 28}" for name in names]
    with seeded.session() as s:
        for n, name in enumerate(stored):
            (folder / name).write_bytes(b"%PDF-1.4 " + name.encode())
            s.add(EvidenceFile(report_id=report_id, file_name=f"佐证{n}.pdf", stored_name=name,
                               file_type="pdf", size=9 + len(name), sha256="0" * 64,
                               uploaded_at=dt.datetime(2023, 7, 1, tzinfo=dt.timezone.utc)))
    return stored


def test_deleting_a_bad_period_report_sets_its_evidence_files_aside_audited(seeded, settings):
    report_id = _plant(seeded, "9999-12")
    stored = _evidence(seeded, report_id, settings.data_dir)
    evidence = settings.data_dir / "evidence"
    deleted = seeded.client("admin").post(f"/progress/reports/{report_id}/delete",
                                          data={"version": "3"})
    assert deleted.status_code == 303
    assert not any((evidence / name).exists() for name in stored)
    assert all((evidence / "deleted" / name).read_bytes().endswith(name.encode())
               for name in stored)
    with seeded.session() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "progress.delete")).one()
    assert entry.before["evidence_moved_to"] == [f"evidence/deleted/{n}" for n in stored]
    assert entry.before["evidence"] == ["佐证0.pdf", "佐证1.pdf"]


def test_files_come_back_when_the_deletion_does_not_commit(seeded, settings, people):
    from ecoplan.app.auth.models import User
    from ecoplan.app.progress import service

    report_id = _plant(seeded, "9999-12")
    stored = _evidence(seeded, report_id, settings.data_dir)
    evidence = settings.data_dir / "evidence"
    with pytest.raises(RuntimeError):
        with seeded.session() as s:
            service.delete_invalid(s, actor=s.get(User, people["admin"]),
                                   report=s.get(ProgressReport, report_id), version="3",
                                   data_dir=settings.data_dir)
            s.flush()
            assert not (evidence / stored[0]).exists()  # set aside within the transaction
            raise RuntimeError("the commit never comes")
    assert all((evidence / name).is_file() for name in stored)
    assert not any((evidence / "deleted" / name).exists() for name in stored)
    with seeded.session() as s:
        assert s.get(ProgressReport, report_id) is not None


def test_files_that_cannot_be_moved_leave_report_and_files_in_place(seeded, settings):
    report_id = _plant(seeded, "9999-12")
    stored = _evidence(seeded, report_id, settings.data_dir)
    evidence = settings.data_dir / "evidence"
    (evidence / "deleted").write_text("a file where the folder should be")
    refused = seeded.client("admin").post(f"/progress/reports/{report_id}/delete",
                                          data={"version": "3"})
    assert refused.status_code == 422 and "报告未删除" in refused.text
    assert all((evidence / name).is_file() for name in stored)
    with seeded.session() as s:
        assert s.get(ProgressReport, report_id) is not None
    assert seeded.client("admin").get(f"/progress/reports/{report_id}").status_code == 200
