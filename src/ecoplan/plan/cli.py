"""``ecoplan plan``: parse a published work plan, score a parse against an annotation."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ecoplan.errors import InputError


@click.group("plan")
def plan() -> None:
    """工作方案：把发布的方案读成指标、任务、责任单位和时限。"""


def _render(result: dict, fmt: str, source: Path, out: Path | None) -> None:
    if fmt == "json":
        text = json.dumps(result, ensure_ascii=False, indent=2)
        if out:
            out.write_text(text + "\n", encoding="utf-8")
        else:
            click.echo(text)
        return
    try:
        from ecoplan.plan import render
    except ImportError:
        raise InputError(f"--format {fmt} 暂不可用（渲染模块未安装）", field="--format") from None
    if fmt == "table":
        from rich.console import Console

        console = Console(file=out.open("w", encoding="utf-8") if out else None, width=160 if out else None)
        console.print(render.plan_table(result))
        return
    target = out or source.with_name(f"{source.stem}.plan.xlsx")
    from ecoplan.reports.xlsx import write_workbook

    write_workbook(render.plan_sheets(result), target)
    click.echo(str(target))


@plan.command("parse")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["json", "table", "xlsx"]), default="json", show_default=True,
              help="json：ecoplan.plan/1 对象（UTF-8）；table：在终端列出任务及其责任单位、时限和指标；"
                   "xlsx：任务表和指标表。")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="输出到此文件而非标准输出；xlsx 默认写在 FILE 旁，文件名加 .plan.xlsx。")
@click.option("--gazetteer", type=click.Path(path_type=Path),
              help="本市单位名录 YAML（region / districts / units），与常州名录合并。")
@click.option("--year", type=click.IntRange(1949, 2100),
              help="方案年份（文中未写明或写错时指定；优先于从标题、落款读出的年份）。")
def parse(file: Path, fmt: str, out: Path | None, gazetteer: Path | None, year: int | None) -> None:
    """把工作方案 FILE（.txt、.html、.docx、.pdf、.xlsx）解析为 ecoplan.plan/1 JSON。"""
    from ecoplan.plan.build import parse_file

    _render(parse_file(file, gazetteer, year), fmt, file, out)


@plan.command("score")
@click.argument("parsed", type=click.Path(path_type=Path))
@click.argument("annotation", type=click.Path(path_type=Path), nargs=-1, required=True)
@click.option("--gazetteer", type=click.Path(path_type=Path),
              help="用于规范标注中单位名称的名录 YAML（默认：常州）。")
def score(parsed: Path, annotation: tuple[Path, ...], gazetteer: Path | None) -> None:
    """以人工标注 ANNOTATION 为准，计算解析结果 PARSED（ecoplan.plan/1 JSON）的精确率、召回率和 F1。

    责任按（任务、角色、单位）计，时限按（任务、日期）计，指标按（任务、数值、单位、比较符）计。
    以 JSON 输出，每类标注一个对象。
    """
    from ecoplan.plan.gazetteer import load_gazetteer
    from ecoplan.plan.score import load_json, score_plan

    annotations = [load_json(path) for path in annotation]
    result = score_plan(load_json(parsed), annotations, load_gazetteer(gazetteer))
    click.echo(json.dumps(result, ensure_ascii=False, indent=2))
