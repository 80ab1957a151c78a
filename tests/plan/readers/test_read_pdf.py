"""PDF plans: reading order, running heads and page numbers dropped, wrapped lines joined."""

from __future__ import annotations

import pytest

from ecoplan.errors import InputError
from ecoplan.plan.readers import read_document

from samples import pdf_bytes


@pytest.fixture(scope="module")
def seed_pdf(tmp_path_factory, seed_body):
    path = tmp_path_factory.mktemp("pdf") / "plan.pdf"
    title = seed_body.index("2023年常州市生态文明建设工作方案")
    path.write_bytes(pdf_bytes(seed_body, centred={0, title}, flush={1}))
    return path


def test_seed_pdf_gives_the_body(seed_pdf, seed_body):
    doc = read_document(seed_pdf)
    assert doc.text.split("\n") == seed_body
    assert doc.warnings == []


def test_several_pages_and_no_running_head_left(seed_pdf):
    import pdfplumber

    with pdfplumber.open(seed_pdf) as pdf:
        assert len(pdf.pages) > 5
    text = read_document(seed_pdf).text
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
