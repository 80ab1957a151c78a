"""An import whose process is killed half-way (a real subprocess, SIGKILL) is not left
``importing``: the next look at the history puts back the files it had half-written and makes
it resumable — a web upload is ``previewed`` again with its files and confirmed station names
kept (one click imports it), a drop-folder file is left for the next pass (issue 14)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap

from sqlalchemy import select

from ecoplan.app.db import unit_of_work
from ecoplan.app.intake import running
from ecoplan.app.intake.inbox import run_inbox
from ecoplan.app.intake.models import MonitoringImport
from ecoplan.app.serving.factory import recover_imports
from ecoplan.monitoring.journal import JOURNAL
from ecoplan.monitoring.store import Store

from intake_files import city_export, confirmed, polled

KILLED_IMPORT = textwrap.dedent("""
    import json, sys, time
    from pathlib import Path
    from ecoplan.app.core.actor import SYSTEM_ACTOR
    from ecoplan.app.db import unit_of_work
    from ecoplan.app.intake import running
    from ecoplan.app.intake.models import MonitoringImport
    from ecoplan.app.main import create_app
    from ecoplan.config import Settings
    from ecoplan.monitoring.store import Store

    data_dir, url, what, stations = Path(sys.argv[1]), sys.argv[2] or None, sys.argv[3], json.loads(sys.argv[4])
    app = create_app(Settings(data_dir=data_dir, database_url=url))
    real = Store.write

    def write_then_hang(self, kind, frames, **kwargs):  # the first part is written, then the process hangs
        real(self, kind, frames, **kwargs)
        print("WROTE", kind, flush=True)
        time.sleep(600)

    Store.write = write_then_hang
    if what.startswith("inbox="):  # a pass of the drop folder
        from ecoplan.app.intake.inbox import run_inbox
        run_inbox(app.state.sessionmaker, data_dir, Path(what[6:]), max_bytes=10**8, min_age=0)
    with unit_of_work(app.state.sessionmaker) as session:
        row = session.get(MonitoringImport, int(what))
        staged = running.start(session, data_dir, row, stations=stations, actor=SYSTEM_ACTOR)
        session.commit()
        running.finish(session, data_dir, row, staged, actor=SYSTEM_ACTOR, publish=session.commit)
""")


def _upload(client, *files, source: str = "市平台") -> int:
    response = client.post("/api/monitoring/imports", data={"source": source},
                           files=[("files", (name, data, "text/csv")) for name, data in files])
    assert response.status_code == 202, response.text
    return response.json()["id"]


def _so2(settings) -> set[tuple[str, float]]:
    sql = "SELECT DISTINCT station, so2 FROM air_hourly"
    return set(Store(settings.data_dir).connect().sql(sql).fetchall())


def _kill_mid_import(settings, what: int | str, stations: dict | None = None) -> int:
    """Run the import of ``what`` (an upload's id, or ``inbox=<folder>``: a drop-folder pass) in a
    subprocess, SIGKILL it once it wrote a part; its pid."""
    proc = subprocess.Popen([sys.executable, "-c", KILLED_IMPORT, str(settings.data_dir),
                             settings.database_url or "", str(what), json.dumps(stations or {})],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        assert line.startswith("WROTE "), (line, proc.stderr.read() if proc.poll() is not None else "")
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    return proc.pid


def test_a_killed_web_import_is_rolled_back_and_confirmed_again_in_one_click(login_as, db, settings, registry_bytes):
    admin = login_as("admin")
    assert admin.post("/monitoring/intake/maps", data={"source": "市平台", "mapping": "点位=站点编码"}).status_code == 303
    first = _upload(admin, ("NewSiteList.csv", registry_bytes), ("city.csv", city_export(stations=("万寿西宫",))))
    assert confirmed(admin, first)["state"] == "done"
    before = _so2(settings)
    assert {so2 for _, so2 in before} == {5.0}

    second = _upload(admin, ("city-v2.csv", city_export(stations=("万寿西宫", "新建站"), so2=7)))
    assert admin.get(f"/api/monitoring/imports/{second}").json()["unknown_stations"] == ["新建站"]
    pid = _kill_mid_import(settings, second, {"新建站": "9001A"})  # the person had confirmed the new station
    store = Store(settings.data_dir)
    assert (store.root / JOURNAL).exists()  # the killed process had begun writing
    with unit_of_work(db) as session:
        assert session.get(MonitoringImport, second).state == "importing"

    history = admin.get("/api/monitoring/imports").json()  # listing the history finds it
    row = next(r for r in history if r["id"] == second)
    assert row["state"] == "previewed" and row["finished_at"] is None and row["progress"] is None
    message = row["errors"][0]["message"]
    assert "中断" in message and str(pid) in message and "确认导入" in message
    assert row["unknown_stations"] == [] and row["rows"] == 96  # the confirmed name is kept
    assert _so2(settings) == before  # what it half-wrote was put back
    assert not (store.root / JOURNAL).exists() and not list(store.root.rglob(".*.tmp"))
    kept = settings.data_dir / "intake" / str(second)
    assert (kept / "files" / "city-v2.csv").exists() and not (kept / "undo").exists()
    page = admin.get(f"/monitoring/intake/{second}").text
    assert "中断" in page and 'id="confirm"' in page and "unknown-station" not in page

    response = admin.post(f"/monitoring/intake/{second}/confirm", data={})  # one click, nothing to fill in
    assert response.status_code == 303, response.text
    body = polled(admin, second)
    assert body["state"] == "done" and body["errors"] == [], body
    (code, _), = before
    assert _so2(settings) == {(code, 7.0), ("9001A", 7.0)}
    assert admin.post("/api/monitoring/imports/undo").json()["state"] == "undone"  # and it can be undone
    assert _so2(settings) == before


def test_a_killed_drop_folder_import_is_imported_again_by_the_next_pass(app, db, settings, tmp_path, registry_bytes):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "01-NewSiteList.csv").write_bytes(registry_bytes)
    _kill_mid_import(settings, f"inbox={inbox}")  # killed while writing the registry file
    assert (inbox / "01-NewSiteList.csv").exists()  # not moved: its import never ended
    recover_imports(app)  # the server's start
    with unit_of_work(db) as session:
        (row,) = session.scalars(select(MonitoringImport))
        assert row.origin == "inbox" and row.state == "failed"
        assert "中断" in row.errors[0]["message"] and "下一轮将自动重新导入" in row.errors[0]["message"]
    assert Store(settings.data_dir).table("stations") is None  # rolled back
    assert not (settings.data_dir / "intake" / str(row.id) / "files").exists()

    made = run_inbox(db, settings.data_dir, inbox, max_bytes=settings.max_upload_bytes, min_age=0)  # the next pass
    with unit_of_work(db) as session:
        assert session.get(MonitoringImport, made[0]).state == "done"
    assert [p.name for p in (inbox / "done").iterdir()] == ["01-NewSiteList.csv"]
    assert len(Store(settings.data_dir).table("stations")) > 0


def _mark_importing(db, import_id: int, owner: dict) -> None:
    with unit_of_work(db) as session:
        row = session.get(MonitoringImport, import_id)
        row.state, row.preview = "importing", {**row.preview, "owner": owner}


def test_server_start_marks_an_import_of_a_dead_process(app, db, settings, registry_bytes, login_as):
    import_id = _upload(login_as("admin"), ("NewSiteList.csv", registry_bytes), source="")
    _mark_importing(db, import_id, running.owner())  # this live process owns it: left alone
    with unit_of_work(db) as session:
        assert running.recover(session, settings.data_dir) == []
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    _mark_importing(db, import_id, {**running.owner(), "pid": int(gone.stdout)})
    recover_imports(app)
    with unit_of_work(db) as session:
        row = session.get(MonitoringImport, import_id)
        assert row.state == "previewed" and "中断" in row.errors[0]["message"]
        assert "owner" not in row.preview and "started_at" not in row.preview


def test_an_owner_on_another_host_is_alive_while_its_import_moves():
    import datetime as dt

    now = dt.datetime.now(dt.timezone.utc)

    def row(moved: dt.datetime) -> MonitoringImport:
        return MonitoringImport(preview={"owner": {"host": "another-host", "pid": os.getpid(), "start": "1"},
                                         "progress": {"done": 1, "total": 2, "at": moved.isoformat()}})

    assert running.alive(row(now - dt.timedelta(seconds=60)))
    assert not running.alive(row(now - dt.timedelta(seconds=running.LEASE_SECONDS + 60)))
    assert not running.alive(MonitoringImport(preview={}))  # no owner written: not running
    assert running.alive(MonitoringImport(preview={"owner": running.owner()}))
