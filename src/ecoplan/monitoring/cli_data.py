"""``ecoplan data``: import monitoring files into the data directory, list what is stored."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ecoplan.errors import InputError

DATA_DIR_OPTION = click.option(
    "--data-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
    help="数据目录（默认 ECOPLAN_DATA_DIR，否则用户数据目录）。")


@click.group("data")
def data() -> None:
    """监测数据：导入站点/断面名录、小时空气数据、水质数据、降尘。"""


@data.command("import")
@DATA_DIR_OPTION
@click.option("--wait", "wait", type=click.FloatRange(min=0), default=600, show_default=True,
              help="另一进程正在写入同一数据目录时最多等待的秒数（0：立即放弃并报错）。")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
def import_command(data_dir: Path | None, wait: float, files: tuple[Path, ...]) -> None:
    """导入 FILES（CSV 或 xlsx；文件类型按内容识别）。每个文件要么全部导入，要么一行不导入。

    同一数据目录一次只有一个进程写入：另一导入正在进行时，本次读完文件后等待其结束（--wait）；
    被中断的导入留下的临时文件由下一次导入清除。"""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from ecoplan.monitoring.importer import import_files
    from ecoplan.monitoring.store import Store

    with Progress(TextColumn("[bold]读取[/] {task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), transient=True, disable=len(files) < 2) as bar:
        task = bar.add_task("", total=len(files))
        report = import_files(Store(data_dir), list(files),
                              progress=lambda name: bar.update(task, advance=1, description=name),
                              lock_timeout=wait, on_wait=lambda who: click.echo(
                                  f"ecoplan: 监测数据正被另一进程写入（{who or '未知进程'}），等待其结束（最多 {wait:g} 秒）……",
                                  err=True))
    for item in report.imported:
        click.echo(f"已导入 {item['file']}: {item['kind']} ({item['layout']}), {item['rows']} 行")
    for name in report.skipped:
        click.echo(f"已跳过 {name}: 内容相同的文件已导入过")
    click.echo(f"共写入 {report.rows} 行，用时 {report.seconds:.2f} 秒，{report.throughput:,.0f} 行/秒")
    for err in report.failed:
        click.echo(f"ecoplan: error: {err}", err=True)
    if report.failed:
        raise click.exceptions.Exit(2)


@data.command("status")
@DATA_DIR_OPTION
def status_command(data_dir: Path | None) -> None:
    """列出已导入的文件（JSON）。"""
    from ecoplan.monitoring.store import Store

    store = Store(data_dir)
    if not store.root.exists():
        raise InputError("数据目录中还没有监测数据", file=str(store.root))
    click.echo(json.dumps(list(store.imports().values()), ensure_ascii=False, indent=1))


@data.command("synthetic")
@DATA_DIR_OPTION
@click.option("--years", default="2022,2023", show_default=True, help="生成的年份（逗号分隔）。")
@click.option("--until", default=None, help="只生成到该日（YYYY-MM-DD），模拟年中进度。")
@click.option("--seed", default=2023, show_default=True, help="随机种子（相同种子生成相同数据）。")
def synthetic_command(data_dir: Path | None, years: str, until: str | None, seed: int) -> None:
    """生成常州市合成监测数据（辖市区与 63 个镇的站点、断面水质、降尘），全部标注为合成数据。"""
    from ecoplan.monitoring.store import Store
    from ecoplan.monitoring.synthetic import seed_changzhou

    try:
        year_list = tuple(int(y) for y in years.split(","))
    except ValueError:
        raise InputError(f"年份无效: {years}", field="years") from None
    counts = seed_changzhou(Store(data_dir), years=year_list, seed=seed, until=until)
    click.echo("已生成合成数据（synthetic）: " + "，".join(f"{k} {v} 行" for k, v in counts.items()))
