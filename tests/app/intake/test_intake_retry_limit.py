"""A drop-folder file whose import kills the worker is retried a bounded number of times, then
set aside with a message the monitoring role reads, and retried on purpose (issues 14 and 11)."""

from __future__ import annotations

import dataclasses

from sqlalchemy import func, select

from ecoplan.app.db import unit_of_work
from ecoplan.app.intake import attempts, service
from ecoplan.app.intake.inbox import run_inbox
from ecoplan.app.intake.models import InboxAttempt, MonitoringImport
from ecoplan.app.serving.factory import recover_imports
from ecoplan.app.workbench.models import InboxNotice
from ecoplan.monitoring.store import Store

from intake_files import city_export
from test_intake_killed import _kill_mid_import

NAME = "01-NewSiteList.csv"


def _pass(db, settings, inbox):
    return run_inbox(db, settings.data_dir, inbox, max_bytes=settings.max_upload_bytes, min_age=0)


def _counted(db) -> int:
    with unit_of_work(db) as session:
        return session.scalar(select(func.coalesce(func.sum(InboxAttempt.attempts), 0)))


def test_a_file_that_kills_the_worker_is_set_aside_then_retried_on_purpose(
        app, db, people, settings, tmp_path, registry_bytes, login_as, monkeypatch):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / NAME).write_bytes(registry_bytes)
    for died in range(1, attempts.MAX_ATTEMPTS + 1):  # a real process, SIGKILLed in the import
        _kill_mid_import(settings, f"inbox={inbox}")
        assert (inbox / NAME).exists() and _counted(db) == died  # the count outlived the process
    recover_imports(app)

    (set_aside,) = _pass(db, settings, inbox)  # not read again: set aside
    assert not (inbox / NAME).exists() and (inbox / "failed" / NAME).exists()
    assert _counted(db) == 0
    with unit_of_work(db) as session:
        rows = list(session.scalars(select(MonitoringImport).order_by(MonitoringImport.id)))
        assert [(r.origin, r.state) for r in rows] == [("inbox", "failed")] * (attempts.MAX_ATTEMPTS + 1)
        assert all("中断" in r.errors[0]["message"] for r in rows[:-1])  # each dead attempt's own row
        error = rows[-1].errors[0]
        assert rows[-1].id == set_aside and error["kind"] == "gave_up"
        assert f"已连续 {attempts.MAX_ATTEMPTS} 次" in error["message"] and "不再自动重试" in error["message"]
        assert f"failed/{NAME}" in error["message"] and "重新导入" in error["message"]
        told = {n.user_id for n in session.scalars(select(InboxNotice).where(InboxNotice.kind == "monitoring"))}
        assert told == {people["admin"], people["monitoring"]}
    assert Store(settings.data_dir).table("stations") is None  # nothing was written
    assert _pass(db, settings, inbox) == []  # and no pass looks at it again

    monitoring = login_as("monitoring")  # the monitoring role reads why, and retries
    page = monitoring.get(f"/monitoring/intake/{set_aside}").text
    assert "不再自动重试" in page and 'id="retry"' in page
    assert monitoring.post(f"/monitoring/intake/{set_aside}/retry", data={}).status_code == 422  # no folder set
    monkeypatch.setattr(app.state, "settings", dataclasses.replace(settings, monitoring_inbox=inbox))
    response = monitoring.post(f"/monitoring/intake/{set_aside}/retry", data={})
    assert response.status_code == 303, response.text
    assert (inbox / NAME).exists() and not (inbox / "failed" / NAME).exists()
    again = monitoring.post(f"/api/monitoring/imports/{set_aside}/retry")
    assert again.status_code == 422 and "只有" in again.text  # once
    assert 'id="retry"' not in monitoring.get(f"/monitoring/intake/{set_aside}").text

    (imported,) = _pass(db, settings, inbox)  # the next pass imports it, counting afresh
    with unit_of_work(db) as session:
        assert session.get(MonitoringImport, imported).state == "done"
    assert len(Store(settings.data_dir).table("stations")) > 0 and _counted(db) == 0


def test_an_unexpected_error_counts_and_an_orderly_end_clears(db, people, settings, tmp_path, registry_bytes,
                                                              monkeypatch):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "bad.csv").write_bytes(city_export(stations=("不知名站",)).replace("点位".encode(), "站点名称".encode()))
    assert len(_pass(db, settings, inbox)) == 1 and _counted(db) == 0  # refused with its reason: not a crash
    (inbox / NAME).write_bytes(registry_bytes)
    real = service.create

    def broken(*args, **kwargs):
        raise RuntimeError("a bug met in the middle of the import")

    monkeypatch.setattr(service, "create", broken)
    for n in range(1, attempts.MAX_ATTEMPTS + 1):
        try:
            _pass(db, settings, inbox)
        except RuntimeError:
            pass
        assert _counted(db) == n
    monkeypatch.setattr(service, "create", real)
    (row_id,) = _pass(db, settings, inbox)
    with unit_of_work(db) as session:
        assert session.get(MonitoringImport, row_id).errors[0]["kind"] == "gave_up"
