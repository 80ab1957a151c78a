"""Write an :class:`~ecoplan.reports.official.OfficialDocument` as .docx in the GB/T 9704-2012 layout.

Page, fonts, sizes and line grid come from :mod:`ecoplan.reports.official_layout`, where each
number cites its clause; what Word's model cannot express exactly is listed in
``docs/documents.md``. Every element is a paragraph in a named style (公文正文, 公文一级标题, …)
so a clerk who edits the file in Word or WPS keeps the layout.
"""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from lxml import etree

from ecoplan.reports import official_layout as L
from ecoplan.reports import official_docx_signing as S
from ecoplan.reports import official_ooxml as X
from ecoplan.reports.official import (
    Figure,
    Heading,
    OfficialDocument,
    Paragraph,
    Table,
    copy_to_text,
    heading_numbers,
    note_text,
    print_line,
)
from ecoplan.reports.official_tables import add_table

HEADING_STYLES = {1: "公文一级标题", 2: "公文二级标题", 3: "公文三级标题", 4: "公文四级标题"}


def write_official_docx(doc: OfficialDocument, path: str | Path | None = None) -> bytes | None:
    """Write ``doc`` to ``path`` as .docx (or return the bytes when ``path`` is None).

    Layout per GB/T 9704-2012: page and grid (5.1, 5.2), 版头 (7.2), 主体 (7.3), 版记 (7.4),
    页码 (7.5), tables (8). Fonts are named in every slot, East-Asian included.
    """
    document = Document()
    _set_up_page(document)
    _add_styles(document)
    _register_fonts(document)
    _add_page_numbers(document)
    _write_head(document, doc)
    _write_main(document, doc)
    _write_closing(document, doc)
    _write_imprint(document, doc)
    if path is not None:
        document.save(str(path))
        return None
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _set_up_page(document) -> None:
    """A4 with the 5.2.1 margins; odd and even pages get their own footers (7.5)."""
    section = document.sections[0]
    section.page_width, section.page_height = Mm(L.PAGE_WIDTH_MM), Mm(L.PAGE_HEIGHT_MM)
    section.top_margin, section.bottom_margin = Mm(L.MARGIN_TOP_MM), Mm(L.MARGIN_BOTTOM_MM)
    section.left_margin, section.right_margin = Mm(L.MARGIN_LEFT_MM), Mm(L.MARGIN_RIGHT_MM)
    section.header_distance = Mm(L.HEADER_DISTANCE_MM)
    section.footer_distance = Mm(L.FOOTER_DISTANCE_MM)
    document.settings.odd_and_even_pages_header_footer = True


def _add_styles(document) -> None:
    _set_defaults(document)
    for spec in L.STYLES:
        style = document.styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = document.styles["Normal"]
        style.quick_style = True
        fmt = style.paragraph_format
        fmt.alignment = spec.align
        fmt.space_before = fmt.space_after = Pt(0)
        fmt.first_line_indent = L.chars(spec.first_line_chars)
        fmt.widow_control = False  # a moved widow line would break the 22-line grid
        fmt.keep_with_next = spec.keep_with_next
        if spec.exact_line_pt is None:
            fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
        else:
            fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            fmt.line_spacing = Pt(spec.exact_line_pt)
        rpr = style.element.get_or_add_rPr()
        X.set_fonts(rpr, spec.font)
        style.font.size = Pt(spec.size_pt)
        if spec.char_spacing_pt:
            X.set_char_spacing(rpr, spec.char_spacing_pt)
        if spec.color:
            style.font.color.rgb = RGBColor.from_string(spec.color)


def _set_defaults(document) -> None:
    """Document defaults: 3号仿宋, Chinese, no paragraph spacing (5.2.2)."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    rpr.remove(rpr.find(qn("w:rFonts")))
    X.set_fonts(rpr, L.FANGSONG)
    rpr.find(qn("w:sz")).set(qn("w:val"), str(L.BODY_PT * 2))
    rpr.find(qn("w:szCs")).set(qn("w:val"), str(L.BODY_PT * 2))
    X.set_east_asian_language(rpr)
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    X.set_no_asian_latin_spacing(ppr)
    spacing = ppr.find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")
    # LibreOffice reads this switch from styles only, not from the defaults.
    X.set_no_asian_latin_spacing(document.styles["Normal"].element.get_or_add_pPr())


def _register_fonts(document) -> None:
    """Describe the Chinese faces in the font table (GB2312 charset, English alternate name).

    A machine without the face then substitutes a Chinese font of the same family rather than
    a Western one.
    """
    part = document.part.part_related_by(RT.FONT_TABLE)
    root = etree.fromstring(part.blob)
    for name, names in L.FONT_FALLBACKS.items():
        font = etree.SubElement(root, qn("w:font"), {qn("w:name"): name})
        etree.SubElement(font, qn("w:altName"), {qn("w:val"): names[1]})
        etree.SubElement(font, qn("w:charset"), {qn("w:val"): "86"})
        family = "swiss" if L.FONT_GENERIC[name] == "sans-serif" else "roman"
        etree.SubElement(font, qn("w:family"), {qn("w:val"): family})
        etree.SubElement(font, qn("w:pitch"), {qn("w:val"): "variable"})
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _add_page_numbers(document) -> None:
    """7.5: “— 1 —”; odd pages right with one 字 to spare, even pages left likewise."""
    section = document.sections[0]
    one_char = L.chars(1, L.PAGE_NUMBER_PT)
    for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT), (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        footer.is_linked_to_previous = False
        para = footer.paragraphs[0]
        para.style = document.styles["公文页码"]
        para.alignment = align
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            para.paragraph_format.right_indent = one_char
        else:
            para.paragraph_format.left_indent = one_char
        para.add_run(f"{L.EM_DASH} ")
        X.append_page_field(para)
        para.add_run(f" {L.EM_DASH}")


def _blank_lines(document, n: int) -> None:
    """``n`` empty lines on the grid (the standard's “空一行”, “空二行”)."""
    for _ in range(n):
        document.add_paragraph(style=L.BODY)


def _write_head(document, doc: OfficialDocument) -> None:
    """版头 (7.2): 份号, 密级, 紧急程度 top left, 发文机关标志, 发文字号 (with 签发人) and the red rule."""
    lines_above = S.write_marks(document, doc)
    S.write_issuer(document, doc, lines_above)
    _blank_lines(document, 2)
    number = S.write_doc_number(document, doc)
    X.set_border(number._p.get_or_add_pPr(), "bottom", L.RED_RULE_PT, L.RED, L.RED_RULE_SPACE_PT)


def _write_main(document, doc: OfficialDocument) -> None:
    """主体 (7.3.1–7.3.3): title two lines below the rule, recipients one line below, then the body."""
    _blank_lines(document, 2)
    title = document.add_paragraph(style="公文标题")
    for i, line in enumerate(doc.title.split("\n")):
        if i:
            title.add_run().add_break()
        title.add_run(line)
    _blank_lines(document, 1)
    document.add_paragraph("，".join(doc.recipients) + "：", style="公文主送机关")
    for block, number in zip(doc.body, heading_numbers(doc.body)):
        if isinstance(block, Paragraph):
            document.add_paragraph(block.text, style=L.BODY)
        elif isinstance(block, Heading):
            _add_heading(document, block, number)
        elif isinstance(block, Table):
            add_table(document, block)
        elif isinstance(block, Figure):
            _add_figure(document, block)


def _add_heading(document, block: Heading, number: str) -> None:
    style = HEADING_STYLES[block.level]
    para = document.add_paragraph(number + block.text, style=style)
    if block.run_in:
        para.paragraph_format.keep_with_next = False  # a heading with its text is a paragraph
        run = para.add_run(block.run_in)
        if L.STYLE_FONT[style] != L.FANGSONG:
            X.set_fonts(run._r.get_or_add_rPr(), L.FANGSONG)


def _add_figure(document, block: Figure) -> None:
    width = Mm(min(block.width_mm, L.TEXT_WIDTH_MM))
    document.add_paragraph(style="公文图").add_run().add_picture(io.BytesIO(block.png), width=width)
    document.add_paragraph(block.caption, style="公文图题")


def _write_closing(document, doc: OfficialDocument) -> None:
    """附件说明 (7.3.4), 发文机关署名 and 成文日期 (7.3.5), 附注 (7.3.6)."""
    if doc.attachments:
        _blank_lines(document, 1)
        _add_attachment_note(document, doc.attachments)
    S.write_signatures(document, doc)
    if doc.note:
        document.add_paragraph(note_text(doc.note), style="公文附注")


def _add_attachment_note(document, names) -> None:
    """7.3.4: 正文下空一行左空二字编排“附件：”; several are numbered 1. 2.; wrapped lines align with the name."""
    numbered = len(names) > 1
    for i, name in enumerate(names, start=1):
        label = f"{i}." if numbered else ""
        lead = "附件：" if i == 1 else ""
        para = document.add_paragraph(lead + label + name, style="公文附件说明")
        name_start = 2 + 3 + L.text_width_chars(label)
        para.paragraph_format.left_indent = L.chars(name_start)
        para.paragraph_format.first_line_indent = -L.chars(L.text_width_chars(lead + label))


def _write_imprint(document, doc: OfficialDocument) -> None:
    """版记 (7.4): 抄送 and 印发 lines between rules (7.4.1), in a box at the foot of the last page."""
    lines = []
    if doc.copy_to:
        lines.append(_imprint_line(document, "抄送：" + copy_to_text(doc.copy_to), hanging_chars=3))
    if doc.printer:
        lines.append(_imprint_line(document, f"{doc.printer}\t{print_line(doc)}", right_tab=True))
    if not lines:
        return
    # 7.4.1: 首条和末条分隔线用粗线，中间的分隔线用细线. Each rule is its own empty paragraph:
    # a border on a text paragraph would stop at its one-字 indents, short of the 版心's width.
    paragraphs = [_imprint_rule(document, L.IMPRINT_THICK_PT)]
    for i, line in enumerate(lines):
        last = i == len(lines) - 1
        paragraphs += [line, _imprint_rule(document, L.IMPRINT_THICK_PT if last else L.IMPRINT_THIN_PT)]
    height = L.imprint_height_mm(sum(L.imprint_lines(p.text) for p in lines))
    elements = [p._p for p in paragraphs]
    for element in elements:
        element.getparent().remove(element)
    box = X.page_foot_box(elements, height_mm=height, shape_id=document.part.next_id, name="版记")
    anchor = document.add_paragraph(style=L.BODY)
    anchor.paragraph_format.line_spacing = Pt(1)  # the anchor must not push the box to a new page
    anchor._p.append(box)


def _imprint_rule(document, width_pt: float):
    """An empty 1 pt paragraph whose bottom border is a 版记 rule as wide as the 版心."""
    para = document.add_paragraph(style="公文版记")
    para.paragraph_format.line_spacing = Pt(1)
    X.set_border(para._p.get_or_add_pPr(), "bottom", width_pt)
    return para


def _imprint_line(document, text: str, *, hanging_chars: int = 0, right_tab: bool = False):
    """7.4.2/7.4.3: 4号仿宋, 左右各空一字; 抄送 wraps under the first name, 印发日期 is right-aligned."""
    para = document.add_paragraph(text, style="公文版记")
    fmt = para.paragraph_format
    fmt.left_indent = L.chars(1 + hanging_chars, L.IMPRINT_PT)
    fmt.right_indent = L.chars(1, L.IMPRINT_PT)
    if hanging_chars:
        fmt.first_line_indent = -L.chars(hanging_chars, L.IMPRINT_PT)
    if right_tab:
        fmt.tab_stops.add_tab_stop(Mm(L.TEXT_WIDTH_MM) - L.chars(1, L.IMPRINT_PT), WD_TAB_ALIGNMENT.RIGHT)
    return para
