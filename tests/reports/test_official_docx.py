"""The sample circular written as .docx and opened back with python-docx: GB/T 9704-2012 layout checks."""

import io
from dataclasses import replace
from zipfile import ZipFile

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Pt
from lxml import etree

from ecoplan.reports import official_layout as L
from ecoplan.reports.official import Paragraph
from ecoplan.reports.official_docx import write_official_docx
from ecoplan.reports.official_ooxml import CHILD_ORDER

from sample_documents import DISTRICTS, ISSUER, SCORES

WPS = "{http://schemas.microsoft.com/office/word/2010/wordprocessingShape}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"


@pytest.fixture(scope="module")
def opened(sample_docx):
    return docx.Document(str(sample_docx))


def _paragraph(document, style: str, nth: int = 0):
    return [p for p in document.paragraphs if p.style.name == style][nth]


def _align(paragraph):
    """Alignment set on the paragraph or, failing that, by its style."""
    return paragraph.alignment if paragraph.alignment is not None else paragraph.style.paragraph_format.alignment


def _east_asia_font(rpr) -> str:
    return rpr.find(qn("w:rFonts")).get(qn("w:eastAsia"))


def _style_font(document, style: str) -> tuple[str, str, float]:
    """(East-Asian font, ASCII font, size in pt) a style sets."""
    s = document.styles[style]
    rpr = s.element.rPr
    return _east_asia_font(rpr), rpr.find(qn("w:rFonts")).get(qn("w:ascii")), s.font.size.pt


def test_page_is_a4_with_the_standard_margins(opened):
    # 5.1, 5.2.1: A4; 天头 37 mm, 订口 28 mm, 版心 156 mm × 225 mm.
    section = opened.sections[0]
    assert section.page_width.mm == pytest.approx(210, abs=0.1)
    assert section.page_height.mm == pytest.approx(297, abs=0.1)
    assert section.top_margin.mm == pytest.approx(37, abs=0.1)
    assert section.bottom_margin.mm == pytest.approx(35, abs=0.1)
    assert section.left_margin.mm == pytest.approx(28, abs=0.1)
    assert section.right_margin.mm == pytest.approx(26, abs=0.1)


def test_issuer_red_xiaobiaosong_centred_and_narrowed(opened):
    # 7.2.4: 居中排布，小标宋体字，红色.
    issuer = _paragraph(opened, "公文发文机关标志")
    assert issuer.text == ISSUER
    assert _align(issuer) == WD_ALIGN_PARAGRAPH.CENTER
    assert _style_font(opened, "公文发文机关标志")[:2] == ("方正小标宋简体", "方正小标宋简体")
    assert str(opened.styles["公文发文机关标志"].font.color.rgb) == "FF0000"
    run = issuer.runs[0]
    assert run.font.size == Pt(36)
    assert run._r.rPr.find(qn("w:w")).get(qn("w:val")) == str(L.issuer_font(ISSUER)[1])
    # 35 mm from the top of the 版心 to the top of the 发文机关标志.
    assert issuer.paragraph_format.space_before.mm == pytest.approx(35, abs=0.1)


def test_doc_number_centred_with_the_red_rule_under_it(opened):
    # 7.2.5 发文字号居中, 7.2.7 发文字号之下4mm处与版心等宽的红色分隔线.
    number = _paragraph(opened, "公文发文字号")
    assert number.text == "常生态办〔2023〕5号"
    assert _align(number) == WD_ALIGN_PARAGRAPH.CENTER
    rule = number._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert rule.get(qn("w:color")) == "FF0000"
    assert rule.get(qn("w:val")) == "single"
    assert int(rule.get(qn("w:sz"))) == 12  # 1.5 pt
    assert number.paragraph_format.left_indent in (None, 0) and number.paragraph_format.right_indent in (None, 0)
    # two empty lines between the 发文机关标志 and the 发文字号 (7.2.5 下空二行).
    texts = [p.text for p in opened.paragraphs]
    i = texts.index(ISSUER)
    assert texts[i + 1:i + 4] == ["", "", "常生态办〔2023〕5号"]


def test_title_recipients_and_body_fonts_and_sizes(opened):
    assert _style_font(opened, "公文标题") == ("方正小标宋简体", "方正小标宋简体", 22)  # 7.3.1 2号小标宋
    assert _style_font(opened, "公文主送机关") == ("仿宋_GB2312", "仿宋_GB2312", 16)  # 7.3.2 3号仿宋
    assert _style_font(opened, "公文正文") == ("仿宋_GB2312", "仿宋_GB2312", 16)  # 7.3.3
    title = _paragraph(opened, "公文标题")
    assert _align(title) == WD_ALIGN_PARAGRAPH.CENTER
    assert title.text == "关于2023年第二季度全市生态文明建设\n重点工作推进情况的通报"
    recipients = _paragraph(opened, "公文主送机关")
    assert recipients.text.endswith("单位：")  # 全角冒号
    assert opened.styles["公文主送机关"].paragraph_format.first_line_indent == 0  # 居左顶格


def test_body_indent_line_spacing_and_grid(opened):
    fmt = opened.styles["公文正文"].paragraph_format
    # 7.3.3 每个自然段左空二字; 5.2.3 22 lines: exact 28.95 pt.
    assert fmt.first_line_indent == L.chars(2)
    assert fmt.first_line_indent.pt == pytest.approx(2 * 15.75)
    assert fmt.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert fmt.line_spacing.pt == pytest.approx(28.95)
    spacing = opened.styles["公文正文"].element.rPr.find(qn("w:spacing"))
    assert spacing.get(qn("w:val")) == "-5"  # -0.25 pt: 28 characters per line


@pytest.mark.parametrize("style, font", [("公文一级标题", "黑体"), ("公文二级标题", "楷体_GB2312"),
                                         ("公文三级标题", "仿宋_GB2312"), ("公文四级标题", "仿宋_GB2312")])
def test_heading_levels_use_their_fonts(opened, style, font):
    # 7.3.3: 第一层黑体、第二层楷体、第三层和第四层仿宋.
    assert _style_font(opened, style) == (font, font, 16)


def test_headings_are_numbered_and_run_in_text_is_fangsong(opened):
    first = _paragraph(opened, "公文一级标题")
    assert first.text == "一、总体情况"
    second = _paragraph(opened, "公文二级标题")
    assert second.text.startswith("（一）空气质量。第二季度")
    assert _east_asia_font(second.runs[1]._r.rPr) == "仿宋_GB2312"
    assert [p.text[:2] for p in opened.paragraphs if p.style.name == "公文三级标题"] == ["1.", "2."]
    assert _paragraph(opened, "公文四级标题").text.startswith("（1）")


def test_odd_and_even_footers_carry_page_fields(opened):
    # 7.5: “— 1 —”, odd pages right and even pages left, one 字 in.
    assert opened.settings.odd_and_even_pages_header_footer
    section = opened.sections[0]
    for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT), (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        para = footer.paragraphs[0]
        assert para.alignment == align
        assert [i.text for i in para._p.iter(qn("w:instrText"))] == [" PAGE "]
        assert para.text.startswith("— ") and para.text.endswith(" —")
        indent = para.paragraph_format.right_indent if align == WD_ALIGN_PARAGRAPH.RIGHT else para.paragraph_format.left_indent
        assert indent.pt == pytest.approx(14)
    assert _style_font(opened, "公文页码") == ("宋体", "宋体", 14)
    assert section.footer_distance.mm == pytest.approx(35 - 5.5 - 14 * 25.4 / 72, abs=0.1)


def test_ranking_table_contents(opened):
    table = opened.tables[0]
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["排名", "辖市（区）", "PM2.5（微克/立方米）", "优良天数比率（%）", "优Ⅲ比例（%）", "得分"]
    assert [r[1] for r in rows[1:]] == [DISTRICTS[i] for i in sorted(range(7), key=lambda i: -SCORES[i])]
    assert rows[1][0] == "1" and rows[1][5] == "96.5"
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    widths = [c.width.mm for c in table.rows[0].cells]
    assert sum(widths) == pytest.approx(156, abs=0.5)
    assert table.rows[0].cells[0].paragraphs[0].style.name == "公文表头"
    assert _style_font(opened, "公文表头")[0] == "黑体"


def test_chart_is_embedded(opened, sample_circular):
    assert len(opened.inline_shapes) == 1
    blob = opened.inline_shapes[0]._inline.graphic.graphicData.pic.blipFill.blip.embed
    image = opened.part.related_parts[blob]
    assert image.blob == sample_circular.body[5].png
    assert opened.inline_shapes[0].width.mm == pytest.approx(150, abs=0.1)


def test_closing_attachments_signature_date_note(opened):
    texts = [p.text for p in opened.paragraphs]
    i = texts.index("附件：1.2023年第二季度各辖市（区）重点任务推进情况表")
    assert texts[i - 1] == "" and texts[i + 1] == "2.2023年第二季度滞后任务清单"
    # sealed: two blank lines, then 署名 centred over the 成文日期; this 18-字 署名 is too long for the
    # date's usual four 字, so it ends flush right and the date is centred under it (5.75 字 in).
    assert texts[i + 2:i + 6] == ["", "", ISSUER, "2023年7月10日"]
    signature_para, date_para = opened.paragraphs[i + 4], opened.paragraphs[i + 5]
    assert _align(date_para) == _align(signature_para) == WD_ALIGN_PARAGRAPH.RIGHT
    assert signature_para.paragraph_format.right_indent == 0
    assert date_para.paragraph_format.right_indent == L.chars((18 - 6.5) / 2)
    assert texts[i + 6] == "（联系人：示例，电话：0519-00000000）"


def test_imprint_sits_in_a_box_at_the_foot_of_the_page(opened):
    # 7.4: 抄送, 印发 between a thick, a thin and a thick rule; the last on the 版心's lower edge.
    boxes = list(opened.element.body.iter(WPS + "txbx"))
    assert len(boxes) == 1
    paragraphs = list(boxes[0].iter(qn("w:p")))
    texts = ["".join(t.text for t in p.iter(qn("w:t"))) for p in paragraphs]
    assert texts == ["", "抄送：市委办公室，市人大常委会办公室，市政府办公室，市政协办公室。", "",
                     f"{ISSUER}2023年7月10日印发", ""]
    rules = [p.find(qn("w:pPr")).find(qn("w:pBdr")) for p in paragraphs[::2]]
    assert [int(r.find(qn("w:bottom")).get(qn("w:sz"))) for r in rules] == [8, 6, 8]  # 1 pt, 0.75 pt, 1 pt
    for rule in paragraphs[::2]:
        assert rule.find(qn("w:pPr")).find(qn("w:ind")) is None  # as wide as the 版心
    copy_to = paragraphs[1].find(qn("w:pPr")).find(qn("w:ind"))
    assert int(copy_to.get(qn("w:left"))) == 4 * 280 and int(copy_to.get(qn("w:hanging"))) == 3 * 280
    anchor = next(opened.element.body.iter(WP + "anchor"))
    position = anchor.find(WP + "positionV")
    assert position.get("relativeFrom") == "margin" and position.find(WP + "align").text == "bottom"
    assert int(anchor.find(WP + "extent").get("cx")) == 156 * 36000


def test_bytes_when_no_path_and_text_is_escaped_xml(sample_circular):
    doc = replace(sample_circular, body=[Paragraph("<w:p>&amp; 不是标记</w:p>")], copy_to=(), printer="", print_date=None)
    data = write_official_docx(doc)
    assert data[:2] == b"PK"
    opened = docx.Document(io.BytesIO(data))
    assert "<w:p>&amp; 不是标记</w:p>" in [p.text for p in opened.paragraphs]
    assert not list(opened.element.body.iter(WPS + "txbx"))  # no 版记 without 抄送 or 印发


def test_copy_number_security_and_urgency_top_left(sample_circular):
    # 7.2.1–7.2.3: 份号, 密级和保密期限, 紧急程度 top left in that order; 份号 3号 numerals, the others 黑体.
    doc = replace(sample_circular, copy_number="000123", security="秘密", secrecy_term="1年", urgency="特急")
    opened = docx.Document(io.BytesIO(write_official_docx(doc)))
    assert [p.text for p in opened.paragraphs[:4]] == ["000123", "秘密★1年", "特急", ISSUER]
    assert [p.style.name for p in opened.paragraphs[:3]] == ["公文份号", "公文密级", "公文密级"]
    assert _style_font(opened, "公文密级")[0] == "黑体" and _style_font(opened, "公文份号")[2] == 16
    assert all(_align(p) == WD_ALIGN_PARAGRAPH.LEFT for p in opened.paragraphs[:3])
    # the three lines share the 35 mm above the 发文机关标志.
    space = opened.paragraphs[3].paragraph_format.space_before.pt
    assert space + 3 * L.LINE_PITCH_PT == pytest.approx(35 / 25.4 * 72, abs=0.1)


def test_property_children_in_schema_order(sample_docx):
    """Word rejects a file whose w:pPr / w:rPr / w:pBdr children are out of ECMA-376 order."""
    order = {qn(k): [qn(t) for t in v] for k, v in CHILD_ORDER.items()}
    with ZipFile(sample_docx) as z:
        parts = [etree.fromstring(z.read(name)) for name in z.namelist()
                 if name.startswith("word/") and name.endswith(".xml") and ("footer" in name or name in ("word/document.xml", "word/styles.xml"))]
    checked = 0
    for root in parts:
        for tag, expected in order.items():
            for element in root.iter(tag):
                positions = [expected.index(c.tag) for c in element if c.tag in expected]
                assert positions == sorted(positions), etree.tostring(element, encoding="unicode")
                checked += 1
    assert checked > 100
