"""The sample circular rendered by LibreOffice: pages, text and measured geometry of the PDF.

Rendering and font mapping are in ``pdf_render``; PNGs of the pages go to
``test-artifacts/documents/circular-*.png`` for a person to look at.
"""

import pytest

from ecoplan.reports import official_layout as L

from pdf_render import BODY_BOTTOM_MM, MM_PER_PT, check_page_numbers, read_pages, red_rules, render_pdf
from pdf_render import mm as _mm
from sample_documents import ISSUER

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pdf_path(sample_docx, tmp_path_factory, repo_root):
    return render_pdf(sample_docx, tmp_path_factory.mktemp("pdf"), repo_root / "test-artifacts" / "documents", "circular")


@pytest.fixture(scope="module")
def pages(pdf_path):
    return read_pages(pdf_path)


def test_pages_text_and_page_numbers(pages, repo_root):
    assert len(pages) == 4
    assert len(list((repo_root / "test-artifacts" / "documents").glob("circular-*.png"))) == 4
    check_page_numbers(pages)
    text = "".join(line["text"] for page in pages for line in page["lines"]).replace(" ", "")
    for expected in (ISSUER, "常生态办〔2023〕5号", "重点工作推进情况的通报", "天宁区", "96.5", "附件：1.2023年第二季度",
                     "2023年7月10日印发", "抄送：市委办公室"):
        assert expected in text


def test_head_geometry(pages):
    first = pages[0]
    issuer = first["lines"][0]
    assert issuer["text"] == ISSUER
    # 7.2.4: top of the 发文机关标志 35 mm below the top of the 版心; within the 版心's width.
    assert _mm(issuer["top"]) == pytest.approx(L.MARGIN_TOP_MM + 35, abs=1.5)
    assert L.MARGIN_LEFT_MM <= _mm(issuer["x0"]) and _mm(issuer["x1"]) <= L.MARGIN_LEFT_MM + L.TEXT_WIDTH_MM
    number = first["lines"][1]
    red = red_rules(first)
    assert red
    rule = red[0]
    # 7.2.7: red, as wide as the 版心, 4 mm under the 发文字号.
    assert (_mm(rule["x0"]), _mm(rule["x1"])) == (pytest.approx(28, abs=0.3), pytest.approx(184, abs=0.3))
    assert _mm(rule["top"]) - _mm(number["bottom"]) == pytest.approx(4, abs=1)


def test_body_grid_28_characters_and_28_95_pt_lines(pages):
    lines = pages[0]["lines"]
    body = [l for l in lines if l["text"].startswith(("署要求坚持", "土保卫战全市"))]
    assert len(body) == 2
    for line in body:
        assert len(line["text"]) == 28
        assert _mm(line["x0"]) == pytest.approx(L.MARGIN_LEFT_MM, abs=0.3)
        assert _mm(line["x1"]) == pytest.approx(L.MARGIN_LEFT_MM + L.TEXT_WIDTH_MM, abs=1)
    assert body[1]["top"] - body[0]["top"] == pytest.approx(L.LINE_PITCH_PT, abs=0.2)
    first_body = next(l for l in lines if l["text"].startswith("今年以来"))
    assert _mm(first_body["x0"]) - L.MARGIN_LEFT_MM == pytest.approx(2 * L.CHAR_PT * MM_PER_PT, abs=0.3)


def test_imprint_at_the_foot_of_the_last_page(pages):
    last = pages[-1]
    rules = sorted(last["rules"], key=lambda r: r["top"])
    assert len(rules) == 3
    # 7.4.1: the last rule on the 版心's lower edge; all as wide as the 版心.
    assert _mm(rules[-1]["top"]) == pytest.approx(BODY_BOTTOM_MM, abs=1)
    for rule in rules:
        assert _mm(rule["x1"] - rule["x0"]) == pytest.approx(L.TEXT_WIDTH_MM, abs=1.5)
    printed = next(l for l in last["lines"] if l["text"].endswith("印发"))
    assert rules[-2]["top"] < printed["top"] < rules[-1]["top"]
