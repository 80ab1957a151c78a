"""Where tables break across pages: a short table (at most a quarter of the 版心 tall) is kept
on one page; a longer one starts where it falls and runs on under its repeated header, with at
least three rows on each side (``official_tables.ROWS_EACH_SIDE``). Checked in the .docx and in
a LibreOffice render (PNGs in ``test-artifacts/documents/table-split-*.png``)."""

import io
from datetime import date

import docx
import pytest

from ecoplan.reports import official_layout as L
from ecoplan.reports.official import OfficialDocument, Paragraph, Table
from ecoplan.reports.official_docx import write_official_docx
from ecoplan.reports.official_tables import KEEP_WHOLE_MM, ROWS_EACH_SIDE, column_widths_mm, estimated_height_mm

from pdf_render import check_page_numbers, mm, read_pages, render_pdf
from sample_documents import ISSUER, LONG_PARAGRAPH

COLUMNS = ["排名", "单位", "得分"]


def _table(rows: int) -> Table:
    return Table(COLUMNS, [[i, f"第{i}号单位", f"{100 - i}.5"] for i in range(1, rows + 1)], widths_mm=(20, 96, 40))


def _document(*tables: Table, filler: int = 2) -> OfficialDocument:
    body = [Paragraph(LONG_PARAGRAPH * filler), *[b for t in tables for b in (t, Paragraph("以上为表格。"))]]
    return OfficialDocument(issuer=ISSUER, doc_number="常生态办〔2023〕7号", title="关于表格分页的通报",
                            recipients=["各辖市、区人民政府"], body=body, signature=ISSUER, date=date(2023, 7, 10))


def _keeps(document) -> list[list[bool]]:
    """Per table, per row: whether the row keeps with the next."""
    return [[row.cells[0].paragraphs[0].paragraph_format.keep_with_next is True for row in t.rows]
            for t in document.tables]


def test_short_tables_are_whole_long_ones_may_split():
    short, long = _table(5), _table(16)
    heights = [estimated_height_mm(t, [docx.shared.Mm(w) for w in column_widths_mm(t)]) for t in (short, long)]
    assert heights[0] <= KEEP_WHOLE_MM < heights[1]
    opened = docx.Document(io.BytesIO(write_official_docx(_document(short, long))))
    whole, split = _keeps(opened)
    assert whole == [True] * 5 + [False]  # every row keeps with the next but the last
    # The header chained to the first three rows, the last three chained; free between.
    assert split == [True] * ROWS_EACH_SIDE + [False] * 11 + [True] * (ROWS_EACH_SIDE - 1) + [False]
    assert all(row._tr.trPr.find(docx.oxml.ns.qn("w:cantSplit")) is not None
               for t in opened.tables for row in t.rows)


@pytest.mark.slow
def test_a_long_table_fills_the_page_and_repeats_its_header(tmp_path, repo_root):
    source = tmp_path / "split.docx"
    write_official_docx(_document(_table(16)), source)
    pages = read_pages(render_pdf(source, tmp_path, repo_root / "test-artifacts" / "documents", "table-split"))
    check_page_numbers(pages)
    texts = [[l["text"].replace(" ", "") for l in page["lines"]] for page in pages]
    header = [i for i, lines in enumerate(texts) if "排名单位得分" in lines]
    assert header == [0, 1]  # starts on page 1 (not moved whole), header repeated on page 2
    rows = [[t for t in lines if "号单位" in t] for lines in texts]
    assert len(rows[0]) >= ROWS_EACH_SIDE and len(rows[1]) >= ROWS_EACH_SIDE
    assert len(rows[0]) + len(rows[1]) == 16 and rows[1][0].startswith(str(len(rows[0]) + 1))
    # Page 1 is filled: its last table row ends within two lines of the 版心's foot.
    last = next(l for l in pages[0]["lines"] if l["text"].replace(" ", "") == rows[0][-1])
    assert L.MARGIN_TOP_MM + L.TEXT_HEIGHT_MM - mm(last["bottom"]) < 2 * L.LINE_PITCH_PT * 25.4 / 72 + 3
    top = next(l for l in pages[1]["lines"] if l["text"].replace(" ", "") == "排名单位得分")
    assert mm(top["top"]) == pytest.approx(L.MARGIN_TOP_MM, abs=2)
