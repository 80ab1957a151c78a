"""Settings, built once (from the environment and options) and passed in; nothing happens at import."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
"""Largest document or data file ecoplan reads (bytes). Larger inputs are refused up front."""


def default_data_dir() -> Path:
    """``ECOPLAN_DATA_DIR``, else the per-user data directory (XDG)."""
    env = os.environ.get("ECOPLAN_DATA_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "ecoplan"


@dataclass(frozen=True)
class Settings:
    data_dir: Path = field(default_factory=default_data_dir)
    database_url: str | None = None
    max_upload_bytes: int = MAX_UPLOAD_BYTES

    @classmethod
    def from_env(cls, data_dir: Path | None = None) -> "Settings":
        return cls(
            data_dir=Path(data_dir) if data_dir else default_data_dir(),
            database_url=os.environ.get("ECOPLAN_DATABASE_URL") or None,
        )

    @property
    def effective_database_url(self) -> str:
        """``ECOPLAN_DATABASE_URL`` (PostgreSQL) or the embedded SQLite file in the data dir."""
        return self.database_url or f"sqlite:///{self.data_dir / 'ecoplan.sqlite3'}"
