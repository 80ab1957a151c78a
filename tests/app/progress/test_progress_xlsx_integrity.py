"""The Excel round trip under hostile or stale input (issue #11, items 4 and 5): rows changed on
the web since the download are refused row by row; 100,000 rows, a DTD entity or a zip bomb
are refused before openpyxl parses them; the error page lists the first 50 problems."""

from __future__ import annotations

import io
import re
import zipfile

from openpyxl import load_workbook
from sqlalchemy import func, select

from ecoplan.app.progress.models import ProgressReport
from ecoplan.app.progress.xlsx_io import COL, SHEET

PERIOD = "2023-05"
NARRATIVE = COL["工作进展"] + 1
ACTION = COL["操作"] + 1
SHEET_PART = "xl/worksheets/sheet1.xml"


def _template(client) -> bytes:
    response = client.get(f"/progress/xlsx?period={PERIOD}")
    assert response.status_code == 200
    return response.content


def _workbook(data: bytes):
    return load_workbook(io.BytesIO(data))


def _save(wb) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _upload(client, data: bytes, name="进展填报.xlsx"):
    return client.post("/progress/xlsx", files={"file": (name, data)})


def _replace_part(data: bytes, part: str, change) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info)
            dst.writestr(info.filename, change(body) if info.filename == part else body)
    return out.getvalue()


def _count(seeded) -> int:
    with seeded.session() as s:
        return s.scalar(select(func.count(ProgressReport.id)))


def _task_rows(ws) -> list[int]:
    return [r for r in range(2, ws.max_row + 1) if ws.cell(r, COL["类别"] + 1).value == "任务"]


def test_rows_changed_on_the_web_since_the_download_are_refused(seeded):
    reporter = seeded.client("reporter")
    wb = _workbook(_template(reporter))
    ws = wb[SHEET]
    first, second = _task_rows(ws)[:2]
    assert ws.cell(first, COL["版本"] + 1).value == 0
    uid = ws.cell(first, COL["识别码"] + 1).value
    web = reporter.post(f"/progress/items/task/{uid}",
                        data={"period": PERIOD, "narrative": "网页上写的", "version": "0"})
    assert web.status_code == 303
    ws.cell(first, NARRATIVE).value = "Excel 里写的"
    ws.cell(second, NARRATIVE).value = "另一项"
    response = _upload(reporter, _save(wb))
    assert response.status_code == 422
    assert f"<td>{first}</td><td>N 版本</td>" in response.text
    assert "已在网页上修改" in response.text and f"<td>{second}</td>" not in response.text
    with seeded.session() as s:
        assert [r.narrative for r in s.scalars(select(ProgressReport))] == ["网页上写的"]
    # a fresh download carries the new version and goes through
    fresh = _workbook(_template(reporter))
    assert fresh[SHEET].cell(first, COL["版本"] + 1).value == 1
    fresh[SHEET].cell(first, NARRATIVE).value = "Excel 里写的"
    assert _upload(reporter, _save(fresh)).status_code == 303
    with seeded.session() as s:
        assert [r.narrative for r in s.scalars(select(ProgressReport))] == ["Excel 里写的"]


def test_a_workbook_of_a_period_outside_the_plan_year_is_refused(seeded):
    reporter = seeded.client("reporter")
    wb = _workbook(_template(reporter))
    ws = wb[SHEET]
    for row in range(2, ws.max_row + 1):
        ws.cell(row, 1).value = "9999-12"
    ws.cell(2, NARRATIVE).value = "x"
    response = _upload(reporter, _save(wb))
    assert response.status_code == 422 and "不是2023年工作方案的报告期" in response.text
    assert _count(seeded) == 0


def test_a_small_file_with_100000_rows_is_refused_before_parsing(seeded):
    reporter = seeded.client("reporter")
    rows = f'<row><c t="inlineStr"><is><t>{PERIOD}</t></is></c></row>' * 100_000

    def flood(xml: bytes) -> bytes:
        return re.sub(rb"<sheetData>.*</sheetData>|<sheetData/>",
                      f"<sheetData>{rows}</sheetData>".encode(), xml, flags=re.S)

    data = _replace_part(_template(reporter), SHEET_PART, flood)
    assert len(data) < 250_000
    response = _upload(reporter, data)
    assert response.status_code == 422 and "超过 3000 行" in response.text
    assert len(response.content) < 50_000
    assert _count(seeded) == 0


def test_a_dtd_entity_is_refused_with_a_message(seeded):
    reporter = seeded.client("reporter")

    def entity(xml: bytes) -> bytes:
        head, _, rest = xml.partition(b"?>")
        return head + b'?><!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">]>' + rest

    data = _replace_part(_template(reporter), SHEET_PART, entity)
    response = _upload(reporter, data)
    assert response.status_code == 422 and "DTD" in response.text
    assert _count(seeded) == 0


def test_a_zip_bomb_is_refused_from_its_directory(seeded):
    reporter = seeded.client("reporter")
    data = _template(reporter)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info))
        dst.writestr("xl/media/padding.bin", b"\0" * (25 * 1024 * 1024))
    assert len(out.getvalue()) < 200_000
    response = _upload(reporter, out.getvalue())
    assert response.status_code == 422 and "解压后超过 20 MB" in response.text


def test_the_error_page_lists_the_first_50_problems(seeded):
    reporter = seeded.client("reporter")
    wb = _workbook(_template(reporter))
    ws = wb[SHEET]
    for row in range(2, ws.max_row + 1):
        ws.cell(row, ACTION).value = "随便"
        ws.cell(row, COL["本单位职责"] + 1).value = "不是职责"
    total = 2 * (ws.max_row - 1)
    assert total > 50
    response = _upload(reporter, _save(wb))
    assert response.status_code == 422
    assert f"文件中有 {total} 处错误" in response.text
    assert response.text.count("<tr><td>进展填报</td>") == 50
    assert 'id="errors-shown"' in response.text
