"""Excel task lists: header under a title row, merged cells, spreadsheet row numbers."""

from __future__ import annotations

import pytest

from ecoplan.plan.readers import read_document
from ecoplan.plan.source import TableRow

from samples import TASK_TABLE, xlsx_bytes

TITLE = "2023年常州市生态文明建设重点任务清单"


def test_title_row_merged_cells_and_row_numbers(tmp_path):
    path = tmp_path / "tasks.xlsx"
    path.write_bytes(xlsx_bytes(TASK_TABLE, title=TITLE, extra_sheet=True))
    doc = read_document(path)
    (table,) = doc.tables
    assert table.where == "sheet 任务清单"
    assert table.title == TITLE
    assert table.header == ["序号", "类别", "重点任务", "牵头单位", "配合单位", "完成时限"]
    assert [r.row for r in table.rows] == [4, 5, 6]
    assert table.rows[1] == TableRow(row=5, cells={
        "number": "2", "section": "绿色低碳", "title": "推进煤电机组“三改联动”", "lead": "市发改委",
        "cooperating": "市工信局", "deadline": "年底前",
    })
    assert doc.text.split("\n") == [
        TITLE,
        "序号\t类别\t重点任务\t牵头单位\t配合单位\t完成时限",
        "1\t绿色低碳\t编制市级碳达峰实施方案\t市发改委\t市工信局、生态环境局\t2023年6月底前",
        "2\t绿色低碳\t推进煤电机组“三改联动”\t市发改委\t市工信局\t年底前",
        "3\t蓝天保卫\t完成4504家活性炭企业核查\t市生态环境局\t各辖市区\t9月底前",
        "本表由市生态文明建设领导小组办公室编制",
    ]
    assert doc.warnings == []


def test_columns_found_by_words_in_any_order_with_a_two_row_header(tmp_path):
    rows = [
        ["完成\n时限", "工作措施", "责任单位", None, "编号"],
        [None, None, "牵头", "配合", None],
        ["一、大气污染防治", None, None, None, None],
        ["6月底前", "完成钢铁企业超低排放改造", "市生态环境局", "市工信局", "1"],
    ]
    path = tmp_path / "t.xlsx"
    path.write_bytes(_merged_header_book(rows))
    (table,) = read_document(path).tables
    assert table.roles == {"deadline": 0, "text": 1, "number": 4, "lead": 2, "cooperating": 3}
    assert table.rows == [TableRow(row=4, cells={
        "deadline": "6月底前", "text": "完成钢铁企业超低排放改造", "number": "1", "lead": "市生态环境局",
        "cooperating": "市工信局", "section": "一、大气污染防治",
    })]


def _merged_header_book(rows):
    import io

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    ws.merge_cells("C1:D1")
    ws.merge_cells("A1:A2")
    ws.merge_cells("B1:B2")
    ws.merge_cells("E1:E2")
    ws.merge_cells("A3:E3")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_a_sheet_without_a_task_header_is_said(tmp_path):
    path = tmp_path / "t.xlsx"
    path.write_bytes(xlsx_bytes([["姓名", "电话"], ["张三", "123"]]))
    doc = read_document(path)
    assert doc.tables == []
    assert doc.warnings[0]["message"].startswith("表格中没有找到任务表表头")


@pytest.mark.parametrize("header, role", [
    ("主责单位", "lead"), ("协办单位", "cooperating"), ("时间节点", "deadline"), ("具体措施", "text"),
    ("工作任务", "title"), ("责任辖市区", "district"), ("重点领域", "section"), ("序号", "number"),
])
def test_header_words(header, role):
    from ecoplan.plan.readers.tables import cell_role

    assert cell_role(header) == role
    assert cell_role(" " + header[0] + "\n" + header[1:]) == role


def test_cells_read_as_the_sheet_shows_them(tmp_path):
    import io
    from datetime import date

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["序号", "工作任务", "牵头单位", "目标值", "完成时限"])
    ws.append([1.0, "优良天数比率", "市生态环境局", 0.8, date(2023, 12, 31)])
    ws.append([2, "优Ⅲ比例", "市水利局", 0.922, "年底前"])
    ws["D2"].number_format = "0%"
    ws["D3"].number_format = "0.0%"
    buf = io.BytesIO()
    wb.save(buf)
    path = tmp_path / "t.xlsx"
    path.write_bytes(buf.getvalue())
    doc = read_document(path)
    assert doc.text.split("\n")[1:] == ["1\t优良天数比率\t市生态环境局\t80%\t2023-12-31", "2\t优Ⅲ比例\t市水利局\t92.2%\t年底前"]
