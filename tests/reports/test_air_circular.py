"""The monthly air-quality circular on the real Changzhou 2019 data (+ synthetic districts and towns).

The city's figures are the real national stations'; districts and towns are synthetic (the real
data has none) and the circular must say so. Generated files are opened back and their numbers,
marks and label checked against the figures gathered from the store.
"""

from __future__ import annotations

import io
from datetime import date

import docx
import pytest
from bs4 import BeautifulSoup
from docx.oxml.ns import qn
from openpyxl import load_workbook

from ecoplan.cli import main
from ecoplan.errors import InputError
from ecoplan.monitoring.circular_data import CircularData, CityFigures, MemberRow, circular_data
from ecoplan.monitoring.indicators import indicators
from ecoplan.reports import air_circular as ac
from ecoplan.reports.html import render_official_html
from ecoplan.reports.official import MARK_COLOURS, Table
from ecoplan.reports.official_docx import write_official_docx
from ecoplan.reports.official_ooxml import CHILD_ORDER
from ecoplan.reports.xlsx import write_workbook

LETTERHEAD = ac.Letterhead(doc_number="常环通〔2019〕6号", date=date(2019, 7, 10))


@pytest.fixture(scope="module")
def june(circular_store) -> CircularData:
    return circular_data(circular_store, "2019-06")


@pytest.fixture(scope="module")
def june_docx(june):
    return docx.Document(io.BytesIO(write_official_docx(ac.circular_document(june, LETTERHEAD))))


def _text(document) -> str:
    return "\n".join(p.text for p in document.paragraphs)


def _fill(cell) -> str:
    shd = cell._tc.tcPr.find(qn("w:shd")) if cell._tc.tcPr is not None else None
    return "" if shd is None else shd.get(qn("w:fill"))


def _expected_marks(row: MemberRow, with_ratio: bool = True) -> list[str]:
    marks = ["", "", "yellow" if row.pm25_yellow else "", "red" if row.pm25_red else ""]
    return marks + (["yellow" if row.ratio_yellow else "", "red" if row.ratio_red else ""] if with_ratio else [])


# --- wording and rounding (no store) ---------------------------------------------------------

@pytest.mark.parametrize(("now", "last", "text"), [
    (31, 34, "同比下降3微克/立方米"), (36, 31, "同比上升5微克/立方米"), (31, 31, "与上年同期持平"),
    (31, None, ac.NO_HISTORY), (None, 30, ac.NO_HISTORY)])
def test_pm25_change_wording(now, last, text):
    assert ac.pm25_change(now, last) == text


@pytest.mark.parametrize(("now", "last", "text"), [
    (66.7, 33.3, "同比上升33.4个百分点"),    # 33.400000000000006 in binary: one decimal, no noise
    (50.0, 53.3, "同比下降3.3个百分点"), (80.6, 80.6, "与上年同期持平"), (None, 50.0, ac.NO_HISTORY)])
def test_ratio_change_wording(now, last, text):
    assert ac.ratio_change(now, last) == text


def _hand_made(synthetic: tuple[str, ...] = ()) -> CircularData:
    rows = [MemberRow(1, "溧阳市", 28, 30, 70.0, 66.7), MemberRow(2, "武进区", 34, 33, 60.0, 63.3, True, True, True, True)]
    return CircularData("常州市", 2023, 6, CityFigures(31, 63.3, 19, 30, 34, 60.0), CityFigures(33, 80.1, 145, 181, 33, 80.1),
                        rows, rows, [], [], 0, synthetic, ["站点名录没有镇（街道）信息，未对镇（街道）排名"])


def test_body_states_month_and_ytd_with_year_on_year():
    doc = ac.circular_document(_hand_made(), LETTERHEAD)
    text = "\n".join(getattr(b, "text", "") for b in doc.body)
    assert doc.title == "常州市2023年6月环境空气质量状况通报"
    assert "6月，全市PM2.5平均浓度为31微克/立方米，同比下降3微克/立方米；优良天数比率为63.3%（有效监测30天，其中优良19天），同比上升3.3个百分点。" in text
    assert "1—6月，全市PM2.5平均浓度为33微克/立方米，与上年同期持平；优良天数比率为80.1%" in text
    assert "6月PM2.5浓度同比上升的有：武进区。" in text
    assert ac.SYNTHETIC_LABEL not in text and "未对镇（街道）排名" in text
    assert "注：本通报使用合成演示数据（全市的监测值为程序生成）" in "\n".join(
        getattr(b, "text", "") for b in ac.circular_body(_hand_made(synthetic=("全市",))))


def test_member_rows_formatting_and_marks():
    cells, marks = ac.member_rows(_hand_made().districts_month)
    assert cells == [["1", "溧阳市", "28", "-2", "70.0", "+3.3"], ["2", "武进区", "34", "+1", "60.0", "-3.3"]]
    assert marks == [[""] * 6, ["", "", "yellow", "red", "yellow", "red"]]


def test_table_marks_are_validated():
    def document(table: Table):
        return ac.OfficialDocument(issuer="常州市生态环境局", doc_number="常环通〔2019〕6号", title="通报", recipients=["各辖市、区人民政府"],
                                   body=[table], signature="常州市生态环境局", date=date(2019, 7, 10))

    with pytest.raises(InputError, match="行列数") as err:
        document(Table(["a", "b"], [[1, 2]], marks=[["yellow"]]))
    assert (err.value.field, err.value.row) == ("表格", 1)
    with pytest.raises(InputError, match="blue"):
        document(Table(["a", "b"], [[1, 2]], marks=[["blue", ""]]))


# --- the real Changzhou 2019 data ------------------------------------------------------------

def test_city_figures_are_the_real_stations_indicators(circular_store, june):
    month = indicators(circular_store, "常州市", "2019-06")
    ytd = indicators(circular_store, "常州市", "2019-01-01..2019-06-30")
    assert month["stations"] and all(not s.startswith("8") for s in month["stations"])  # no synthetic station
    assert (june.month_figures.pm25, june.month_figures.good_day_ratio) == (month["air"]["pm25"], month["air"]["good_day_ratio"])
    assert (june.month_figures.pm25, june.month_figures.good_day_ratio, june.month_figures.good_days,
            june.month_figures.valid_days) == (32, 50.0, 15, 30)  # PM2.5 32 with the centre's day values (docs/monitoring.md)
    assert (june.ytd_figures.pm25, june.ytd_figures.good_day_ratio) == (ytd["air"]["pm25"], ytd["air"]["good_day_ratio"])
    assert june.month_figures.pm25_last is None  # no 2018 in the real data


def test_district_values_are_its_own_indicators(circular_store, june):
    worst = june.districts_month[-1]
    now = indicators(circular_store, worst.name, "2019-06")
    assert (worst.pm25, worst.pm25_last, worst.good_day_ratio) == (now["air"]["pm25"], now["air_last_year"]["pm25"], now["air"]["good_day_ratio"])
    assert now["synthetic"]


def test_rankings_and_marks(june):
    assert [r.name for r in june.districts_month] and len(june.districts_month) == 7
    assert june.town_count == 63 and len(june.towns_best) == len(june.towns_worst) == 10
    values = [r.pm25 for r in june.districts_month]
    assert values == sorted(values) and [r.pm25 for r in june.towns_best] == sorted(r.pm25 for r in june.towns_best)
    assert min(r.pm25 for r in june.towns_worst) >= max(r.pm25 for r in june.towns_best)
    city = june.month_figures
    for r in june.districts_month + june.towns_best + june.towns_worst:
        assert r.pm25_yellow == (r.pm25 > city.pm25) and r.pm25_red == (r.pm25 > r.pm25_last)
    for r in june.districts_month:
        assert r.ratio_yellow == (r.good_day_ratio < city.good_day_ratio) and r.ratio_red == (r.good_day_ratio < r.good_day_ratio_last)
    marks = {(r.pm25_yellow, r.pm25_red, r.ratio_yellow, r.ratio_red) for r in june.districts_month}
    assert any(m[0] for m in marks) and any(m[1] for m in marks)  # the fixture shows both marks
    assert june.synthetic_parts == ("辖市区", "镇（街道）")  # the city's figures are the real stations'


def test_docx_numbers_marks_and_label(june, june_docx):
    text = _text(june_docx)
    assert "常州市2019年6月环境空气质量状况通报" in text and "常环通〔2019〕6号" in text
    assert "6月，全市PM2.5平均浓度为32微克/立方米；优良天数比率为50.0%（有效监测30天，其中优良15天）。上年同期无监测数据" in text
    assert "注：本通报使用合成演示数据（辖市区、镇（街道）的监测值为程序生成），不代表实际空气质量。" in text
    assert len(june_docx.tables) == 4 and len(june_docx.inline_shapes) == 1
    for table, rows, with_ratio in zip(june_docx.tables, [june.districts_month, june.districts_ytd, june.towns_best, june.towns_worst],
                                       [True, True, False, False]):
        body = table.rows[1:]
        assert [c.text for c in table.rows[0].cells][:3] == ["排名", "辖市、区" if with_ratio else "镇（街道、园区）", "PM2.5（微克/立方米）"]
        assert [row.cells[1].text for row in body] == [r.name for r in rows]
        assert [row.cells[2].text for row in body] == [str(r.pm25) for r in rows]
        for row, member in zip(body, rows):
            expected = [MARK_COLOURS[m] if m else "" for m in _expected_marks(member, with_ratio)]
            assert [_fill(c) for c in row.cells] == expected


def test_shaded_cells_keep_schema_order(june_docx):
    """Word rejects a w:tcPr whose children (w:tcW, w:shd, w:vAlign …) are out of ECMA-376 order."""
    expected = [qn(t) for t in CHILD_ORDER["w:tcPr"]]
    shaded = [tc for table in june_docx.tables for tc in table._tbl.iter(qn("w:tc")) if tc.tcPr.find(qn("w:shd")) is not None]
    assert shaded
    for tc in shaded:
        positions = [expected.index(child.tag) for child in tc.tcPr]
        assert positions == sorted(positions)


def test_xlsx_numbers_fills_and_label(june, tmp_path):
    path = tmp_path / "circular.xlsx"
    write_workbook(ac.circular_sheets(june), path)
    wb = load_workbook(path)
    assert wb.sheetnames == ["全市", "辖市区6月", "辖市区1—6月", "镇街道最低10个", "镇街道最高10个", "说明"]
    city = wb["全市"]
    assert [c.value for c in city["A"]] == ["时段", "6月", "上年6月", "1—6月", "上年1—6月"]
    assert (city["B2"].value, city["D2"].value, city["B4"].value) == (32, 50.0, june.ytd_figures.pm25)
    assert (city["D2"].number_format, city["C2"].number_format) == ("0.0", "+0;-0;0")
    districts = wb["辖市区6月"]
    assert districts.freeze_panes == "A2" and districts.auto_filter.ref == "A1:F8"
    for excel_row, member in zip(districts.iter_rows(min_row=2), june.districts_month):
        assert (excel_row[1].value, excel_row[2].value) == (member.name, member.pm25)
        assert excel_row[3].value == member.pm25 - member.pm25_last
        fills = [c.fill.fgColor.rgb[-6:] if c.fill.fill_type == "solid" else "" for c in excel_row]
        assert fills == [MARK_COLOURS[m] if m else "" for m in _expected_marks(member)]
    notes = [row[0].value for row in wb["说明"].iter_rows(min_row=2)]
    assert any(str(n).startswith(ac.SYNTHETIC_LABEL) for n in notes)


def test_html_marks_as_classes(june):
    page = BeautifulSoup(render_official_html(ac.circular_document(june, LETTERHEAD)), "lxml")
    first = page.find_all("table")[0]
    cells = [[td.get("class", [""])[0] for td in tr.find_all("td")] for tr in first.find("tbody").find_all("tr")]
    assert cells == [[f"mark-{m}" if m else "" for m in _expected_marks(r)] for r in june.districts_month]
    assert ac.SYNTHETIC_LABEL in page.get_text() and "td.mark-yellow" in page.find("style").text


@pytest.fixture(scope="module")
def real_january(shared_dir, tmp_path_factory) -> CircularData:
    """Only the real data: January 2019 (and 1 February, whose hour 0 ends 31 January), no towns."""
    from ecoplan.monitoring.importer import import_files
    from ecoplan.monitoring.store import Store

    cnemc = shared_dir / "data" / "air" / "cnemc_2019"
    work = tmp_path_factory.mktemp("real-january")
    with open(cnemc / "china_sites_2019_changzhou.csv", encoding="utf-8") as source:
        lines = [line for _, line in zip(range(1 + 32 * 24 * 15), source)]
    (work / "changzhou_201901.csv").write_text("".join(lines), encoding="utf-8")
    store = Store(work / "data")
    assert not import_files(store, [cnemc / "NewSiteList.csv", work / "changzhou_201901.csv"]).failed
    return circular_data(store, "2019-01")


def test_real_data_only_january(real_january, tmp_path):
    data = real_january
    assert not data.synthetic and data.month_figures == data.ytd_figures and not data.towns_best
    assert data.notes == ["站点名录没有镇（街道）信息，未对镇（街道）排名"]
    assert {r.name for r in data.districts_month} == {"常州", "金坛", "溧阳"}  # the registry's counties
    body = [getattr(b, "text", "") for b in ac.circular_body(data)]
    assert sum(t.startswith("1月，全市PM2.5平均浓度为") for t in body) == 1 and not any("1—1月" in t for t in body)
    assert "注：站点名录没有镇（街道）信息，未对镇（街道）排名。" in body and not any(ac.SYNTHETIC_LABEL in t for t in body)
    opened = docx.Document(io.BytesIO(write_official_docx(ac.circular_document(data, LETTERHEAD))))
    assert len(opened.tables) == 1 and "（见表1，图1）" in _text(opened)
    write_workbook(ac.circular_sheets(data), tmp_path / "january.xlsx")
    wb = load_workbook(tmp_path / "january.xlsx")
    assert wb.sheetnames == ["全市", "辖市区1月", "说明"] and wb["全市"].max_row == 3


# --- the command -----------------------------------------------------------------------------

def run(capsys, *args):
    with pytest.raises(SystemExit) as exit_:
        main(list(args))
    out = capsys.readouterr()
    return exit_.value.code, out.out, out.err


def test_command_writes_each_format(capsys, circular_store, tmp_path):
    for fmt in ("docx", "xlsx", "html"):
        out = tmp_path / f"c.{fmt}"
        code, stdout, _ = run(capsys, "report", "air-monthly", "--period", "2019-06", "--data-dir", str(circular_store.root.parent),
                              "--format", fmt, "--out", str(out), "--date", "2019-07-10")
        assert code == 0 and "合成演示数据" in stdout and out.stat().st_size > 1000
    assert "mark-red" in (tmp_path / "c.html").read_text(encoding="utf-8")
    code, _, _ = run(capsys, "report", "air-monthly", "--period", "2019-06", "--data-dir", str(circular_store.root.parent),
                     "--out", str(tmp_path / "by-suffix.xlsx"))
    assert code == 0 and load_workbook(tmp_path / "by-suffix.xlsx").sheetnames[0] == "全市"


@pytest.mark.parametrize(("args", "message"), [
    (("--period", "2018-06"), "2018年6月没有空气质量监测数据"),
    (("--period", "2019-06", "--area", "火星市"), "未知的区域"),
    (("--period", "2019-06", "--area", "武进区"), "不是城市"),
    (("--period", "2019"), "如 2019-06"),
    (("--period", "2019-06", "--date", "2019-07-32"), "成文日期"),
    (("--period", "2019-06", "--out", "circular.pdf"), "无法从扩展名判断输出格式"),
])
def test_command_errors_are_one_line(capsys, circular_store, tmp_path, args, message):
    code, _, err = run(capsys, "report", "air-monthly", "--data-dir", str(circular_store.root.parent), "--out", str(tmp_path / "x.docx"), *args)
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1 and not (tmp_path / "x.docx").exists()
