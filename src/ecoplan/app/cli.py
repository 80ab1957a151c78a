"""``ecoplan serve``, ``ecoplan demo`` and ``ecoplan db upgrade``."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import click

from ecoplan.app.db import unit_of_work
from ecoplan.app.migrate import current_revision
from ecoplan.app.setup import DATA_DIR, prepare_database
from ecoplan.config import Settings
from ecoplan.errors import InputError

@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="监听地址。")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535),
              help="监听端口。")
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help="工作进程数。默认：$ECOPLAN_WORKERS 或 CPU 核数。"
                   "各进程（以及共用同一 PostgreSQL 数据库的多台主机）通过数据库共享登录限制、提醒租约与缓存版本。")
@click.option("--log-level", type=click.Choice(["warning", "info", "debug"]), default="warning",
              show_default=True,
              help="服务器日志级别：info 另记工作进程的启动、退出与替换；debug 另记每个请求。")
@DATA_DIR
def serve(host: str, port: int, workers: int | None, data_dir: Path | None,
          log_level: str) -> None:
    """运行网页应用（先迁移数据库）。

    每个工作进程都在后台等待生成每天的报送提醒（与 `ecoplan progress remind` 相同），
    但只有持有数据库租约的一个进程生成；启动后在后台先算好进度总览。"""
    from ecoplan.app.serving import listen

    settings = Settings.from_env(data_dir)
    workers = workers or settings.workers
    _check_port_free(host, port)
    prepare_database(settings).dispose()
    os.environ["ECOPLAN_DATA_DIR"] = str(settings.data_dir)  # read by every worker process
    click.echo(f"ecoplan: serving on http://{host}:{port}/ with {workers} worker process"
               f"{'es' if workers > 1 else ''}  (Ctrl-C to stop)", err=True)
    # The app reads proxy headers itself (Settings.trusted_proxies), not uvicorn.
    listen.run("ecoplan.app.serving.factory:app_from_env", factory=True, host=host, port=port,
                workers=workers, log_level=log_level, access_log=log_level == "debug",
                proxy_headers=False, timeout_graceful_shutdown=10, timeout_worker_healthcheck=WORKER_HEALTHCHECK_S,
                timeout_keep_alive=KEEP_ALIVE_S)


KEEP_ALIVE_S = 75
"""How long an idle kept-alive connection stays open: longer than nginx's upstream keep-alive
(60 s), so the proxy, not the server, closes an idle connection (uvicorn's default, 5 s, can
close a connection the proxy or a client is reusing at that moment: the request is then lost
unanswered)."""
WORKER_HEALTHCHECK_S = 60
"""How long uvicorn's supervisor waits for a worker process to answer its ping before it kills
and replaces it (uvicorn's default, 5 s, killed busy workers on a loaded 2-core machine: their
pinging thread waits for Python's GIL behind the request threads, and every open connection of
the killed worker was dropped unanswered)."""


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
    from ecoplan.app.features import application_sessionmaker

    with unit_of_work(application_sessionmaker(engine, settings)) as session:
        report = build_demo(session, settings.data_dir)
    engine.dispose()
    for line in report.lines:
        click.echo(line)
    click.echo("演示账户（仅供演示，请勿用于生产环境）：")
    role_w = max((len(a.role) for a in report.accounts), default=0) + 1
    name_w = max((len(a.username) for a in report.accounts), default=0) + 1
    for account in report.accounts:  # columns as wide as the longest name (monitoring)
        click.echo(f"  {account.role:<{role_w}} 用户名 {account.username:<{name_w}} 密码 "
                   f"{account.password}  {account.display_name}")


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
