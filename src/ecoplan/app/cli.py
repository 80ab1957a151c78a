"""``ecoplan serve``, ``ecoplan demo`` and ``ecoplan db upgrade``."""

from __future__ import annotations

import socket
from pathlib import Path

import click

from ecoplan.app.db import make_sessionmaker, unit_of_work
from ecoplan.app.migrate import current_revision
from ecoplan.app.setup import DATA_DIR, prepare_database
from ecoplan.config import Settings
from ecoplan.errors import InputError

@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="监听地址。")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535),
              help="监听端口。")
@DATA_DIR
def serve(host: str, port: int, data_dir: Path | None) -> None:
    """运行网页应用（单进程，先迁移数据库）。

    每天的报送提醒在后台生成，与 `ecoplan progress remind` 相同。"""
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
    """把常州市演示数据（单位、每个角色一个账户、方案、进展、监测、台账）载入数据目录；可重复运行。"""
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
    """数据库维护。"""


@db.command("upgrade")
@DATA_DIR
def db_upgrade(data_dir: Path | None) -> None:
    """把数据库升级到最新结构（Alembic 迁移）。"""
    engine = prepare_database(Settings.from_env(data_dir))
    click.echo(f"数据库已是最新版本：{current_revision(engine)}")
    engine.dispose()
