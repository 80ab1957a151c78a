"""``ecoplan plan``: parse a published work plan, score a parse against an annotation."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ecoplan.errors import InputError


@click.group("plan")
def plan() -> None:
    """工作方案: read a published plan into targets, tasks, units and deadlines."""


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
              help="json: the ecoplan.plan/1 object (UTF-8, not ASCII-escaped); table: a terminal view of "
                   "tasks with units, deadlines and targets; xlsx: a task sheet and a target sheet.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write here instead of stdout. For xlsx, defaults to FILE's name with .plan.xlsx beside it.")
@click.option("--gazetteer", type=click.Path(path_type=Path),
              help="A city's unit gazetteer YAML (region / districts / units), merged over Changzhou's.")
def parse(file: Path, fmt: str, out: Path | None, gazetteer: Path | None) -> None:
    """Parse plan FILE (.txt, .html, .docx, .pdf, .xlsx) into the ecoplan.plan/1 JSON."""
    from ecoplan.plan.build import parse_file

    _render(parse_file(file, gazetteer), fmt, file, out)


@plan.command("score")
@click.argument("parsed", type=click.Path(path_type=Path))
@click.argument("annotation", type=click.Path(path_type=Path), nargs=-1, required=True)
@click.option("--gazetteer", type=click.Path(path_type=Path),
              help="The gazetteer YAML used to normalise annotated unit names (default: Changzhou's).")
def score(parsed: Path, annotation: tuple[Path, ...], gazetteer: Path | None) -> None:
    """Precision, recall and F1 of PARSED (ecoplan.plan/1 JSON) against ANNOTATION file(s).

    Responsibility counts (task, role, unit); deadlines (task, date); targets (task, value,
    unit, comparator). Prints JSON, one object per kind annotated.
    """
    from ecoplan.plan.gazetteer import load_gazetteer
    from ecoplan.plan.score import load_json, score_plan

    annotations = [load_json(path) for path in annotation]
    result = score_plan(load_json(parsed), annotations, load_gazetteer(gazetteer))
    click.echo(json.dumps(result, ensure_ascii=False, indent=2))
