"""The monthly air-quality circular (环境空气质量状况通报): figures in, document and sheets out.

From a :class:`~ecoplan.monitoring.circular_data.CircularData` (gathered from the store by
``ecoplan.monitoring.circular_data``), this module writes the body of the circular as an
:class:`~ecoplan.reports.official.OfficialDocument` (for the GB/T 9704-2012 .docx and the HTML
print view) and the same tables as :class:`~ecoplan.reports.xlsx.Sheet` s. It reads no storage.

Numbers are shown as the indicators publish them (``ecoplan.standards``, see docs/standards.md):
PM2.5 in whole µg/m³, the good-day ratio with one decimal (``air_period.good_day_ratio``), both
rounded by GB/T 8170-2008 §3.3. A year-on-year change is the difference of the two published
values, so a reader can check it against the figures shown; the ratio's difference is rounded
once more to one decimal (GB/T 8170, only to drop binary noise: 66.7 − 33.3 = 33.400000000000006).
Marks: a value worse than the city's is shaded yellow, a change for the worse red.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Sequence

from ecoplan import clock
from ecoplan.reports.air_data import CircularData, CityFigures, MemberRow
from ecoplan.reports.charts import bar_chart_png, caption
from ecoplan.reports.official import Figure, Heading, OfficialDocument, Paragraph, Table
from ecoplan.reports.official_signing import SealImage
from ecoplan.reports.xlsx import Sheet
from ecoplan.standards.rounding import round_half_even

SYNTHETIC_LABEL = "注：本通报使用合成演示数据"
PM25_UNIT = "微克/立方米"
MARK_LEGEND = "PM2.5浓度或优良天数比率劣于全市平均的标黄，同比变差的标红。"
NO_HISTORY = "上年同期无监测数据，无法同比"
MEMBER_COLUMNS = ("排名", "{what}", "PM2.5（微克/立方米）", "同比（微克/立方米）", "优良天数比率（%）", "同比（百分点）")
MEMBER_WIDTHS_MM = (14, 32, 28, 28, 26, 28)
TOWN_COLUMNS = ("排名", "镇（街道、园区）", "PM2.5（微克/立方米）", "同比（微克/立方米）")
TOWN_WIDTHS_MM = (16, 60, 40, 40)
RATIO, SIGNED, SIGNED_RATIO = "0.0", "+0;-0;0", "+0.0;-0.0;0.0"
"""Excel number formats: ratios keep their decimal (50.0), changes their sign (+3, -3.3)."""
MEMBER_FORMATS = {3: SIGNED, 4: RATIO, 5: SIGNED_RATIO}


@dataclass(frozen=True)
class Letterhead:
    """Who issues the circular and to whom (the data says nothing about these)."""

    issuer: str = "常州市生态环境局"
    doc_number: str = ""
    recipients: Sequence[str] = ("各辖市、区人民政府", "常州经开区管委会", "市各有关部门")
    date: date = field(default_factory=clock.today)
    """成文日期: today in Beijing unless given (``--date``)."""
    sealed: bool = True
    """GB/T 9704-2012 7.3.5.1 layout (sealed: with ``seals`` or stamped by hand), else 7.3.5.2."""
    seals: Sequence[SealImage] = ()


def title(data: CircularData) -> str:
    return f"{data.city}{data.year}年{data.month}月环境空气质量状况通报"


def pm25_change(now: int | None, last: int | None) -> str:
    """“同比下降3微克/立方米” from the published values; “与上年同期持平”; or why not."""
    if now is None or last is None:
        return NO_HISTORY
    delta = now - last
    if delta == 0:
        return "与上年同期持平"
    return f"同比{'上升' if delta > 0 else '下降'}{abs(delta):g}{PM25_UNIT}"


def ratio_change(now: float | None, last: float | None) -> str:
    """“同比上升3.3个百分点” (one decimal, GB/T 8170 rounding of the difference of published ratios)."""
    delta = _ratio_delta(now, last)
    if delta is None:
        return NO_HISTORY
    if delta == 0:
        return "与上年同期持平"
    return f"同比{'上升' if delta > 0 else '下降'}{abs(delta):.1f}个百分点"


def _ratio_delta(now: float | None, last: float | None) -> float | None:
    return None if now is None or last is None else float(round_half_even(now - last, 1))


def _pm25_delta(now: int | None, last: int | None) -> int | None:
    return None if now is None or last is None else now - last


def _signed(value, decimals: int) -> str:
    if value is None:
        return "—"
    return f"{value:.{decimals}f}" if value == 0 else f"{value:+.{decimals}f}"


def _city_sentence(span: str, f: CityFigures) -> str:
    """The city's figures of ``span``; the changes only where last year has data (said once if not)."""
    pm = f"{span}，全市PM2.5平均浓度为{_value(f.pm25)}{PM25_UNIT}"
    ratio = f"优良天数比率为{_value(f.good_day_ratio, 1)}%（有效监测{f.valid_days}天，其中优良{f.good_days}天）"
    if f.pm25_last is None and f.good_day_ratio_last is None:
        return f"{pm}；{ratio}。{NO_HISTORY}。"
    return f"{pm}，{pm25_change(f.pm25, f.pm25_last)}；{ratio}，{ratio_change(f.good_day_ratio, f.good_day_ratio_last)}。"


def _value(value, decimals: int = 0) -> str:
    return "—" if value is None else f"{value:.{decimals}f}"


def _ytd_span(data: CircularData) -> str:
    return f"{data.month}月" if data.month == 1 else f"1—{data.month}月"


def member_rows(rows: Sequence[MemberRow], *, with_ratio: bool = True) -> tuple[list[list], list[list[str]]]:
    """Table rows (formatted text) and their marks: the value cell yellow, the change cell red."""
    cells, marks = [], []
    for r in rows:
        line = [_value(r.rank), r.name, _value(r.pm25), _signed(_pm25_delta(r.pm25, r.pm25_last), 0)]
        mark = ["", "", "yellow" if r.pm25_yellow else "", "red" if r.pm25_red else ""]
        if with_ratio:
            line += [_value(r.good_day_ratio, 1), _signed(_ratio_delta(r.good_day_ratio, r.good_day_ratio_last), 1)]
            mark += ["yellow" if r.ratio_yellow else "", "red" if r.ratio_red else ""]
        cells.append(line)
        marks.append(mark)
    return cells, marks


def _spans(data: CircularData) -> list[tuple[str, list[MemberRow]]]:
    """The district tables: the month and the year to date (one table in January, when they are the same)."""
    spans = [(f"{data.month}月", data.districts_month)]
    return spans if data.month == 1 else spans + [(_ytd_span(data), data.districts_ytd)]


def _table_refs(first: int, count: int) -> str:
    return "、".join(f"表{n}" for n in range(first, first + count))


def _district_blocks(data: CircularData) -> list:
    if not data.districts_month:
        return []
    columns = [c.format(what="辖市、区") for c in MEMBER_COLUMNS]
    worse = [r.name for r in data.districts_month if r.pm25_red]
    spans = _spans(data)
    blocks = [Heading(1, "各辖市、区环境空气质量状况"),
              Paragraph(f"各辖市、区按PM2.5平均浓度由低到高排名（见{_table_refs(1, len(spans))}，图1），{MARK_LEGEND}"
                        + (f"{data.month}月PM2.5浓度同比上升的有：{'、'.join(worse)}。" if worse else ""))]
    for number, (span, rows) in enumerate(spans, start=1):
        cells, marks = member_rows(rows)
        blocks.append(Table(columns, cells, title=f"表{number} {data.year}年{span}各辖市、区环境空气质量排名",
                            widths_mm=MEMBER_WIDTHS_MM, marks=marks))
    blocks.append(Figure(district_chart(data),
                         caption(f"图1 {data.year}年{data.month}月各辖市、区PM2.5平均浓度（红色：高于全市）")))
    return blocks


def district_chart(data: CircularData) -> bytes:
    """Bars of the districts' PM2.5 of the month, the city's as a dashed line, worse ones red."""
    rows = data.districts_month
    return bar_chart_png([r.name for r in rows], [r.pm25 for r in rows], unit=PM25_UNIT,
                         target=data.month_figures.pm25, target_label="全市", highlight=[r.pm25_yellow for r in rows],
                         decimals=0, height_mm=70)


def _town_blocks(data: CircularData) -> list:
    if not data.towns_best:
        return []
    first = 1 + (len(_spans(data)) if data.districts_month else 0)
    n_best, n_worst = len(data.towns_best), len(data.towns_worst)
    blocks = [Heading(1, "镇（街道、园区）环境空气质量状况"),
              Paragraph(f"{data.month}月，全市{data.town_count}个镇（街道、园区）中，PM2.5平均浓度最低的{n_best}个依次为"
                        f"{'、'.join(r.name for r in data.towns_best)}；最高的{n_worst}个依次为"
                        f"{'、'.join(r.name for r in data.towns_worst)}（见{_table_refs(first, 2)}）。")]
    for number, (label, rows) in enumerate((("最低", data.towns_best), ("最高", data.towns_worst)), start=first):
        cells, marks = member_rows(rows, with_ratio=False)
        blocks.append(Table(TOWN_COLUMNS, cells, marks=marks, widths_mm=TOWN_WIDTHS_MM,
                            title=f"表{number} {data.year}年{data.month}月PM2.5{label}的{len(rows)}个镇（街道、园区）"))
    return blocks


def synthetic_note(data: CircularData) -> str:
    """The label and which figures are synthetic, e.g. “注：本通报使用合成演示数据（辖市区、镇（街道）的监测值为程序生成）”."""
    return f"{SYNTHETIC_LABEL}（{'、'.join(data.synthetic_parts)}的监测值为程序生成）"


def circular_body(data: CircularData) -> list:
    body = [Paragraph(f"现将{data.year}年{data.month}月全市环境空气质量状况通报如下。"),
            Heading(1, "全市环境空气质量状况"),
            Paragraph(_city_sentence(f"{data.month}月", data.month_figures)),
            *([] if data.month == 1 else [Paragraph(_city_sentence(_ytd_span(data), data.ytd_figures))]),
            *_district_blocks(data), *_town_blocks(data)]
    body += [Paragraph(f"注：{note}。") for note in data.notes]
    if data.synthetic:
        body.append(Paragraph(f"{synthetic_note(data)}，不代表实际空气质量。"))
    return body


def circular_document(data: CircularData, letterhead: Letterhead | None = None) -> OfficialDocument:
    """The circular as an :class:`OfficialDocument` (for ``write_official_docx`` / ``render_official_html``)."""
    letterhead = letterhead or Letterhead()
    number = letterhead.doc_number or f"常环通〔{data.year}〕{data.month}号"
    return OfficialDocument(issuer=letterhead.issuer, doc_number=number, title=title(data),
                            recipients=list(letterhead.recipients), body=circular_body(data),
                            signature=letterhead.issuer, date=letterhead.date,
                            sealed=letterhead.sealed, seals=tuple(letterhead.seals))


def circular_sheets(data: CircularData) -> list[Sheet]:
    """The circular's tables as worksheets: numbers as numbers, the same marks as fills."""
    sheets = [Sheet("全市", list(CITY_COLUMNS), _city_rows(data), number_formats=CITY_FORMATS)]
    for span, rows in _spans(data):
        name = f"辖市区{span}"
        if rows:
            _, marks = member_rows(rows)
            sheets.append(Sheet(name, [c.format(what="辖市、区") for c in MEMBER_COLUMNS], _member_values(rows), marks=marks,
                                number_formats=MEMBER_FORMATS))
    for name, rows in (("镇街道最低10个", data.towns_best), ("镇街道最高10个", data.towns_worst)):
        if rows:
            _, marks = member_rows(rows, with_ratio=False)
            sheets.append(Sheet(name, list(TOWN_COLUMNS), [r[:4] for r in _member_values(rows)], marks=marks,
                                number_formats={3: SIGNED}))
    notes = ([synthetic_note(data)] if data.synthetic else []) + data.notes
    sheets.append(Sheet("说明", ["说明"], [[title(data)], [MARK_LEGEND], *([n] for n in notes)], widths=[80]))
    return sheets


CITY_COLUMNS = ("时段", "PM2.5（微克/立方米）", "同比（微克/立方米）", "优良天数比率（%）", "同比（百分点）", "优良天数", "有效监测天数")
CITY_FORMATS = {2: SIGNED, 3: RATIO, 4: SIGNED_RATIO}


def _city_rows(data: CircularData) -> list[list]:
    """This period and last year's, for the month and the year to date; changes on this period's rows."""
    rows = []
    periods = [(f"{data.month}月", data.month_figures)] + ([] if data.month == 1 else [(_ytd_span(data), data.ytd_figures)])
    for span, f in periods:
        rows.append([span, f.pm25, _pm25_delta(f.pm25, f.pm25_last), f.good_day_ratio,
                     _ratio_delta(f.good_day_ratio, f.good_day_ratio_last), f.good_days, f.valid_days])
        rows.append([f"上年{span}", f.pm25_last, None, f.good_day_ratio_last, None, None, None])
    return rows


def _member_values(rows: Sequence[MemberRow]) -> list[list]:
    return [[r.rank, r.name, r.pm25, _pm25_delta(r.pm25, r.pm25_last), r.good_day_ratio,
             _ratio_delta(r.good_day_ratio, r.good_day_ratio_last)] for r in rows]
