"""The monthly air circular rendered by LibreOffice: text, shaded cells and the chart on the pages.

PNGs of the pages go to ``test-artifacts/documents/air-circular-*.png`` for a person to look at.
"""

import io
from datetime import date

import pdfplumber
import pytest

from ecoplan.monitoring.circular_data import circular_data
from ecoplan.reports import air_circular as ac
from ecoplan.reports.official import MARK_COLOURS
from ecoplan.reports.official_docx import write_official_docx

from pdf_render import render_pdf

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def rendered(circular_store, tmp_path_factory, repo_root):
    data = circular_data(circular_store, "2019-06")
    work = tmp_path_factory.mktemp("air-circular")
    source = work / "air-circular.docx"
    write_official_docx(ac.circular_document(data, ac.Letterhead(doc_number="常环通〔2019〕6号", date=date(2019, 7, 10))), source)
    pdf = render_pdf(source, work, repo_root / "test-artifacts" / "documents", "air-circular")
    with pdfplumber.open(io.BytesIO(pdf.read_bytes())) as doc:
        pages = [{"text": p.extract_text(), "rects": p.rects, "images": p.images} for p in doc.pages]
    return data, pages


def _colour(rect) -> str:
    colour = rect.get("non_stroking_color")
    if not isinstance(colour, (tuple, list)) or len(colour) != 3:
        return ""
    return "".join(f"{round(c * 255):02X}" for c in colour)


def test_pages_carry_title_numbers_and_label(rendered):
    data, pages = rendered
    text = "\n".join(p["text"] for p in pages).replace(" ", "")
    assert "常州市2019年6月环境空气质量状况通报" in pages[0]["text"].replace(" ", "")
    assert f"全市PM2.5平均浓度为{data.month_figures.pm25}微克/立方米" in text.replace("\n", "")
    assert ac.SYNTHETIC_LABEL in text.replace("\n", "")
    assert all(r.name in text for r in data.districts_month + data.towns_best + data.towns_worst)
    assert sum(len(p["images"]) for p in pages) == 1  # the district chart
    assert "—1—" in text and f"—{len(pages)}—" in text


def test_marks_are_shaded_cells(rendered):
    data, pages = rendered
    # LibreOffice paints each shaded cell twice: count distinct cells (page, position).
    cells = {(i, round(r["x0"]), round(r["top"])): _colour(r) for i, p in enumerate(pages) for r in p["rects"]}
    colours = list(cells.values())
    expected_yellow = sum(r.pm25_yellow + r.ratio_yellow for r in data.districts_month + data.districts_ytd) \
        + sum(r.pm25_yellow for r in data.towns_best + data.towns_worst)
    expected_red = sum(r.pm25_red + r.ratio_red for r in data.districts_month + data.districts_ytd) \
        + sum(r.pm25_red for r in data.towns_best + data.towns_worst)
    assert colours.count(MARK_COLOURS["yellow"]) == expected_yellow > 0
    assert colours.count(MARK_COLOURS["red"]) == expected_red > 0
