"""The Excel round trip: the unit's protected, pre-filled workbook; a filled-in file imports;
a file with one wrong cell is refused whole, with the error's sheet, row and column."""

from __future__ import annotations

import io

from openpyxl import load_workbook
from sqlalchemy import func, select

from ecoplan.app.progress.models import ProgressReport
from ecoplan.app.progress.xlsx_io import COL, COLUMNS, SHEET

PERIOD = "2023-05"
VALUE = COL["截至本期完成值"] + 1
NARRATIVE = COL["工作进展"] + 1
ACTION = COL["操作"] + 1


def _download(client):
    response = client.get(f"/progress/xlsx?period={PERIOD}")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    return load_workbook(io.BytesIO(response.content))


def _upload(client, wb, name="进展填报.xlsx"):
    buf = io.BytesIO()
    wb.save(buf)
    return client.post("/progress/xlsx", files={"file": (name, buf.getvalue())})


def _rows(ws, kind):
    return [r for r in range(2, ws.max_row + 1) if ws.cell(r, COL["类别"] + 1).value == kind]


def _count(seeded) -> int:
    with seeded.session() as s:
        return s.scalar(select(func.count(ProgressReport.id)))


def test_template_is_prefilled_protected_with_drop_downs(seeded):
    wb = _download(seeded.client("reporter"))
    ws = wb[SHEET]
    assert [c.value for c in ws[1]] == list(COLUMNS)
    with seeded.session() as s:
        assert ws.max_row - 1 == len(seeded.items(s, "市生态环境局"))
    assert ws.protection.sheet is True
    row = _rows(ws, "目标")[0]
    assert ws.cell(row, COL["识别码"] + 1).protection.locked is True
    assert ws.cell(row, COL["事项"] + 1).protection.locked is True
    for col in (VALUE, NARRATIVE, ACTION):
        assert ws.cell(row, col).protection.locked is False
    rules = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    lists = [dv for dv in rules.values() if dv.type == "list"]
    assert len(lists) == 1 and lists[0].formula1 == '"保存草稿,提交审核"'
    assert any(dv.type == "decimal" for dv in rules.values())
    assert ws.cell(row, 1).value == PERIOD and ws.cell(row, COL["当前状态"] + 1).value == "未填报"


def test_filled_workbook_imports(seeded):
    reporter = seeded.client("reporter")
    wb = _download(reporter)
    ws = wb[SHEET]
    task_row, target_row = _rows(ws, "任务")[0], _rows(ws, "目标")[0]
    ws.cell(task_row, NARRATIVE).value = "=HYPERLINK(\"x\")是文字不是公式"
    ws.cell(task_row, NARRATIVE).data_type = "s"
    ws.cell(task_row, ACTION).value = "提交审核"
    ws.cell(target_row, VALUE).value = 31.5
    ws.cell(target_row, NARRATIVE).value = "按月推进"
    response = _upload(reporter, wb)
    assert response.status_code == 303, response.text[-2000:]
    with seeded.session() as s:
        reports = {r.item_kind: r for r in s.scalars(select(ProgressReport))}
        assert set(reports) == {"task", "target"}
        assert reports["task"].state == "submitted"
        assert reports["task"].narrative.startswith("=HYPERLINK")
        assert reports["target"].state == "draft" and reports["target"].value_to_date == 31.5
    # the next download carries what was written; a submitted row may not change any more
    again = _download(reporter)[SHEET]
    assert again.cell(task_row, COL["当前状态"] + 1).value == "待审核"
    assert again.cell(target_row, VALUE).value == 31.5
    again.cell(task_row, ACTION).value = "保存草稿"
    response = _upload(reporter, again.parent)
    assert response.status_code == 422 and "待审核，不能再修改" in response.text


def test_one_wrong_cell_refuses_the_whole_file(seeded):
    reporter = seeded.client("reporter")
    wb = _download(reporter)
    ws = wb[SHEET]
    task_rows, target_rows = _rows(ws, "任务"), _rows(ws, "目标")
    for row in task_rows[:3]:
        ws.cell(row, NARRATIVE).value = "本月已完成"
    bad = target_rows[1]
    ws.cell(bad, VALUE).value = "百分之三十"
    ws.cell(target_rows[2], NARRATIVE).value = "=1+1"
    ws.cell(task_rows[4], COL["识别码"] + 1).value = "forged"
    response = _upload(reporter, wb)
    assert response.status_code == 422
    text = response.text
    assert "未保存任何内容" in text
    assert f"<td>{SHEET}</td><td>{bad}</td><td>H 截至本期完成值</td>" in text
    assert f"<td>{target_rows[2]}</td><td>I 工作进展</td><td>不接受公式" in text
    assert f"<td>{task_rows[4]}</td><td>C 识别码</td>" in text
    assert _count(seeded) == 0


def test_not_a_workbook_and_wrong_header(seeded):
    reporter = seeded.client("reporter")
    junk = reporter.post("/progress/xlsx", files={"file": ("x.xlsx", b"PK\x03\x04broken")})
    assert junk.status_code == 422 and "不是有效的 Excel" in junk.text
    empty = reporter.post("/progress/xlsx", data={})
    assert empty.status_code == 422 and "请选择" in empty.text
    wb = _download(reporter)
    wb[SHEET].cell(1, NARRATIVE).value = "进展"
    response = _upload(reporter, wb)
    assert response.status_code == 422 and "表头与模板不一致" in response.text
    assert _count(seeded) == 0
