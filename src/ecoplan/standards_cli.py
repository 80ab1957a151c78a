"""``ecoplan aqi``: the AQI of a few concentrations, for people who want a number now."""

from __future__ import annotations

import json

import click
import numpy as np

from ecoplan import clock
from ecoplan.errors import InputError
from ecoplan.standards.aqi import POLLUTANTS, daily_aqi, hourly_aqi
from ecoplan.standards.aqi_tables import LEVEL_NAMES
from ecoplan.standards.rulesets import RULE_SETS, rules_in_force

NAMES = {"so2": "SO₂", "no2": "NO₂", "pm10": "PM₁₀", "pm25": "PM₂.₅", "co": "CO", "o3": "O₃",
         "o3_8h": "O₃ 8小时"}


def _option(key: str, help_text: str):
    return click.option(f"--{key.replace('_', '-')}", key, type=float, default=None, help=help_text)


@click.command("aqi")
@_option("so2", "SO₂ 浓度 µg/m³")
@_option("no2", "NO₂ 浓度 µg/m³")
@_option("pm10", "PM₁₀ 浓度 µg/m³")
@_option("pm25", "PM₂.₅ 浓度 µg/m³")
@_option("co", "CO 浓度 mg/m³")
@_option("o3", "O₃ 浓度 µg/m³（日报：日最大1小时；--hourly：1小时）")
@_option("o3_8h", "O₃ 日最大8小时滑动平均 µg/m³（仅日报）")
@click.option("--hourly", is_flag=True, help="按实时报（1小时浓度）计算；默认按日报（日均浓度）。")
@click.option("--rules", type=click.Choice(RULE_SETS), default=None,
              help="标准版本：2012（HJ 633-2012）或 2026（HJ 633-2026）；默认北京时间今天施行的版本。")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", help="输出格式。")
def aqi_command(hourly: bool, rules: str | None, fmt: str, **conc) -> None:
    """按 HJ 633 计算空气质量分指数（IAQI）、AQI、级别、类别和首要污染物。"""
    given = {k: v for k, v in conc.items() if v is not None}
    if not given:
        raise InputError("至少给出一项污染物浓度，例如 --pm25 80", field="concentrations")
    if hourly and "o3_8h" in given:
        raise InputError("实时报（--hourly）不使用 O₃ 8小时浓度；请用 --o3 给出1小时浓度", field="o3_8h")
    rules = rules or str(rules_in_force(clock.today()))
    try:
        compute = hourly_aqi if hourly else daily_aqi
        result = compute(**{k: [v] for k, v in given.items()}, rules=rules, withhold_incomplete=False)
    except ValueError as err:
        field, _, message = str(err).partition(": ")
        raise InputError(message, field=field) from None
    payload = _payload(result, rules)
    if fmt == "json":
        click.echo(json.dumps(payload, ensure_ascii=False))
    else:
        _print_table(payload, given, hourly)


def _payload(result, rules: str) -> dict:
    def number(value):
        return None if np.isnan(value) else int(value)

    iaqi = {k: number(result.iaqi[k][0]) for k in POLLUTANTS if k in result.iaqi}
    aqi = number(result.aqi[0])
    level = int(result.level[0]) or None
    return {"rules": rules, "aqi": aqi, "iaqi": iaqi, "level": level,
            "category": result.category[0] or None, "primary": result.primary_names(0)}


def _print_table(payload: dict, given: dict, hourly: bool) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{'实时报' if hourly else '日报'} AQI（HJ 633-{payload['rules']}）")
    table.add_column("污染物")
    table.add_column("浓度", justify="right")
    table.add_column("IAQI", justify="right")
    for key, value in payload["iaqi"].items():
        unit = "mg/m³" if key == "co" else "µg/m³"
        shown = "—（不参与）" if value is None else str(value)
        table.add_row(NAMES[key], f"{given[key]:g} {unit}", shown)
    console = Console()
    console.print(table)
    primary = "、".join(NAMES[k] for k in payload["primary"]) or "无"
    level = LEVEL_NAMES[payload["level"] or 0] or "—"
    console.print(f"AQI {payload['aqi']}　{level}　{payload['category']}　首要污染物：{primary}")
