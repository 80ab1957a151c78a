"""The quarterly circular (季度点评通报) and the annual assessment notice rendered by LibreOffice.

Both are built by ``ecoplan.app.assessment.circular.build_circular`` from a review scored by the
real engine (``assessment_documents``), written by ``official_docx`` and rendered once per
session. PNGs of the pages go to ``test-artifacts/documents/{quarterly,annual}-*.png``.
"""

import pytest

from ecoplan.reports import official_layout as L
from ecoplan.reports.official import heading_numbers
from ecoplan.reports.official_docx import write_official_docx

from assessment_documents import DISTRICTS, annual_notice, quarterly_circular
from pdf_render import (BODY_BOTTOM_MM, MM_PER_PT, check_fonts, check_inside_text_block, check_page_numbers, mm, read_pages,
                        red_rules, render_pdf)

pytestmark = pytest.mark.slow
ISSUER = "常州市生态文明建设工作领导小组办公室"
RIGHT_MM = L.MARGIN_LEFT_MM + L.TEXT_WIDTH_MM
CHAR_MM = L.CHAR_PT * MM_PER_PT
BUILDERS = {"quarterly": quarterly_circular, "annual": annual_notice}


@pytest.fixture(scope="session", params=sorted(BUILDERS))
def rendered(request, seed_plan_path, tmp_path_factory, repo_root):
    work = tmp_path_factory.mktemp(request.param)
    doc = BUILDERS[request.param](seed_plan_path)
    source = work / f"{request.param}.docx"
    write_official_docx(doc, source)
    pdf = render_pdf(source, work, repo_root / "test-artifacts" / "documents", request.param)
    return request.param, doc, read_pages(pdf)


def _text(page) -> str:
    return "".join(line["text"] for line in page["lines"]).replace(" ", "")


def test_pages_numbers_and_text_block(rendered):
    kind, _, pages = rendered
    assert len(pages) == {"quarterly": 4, "annual": 5}[kind]
    check_page_numbers(pages)
    check_inside_text_block(pages)
    check_fonts(pages)
    # No blank page: every page carries text above its number.
    assert all(len(page["lines"]) > 1 for page in pages)


def test_head_title_and_doc_number(rendered):
    _, doc, pages = rendered
    lines = pages[0]["lines"]
    issuer, number = lines[0], lines[1]
    assert issuer["text"] == ISSUER and number["text"].replace(" ", "") == doc.doc_number
    assert mm(issuer["top"]) == pytest.approx(L.MARGIN_TOP_MM + 35, abs=1.5)
    rule = red_rules(pages[0])[0]
    assert (mm(rule["x0"]), mm(rule["x1"])) == (pytest.approx(28, abs=0.3), pytest.approx(184, abs=0.3))
    assert mm(rule["top"]) - mm(number["bottom"]) == pytest.approx(4, abs=1)
    # 7.3.1: the title, two lines as written, centred in the 版心.
    title = [l for l in lines if l["text"].replace(" ", "") in doc.title.split("\n")]
    assert len(title) == 2
    for line in title:
        assert (mm(line["x0"]) + mm(line["x1"])) / 2 == pytest.approx(L.MARGIN_LEFT_MM + L.TEXT_WIDTH_MM / 2, abs=1.5)


def test_signature_and_date_on_the_last_page(rendered):
    _, doc, pages = rendered
    last = pages[-1]["lines"]
    signature = next(l for l in last if l["text"] == ISSUER)
    day = next(l for l in last if l["text"].replace(" ", "") == f"{doc.date.year}年{doc.date.month}月{doc.date.day}日")
    # 7.3.5.1: 署名 centred over the date on the line above; this 署名 is too long for the date's
    # usual four 字, so it ends flush with the 版心 and the date sits centred under it.
    signature_right, date_right = L.signature_offsets(ISSUER, day["text"].replace(" ", ""), sealed=True)
    assert signature_right == 0
    assert mm(signature["x1"]) == pytest.approx(RIGHT_MM, abs=1)
    assert mm(day["x1"]) == pytest.approx(RIGHT_MM - date_right * CHAR_MM, abs=1)
    # Centred up to the space LibreOffice adds around digits (it ignores w:autoSpaceDN; about
    # 7 mm on a date of 7 digits, see docs/documents.md), which Word does not add.
    assert mm((signature["x0"] + signature["x1"]) / 2) == pytest.approx(mm((day["x0"] + day["x1"]) / 2), abs=4.5)
    assert day["top"] - signature["top"] == pytest.approx(L.LINE_PITCH_PT, abs=0.5)
    # The 落款 page also carries body text (the 署名 never stands alone on a page).
    assert last.index(signature) > 0 and last[0]["top"] < signature["top"]


def test_ranking_tables_whole_or_split_with_three_rows_a_side(rendered):
    _, _, pages = rendered
    # A ranking row reads “<rank><district>…”; the header “排名辖市（区）得分…”. The district
    # ranking is taller than a quarter page (official_tables.KEEP_WHOLE_MM), so it may start at a
    # page's foot; it does when its header and three rows fit there, else it starts the next page.
    where = {(i, name) for i, page in enumerate(pages) for line in page["lines"] for name in DISTRICTS
             if line["text"].replace(" ", "").lstrip("0123456789").startswith(name) and line["text"][:1].isdigit()}
    header = [i for i, page in enumerate(pages) for line in page["lines"]
              if line["text"].replace(" ", "").startswith("排名辖市（区）")]
    assert sorted(name for _, name in where) == sorted(DISTRICTS)
    assert {i for i, _ in where} == set(header) and len(header) in (1, 2)
    for i in header:
        assert sum(1 for page, _ in where if page == i) >= min(3, len(DISTRICTS))
    # The department ranking (six rows, under a quarter page) is never split.
    departments = [i for i, page in enumerate(pages) for line in page["lines"]
                   if line["text"].replace(" ", "").startswith("排名牵头部门")]
    assert len(departments) == 1


def test_long_table_repeats_its_header_and_leaves_no_lone_row(rendered):
    kind, _, pages = rendered
    header = [i for i, page in enumerate(pages) for line in page["lines"]
              if line["text"].replace(" ", "") == "编号任务牵头单位"]
    if kind == "quarterly":
        assert len(header) == 1  # 14 tasks: one page
        return
    assert len(header) == 2 and header[1] == header[0] + 1
    for i in header:
        lines = [l["text"].replace(" ", "") for l in pages[i]["lines"]]
        at = lines.index("编号任务牵头单位")
        # At least two task rows below the header on each page (rows start with their number).
        assert sum(1 for t in lines[at + 1:at + 4] if t[:1].isdigit()) >= 2
    # The header on the continuation page is at the top of the 版心.
    top = next(l for l in pages[header[1]]["lines"] if l["text"].replace(" ", "") == "编号任务牵头单位")
    assert mm(top["top"]) == pytest.approx(L.MARGIN_TOP_MM, abs=2)


def test_no_heading_is_left_at_the_foot_of_a_page(rendered):
    _, doc, pages = rendered
    headings = {f"{n}{b.text}" for b, n in zip(doc.body, heading_numbers(doc.body)) if n}
    for page in pages[:-1]:
        body = [l for l in page["lines"][:-1] if mm(l["bottom"]) <= BODY_BOTTOM_MM + 0.5]
        assert body[-1]["text"].replace(" ", "") not in headings


def test_text_cites_the_rules_file_and_the_points_lost(rendered):
    kind, _, pages = rendered
    text = "".join(_text(page) for page in pages)
    # The rules document as its file names it (the shipped example says it is one), the period
    # the figures run to, and what the lowest district lost: never "扣0分".
    assert "《常州市2023年度生态文明建设综合考评细则（ecoplan示例）》" in text
    assert ("截至6月底" if kind == "quarterly" else "截至12月底") in text
    assert "主要失分项为" in text and "扣0分" not in text
