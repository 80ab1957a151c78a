"""Backup and restore (issue 11 item 7): a snapshot taken while a writer is busy restores into an
empty directory with every table (row by row) and every file as they were at the snapshot."""

from __future__ import annotations

import io
import json
import tarfile
import threading
import uuid
from datetime import datetime, timezone
from pathlib import Path

import pytest
from sqlalchemy import MetaData, create_engine, select, text
from sqlalchemy.engine import make_url

from ecoplan.app.db import unit_of_work
from ecoplan.app.versions import make_sessionmaker
from ecoplan.app.setup import prepare_database
from ecoplan.backup.restore import restore_backup
from ecoplan.backup.snapshot import make_backup
from ecoplan.cli import main
from ecoplan.config import Settings
from ecoplan.app.features import FEATURES
from ecoplan.demo.build import DemoReport
from ecoplan.errors import InputError
from ecoplan.monitoring.store import Store
from ecoplan.monitoring.synthetic import seed_changzhou

# The demo without its slowest step (13,000 progress reports): units, accounts, plan, ledger.
QUICK_STEPS = [s for f in FEATURES for s in f.demo_steps
               if s.__name__ not in ("load_demo_reports", "load_monitoring")]
FILES = {"evidence/3f2a.pdf": b"%PDF-1.4 evidence", "seals/office.png": b"\x89PNG seal",
         "ledger/1/photo.jpg": b"\xff\xd8 photo", "plan_sources/plan.docx": b"PK plan",
         "assessment/2023.yaml": "year: 2023\n".encode()}


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch):
    from argon2 import PasswordHasher

    from ecoplan.app.auth import passwords

    monkeypatch.setattr(passwords, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


def populate(settings: Settings) -> None:
    engine = prepare_database(settings)
    with unit_of_work(make_sessionmaker(engine)) as session:
        report = DemoReport()
        for step in QUICK_STEPS:
            step(session, report)
    engine.dispose()
    seed_changzhou(Store(settings.data_dir), years=(2022,), until="2022-02-10")
    for name, body in FILES.items():
        path = settings.data_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(body)


class Writer(threading.Thread):
    """Appends audit entries two per transaction (a pair: a snapshot holds both or neither)."""

    def __init__(self, url: str) -> None:
        super().__init__(daemon=True)
        self.engine, self.stop, self.written = create_engine(url), threading.Event(), 0

    def run(self) -> None:
        while not self.stop.is_set():
            with self.engine.begin() as con:
                for half in "ab":
                    con.execute(text("INSERT INTO audit_entries (at, actor, action, object_type, object_id) "
                                     "VALUES (:at, 'writer', 'test.write', 'test', :id)"),
                                {"at": datetime.now(timezone.utc), "id": f"{self.written}{half}"})
            self.written += 1
            self.stop.wait(0.005)

    def wait_for(self, count: int) -> None:
        target = self.written + count
        while self.written < target and self.is_alive():
            self.stop.wait(0.01)

    def finish(self) -> None:
        self.stop.set()
        self.join(timeout=30)
        self.engine.dispose()


def tables(url: str) -> dict[str, list[tuple]]:
    """Every table's rows, ordered by primary key."""
    engine = create_engine(url)
    try:
        meta = MetaData()
        meta.reflect(engine)
        with engine.connect() as con:
            return {name: [tuple(row) for row in con.execute(select(table).order_by(*table.primary_key.columns))]
                    for name, table in meta.tables.items()}
    finally:
        engine.dispose()


def files(data_dir: Path) -> dict[str, bytes]:
    skip = ("ecoplan.sqlite3", ".store.lock")
    return {p.relative_to(data_dir).as_posix(): p.read_bytes() for p in sorted(data_dir.rglob("*"))
            if p.is_file() and not p.name.startswith(skip) and not p.name.endswith(".tmp")}


def backup_while_writing(settings: Settings, out: Path) -> dict:
    writer = Writer(settings.effective_database_url)
    writer.start()
    try:
        writer.wait_for(5)
        manifest = make_backup(settings, out)
        writer.wait_for(3)  # still writing after the snapshot: the source has rows the backup lacks
    finally:
        writer.finish()
    return manifest


def assert_restored(source_url: str, restored_url: str) -> None:
    before, after = tables(source_url), tables(restored_url)
    assert set(after) == set(before) and after["plan_tasks"] and after["units"]
    for name in before:
        if name != "audit_entries":
            assert after[name] == before[name], name
    audit = after["audit_entries"]
    assert audit == before["audit_entries"][:len(audit)]  # a consistent prefix of the source
    written = [row for row in audit if row[2] == "writer"]
    assert len(written) >= 10 and len(written) % 2 == 0  # pairs whole: one transaction's view
    assert len(before["audit_entries"]) > len(audit)


def test_sqlite_backup_while_writing_restores_every_table_and_file(tmp_path, capsys):
    source = Settings(data_dir=tmp_path / "data")
    populate(source)
    (source.data_dir / "monitoring" / ".part.parquet.0a1b.tmp").write_bytes(b"left by a killed import")
    archive = tmp_path / "backups" / "ecoplan.tar.gz"
    manifest = backup_while_writing(source, archive)
    assert manifest["alembic_revision"] and manifest["database"]["kind"] == "sqlite"
    paths = {entry["path"] for entry in manifest["files"]}
    assert {f"files/{name}" for name in FILES} <= paths and "database/ecoplan.sqlite3" in paths
    assert any(p.startswith("files/monitoring/air_hourly/") for p in paths)

    target = tmp_path / "restored"
    with pytest.raises(SystemExit) as done:
        main(["restore", str(archive), "--data-dir", str(target)])
    assert done.value.code == 0, capsys.readouterr().err
    assert "校验一致" in capsys.readouterr().out
    assert_restored(source.effective_database_url, f"sqlite:///{target / 'ecoplan.sqlite3'}")
    assert files(target) == {k: v for k, v in files(source.data_dir).items()}
    assert not list(target.rglob("*.tmp"))
    assert Store(target).connect().execute("SELECT count(*) FROM air_hourly").fetchone()[0] > 0


def test_cli_backup_and_refusals(tmp_path, capsys):
    source = Settings(data_dir=tmp_path / "data")
    populate(source)
    archive = tmp_path / "b.tar.gz"
    with pytest.raises(SystemExit) as done:
        main(["backup", "--data-dir", str(source.data_dir), "--out", str(archive)])
    assert done.value.code == 0 and "已备份到" in capsys.readouterr().out
    occupied = tmp_path / "occupied"
    occupied.mkdir()
    (occupied / "keep.txt").write_text("mine")
    with pytest.raises(InputError, match="非空"):
        restore_backup(archive, occupied)
    assert (occupied / "keep.txt").read_text() == "mine"
    restore_backup(archive, occupied, force=True)
    assert not (occupied / "keep.txt").exists() and (occupied / "ecoplan.sqlite3").exists()
    with pytest.raises(InputError, match="SQLite"):
        restore_backup(archive, tmp_path / "pg", database_url="postgresql+psycopg://x@127.0.0.1:1/x")
    inside = make_backup(source, source.data_dir / "backups" / "self.tar.gz")  # the archive in the data dir
    assert not [e["path"] for e in inside["files"] if "backups/" in e["path"] or ".ecoplan-backup-" in e["path"]]


def test_tampered_archive_is_refused_before_anything_is_written(tmp_path):
    source = Settings(data_dir=tmp_path / "data")
    populate(source)
    archive = tmp_path / "b.tar.gz"
    make_backup(source, archive)
    tampered = tmp_path / "tampered.tar.gz"
    with tarfile.open(archive) as old, tarfile.open(tampered, "w:gz") as new:
        for member in old:
            body = old.extractfile(member).read()
            if member.name == "files/seals/office.png":
                body = body.replace(b"seal", b"fake")
            new.addfile(member, io.BytesIO(body))
    with pytest.raises(InputError, match="校验失败"):
        restore_backup(tampered, tmp_path / "restored")
    assert not (tmp_path / "restored").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".restored.restore-")]
    with tarfile.open(archive) as tar:
        manifest = json.loads(tar.extractfile("manifest.json").read())
    assert all(len(entry["sha256"]) == 64 for entry in manifest["files"])


@pytest.fixture
def postgres_databases():
    """Two new databases on the test server (source, restore target), dropped afterwards."""
    import os

    base = os.environ.get("ECOPLAN_TEST_POSTGRES_URL")
    if not base:
        pytest.skip("PostgreSQL not configured (set ECOPLAN_TEST_POSTGRES_URL; scripts/test.sh does)")
    names = [f"ops_backup_{uuid.uuid4().hex[:8]}", f"ops_restore_{uuid.uuid4().hex[:8]}"]
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as con:
        for name in names:
            con.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield [make_url(base).set(database=name).render_as_string(hide_password=False) for name in names]
    finally:
        with admin.connect() as con:
            for name in names:
                con.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_postgresql_backup_while_writing_restores_every_table_and_file(tmp_path, postgres_databases):
    source_url, target_url = postgres_databases
    source = Settings(data_dir=tmp_path / "data", database_url=source_url)
    populate(source)
    archive = tmp_path / "pg.tar.gz"
    manifest = backup_while_writing(source, archive)
    assert manifest["database"]["kind"] == "postgresql" and manifest["alembic_revision"]
    with pytest.raises(InputError, match="PostgreSQL"):
        restore_backup(archive, tmp_path / "nowhere")  # a PostgreSQL backup needs a database to go to
    restore_backup(archive, tmp_path / "restored", database_url=target_url)
    assert_restored(source_url, target_url)
    assert files(tmp_path / "restored") == files(source.data_dir)
    with pytest.raises(InputError, match="已有数据表"):
        restore_backup(archive, tmp_path / "again", database_url=target_url)
