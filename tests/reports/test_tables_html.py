"""The HTML print view of spreadsheet tables: cells as the .xlsx shows them, A4 landscape rules."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from bs4 import BeautifulSoup
from openpyxl import load_workbook

from ecoplan.reports.official import MARK_COLOURS
from ecoplan.reports.tables_html import PrintHeader, cell_text, format_number, render_tables_html, sheet_rows
from ecoplan.reports.xlsx import Sheet, write_workbook

HEADER = PrintHeader(title="整改台账", period="截至2023-07-10", generated="2023-07-10 09:30",
                     filters="筛选：辖市区：武进区", notes=["演示说明"])


@pytest.mark.parametrize(("value", "number_format", "text"), [
    (80.3, "", "80.3"), (3.0, "", "3"), (59.62, "", "59.62"), (12, "", "12"),
    (1 / 3, "", "0.3333333333"),                       # General: ten significant digits
    (50.0, "0.0", "50.0"), (3, "+0;-0;0", "+3"), (-3, "+0;-0;0", "-3"), (0, "+0;-0;0", "0"),
    (-3.25, "+0.0;-0.0;0.0", "-3.2"), (0.0, "+0.0;-0.0;0.0", "0.0")])
def test_numbers_as_the_number_format_shows_them(value, number_format, text):
    assert format_number(value, number_format) == text


@pytest.mark.parametrize(("value", "text"), [
    (None, ""), ("=SUM(A1)", "=SUM(A1)"), (["市生态环境局", "武进区"], "市生态环境局、武进区"),
    (dt.date(2023, 6, 30), "2023-06-30"), (dt.datetime(2023, 6, 30, 8, 5), "2023-06-30 08:05:00")])
def test_cell_text(value, text):
    assert cell_text(value) == text


def _sheets() -> list[Sheet]:
    return [Sheet("辖市区", ["排名", "名称", "PM2.5", "同比"],
                  [[1, "溧阳市", 28, -2], [2, "<b>武进区</b>", 34, 1]],
                  marks=[["", "", "", ""], ["", "", "yellow", "red"]], number_formats={3: "+0;-0;0"}),
            Sheet("说明", ["说明"], iter([["注：演示"], ["=1+1"]])),
            Sheet("空表", ["A", "B", "C"], [], widths=[10, 20, 10])]


def test_rows_equal_the_workbook_rows():
    sheets = _sheets()
    soup = BeautifulSoup(render_tables_html(HEADER, sheets), "lxml")
    book = load_workbook(io.BytesIO(write_workbook(_sheets())))
    for sheet, section in zip(_sheets(), soup.select("section.sheet")):
        assert section.h2.get_text() == sheet.title
        assert [th.get_text() for th in section.select("thead th")] == list(sheet.columns)
        shown = [[td.get_text() for td in tr.select("td")] for tr in section.select("tbody tr")]
        written = [[cell_text(c.value, c.number_format.replace("General", "")).removeprefix("'") for c in row]
                   for row in book[sheet.title].iter_rows(min_row=2)]
        assert shown == (written or [["无"]])
    assert sheet_rows(_sheets()[0])[1] == ["2", "<b>武进区</b>", "34", "+1"]


def test_marks_numbers_escaping_and_widths():
    soup = BeautifulSoup(render_tables_html(HEADER, _sheets()), "lxml")
    cells = soup.select("section.sheet")[0].select("tbody tr")[1].select("td")
    assert [c.get("class") for c in cells] == [["num"], None, ["num", "mark-yellow"], ["num", "mark-red"]]
    assert cells[1].b is None and cells[1].get_text() == "<b>武进区</b>"  # escaped, not markup
    css = soup.style.get_text()
    for key, rgb in MARK_COLOURS.items():
        assert f"td.mark-{key} {{ background: #{rgb}; }}" in css
    widths = [c["style"] for c in soup.select("section.sheet")[2].select("col")]
    assert widths == ["width: 26.09%", "width: 47.83%", "width: 26.09%"]  # 12 : 22 : 12 of 46 (+2 padding each)


def test_short_row_spans_the_table():
    sheet = Sheet("工作目标", ["目标", "当前值", "状态"], [["PM2.5", 31, "按序时推进"], ["评估日期 2023-07-10"]])
    rows = BeautifulSoup(render_tables_html(HEADER, [sheet]), "lxml").select("tbody tr")
    assert rows[1].td["colspan"] == "3" and rows[1].td.get_text() == "评估日期 2023-07-10"


def test_page_rules_title_period_and_time():
    soup = BeautifulSoup(render_tables_html(HEADER, _sheets()), "lxml")
    css = " ".join(soup.style.get_text().split())
    assert "size: A4 landscape" in css
    assert "thead { display: table-header-group; }" in css     # header row on every page
    assert "tr { break-inside: avoid; }" in css and "section + section { break-before: page; }" in css
    assert "@media print" in css and ".screen-hint { display: none; }" in css
    assert soup.h1.get_text() == "整改台账" and soup.title.get_text() == "整改台账（截至2023-07-10）"
    assert soup.select_one(".period").get_text() == "截至2023-07-10　筛选：辖市区：武进区"
    assert soup.select_one(".generated").get_text() == "生成时间：2023-07-10 09:30"
    assert [li.get_text() for li in soup.select(".notes li")] == ["演示说明"]
    assert soup.find("nav") is None and soup.find("script") is None


def test_grouped_header_two_rows_short_names_legend_and_small_font():
    from ecoplan.reports.tables_html import header_rows
    from ecoplan.reports.xlsx import ColumnGroup

    columns = ["事项", "市级计划（万元）", "市级已支出（万元）", "区级计划（万元）", "区级已支出（万元）",
               *(f"列{i}" for i in range(7))]
    groups = (ColumnGroup(1, "市级", ("计划", "已支出")), ColumnGroup(3, "区级", ("计划", "已支出")))
    sheet = Sheet("资金", columns, [["甲", 1, 2, 3, 4, *range(7)]], groups=groups, legend="单位：万元")
    section = BeautifulSoup(render_tables_html(HEADER, [sheet]), "lxml").select_one("section.sheet")
    top, below = section.select("thead tr")
    assert [(th.get_text(), th.get("colspan"), th.get("rowspan")) for th in top.select("th")][:3] == [
        ("事项", None, "2"), ("市级", "2", None), ("区级", "2", None)]
    assert [th.get_text() for th in below.select("th")] == ["计划", "已支出", "计划", "已支出"]
    # every column keeps its full name (the .xlsx header) and its place
    own = sorted(section.select("th[data-column]"), key=lambda th: int(th["data-index"]))
    assert [th["data-column"] for th in own] == columns
    assert section.select_one(".legend").get_text() == "单位：万元"
    assert section.table["class"] == ["dense"]  # 12 columns > DENSE_COLUMNS: the smaller font
    plain = BeautifulSoup(render_tables_html(HEADER, _sheets()), "lxml").select("section.sheet table")
    assert all(t.get("class") is None for t in plain) and len(plain[0].select("thead tr")) == 1
    with pytest.raises(ValueError):
        header_rows(columns[:2], (ColumnGroup(1, "市级", ("计划", "已支出")),))
    with pytest.raises(ValueError):
        header_rows(columns, (ColumnGroup(1, "市级", ("计划", "已支出")), ColumnGroup(2, "x", ("a",))))
