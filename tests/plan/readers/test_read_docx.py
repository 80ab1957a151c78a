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


ABSTRACT = """<w:abstractNum xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:abstractNumId="90">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3. "/></w:lvl>
<w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>
</w:abstractNum>"""
NUM = """<w:num xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:numId="9">
<w:abstractNumId w:val="90"/></w:num>"""


def test_word_automatic_numbering_is_written_into_the_text(tmp_path):
    import io

    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    root = document.part.numbering_part.element
    root.insert(0, parse_xml(ABSTRACT))
    root.append(parse_xml(NUM))
    items = [(0, "工作目标"), (0, "重点任务"), (1, "加快推动绿色低碳发展"), (2, "开展绿色低碳循环发展专项行动。"),
             (2, "持续开展工业绿色制造体系建设专项行动。"), (3, "要点"), (1, "深入打好蓝天保卫战"),
             (2, "推进固定源深度治理。"), (0, "保障举措")]
    for level, text in items:
        paragraph = document.add_paragraph(text)
        num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = level
        num_pr.get_or_add_numId().val = 9
    heading = document.styles["Heading 1"].element.get_or_add_pPr().get_or_add_numPr()
    heading.get_or_add_ilvl().val = 0
    heading.get_or_add_numId().val = 9
    document.add_paragraph("附则", style="Heading 1")  # numbered through its style
    buf = io.BytesIO()
    document.save(buf)
    path = tmp_path / "auto.docx"
    path.write_bytes(buf.getvalue())
    doc = read_document(path)
    assert doc.text.split("\n") == [
        "一、工作目标", "二、重点任务", "（一）加快推动绿色低碳发展", "1. 开展绿色低碳循环发展专项行动。",
        "2. 持续开展工业绿色制造体系建设专项行动。", "要点", "（二）深入打好蓝天保卫战", "1. 推进固定源深度治理。",
        "三、保障举措", "四、附则",
    ]
    assert doc.warnings == []


def test_chinese_numbers():
    from ecoplan.plan.readers.docx_numbering import chinese_number

    assert [chinese_number(n) for n in (1, 10, 11, 20, 36, 99)] == ["一", "十", "十一", "二十", "三十六", "九十九"]


def test_a_catalogue_table_saved_with_the_page_fills_meta(tmp_path, seed_body, seed_meta):
    import io

    import docx

    from samples import CATALOGUE

    document = docx.Document()
    table = document.add_table(rows=len(CATALOGUE) + 1, cols=4)
    for r, row in enumerate(CATALOGUE):
        for c, cell in enumerate(row):
            table.cell(r, c).text = cell + ("：" if c % 2 == 0 else "")
    merged = table.cell(len(CATALOGUE), 1).merge(table.cell(len(CATALOGUE), 3))
    table.cell(len(CATALOGUE), 0).text = "信息名称："
    merged.text = seed_body[0]
    for text in seed_body:
        document.add_paragraph(text)
    buf = io.BytesIO()
    document.save(buf)
    path = tmp_path / "saved.docx"
    path.write_bytes(buf.getvalue())
    doc = read_document(path)
    assert doc.meta == seed_meta
    assert doc.text.split("\n") == seed_body
