"""``ecoplan demo``, ``ecoplan db upgrade`` and ``ecoplan serve``'s refusals."""

from __future__ import annotations

import socket

import pytest
from alembic.script import ScriptDirectory
from click.testing import CliRunner
from sqlalchemy import func, select

from ecoplan.app.auth.models import User
from ecoplan.app.db import make_engine, unit_of_work
from ecoplan.app.versions import make_sessionmaker
from ecoplan.app.migrate import SCRIPT_LOCATION
from ecoplan.app.units.models import Unit
from ecoplan.cli import cli, main


def test_demo_is_idempotent_and_prints_accounts(tmp_path, monkeypatch):
    monkeypatch.delenv("ECOPLAN_DATABASE_URL", raising=False)
    runner = CliRunner()
    first = runner.invoke(cli, ["demo", "--data-dir", str(tmp_path)])
    assert first.exit_code == 0, first.output
    for role in ("admin", "reporter", "leader", "district", "viewer", "monitoring"):
        assert f"用户名 {role}" in first.output
    assert "进展报告（演示数据）：2023年1—6月按时" in first.output
    second = runner.invoke(cli, ["demo", "--data-dir", str(tmp_path)])
    assert "新增 0 个" in second.output
    assert "进展报告（演示数据）：已有 2023 年上半年报告，未重复生成" in second.output
    engine = make_engine(f"sqlite:///{tmp_path / 'ecoplan.sqlite3'}")
    with unit_of_work(make_sessionmaker(engine)) as s:
        assert s.scalar(select(func.count(User.id))) == 6
        clerk = s.scalar(select(User).where(User.username == "monitoring"))
        assert clerk.role == "monitoring" and clerk.active
        districts = s.scalars(select(Unit.name).where(Unit.kind == "district")).all()
        district_user = s.scalar(select(User).where(User.username == "district"))
        assert district_user.unit.kind == "district"
        _demo_review_has_real_targets(s, tmp_path)
    engine.dispose()
    assert {"溧阳市", "金坛区", "武进区", "新北区", "天宁区", "钟楼区", "常州经开区"} <= set(districts)


def _demo_review_has_real_targets(session, data_dir):
    """The demo's 2023 Q2 review: every district's PM2.5 and good-day ratio measured, reports
    counted, the returned report kept, and summons proposed from red months."""
    import datetime as dt

    from ecoplan.app.assessment.gather import period
    from ecoplan.app.assessment.monitoring_inputs import MonitoringInputs
    from ecoplan.app.assessment.service import review, rules_for
    from ecoplan.app.progress.models import ProgressReport

    source = MonitoringInputs(session, data_dir, today=dt.date(2023, 7, 10))
    result = review(session, rules=rules_for(data_dir, 2023), source=source, when=period(2023, 2))
    assert result.missing == []
    for score in result.scores["district"]:
        pm25, good = score.lines[0], score.lines[1]
        assert pm25.number.startswith("实际 ") and good.number.startswith("实际 "), score.unit
        assert "应报" in next(l for l in score.lines if l.item == "进展报送及时性").number
    assert any(p.title.endswith("PM2.5浓度连续两个月红色预警") for p in result.summons)
    returned = session.scalars(select(ProgressReport).where(ProgressReport.state == "returned")).all()
    assert len(returned) == 1 and returned[0].period == "2023-06"


def test_db_upgrade_reports_revision(tmp_path, monkeypatch):
    monkeypatch.delenv("ECOPLAN_DATABASE_URL", raising=False)
    result = CliRunner().invoke(cli, ["db", "upgrade", "--data-dir", str(tmp_path / "new")])
    head = ScriptDirectory(SCRIPT_LOCATION).get_current_head()
    assert result.exit_code == 0 and f"数据库已是最新版本：{head}" in result.output


def test_serve_refuses_a_taken_port(tmp_path, capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(SystemExit) as info:
            main(["serve", "--data-dir", str(tmp_path), "--port", str(port)])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "已被占用" in err and "Traceback" not in err


def test_serve_keeps_idle_connections_longer_than_the_proxy(tmp_path, monkeypatch):
    """uvicorn's 5 s keep-alive could close a connection a client or nginx (60 s upstream
    keep-alive, deploy/nginx-ecoplan.conf) was reusing: the request was lost unanswered."""
    from ecoplan.app.serving import listen

    ran = {}
    monkeypatch.setattr(listen, "run", lambda app, **options: ran.update(options))
    monkeypatch.setenv("ECOPLAN_DATA_DIR", str(tmp_path))  # serve sets it for its workers
    result = CliRunner().invoke(cli, ["serve", "--data-dir", str(tmp_path), "--workers", "2",
                                      "--port", "18640"])
    assert result.exit_code == 0, result.output
    assert ran["workers"] == 2 and ran["timeout_keep_alive"] > 60
    assert ran["timeout_worker_healthcheck"] >= 60
    assert (ran["log_level"], ran["access_log"]) == ("warning", False)


def test_serve_log_level_info_records_worker_replacements_not_each_request(tmp_path, monkeypatch):
    """At ``info`` uvicorn's supervisor logs a worker it replaced (its connections are dropped
    unanswered); a line per request only at ``debug``."""
    from ecoplan.app.serving import listen

    ran = {}
    monkeypatch.setattr(listen, "run", lambda app, **options: ran.update(options))
    monkeypatch.setenv("ECOPLAN_DATA_DIR", str(tmp_path))
    for level, access in (("info", False), ("debug", True)):
        result = CliRunner().invoke(cli, ["serve", "--data-dir", str(tmp_path), "--port", "18641",
                                          "--log-level", level])
        assert result.exit_code == 0, result.output
        assert (ran["log_level"], ran["access_log"]) == (level, access)
    refused = CliRunner().invoke(cli, ["serve", "--data-dir", str(tmp_path), "--log-level", "x"])
    assert refused.exit_code == 2


def test_unreachable_database_is_one_line(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("ECOPLAN_DATABASE_URL", "postgresql+psycopg://nobody:secret@127.0.0.1:1/none")
    with pytest.raises(SystemExit) as info:
        main(["db", "upgrade"])
    err = capsys.readouterr().err
    assert info.value.code == 2 and "无法打开或升级数据库" in err
    assert "secret" not in err and "Traceback" not in err


def test_serve_starts_on_an_empty_data_dir(tmp_path, repo_root):
    """`ecoplan serve` in a fresh process: the empty dir gets a migrated WAL database."""
    import os
    import subprocess
    import sys
    import time
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    data = tmp_path / "empty"
    env = {k: v for k, v in os.environ.items() if k != "ECOPLAN_DATABASE_URL"}
    env["PYTHONPATH"] = str(repo_root / "src")
    server = subprocess.Popen([sys.executable, "-m", "ecoplan", "serve", "--data-dir", str(data),
                               "--port", str(port)], env=env, stderr=subprocess.PIPE, text=True)
    try:
        body = None
        for _ in range(300):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                    body = r.read().decode()
                break
            except OSError:
                assert server.poll() is None, server.stderr.read()
                time.sleep(0.1)
        assert body is not None and '"status":"ok"' in body
    finally:
        server.terminate()
        server.wait(timeout=20)
    engine = make_engine(f"sqlite:///{data / 'ecoplan.sqlite3'}")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    engine.dispose()
