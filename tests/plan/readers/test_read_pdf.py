"""PDF plans: reading order, running heads and page numbers dropped, wrapped lines joined."""

from __future__ import annotations

import pytest

from ecoplan.errors import InputError
from ecoplan.plan.readers import read_document

from samples import pdf_bytes


def test_seed_pdf_gives_the_body(seed_docs, seed_body):
    doc = seed_docs["pdf"]
    assert doc.text.split("\n") == seed_body
    assert doc.warnings == []


def test_several_pages_and_no_running_head_left(seed_pdf, seed_docs):
    from pypdf import PdfReader

    assert len(PdfReader(seed_pdf).pages) > 5
    text = seed_docs["pdf"].text
    assert "常州市生态文明建设工作\n" not in text and "—" not in text


def test_without_indentation_a_sentence_end_or_a_heading_ends_a_paragraph(tmp_path):
    paragraphs = ["一、工作目标", "全市PM2.5浓度不超过31微克/立方米，优良天数比率不低于80.0%，臭氧污染得到初步遏制，"
                  "地表水国考断面优Ⅲ比例达到80%以上。", "二、重点任务",
                  "（一）加快推动绿色低碳发展", "1. 开展绿色低碳循环发展专项行动，加快编制市级碳达峰实施方案，"
                  "积极稳妥推进碳达峰碳中和工作。（市发改委牵头，市工信局配合）"]
    path = tmp_path / "flat.pdf"
    path.write_bytes(pdf_bytes(paragraphs, flush=set(range(len(paragraphs)))))
    assert read_document(path).text.split("\n") == paragraphs


def test_image_only_pdf_is_refused(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(pdf_bytes(["一、工作目标"] * 3, image_only=True))
    with pytest.raises(InputError) as err:
        read_document(path)
    assert str(err.value) == "scan.pdf: 没有文字层的扫描版 PDF（需先 OCR 识别成文字）"


def test_a_title_centred_over_two_lines_is_one_paragraph(tmp_path):
    import io

    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf)
    pdf.setFont("STSong-Light", 20)
    pdf.drawCentredString(297, 700, "市政府关于印发《2023年常州市生态")
    pdf.drawCentredString(297, 670, "文明建设工作方案》的通知")
    pdf.setFont("STSong-Light", 14)
    pdf.drawString(80, 630, "各辖市、区人民政府，市各有关部门和单位：")
    pdf.drawString(108, 605, "现将《2023年常州市生态文明建设工作方案》印发给你们，请认真")
    pdf.drawString(80, 580, "贯彻执行。")
    pdf.save()
    path = tmp_path / "t.pdf"
    path.write_bytes(buf.getvalue())
    assert read_document(path).text.split("\n") == [
        "市政府关于印发《2023年常州市生态文明建设工作方案》的通知",
        "各辖市、区人民政府，市各有关部门和单位：",
        "现将《2023年常州市生态文明建设工作方案》印发给你们，请认真贯彻执行。",
    ]


def test_ruled_task_table_with_merged_cells(tmp_path):
    from ecoplan.plan.source import TableRow

    from samples import TASK_TABLE, pdf_with_table

    path = tmp_path / "t.pdf"
    path.write_bytes(pdf_with_table(["一、重点任务清单如下。"], TASK_TABLE, ["二、保障措施。"]))
    doc = read_document(path)
    assert doc.text.split("\n") == [
        "一、重点任务清单如下。",
        "序号\t类别\t重点任务\t牵头单位\t配合单位\t完成时限",
        "1\t绿色低碳\t编制市级碳达峰实施方案\t市发改委\t市工信局、生态环境局\t2023年6月底前",
        "2\t绿色低碳\t推进煤电机组“三改联动”\t市发改委\t市工信局\t年底前",
        "3\t蓝天保卫\t完成4504家活性炭企业核查\t市生态环境局\t各辖市区\t9月底前",
        "二、保障措施。",
    ]
    (table,) = doc.tables
    assert table.rows[1] == TableRow(row=3, cells={
        "number": "2", "section": "绿色低碳", "title": "推进煤电机组“三改联动”", "lead": "市发改委",
        "cooperating": "市工信局", "deadline": "年底前",
    })


def test_task_table_continued_on_the_next_page_is_one_table(tmp_path):
    import io

    from pypdf import PdfWriter

    from samples import TASK_TABLE, pdf_with_table

    writer = PdfWriter()
    for part in (pdf_with_table(["一、重点任务清单如下。"], TASK_TABLE[:3], []),
                 pdf_with_table([], [TASK_TABLE[0], TASK_TABLE[3]], ["二、保障措施。"])):
        writer.append(io.BytesIO(part))
    buf = io.BytesIO()
    writer.write(buf)
    path = tmp_path / "two.pdf"
    path.write_bytes(buf.getvalue())
    doc = read_document(path)
    (table,) = doc.tables
    assert [(r.row, r.cells["number"], r.cells["title"]) for r in table.rows] == [
        (2, "1", "编制市级碳达峰实施方案"), (3, "2", "推进煤电机组“三改联动”"), (4, "3", "完成4504家活性炭企业核查")]
    assert doc.text.split("\n")[0] == "一、重点任务清单如下。" and doc.text.split("\n")[-1] == "二、保障措施。"
    assert len(doc.text.split("\n")) == 6


def test_attachments_starting_each_page_are_not_running_heads(tmp_path):
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    for n, text in ((1, "重点任务分工表。"), (2, "规划指标体系责任分工。"), (3, "考核细则。")):
        writer.append(io.BytesIO(pdf_bytes([f"附件{n}", text], flush={0, 1})))
    buf = io.BytesIO()
    writer.write(buf)
    path = tmp_path / "att.pdf"
    path.write_bytes(buf.getvalue())
    assert read_document(path).text.split("\n") == [
        "附件1", "重点任务分工表。", "附件2", "规划指标体系责任分工。", "附件3", "考核细则。"]


def test_document_information_title_is_a_fallback(tmp_path):
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes(["一、工作目标"], flush={0}))))
    writer.add_metadata({"/Title": "Microsoft Word - 某市2024年生态文明建设工作方案.docx"})
    buf = io.BytesIO()
    writer.write(buf)
    path = tmp_path / "t.pdf"
    path.write_bytes(buf.getvalue())
    assert read_document(path).meta["title"] == "某市2024年生态文明建设工作方案"


def test_glyphs_without_a_character_map(tmp_path, monkeypatch):
    import pdfplumber.page

    path = tmp_path / "t.pdf"
    path.write_bytes(pdf_bytes(["一、工作目标", "全市PM2.5浓度不超过31微克/立方米。"], flush={0, 1}))
    real = pdfplumber.page.Page.extract_text_lines

    def garble(share):
        def lines(self, **kwargs):
            out = real(self, **kwargs)
            for ln in out:
                n = int(len(ln["text"]) * share)
                ln["text"] = "".join(f"(cid:{100 + i})" for i in range(n)) + ln["text"][n:]
            return out
        return lines

    monkeypatch.setattr(pdfplumber.page.Page, "extract_text_lines", garble(0.1))
    doc = read_document(path)
    assert doc.text.split("\n")[1] == "\ufffd\ufffdPM2.5浓度不超过31微克/立方米。" and "cid" not in doc.text
    assert doc.warnings[0]["message"] == "PDF 中这些字形没有文字编码，显示为 �"
    monkeypatch.setattr(pdfplumber.page.Page, "extract_text_lines", garble(0.6))
    with pytest.raises(InputError, match="字体没有文字编码"):
        read_document(path)
