"""``ecoplan water-class``: GB 3838-2002 class of one sample, for people who want a number now."""

from __future__ import annotations

import json

import click
import numpy as np

from ecoplan.errors import InputError
from ecoplan.standards.rounding import round_half_even
from ecoplan.standards.water import (
    class_grade, class_label, exceedance_multiples, factor_classes, resolve_factor,
)
from ecoplan.standards.water_limits import CHINESE, CLASS_FACTORS

# The method prints an exceedance multiple after the factor name; two decimals is our choice.
MULTIPLE_DECIMALS = 2


def _parse_factor(text: str) -> tuple[str, float]:
    name, sep, value = text.partition("=")
    if not sep or not name.strip() or not value.strip():
        raise InputError(f"应为 名称=浓度，例如 氨氮=1.2，实际为 {text!r}", field="--factor")
    try:
        factor = resolve_factor(name)
    except ValueError:
        raise InputError(f"未知的水质指标 {name.strip()!r}", field="--factor") from None
    try:
        number = float(value)
    except ValueError:
        raise InputError(f"{name.strip()} 的浓度不是数字：{value.strip()!r}", field="--factor") from None
    return factor, number


def _collect(texts: tuple[str, ...]) -> dict[str, float]:
    values: dict[str, float] = {}
    for text in texts:
        factor, number = _parse_factor(text)
        if factor in values:
            raise InputError(f"指标 {CHINESE[factor]} 重复给出", field="--factor")
        values[factor] = number
    return values


def evaluate_sample(values: dict[str, float], *, lake: bool, target: int | None) -> dict:
    """The JSON document of ``water-class`` for one sample (canonical factor ids → values)."""
    data = {CHINESE[f]: [v] for f, v in values.items()}
    try:
        classes = factor_classes(data, lake=lake).iloc[0]
        multiples = exceedance_multiples(data, lake=lake, target=target or 3).iloc[0]
    except ValueError as err:
        raise InputError(str(err), field="--factor") from None
    # GB 3838-2002 Table 1 item 9: total nitrogen has limits for lakes and reservoirs only.
    factors = {CHINESE[f]: (None if f == "tn" and not lake else int(c)) for f, c in classes.items()}
    in_class = [f for f in classes.index if f in CLASS_FACTORS]
    section = classes[in_class].max() if in_class else np.nan
    standard = target or 3
    exceeding = [
        {"factor": CHINESE[f], "class": int(classes[f]),
         "multiple": None if f not in multiples or np.isnan(multiples[f])
         else round_half_even(float(multiples[f]), MULTIPLE_DECIMALS)}
        for f in sorted(in_class, key=lambda f: (-classes[f], -np.nan_to_num(multiples.get(f, 0.0))))
        if classes[f] > standard
    ]
    return {
        "class": None if np.isnan(section) else int(section),
        "class_label": class_label(section),
        "grade": class_grade(section),
        "factors": factors,
        "exceeding": exceeding,
        "standard_class": standard,
        "lake": lake,
        "not_in_class": [CHINESE[f] for f in classes.index if f not in CLASS_FACTORS],
    }


def _print_table(result: dict, values: dict[str, float]) -> None:
    from rich.console import Console
    from rich.table import Table

    multiples = {e["factor"]: e["multiple"] for e in result["exceeding"]}
    table = Table(title="GB 3838-2002 单因子评价")
    for header in ("指标", "浓度", "类别", "超标倍数"):
        table.add_column(header)
    for factor, value in values.items():
        name = CHINESE[factor]
        cls = result["factors"][name]
        label = "不评价" if cls is None else class_label(cls)
        if name in result["not_in_class"] and cls is not None:
            label += "（不参与定类）"
        multiple = multiples.get(name)
        table.add_row(name, f"{value:g}", label, "" if multiple is None else f"{multiple:g}")
    console = Console()
    console.print(table)
    if result["class"] is None:
        console.print("断面水质类别：无参评指标")
    else:
        console.print(f"断面水质类别：{result['class_label']}类（{result['grade']}）")


@click.command("water-class")
@click.option("--factor", "factors", multiple=True, required=True, metavar="名称=浓度",
              help="一个指标及其浓度（mg/L；pH 无量纲；粪大肠菌群 个/L），可重复，如 --factor 氨氮=1.2")
@click.option("--lake", is_flag=True, help="湖泊、水库：总磷按湖库限值，总氮单独评价")
@click.option("--target", type=click.IntRange(1, 5), default=None,
              help="水质目标类别（1–5）；超标与超标倍数相对该类别限值，缺省为Ⅲ类")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="输出格式")
def water_class(factors: tuple[str, ...], lake: bool, target: int | None, fmt: str) -> None:
    """按 GB 3838-2002 和《地表水环境质量评价办法（试行）》给出各指标类别和断面水质类别。"""
    values = _collect(factors)
    result = evaluate_sample(values, lake=lake, target=target)
    if fmt == "json":
        click.echo(json.dumps(result, ensure_ascii=False))
    else:
        _print_table(result, values)
