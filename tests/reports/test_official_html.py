"""The HTML print view: the same text as the .docx, A4 print CSS, escaped content."""

import re
from dataclasses import replace

import docx
import pytest
from bs4 import BeautifulSoup

from ecoplan.reports import official_layout as L
from ecoplan.reports.html import font_stack, render_official_html
from ecoplan.reports.official import Paragraph

WPS_TXBX = "{http://schemas.microsoft.com/office/word/2010/wordprocessingShape}txbx"


@pytest.fixture(scope="module")
def page(sample_circular):
    return render_official_html(sample_circular)


@pytest.fixture(scope="module")
def soup(page):
    return BeautifulSoup(page, "lxml")


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _docx_texts(path) -> list[str]:
    """Every non-empty paragraph text of the .docx: body, table cells and the 版记 box."""
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    texts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    for box in document.element.body.iter(WPS_TXBX):
        texts += ["".join(t.text for t in p.iter(docx.oxml.ns.qn("w:t"))) for p in box.iter(docx.oxml.ns.qn("w:p"))]
    return [_squash(t) for t in texts if t.strip()]


def test_html_has_the_same_text_as_the_docx(soup, sample_docx):
    article = _squash(soup.select_one("article.gongwen").get_text())
    missing = [t for t in _docx_texts(sample_docx) if t not in article]
    assert not missing


def test_html_elements_in_order(soup, sample_circular):
    assert soup.select_one(".issuer").get_text() == sample_circular.issuer
    assert soup.select_one(".doc-number").get_text() == sample_circular.doc_number
    assert soup.select_one("h1.title").get_text("\n") == sample_circular.title
    assert [p.get_text() for p in soup.select("p.h1")] == ["一、总体情况", "二、季度点评排名", "三、存在问题", "四、下一步工作要求"]
    rows = [[td.get_text() for td in tr.select("td")] for tr in soup.select("table tbody tr")]
    assert rows[0] == ["1", "溧阳市", "29.8", "84.6", "100.0", "96.5"]
    assert soup.select_one("figure img")["src"].startswith("data:image/png;base64,")
    assert soup.select_one(".imprint .copy-to").get_text().startswith("抄送：")


def test_print_css_is_a4_with_the_standard_margins(page):
    assert "size: A4;" in page
    assert "margin: 37mm 26mm 35mm 28mm;" in page
    assert f"line-height: {L.LINE_PITCH_PT}pt;" in page
    assert "@page :right" in page and "@page :left" in page
    assert 'font-family: "仿宋_GB2312", "FangSong_GB2312"' in page  # quotes not HTML-escaped inside <style>


def test_font_stacks_name_office_fonts_first_then_web_fallbacks():
    stack = font_stack(L.FANGSONG)
    assert stack.startswith('"仿宋_GB2312", "FangSong_GB2312", "仿宋"')
    assert stack.endswith('"Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", serif')
    assert font_stack(L.HEITI).endswith("sans-serif")
    assert '"AR PL UKai CN"' in font_stack(L.KAITI)


def test_text_is_escaped(sample_circular):
    page = render_official_html(replace(sample_circular, body=[Paragraph("<script>alert(1)</script>")]))
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_signing_variants_in_the_print_view():
    from sample_documents import build_variant

    upward = BeautifulSoup(render_official_html(build_variant("upward")), "lxml")
    assert [p.get_text() for p in upward.select("header .security")] == ["000123", "秘密★1年", "加急"]
    assert [s.get_text() for s in upward.select(".signers .name")] == ["张三", "李四", "欧阳明"]
    assert upward.select_one(".doc-number.upward span").get_text() == "常生态办〔2023〕12号"
    assert len(upward.select("img.seal")) == 1
    joint = BeautifulSoup(render_official_html(build_variant("joint")), "lxml")
    assert [s.get_text() for s in joint.select(".issuer-joint .names span")] == [
        "常州市生态环境局", "常州市发展和改革委员会", "常州市住房和城乡建设局"]
    assert _squash(joint.select_one(".issuer-joint .suffix").get_text()) == "文件"
    assert len(joint.select(".signature-row img.seal")) == 3
