"""``ecoplan report``: official documents and tables written from what ecoplan knows.

Outside ``ecoplan.reports`` (like ``standards_cli``): it gathers the figures from the monitoring
store, and ``reports`` itself never reads data."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from ecoplan import clock
from ecoplan.errors import InputError
from ecoplan.monitoring.cli_data import DATA_DIR_OPTION

FORMATS = ("docx", "xlsx", "html")


@click.group("report")
def report() -> None:
    """公文与报表：月度空气质量通报等。"""


@report.command("air-monthly")
@click.option("--period", required=True, help="月份，如 2019-06。")
@click.option("--area", default="常州市", show_default=True, help="城市。")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None, help="输出格式（默认按 --out 的扩展名）。")
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), required=True, help="输出文件。")
@click.option("--rules", type=click.Choice(["2012", "2026"]), default=None, help="评价规则（默认按每日适用的标准）。")
@click.option("--issuer", default="常州市生态环境局", show_default=True, help="发文机关（署名同）。")
@click.option("--doc-number", default="", help="发文字号，如 常环通〔2019〕6号（默认按年月编）。")
@click.option("--date", "date_text", default=None, help="成文日期 YYYY-MM-DD（默认北京时间今天）。")
@DATA_DIR_OPTION
def air_monthly(period, area, fmt, out, rules, issuer, doc_number, date_text, data_dir) -> None:
    """月度环境空气质量状况通报：全市 PM2.5 与优良天数比率（当月、累计、同比），辖市区排名（标黄、标红），镇（街道）前后十名。"""
    from ecoplan.monitoring.circular_data import circular_data
    from ecoplan.monitoring.store import Store
    from ecoplan.reports import air_circular

    fmt = fmt or _format_of(out)
    letterhead = air_circular.Letterhead(issuer=issuer, doc_number=doc_number, date=_date(date_text))
    data = circular_data(Store(data_dir), period, area, rules)
    if fmt == "xlsx":
        from ecoplan.reports.xlsx import write_workbook

        write_workbook(air_circular.circular_sheets(data), out)
    else:
        document = air_circular.circular_document(data, letterhead)
        if fmt == "docx":
            from ecoplan.reports.official_docx import write_official_docx

            write_official_docx(document, out)
        else:
            from ecoplan.reports.html import render_official_html

            out.write_text(render_official_html(document), encoding="utf-8")
    label = "（合成演示数据）" if data.synthetic else ""
    click.echo(f"已写入 {out}：{air_circular.title(data)}{label}")


def _format_of(path: Path) -> str:
    suffix = path.suffix.lower().lstrip(".")
    if suffix == "htm" or suffix in FORMATS:
        return "html" if suffix == "htm" else suffix
    raise InputError(f"无法从扩展名判断输出格式：{path.name}（请用 --format {'|'.join(FORMATS)}）", field="format")


def _date(text: str | None) -> date:
    if text is None:
        return clock.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError(f"成文日期应为 YYYY-MM-DD，得到 {text!r}", field="date") from None
