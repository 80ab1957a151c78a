"""The drop folder: files imported unattended, moved to done/ or failed/, in the history, and
reported to the office's accounts."""

from __future__ import annotations

import os
import time

from sqlalchemy import select

from ecoplan.app.db import unit_of_work
from ecoplan.app.intake.inbox import run_inbox
from ecoplan.app.intake.models import MonitoringImport
from ecoplan.app.workbench.models import InboxNotice
from ecoplan.monitoring.lock import store_lock
from ecoplan.monitoring.store import Store

from intake_files import city_export


def _old(path):
    past = time.time() - 60
    os.utime(path, (past, past))
    return path


def test_drop_folder_imports_and_reports(db, people, settings, tmp_path, registry_bytes):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "01-NewSiteList.csv").write_bytes(registry_bytes)
    (inbox / "02-wide.csv").write_bytes(city_export(stations=("万寿西宫",)).replace("点位".encode(), "站点编码".encode())
                                        .replace("万寿西宫".encode(), b"1001A"))
    (inbox / "03-unknown.csv").write_bytes(city_export(stations=("不知名站",)).replace("点位".encode(), "站点名称".encode()))
    (inbox / "04-copying.csv").write_bytes(b"half")
    for name in ("01-NewSiteList.csv", "02-wide.csv", "03-unknown.csv"):
        _old(inbox / name)
    made = run_inbox(db, settings.data_dir, inbox, max_bytes=settings.max_upload_bytes, min_age=30)
    assert len(made) == 3
    assert sorted(p.name for p in (inbox / "done").iterdir()) == ["01-NewSiteList.csv", "02-wide.csv"]
    assert [p.name for p in (inbox / "failed").iterdir()] == ["03-unknown.csv"]
    assert (inbox / "04-copying.csv").exists()  # still being written: next pass
    con = Store(settings.data_dir).connect()
    assert con.sql("SELECT count(*) FROM air_hourly").fetchall()[0][0] == 48
    with unit_of_work(db) as s:
        rows = list(s.scalars(select(MonitoringImport).order_by(MonitoringImport.id)))
        assert [(r.origin, r.state, r.actor) for r in rows] == [("inbox", "done", "system"), ("inbox", "done", "system"),
                                                                ("inbox", "failed", "system")]
        assert "不知名站" in rows[2].errors[0]["message"]
        notices = list(s.scalars(select(InboxNotice).where(InboxNotice.kind == "monitoring")))
        assert {n.user_id for n in notices} == {people["admin"]}
        assert len(notices) == 3 and any("未导入" in n.message for n in notices)


def test_a_busy_store_leaves_files_for_the_next_pass(db, people, settings, tmp_path, registry_bytes, monkeypatch):
    from ecoplan.app.intake import service

    monkeypatch.setattr(service, "LOCK_WAIT_SECONDS", 0)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.csv").write_bytes(registry_bytes)
    _old(inbox / "a.csv")
    import threading

    held, release = threading.Event(), threading.Event()

    def hold():
        with store_lock(settings.data_dir):
            held.set()
            release.wait(10)

    thread = threading.Thread(target=hold)
    thread.start()
    held.wait(5)
    try:
        assert run_inbox(db, settings.data_dir, inbox, max_bytes=settings.max_upload_bytes, min_age=0) == []
    finally:
        release.set()
        thread.join()
    assert (inbox / "a.csv").exists()
    assert run_inbox(db, settings.data_dir, inbox, max_bytes=settings.max_upload_bytes, min_age=0)
    assert (inbox / "done" / "a.csv").exists()


def test_one_process_at_a_time_by_the_lease(db, people, settings, tmp_path, registry_bytes):
    from ecoplan.app.intake.inbox import InboxWatcher

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.csv").write_bytes(registry_bytes)
    _old(inbox / "a.csv")
    first = InboxWatcher(db, settings.data_dir, inbox, max_bytes=settings.max_upload_bytes, every_s=60)
    second = InboxWatcher(db, settings.data_dir, inbox, max_bytes=settings.max_upload_bytes, every_s=60)
    assert second.run_due() and (inbox / "done" / "a.csv").exists()
    made = first.run_due()
    assert made is None  # the second took the lease first
    first.stop()
    second.stop()  # gives the lease up: the first may take it now
    assert first.run_due() == []
