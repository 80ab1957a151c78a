"""The 版头 marks, the issuer (single or joint), the 发文字号 with 签发人, and the 落款 with seals,
written into a python-docx ``Document`` for :mod:`ecoplan.reports.official_docx`.

Geometry comes from :mod:`ecoplan.reports.official_signing_layout`; each function cites its clause.
"""

from __future__ import annotations

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Pt, Twips
from docx.text.paragraph import Paragraph as DocxParagraph

from ecoplan.reports import official_layout as L
from ecoplan.reports import official_ooxml as X
from ecoplan.reports import official_signing_layout as G
from ecoplan.reports.official import OfficialDocument, format_date
from ecoplan.reports.official_signing import head_marks, issuer_names, signatures, signer_rows


def _pt(value: float) -> Twips:
    return Twips(round(value * 20))


def write_marks(document, doc: OfficialDocument) -> int:
    """份号, 密级和保密期限, 紧急程度 top left, one a line (7.2.1–7.2.3); returns the line count."""
    marks = head_marks(doc)
    for i, text in enumerate(marks):
        style = "公文份号" if i == 0 and doc.copy_number else "公文密级"
        document.add_paragraph(text, style=style)
    return len(marks)


def write_issuer(document, doc: OfficialDocument, lines_above: int) -> None:
    """发文机关标志 (7.2.4): one name (plus “文件”) centred, or a joint stack with “文件” beside it."""
    if not doc.co_issuers:
        _single_issuer(document, doc.issuer + doc.issuer_suffix, lines_above)
        return
    names = issuer_names(doc)
    size_pt, scale = G.joint_issuer_font(names, doc.issuer_suffix)
    line_pt = L.issuer_line_pt(size_pt)
    spacer = document.add_paragraph(style=L.BODY)
    spacer.paragraph_format.line_spacing = Pt(L.issuer_space_before_pt(lines_above))
    name_w = max(L.text_width_chars(n) for n in names) * size_pt * scale / 100
    suffix_w = (2.5 * size_pt * scale / 100) if doc.issuer_suffix else 0
    table = document.add_table(rows=1, cols=2 if suffix_w else 1)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    X.set_table_no_margins(table._tbl)
    cells = table.rows[0].cells
    cells[0].width = _pt(name_w + 1)
    for i, name in enumerate(names):
        para = cells[0].paragraphs[0] if i == 0 else cells[0].add_paragraph()
        # Names are spread to the longest one's width, as offices print a joint 红头.
        _issuer_run(para, name, size_pt, scale, line_pt, WD_ALIGN_PARAGRAPH.DISTRIBUTE)
    if suffix_w:
        cells[1].width = _pt(suffix_w)
        cells[1].vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER  # 以联署发文机关名称为准上下居中
        _issuer_run(cells[1].paragraphs[0], doc.issuer_suffix, size_pt, scale, line_pt, WD_ALIGN_PARAGRAPH.RIGHT)
    for column, cell in zip(table.columns, cells):
        column.width = cell.width


def _single_issuer(document, text: str, lines_above: int) -> None:
    size_pt, scale = L.issuer_font(text)
    para = document.add_paragraph(style="公文发文机关标志")
    para.paragraph_format.space_before = Pt(L.issuer_space_before_pt(lines_above))
    _issuer_run(para, text, size_pt, scale, L.issuer_line_pt(size_pt), None)


def _issuer_run(para, text: str, size_pt: float, scale: int, line_pt: float, align) -> None:
    para.style = para.part.document.styles["公文发文机关标志"]
    if align is not None:
        para.alignment = align
    para.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    para.paragraph_format.line_spacing = Pt(line_pt)
    run = para.add_run(text)
    run.font.size = Pt(size_pt)
    if scale != 100:
        X.set_width_scale(run._r.get_or_add_rPr(), scale)


def write_doc_number(document, doc: OfficialDocument):
    """发文字号 (7.2.5) centred; in a 上行文 居左空一字 on the last 签发人 line (7.2.6). Returns the
    paragraph that carries the red rule under it (7.2.7)."""
    if not doc.signers:
        return document.add_paragraph(doc.doc_number, style="公文发文字号")
    tabs = G.signer_tabs(doc.signers, doc.doc_number)
    rows = signer_rows(doc.signers)
    para = None
    for r, names in enumerate(rows):
        para = document.add_paragraph(style="公文发文字号")
        para.alignment = WD_ALIGN_PARAGRAPH.LEFT
        fmt = para.paragraph_format
        fmt.left_indent = L.chars(1, L.BODY_PT)
        fmt.first_line_indent = 0
        for stop in (tabs.label, tabs.first, tabs.second):
            fmt.tab_stops.add_tab_stop(_pt(stop), WD_TAB_ALIGNMENT.LEFT)
        if r == len(rows) - 1:
            para.add_run(doc.doc_number)
        # The first name follows the label directly: a tab stop exactly where the label ends
        # would be skipped by LibreOffice. A wrapped line tabs past the label to the first name.
        para.add_run("\t" + (G.LABEL if r == 0 else "\t"))
        for i, name in enumerate(names):
            run = para.add_run(("\t" if i else "") + name)
            X.set_fonts(run._r.get_or_add_rPr(), L.KAITI)  # 签发人姓名用3号楷体字
    return para


def _keep_with_last_text(document) -> None:
    """Keep the 落款 on the page of the body's last line: 7.3.5.5 wants seal and 正文 on one page
    (不得采用标识“此页无正文”的方法解决); every paragraph from that line to the 署名 keeps with the next."""
    children = [c for c in document.element.body if c.tag != qn("w:sectPr")]
    if children and children[-1].tag == qn("w:p"):
        DocxParagraph(children[-1], document._body).paragraph_format.keep_with_next = True


def _keep(para):
    para.paragraph_format.keep_with_next = True
    return para


def write_signatures(document, doc: OfficialDocument) -> None:
    """发文机关署名, 成文日期 and seal images (7.3.5.1, 7.3.5.2)."""
    _keep_with_last_text(document)
    date_text = format_date(doc.date)
    names = signatures(doc)
    if len(names) > 1 and doc.sealed:
        _joint_sealed(document, doc, names, date_text)
        return
    seal = doc.seals[0] if doc.seals else None
    for _ in range(_blank_lines_above(doc, seal)):
        _keep(document.add_paragraph(style=L.BODY))
    longest = max(names, key=L.text_width_chars)
    signature_right, date_right = L.signature_offsets(longest, date_text, sealed=doc.sealed)
    start = L.CHARS_PER_LINE - signature_right - L.text_width_chars(longest)
    last = _stacked_signatures(document, names, start, signature_right)
    day = document.add_paragraph(date_text, style="公文署名")
    if not doc.sealed and date_right > 2:
        # 7.3.5.2 places the date's first character (首字比署名首字右移二字): set it from the left,
        # so a renderer that widens digits (LibreOffice) cannot move it.
        day.alignment = WD_ALIGN_PARAGRAPH.LEFT
        day.paragraph_format.left_indent = L.chars(start + 2)
    else:
        day.paragraph_format.right_indent = L.chars(date_right)
    if seal is not None:
        centre_x = G.TEXT_WIDTH_PT - (signature_right + L.text_width_chars(doc.signature) / 2) * L.CHAR_PT
        _seal(document, last, seal, centre_x, G.seal_centre_on_last_line())


def _blank_lines_above(doc: OfficialDocument, seal) -> int:
    if not doc.sealed:
        return 1  # 7.3.5.2: 在正文（或附件说明）下空一行
    if seal is None:
        # 7.3.5.1 without an image (加盖印章, stamped by hand after printing): the same layout,
        # with the empty lines a 42 mm seal needs so that it will not press the 正文.
        return G.seal_blank_lines(G.DEFAULT_SEAL_PT, G.seal_centre_on_last_line())
    return G.seal_blank_lines(seal.height_mm * G.MM, G.seal_centre_on_last_line())


def _stacked_signatures(document, names: list[str], start: float, signature_right: float):
    """One 署名 right-aligned, or several left-aligned under the longest (7.3.5.2 联合行文:
    先编排主办机关署名，其余发文机关署名依次向下编排); returns the last paragraph."""
    for name in names:
        para = _keep(document.add_paragraph(name, style="公文署名"))
        if len(names) == 1:
            para.paragraph_format.right_indent = L.chars(signature_right)
        else:
            para.alignment = WD_ALIGN_PARAGRAPH.LEFT
            para.paragraph_format.left_indent = L.chars(start)
    return para


def _joint_sealed(document, doc: OfficialDocument, names: list[str], date_text: str) -> None:
    """7.3.5.1 联合行文: names side by side in rows, seals one to one, the last over the date."""
    height = doc.seals[0].height_mm * G.MM if doc.seals else G.DEFAULT_SEAL_PT
    width = doc.seals[0].size_mm * G.MM if doc.seals else G.DEFAULT_SEAL_PT
    plan = G.joint_signatures(names, date_text, width, height)
    centre_y = G.seal_centre_on_last_line()
    for _ in range(G.seal_blank_lines(height, centre_y)):
        _keep(document.add_paragraph(style=L.BODY))
    for r, (row, centres) in enumerate(zip(plan.rows, plan.centres)):
        if r:
            for _ in range(plan.lines_between):
                _keep(document.add_paragraph(style=L.BODY))
        para = _keep(document.add_paragraph(style="公文署名"))
        para.alignment = WD_ALIGN_PARAGRAPH.LEFT
        for x in centres:
            para.paragraph_format.tab_stops.add_tab_stop(_pt(x), WD_TAB_ALIGNMENT.CENTER)
        para.add_run("".join("\t" + names[i] for i in row))
        for i, x in zip(row, centres):
            if doc.seals:
                _seal(document, para, doc.seals[i], x, centre_y)
    day = document.add_paragraph(date_text, style="公文署名")
    day.paragraph_format.right_indent = L.chars(plan.date_right)


def _seal(document, para, seal, centre_x_pt: float, centre_y_pt: float) -> None:
    """The seal image floating over the text of ``para``, centred at the given point."""
    width, height = seal.size_mm * G.MM, seal.height_mm * G.MM
    X.add_floating_picture(document, para, seal.png, x_pt=centre_x_pt - width / 2,
                           y_pt=centre_y_pt - height / 2, width_pt=width, height_pt=height, name="印章")
