"""``ecoplan backup`` and ``ecoplan restore``."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import click

from ecoplan.config import Settings

DATA_DIR = click.option(
    "--data-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
    help="数据目录（默认 $ECOPLAN_DATA_DIR 或 ~/.local/share/ecoplan）。")
DATABASE_URL = click.option(
    "--database-url", default=None,
    help="PostgreSQL 数据库地址（默认 $ECOPLAN_DATABASE_URL；都未设置时为数据目录中的 SQLite）。")


@click.command("backup")
@DATA_DIR
@DATABASE_URL
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="备份文件（.tar.gz）；已存在时被替换。")
@click.option("--wait", type=click.FloatRange(min=0), default=600, show_default=True,
              help="监测数据正在导入时最多等待的秒数。")
def backup(data_dir: Path | None, database_url: str | None, out: Path, wait: float) -> None:
    """在服务运行时备份：数据库（SQLite 在线备份或 pg_dump）、附件、印章、监测数据和设置，
    打包为一个带清单（每个文件的 sha256、版本、数据库迁移版本）的文件。"""
    from ecoplan.backup.snapshot import make_backup

    settings = _settings(data_dir, database_url)
    manifest = make_backup(settings, out, lock_timeout=wait)
    size = sum(entry["size"] for entry in manifest["files"])
    click.echo(f"已备份到 {out}：数据库 {manifest['database']['kind']}（迁移版本 {manifest['alembic_revision']}），"
               f"{len(manifest['files']) - 1} 个文件，共 {size / 1e6:.1f} MB（未压缩）")


@click.command("restore")
@click.argument("archive", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@DATA_DIR
@DATABASE_URL
@click.option("--force", is_flag=True, help="目标数据目录（或 PostgreSQL 数据库）非空时仍然恢复，替换其内容。")
def restore(archive: Path, data_dir: Path | None, database_url: str | None, force: bool) -> None:
    """把 ARCHIVE（ecoplan backup 生成）恢复到数据目录；先核对每个文件的 sha256。

    PostgreSQL 的备份恢复到 --database-url / $ECOPLAN_DATABASE_URL 指定的数据库（pg_restore）。
    恢复后启动服务（ecoplan serve）或 ecoplan db upgrade 会把数据库升级到本版本的结构。"""
    from ecoplan.backup.restore import restore_backup

    settings = _settings(data_dir, database_url)
    manifest = restore_backup(archive, settings.data_dir, database_url=settings.database_url, force=force)
    click.echo(f"已恢复到 {settings.data_dir}：备份时间 {manifest['created_at']}，"
               f"数据库 {manifest['database']['kind']}（迁移版本 {manifest['alembic_revision']}），"
               f"{len(manifest['files']) - 1} 个文件，校验一致")


def _settings(data_dir: Path | None, database_url: str | None) -> Settings:
    settings = Settings.from_env(data_dir)
    if database_url:
        settings = replace(settings, database_url=database_url)
    return settings
