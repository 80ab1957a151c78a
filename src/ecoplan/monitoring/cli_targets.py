"""``ecoplan targets status``: each bound goal of a plan with its current value and back-cast."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import click

from ecoplan.errors import InputError
from ecoplan.monitoring.cli_data import DATA_DIR_OPTION


@click.group("targets")
def targets() -> None:
    """方案目标与监测指标的绑定、进度与倒推。"""


@targets.command("status")
@click.option("--plan", "plan_path", required=True, type=click.Path(path_type=Path), help="方案文件或其 ecoplan.plan/1 JSON。")
@click.option("--as-of", default=None, help="截至日期 YYYY-MM-DD（默认：数据的最后一天）。")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", help="输出格式。")
@DATA_DIR_OPTION
def status_command(plan_path: Path, as_of: str | None, fmt: str, data_dir: Path | None) -> None:
    """列出每个已绑定的目标：当前值、倒推（剩余时段的要求）、预测与状态。"""
    from ecoplan.monitoring.store import Store
    from ecoplan.monitoring.targets import load_plan, status

    try:
        day = date.fromisoformat(as_of) if as_of else None
    except ValueError:
        raise InputError(f"日期无效: {as_of}", field="as-of") from None
    result = status(Store(data_dir), load_plan(plan_path), as_of=day)
    if fmt == "json":
        click.echo(json.dumps(result, ensure_ascii=False, indent=1))
        return
    _print(result)


def _backcast_text(row: dict) -> str:
    b = row.get("backcast")
    if not b:
        return ""
    if b["status"] == "无数据":
        return b.get("note", b["status"])
    if b["metric"] == "pm25":
        need = f"剩余 {b['remaining_days']} 天均值须 ≤ {b['max_remaining_mean']}"
    elif b["metric"] == "water":
        risk = "、".join(b["sections_at_risk"][:10]) or "无"
        method = b.get("evaluation_method") or {}
        return (f"{b['level']} {b['sections']} 个断面，目前 {b['sections_meeting']} 个达到{b['ceiling_class']}类及以上，"
                f"需 {b['sections_needed']} 个；有风险断面：{risk}；预计 {b['projection']['sections_meeting']} 个"
                f"（{b['projection']['share']}%，{b['projection']['basis']}）"
                + (f"；{method['text']}" if method.get("method") == "mean" else ""))
    elif b["metric"] == "dustfall":
        need = (f"剩余 {b['remaining_months']} 个月全市月均降尘须 ≤ {b['max_remaining_mean']}，"
                f"按近三个月水平将超标的镇（街道）{len(b['towns_at_risk'])} 个")
    else:
        need = f"还需优良 {b['good_days_needed']} 天，最多可超标 {b['bad_days_allowed']} 天"
    return f"{need}；{b['achievable']['text']}；预计 {b['projection']['value']}（{b['projection']['basis']}）"


def _print(result: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    mark = "（含合成数据）" if result["synthetic"] else ""
    table = Table(title=f"{result['area']} {result['year']} 年目标进度，截至 {result['as_of']}{mark}")
    for column in ("目标", "要求", "年初至今", "状态"):
        table.add_column(column)
    for row in result["targets"]:
        table.add_row(row["label"], f"{row['comparator']} {row['value']}{row['unit']}",
                      "—" if row["current"] is None else str(row["current"]), row["status"])
    console = Console()
    console.print(table)
    for row in result["targets"]:
        if row.get("backcast"):
            console.print(f"倒推 {row['label']}：{_backcast_text(row)}")
