"""Settings, built once (from the environment and options) and passed in; nothing happens at import."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ecoplan.errors import InputError

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
"""Largest document or data file ecoplan reads (bytes). Larger inputs are refused up front."""


def default_data_dir() -> Path:
    """``ECOPLAN_DATA_DIR``, else the per-user data directory (XDG)."""
    env = os.environ.get("ECOPLAN_DATA_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "ecoplan"


def _env_int(env, name: str, default: int) -> int:
    """A positive whole number from the environment variable ``name`` (unset: ``default``)."""
    raw = env.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or int(raw) < 1:
        raise InputError(f"环境变量 {name} 应为正整数，实际为“{raw}”", field=name)
    return int(raw)


def _env_switch(env, name: str, default: bool) -> bool:
    """On/off from the environment variable ``name`` (1/true/yes, 0/false/no; unset: default)."""
    raw = env.get(name, "").strip().lower()
    if not raw:
        return default
    if raw not in ("1", "true", "yes", "0", "false", "no"):
        raise InputError(f"环境变量 {name} 应为 1 或 0，实际为“{raw}”", field=name)
    return raw in ("1", "true", "yes")


def _env_secure(env) -> bool | None:
    """``ECOPLAN_COOKIE_SECURE``: unset/``auto`` → None (Secure exactly on https requests)."""
    raw = env.get("ECOPLAN_COOKIE_SECURE", "").strip().lower()
    if raw in ("", "auto"):
        return None
    if raw in ("1", "true", "yes", "0", "false", "no"):
        return raw in ("1", "true", "yes")
    raise InputError(f"环境变量 ECOPLAN_COOKIE_SECURE 应为 auto、1 或 0，实际为“{raw}”",
                     field="ECOPLAN_COOKIE_SECURE")


PUBLIC_ENV = {
    "feedback_accept_workdays": "ECOPLAN_FEEDBACK_ACCEPT_WORKDAYS",
    "feedback_start_workdays": "ECOPLAN_FEEDBACK_START_WORKDAYS",
    "feedback_close_days": "ECOPLAN_FEEDBACK_CLOSE_DAYS",
    "feedback_photo_bytes": "ECOPLAN_FEEDBACK_PHOTO_BYTES",
    "public_rate_limit": "ECOPLAN_PUBLIC_RATE_LIMIT",
    "public_device_rate_limit": "ECOPLAN_PUBLIC_DEVICE_RATE_LIMIT",
    "public_rate_window_seconds": "ECOPLAN_PUBLIC_RATE_WINDOW",
}
"""Settings of the public side and the environment variables that set them."""


@dataclass(frozen=True)
class Settings:
    data_dir: Path = field(default_factory=default_data_dir)
    database_url: str | None = None
    max_upload_bytes: int = MAX_UPLOAD_BYTES
    login_rate_limit: int = 10
    login_rate_window_seconds: int = 300
    session_idle_minutes: int = 120
    session_max_hours: int = 12
    cookie_secure: bool | None = None
    trusted_proxies: str = "127.0.0.1,::1"
    monitoring_inbox: Path | None = None
    """Drop folder of monitoring files the server imports unattended (``ECOPLAN_MONITORING_INBOX``)."""
    inbox_every_seconds: int = 300
    # Reports from the public (12369 practice; see docs/public.md).
    feedback_accept_workdays: int = 2
    feedback_start_workdays: int = 2
    feedback_close_days: int = 30
    feedback_photo_bytes: int = 5 * 1024 * 1024
    public_rate_limit: int = 5
    public_device_rate_limit: int = 3
    public_rate_window_seconds: int = 3600
    max_concurrent_requests: int = 8
    queue_seconds: int = 10
    db_timeout_seconds: int = 10
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    kept_responses: bool = True
    """Answer /status and /public from kept responses on the event loop when nothing they show
    changed (``ECOPLAN_KEPT_RESPONSES=0``: off): :mod:`ecoplan.app.serving.kept_responses`."""
    secret_key: str | None = field(default=None, repr=False)
    """Key that encrypts secrets kept in the database (``ECOPLAN_SECRET_KEY``; else the data
    dir's ``secret.key``): see :mod:`ecoplan.secretbox`."""

    @classmethod
    def from_env(cls, data_dir: Path | None = None, env=os.environ) -> "Settings":
        return cls(
            data_dir=Path(data_dir) if data_dir else default_data_dir(),
            database_url=env.get("ECOPLAN_DATABASE_URL") or None,
            login_rate_limit=_env_int(env, "ECOPLAN_LOGIN_RATE_LIMIT", cls.login_rate_limit),
            login_rate_window_seconds=_env_int(env, "ECOPLAN_LOGIN_RATE_WINDOW",
                                               cls.login_rate_window_seconds),
            session_idle_minutes=_env_int(env, "ECOPLAN_SESSION_IDLE_MINUTES",
                                          cls.session_idle_minutes),
            session_max_hours=_env_int(env, "ECOPLAN_SESSION_MAX_HOURS", cls.session_max_hours),
            cookie_secure=_env_secure(env),
            trusted_proxies=env.get("ECOPLAN_TRUSTED_PROXIES", cls.trusted_proxies).strip(),
            monitoring_inbox=Path(env["ECOPLAN_MONITORING_INBOX"]) if env.get("ECOPLAN_MONITORING_INBOX", "").strip() else None,
            inbox_every_seconds=_env_int(env, "ECOPLAN_MONITORING_INBOX_EVERY", cls.inbox_every_seconds),
            **{name: _env_int(env, var, getattr(cls, name)) for name, var in PUBLIC_ENV.items()},
            max_concurrent_requests=_env_int(env, "ECOPLAN_MAX_CONCURRENT_REQUESTS",
                                             cls.max_concurrent_requests),
            queue_seconds=_env_int(env, "ECOPLAN_QUEUE_SECONDS", cls.queue_seconds),
            db_timeout_seconds=_env_int(env, "ECOPLAN_DB_TIMEOUT", cls.db_timeout_seconds),
            workers=_env_int(env, "ECOPLAN_WORKERS", os.cpu_count() or 1),
            kept_responses=_env_switch(env, "ECOPLAN_KEPT_RESPONSES", cls.kept_responses),
            secret_key=env.get("ECOPLAN_SECRET_KEY", "").strip() or None,
        )

    @property
    def effective_database_url(self) -> str:
        """``ECOPLAN_DATABASE_URL`` (PostgreSQL) or the embedded SQLite file in the data dir."""
        return self.database_url or f"sqlite:///{self.data_dir / 'ecoplan.sqlite3'}"
