"""Bringing a database to the newest schema with Alembic (``ecoplan db upgrade``, ``serve``)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

import ecoplan.migrations

SCRIPT_LOCATION = str(Path(ecoplan.migrations.__file__).parent)


def _config(connection, settings=None) -> Config:
    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    config.attributes["connection"] = connection
    config.attributes["settings"] = settings
    return config


def upgrade(engine: Engine, revision: str = "head", settings=None) -> None:
    """Apply every migration up to ``revision`` in one transaction; ``settings`` (the data
    dir, the secrets' key) for the migrations that change data with them (``0020_office``)."""
    with engine.begin() as connection:
        command.upgrade(_config(connection, settings), revision)


def head_revision() -> str:
    """The newest migration shipped with ecoplan."""
    return ScriptDirectory(SCRIPT_LOCATION).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()
