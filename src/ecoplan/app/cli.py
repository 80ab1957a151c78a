"""``ecoplan serve``, ``ecoplan demo`` and ``ecoplan db upgrade``."""

from __future__ import annotations

import socket
from pathlib import Path

import click

from ecoplan.app.db import make_sessionmaker, unit_of_work
from ecoplan.app.migrate import current_revision
from ecoplan.app.setup import prepare_database
from ecoplan.config import Settings
from ecoplan.errors import InputError

DATA_DIR = click.option(
    "--data-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
    help="Folder holding the SQLite database (created and migrated when empty). "
         "Default: $ECOPLAN_DATA_DIR or ~/.local/share/ecoplan. "
         "Ignored for the database when ECOPLAN_DATABASE_URL (PostgreSQL) is set.")


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535),
              help="Port to listen on.")
@DATA_DIR
def serve(host: str, port: int, data_dir: Path | None) -> None:
    """Run the web application (one process; the database is migrated first; the day's
    reporting reminders are made in the background, as `ecoplan progress remind` would)."""
    import uvicorn

    from ecoplan.app.main import create_app
    from ecoplan.app.progress.scheduler import DailyReminders

    settings = Settings.from_env(data_dir)
    _check_port_free(host, port)
    prepare_database(settings).dispose()
    click.echo(f"ecoplan: serving on http://{host}:{port}/  (Ctrl-C to stop)", err=True)
    app = create_app(settings)
    daily = DailyReminders(app.state.sessionmaker)
    daily.start()
    try:
        # The app reads proxy headers itself (Settings.trusted_proxies), not uvicorn.
        uvicorn.run(app, host=host, port=port, log_level="warning", proxy_headers=False)
    finally:
        daily.stop()


def _check_port_free(host: str, port: int) -> None:
    """A clear message instead of uvicorn's bind error when the port is taken."""
    with socket.socket() as probe:
        try:
            probe.bind((host, port))
        except OSError as err:
            raise InputError(f"无法在 {host}:{port} 上监听（{err.strerror}）；"
                             "该端口可能已被占用，请用 --port 换一个端口") from None


@click.command()
@DATA_DIR
def demo(data_dir: Path | None) -> None:
    """Load the Changzhou demo (units, one account per role) into the data dir. Idempotent."""
    from ecoplan.demo.build import build_demo

    settings = Settings.from_env(data_dir)
    engine = prepare_database(settings)
    with unit_of_work(make_sessionmaker(engine)) as session:
        report = build_demo(session, settings.data_dir)
    engine.dispose()
    for line in report.lines:
        click.echo(line)
    click.echo("演示账户（仅供演示，请勿用于生产环境）：")
    for account in report.accounts:
        click.echo(f"  {account.role:<9} 用户名 {account.username:<9} 密码 {account.password}"
                   f"  {account.display_name}")


@click.group()
def db() -> None:
    """Database maintenance."""


@db.command("upgrade")
@DATA_DIR
def db_upgrade(data_dir: Path | None) -> None:
    """Bring the database to the newest schema (Alembic migrations)."""
    engine = prepare_database(Settings.from_env(data_dir))
    click.echo(f"database at revision {current_revision(engine)}")
    engine.dispose()
