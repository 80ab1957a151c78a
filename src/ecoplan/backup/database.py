"""The database part of a backup: SQLite through its online backup API, PostgreSQL through
``pg_dump``/``pg_restore`` of the server's major version.

SQLite's ``Connection.backup`` copies a consistent snapshot while the server keeps writing (WAL
mode: the copy reads one transaction's view). ``pg_dump`` runs in one repeatable-read transaction,
so its dump is consistent too. The client binaries are looked up in ``ECOPLAN_PG_BINDIR``, then in
Debian's ``/usr/lib/postgresql/<major>/bin`` (the server's major version, or the newest installed
one above it: ``pg_dump`` reads older servers, not newer ones), then on ``PATH``.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from ecoplan.errors import InputError

SQLITE_FILE = "ecoplan.sqlite3"
PG_DUMP_FILE = "ecoplan.pgdump"
DEBIAN_PG = Path("/usr/lib/postgresql")


def kind_of(url: str) -> str:
    if url.startswith("sqlite"):
        return "sqlite"
    if url.startswith("postgresql"):
        return "postgresql"
    raise InputError(f"不支持备份此数据库: {make_url(url).render_as_string(hide_password=True)}",
                     field="ECOPLAN_DATABASE_URL")


def sqlite_path(url: str) -> Path:
    return Path(make_url(url).database or "")


def snapshot_sqlite(url: str, target: Path) -> dict:
    """A consistent copy of the SQLite database of ``url`` written to ``target`` (one file)."""
    source_path = sqlite_path(url)
    if not source_path.is_file():
        raise InputError("数据目录中没有数据库文件", file=str(source_path))
    source = sqlite3.connect(source_path, timeout=30)
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
    finally:
        copy.close()
        source.close()
    return {"kind": "sqlite", "sqlite_version": sqlite3.sqlite_version}


def sqlite_revision(path: Path) -> str | None:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    except sqlite3.Error:
        return None
    finally:
        con.close()


def server_facts(url: str) -> dict:
    """Server version, alembic revision and whether any table exists, from the live database."""
    engine = create_engine(url)
    try:
        with engine.connect() as con:
            number = int(con.execute(text("SHOW server_version_num")).scalar())
            tables = con.execute(text("SELECT count(*) FROM information_schema.tables WHERE table_schema "
                                      "= ANY (current_schemas(false))")).scalar()
            revision = None
            if con.execute(text("SELECT to_regclass('alembic_version')")).scalar():
                revision = con.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except Exception as err:  # unreachable server, bad credentials: one line, not a traceback
        raise InputError(f"无法连接 PostgreSQL: {str(err).splitlines()[0]}", field="ECOPLAN_DATABASE_URL") from None
    finally:
        engine.dispose()
    return {"major": number // 10000, "server_version_num": number, "tables": tables, "revision": revision}


def pg_binary(name: str, server_major: int) -> Path:
    """``pg_dump`` or ``pg_restore`` able to talk to a server of ``server_major``."""
    bindir = os.environ.get("ECOPLAN_PG_BINDIR")
    candidates = [Path(bindir) / name] if bindir else []
    installed = sorted((int(p.name), p / "bin" / name) for p in DEBIAN_PG.glob("*") if p.name.isdigit())
    candidates += [path for major, path in installed if major == server_major]
    candidates += [path for major, path in installed if major > server_major]
    on_path = shutil.which(name)
    candidates += [Path(on_path)] if on_path else []
    for path in candidates:
        if path.is_file() and _major(path) >= server_major:
            return path
    raise InputError(f"找不到 PostgreSQL {server_major} 或更新版本的 {name}（安装 postgresql-client-{server_major}，"
                     "或用 ECOPLAN_PG_BINDIR 指定其目录）", field=name)


def _major(binary: Path) -> int:
    out = subprocess.run([str(binary), "--version"], capture_output=True, text=True, check=False).stdout
    found = re.search(r"(\d+)(?:\.\d+)?", out)
    return int(found.group(1)) if found else 0


def libpq(url: str) -> tuple[str, dict]:
    """A libpq connection string of the SQLAlchemy ``url`` and the environment carrying its
    password (kept out of the process list)."""
    parsed = make_url(url)
    parts = {"host": parsed.host, "port": parsed.port, "user": parsed.username, "dbname": parsed.database,
             **{k: v for k, v in parsed.query.items() if isinstance(v, str)}}
    conninfo = " ".join(f"{k}='{_quote(str(v))}'" for k, v in parts.items() if v not in (None, ""))
    env = {**os.environ, **({"PGPASSWORD": parsed.password} if parsed.password else {})}
    return conninfo, env


def _quote(value: str) -> str:
    return value.replace("\\", "\\\\").replace("'", "\\'")


def dump_postgres(url: str, target: Path) -> dict:
    """``pg_dump`` (custom format) of the database of ``url`` to ``target``."""
    facts = server_facts(url)
    binary = pg_binary("pg_dump", facts["major"])
    conninfo, env = libpq(url)
    _run([str(binary), "--format=custom", "--no-owner", "--no-privileges", f"--file={target}",
          f"--dbname={conninfo}"], env, "pg_dump")
    return {"kind": "postgresql", "server_version_num": facts["server_version_num"],
            "pg_dump": str(binary), "pg_dump_major": _major(binary), "revision": facts["revision"]}


def restore_postgres(url: str, dump: Path, *, force: bool) -> None:
    """``pg_restore`` of ``dump`` into the database of ``url`` (refused when it holds tables,
    unless ``force``: then the dump's objects replace the ones of the same name)."""
    facts = server_facts(url)
    if facts["tables"] and not force:
        raise InputError("目标 PostgreSQL 数据库中已有数据表；确认要覆盖时加 --force",
                         field="ECOPLAN_DATABASE_URL")
    binary = pg_binary("pg_restore", facts["major"])
    conninfo, env = libpq(url)
    _run([str(binary), "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error",
          *(["--clean", "--if-exists"] if force else []), f"--dbname={conninfo}", str(dump)], env, "pg_restore")


def _run(args: list[str], env: dict, what: str) -> None:
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    if done.returncode:
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        raise InputError(f"{what} 失败（退出码 {done.returncode}）: {' / '.join(lines[-3:])}", field=what)
