"""Preparing a data directory: create it, open the database, bring it to the newest schema."""

from __future__ import annotations

from pathlib import Path

import click
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from ecoplan.app.db import make_engine
from ecoplan.app.migrate import upgrade
from ecoplan.config import Settings
from ecoplan.errors import InputError

DATA_DIR = click.option(
    "--data-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
    help="数据目录：存放 SQLite 数据库（为空时自动创建并迁移）、监测数据和附件。"
         "默认：$ECOPLAN_DATA_DIR 或 ~/.local/share/ecoplan。"
         "设置了 ECOPLAN_DATABASE_URL（PostgreSQL）时数据库不在此目录。")
"""The ``--data-dir`` option of every command that opens the database."""


def prepare_database(settings: Settings) -> Engine:
    """An engine on a migrated database: an empty data dir gets a fresh SQLite file (WAL)."""
    if settings.database_url is None:
        try:
            settings.data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise InputError(f"无法创建数据目录：{err.strerror}", file=str(settings.data_dir)) from None
    engine = make_engine(settings.effective_database_url)
    try:
        upgrade(engine, settings=settings)
    except SQLAlchemyError as err:
        engine.dispose()
        raise InputError(f"无法打开或升级数据库：{err.__class__.__name__}: {err.orig or err}",
                         file=_redacted(settings.effective_database_url)) from None
    return engine


def _redacted(url: str) -> str:
    """The database URL without its password (it goes into an error message)."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
