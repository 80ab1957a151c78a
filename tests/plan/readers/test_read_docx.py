"""Word plans: paragraphs and tables in document order, merged cells, core title."""

from __future__ import annotations

from ecoplan.plan.readers import read_document
from ecoplan.plan.source import TableRow

from samples import TASK_TABLE, docx_bytes

TABLE_LINES = [
    "序号\t类别\t重点任务\t牵头单位\t配合单位\t完成时限",
    "1\t绿色低碳\t编制市级碳达峰实施方案\t市发改委\t市工信局、生态环境局\t2023年6月底前",
    "2\t绿色低碳\t推进煤电机组“三改联动”\t市发改委\t市工信局\t年底前",
    "3\t蓝天保卫\t完成4504家活性炭企业核查\t市生态环境局\t各辖市区\t9月底前",
]


def test_seed_docx_gives_the_body(tmp_path, seed_body):
    path = tmp_path / "plan.docx"
    path.write_bytes(docx_bytes(seed_body[0], seed_body[1:]))
    doc = read_document(path)
    assert doc.text.split("\n") == seed_body
    assert doc.meta == dict.fromkeys(["title", "doc_number", "issuer", "signed", "published"])
    assert doc.warnings == [] and doc.tables == []


def test_table_stays_in_place_with_merged_cells_filled(tmp_path, seed_body):
    path = tmp_path / "plan.docx"
    path.write_bytes(docx_bytes(seed_body[0], seed_body[1:8], TASK_TABLE, table_after=3))
    lines = read_document(path).text.split("\n")
    assert lines == seed_body[:4] + TABLE_LINES + seed_body[4:8]
    (table,) = read_document(path).tables
    assert table.where == "table 1"
    assert table.rows[1] == TableRow(row=3, cells={
        "number": "2", "section": "绿色低碳", "title": "推进煤电机组“三改联动”", "lead": "市发改委",
        "cooperating": "市工信局", "deadline": "年底前",
    })


def test_core_title_is_a_fallback_and_catalogue_lines_win(tmp_path):
    path = tmp_path / "a.docx"
    path.write_bytes(docx_bytes("文件编号：苏环发〔2023〕5号", ["一、工作目标"], core_title="某市方案"))
    doc = read_document(path)
    assert doc.meta["title"] == "某市方案"
    assert doc.meta["doc_number"] == "苏环发〔2023〕5号"
    assert doc.text == "一、工作目标"
