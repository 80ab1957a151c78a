"""``ecoplan indicators``: the plan's environmental indicators of an area and period."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import click

from ecoplan.errors import InputError
from ecoplan.monitoring.cli_data import DATA_DIR_OPTION

LABELS = {"pm25": "PM2.5 (µg/m³)", "pm10": "PM10 (µg/m³)", "no2": "NO2 (µg/m³)", "so2": "SO2 (µg/m³)",
          "co_p95": "CO 第95百分位 (mg/m³)", "o3_8h_p90": "O3 日最大8小时第90百分位 (µg/m³)", "good_days": "优良天数",
          "valid_days": "有效天数", "good_day_ratio": "优良天数比率 (%)", "heavy_days": "重污染天数", "composite_index": "综合指数"}
RULES = click.Choice(["2012", "2026"])
ENGINE = click.option("--engine", type=click.Choice(["duckdb", "spark"]), default="duckdb", show_default=True,
                      help="计算引擎：duckdb（内置）或 spark（PySpark，省级规模；需 Java 17）。")


@click.group("indicators", invoke_without_command=True)
@click.option("--area", default=None, help="区域：常州市、常州、北京市、辖市区、镇或站点。")
@click.option("--period", default=None, help="时段：2019、2019-06、2019Q2、2019-01-01..2019-06-30。")
@click.option("--rules", type=RULES, default=None, help="评价规则（默认按每日适用的标准）。")
@click.option("--strict", is_flag=True, help="不满足有效性要求的统计量记为空（默认给出数值并注明）。")
@click.option("--dust-days", default=None, help="受沙尘影响的日期（逗号分隔 YYYY-MM-DD），其颗粒物数据剔除后评价。")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "xlsx"]), default="table", help="输出格式。")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), default=None, help="xlsx 输出文件。")
@ENGINE
@DATA_DIR_OPTION
@click.pass_context
def indicators_group(ctx, area, period, rules, strict, dust_days, fmt, output, engine, data_dir) -> None:
    """计算区域、时段的环境指标（含同比）。"""
    if ctx.invoked_subcommand:
        return
    if not area or not period:
        raise click.UsageError("需要 --area 和 --period")
    from ecoplan.monitoring.indicators import indicators
    from ecoplan.monitoring.store import Store

    result = indicators(Store(data_dir), area, period, rules, strict, _dates(dust_days), engine=engine)
    if fmt == "json":
        click.echo(json.dumps(result, ensure_ascii=False, indent=1))
    elif fmt == "xlsx":
        _write_xlsx(result, output or Path(f"指标_{result['area']}_{result['period']}.xlsx"))
    else:
        _print_table(result)


def _dates(text: str | None) -> list[date] | None:
    if not text:
        return None
    try:
        return [date.fromisoformat(part.strip()) for part in text.split(",") if part.strip()]
    except ValueError:
        raise InputError(f"沙尘日期无效: {text}", field="dust-days") from None


def _rows(result: dict):
    yoy = result.get("air_yoy") or {}
    last = result.get("air_last_year") or {}
    for key, label in LABELS.items():
        change = yoy.get(key)
        text = "" if not change else (f"{change['points']:+g} 个百分点" if "points" in change else f"{change['delta']:+g}")
        yield label, result["air"].get(key), last.get(key), text


def _water_rows(result: dict):
    water = result.get("water") or {}
    for level, share in (water.get("shares") or {}).items():
        yield level, share["sections"], share["i_iii"], share["i_ii"], share["worse_v"]


def _dust_rows(result: dict):
    dust = result.get("dustfall")
    if dust:
        yield "平均", dust["mean"], dust["towns"], len(dust["towns_above"])


def _print_table(result: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    mark = "（合成数据）" if result["synthetic"] else ""
    table = Table(title=f"{result['area']} {result['period']} 环境空气质量{mark}（{result['rules']} 规则）")
    for column in ("指标", "本期", "上年同期", "同比"):
        table.add_column(column)
    for label, now, before, change in _rows(result):
        table.add_row(label, "—" if now is None else str(now), "—" if before is None else str(before), change)
    console = Console()
    console.print(table)
    if result.get("water"):
        water = Table(title=f"地表水断面水质{mark}")
        for column in ("级别", "断面数", "优Ⅲ比例 (%)", "优Ⅱ比例 (%)", "劣Ⅴ比例 (%)"):
            water.add_column(column)
        for row in _water_rows(result):
            water.add_row(*map(str, row))
        console.print(water)
        sources = result["water"]["drinking_sources"]
        console.print(f"集中式饮用水水源地：{sources['compliant']}/{sources['total']} 个达到或优于Ⅲ类")
    for label, mean, towns, above in _dust_rows(result):
        console.print(f"降尘：{towns} 个镇（街道）{label} {mean} t/(km²·月)，高于 2.3 的 {above} 个{mark}")
    for note in result["notes"]:
        console.print(f"注：{note}")


def _write_xlsx(result: dict, path: Path) -> None:
    from ecoplan.reports.xlsx import Sheet, write_workbook

    title = f"{result['area']}{result['period']}" + ("(合成数据)" if result["synthetic"] else "")
    sheets = [Sheet(title, ["指标", "本期", "上年同期", "同比"], list(_rows(result)))]
    if result.get("water"):
        sheets.append(Sheet("地表水", ["级别", "断面数", "优Ⅲ比例(%)", "优Ⅱ比例(%)", "劣Ⅴ比例(%)"], list(_water_rows(result))))
    if result.get("dustfall"):
        sheets.append(Sheet("降尘", ["镇（街道）", "降尘 t/(km²·月)"], [(t["town"], t["value"]) for t in result["dustfall"]["worst10"]]))
    sheets.append(Sheet("说明", ["说明"], [[n] for n in result["notes"]] or [["—"]]))
    write_workbook(sheets, path)
    click.echo(f"已写入 {path}")


@indicators_group.command("ranking")
@click.option("--city", default="常州市", show_default=True, help="城市。")
@click.option("--level", type=click.Choice(["district", "town"]), default="district", show_default=True, help="排名层级。")
@click.option("--period", required=True, help="时段。")
@click.option("--metric", type=click.Choice(["pm25", "good_day_ratio", "composite_index"]), default="pm25", show_default=True,
              help="排名指标：PM2.5 浓度、优良天数比率或综合指数。")
@click.option("--rules", type=RULES, default=None, help="评价规则。")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", help="输出格式。")
@ENGINE
@DATA_DIR_OPTION
def ranking_command(city, level, period, metric, rules, fmt, engine, data_dir) -> None:
    """辖市区或镇（街道）排名：劣于全市平均标黄，同比变差标红。"""
    from ecoplan.monitoring.ranking import ranking
    from ecoplan.monitoring.store import Store

    result = ranking(Store(data_dir), city=city, level=level, period_text=period, metric=metric, rules=rules, engine=engine)
    if fmt == "json":
        click.echo(json.dumps(result, ensure_ascii=False, indent=1))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{result['city']} {period} {metric} 排名（全市 {result['city_value']}）" + ("（合成数据）" if result["synthetic"] else ""))
    for column in ("排名", "名称", "本期", "上年同期", "优良天数比率"):
        table.add_column(column)
    for row in result["rows"]:
        style = "on red" if row["red"] else ("on yellow" if row["yellow"] else "")
        table.add_row(str(row["rank"]), row["name"], str(row["value"]), str(row["last_year"]), str(row["good_day_ratio"]), style=style)
    Console().print(table)
