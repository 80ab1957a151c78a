"""In Debian's chromium: the office generates the monthly air circular from the monitoring page
and downloads the Word file; the print views print on A4 landscape with the header on each page."""

from __future__ import annotations

import io
import re
import unicodedata

import pytest
from docx import Document
from pypdf import PdfReader

from ecoplan.demo.build import ACCOUNTS

pytestmark = pytest.mark.browser
ADMIN = next(a for a in ACCOUNTS if a.role == "admin")
A4_LANDSCAPE_PT = (841.92, 595.28)


def test_office_generates_the_monthly_air_circular(page, live_server, web_login, screenshot):
    web_login(page, live_server, "admin", ADMIN.password)
    page.goto(f"{live_server}/status/monitoring?period=2023-06")
    page.click("#air-circular")
    assert page.inner_text("h1") == "月度环境空气质量状况通报"
    assert page.input_value("#air-form input[name=month]") == "2023-06"
    assert "注：本通报使用合成演示数据" in page.inner_text(".synthetic")
    page.fill("#air-form input[name=doc_number]", "常环通〔2023〕18号")
    page.fill("#air-form input[name=date]", "2023-07-10")
    screenshot(page, "air-circular-form")
    with page.expect_download() as info:
        page.click("#air-docx")
    assert info.value.suggested_filename == "常州市2023年6月环境空气质量状况通报.docx"
    text = "\n".join(p.text for p in Document(io.BytesIO(open(info.value.path(), "rb").read())).paragraphs)
    assert "常环通〔2023〕18号" in text and "注：本通报使用合成演示数据" in text and "2023年7月10日" in text
    with page.context.expect_page() as popup:
        page.click("#air-print")
    view = popup.value
    view.wait_for_load_state()
    assert view.inner_text(".doc-number") == "常环通〔2023〕18号"
    view.emulate_media(media="print")
    screenshot(view, "air-circular-print-view")
    page.fill("#air-form input[name=doc_number]", "常环通2023年18号")
    page.click("#air-docx")
    assert "发文字号：“常环通2023年18号”不是" in page.inner_text(".flash-error")
    assert page.input_value("#air-form input[name=month]") == "2023-06"


def test_status_print_view_on_a4_landscape(page, live_server, web_login, screenshot):
    web_login(page, live_server, "admin", ADMIN.password)
    page.goto(f"{live_server}/status")
    with page.context.expect_page() as popup:
        page.click("#print-status")
    view = popup.value
    view.wait_for_load_state()
    assert view.locator("nav").count() == 0 and "生成时间" in view.inner_text(".generated")
    view.emulate_media(media="print")
    assert not view.locator(".screen-hint").is_visible()
    screenshot(view, "status-print-view")
    _money_headers_on_one_line(view)
    pdf = PdfReader(io.BytesIO(view.pdf(prefer_css_page_size=True)))
    assert len(pdf.pages) > 2
    for number, sheet_page in enumerate(pdf.pages, start=1):
        box = sheet_page.mediabox
        assert (float(box.width), float(box.height)) == pytest.approx(A4_LANDSCAPE_PT, abs=1)
        # pypdf reads some glyphs as Kangxi radicals (⽣ for 生): NFKC maps those back; 页 comes
        # out as the radical ⻚, which has no mapping, hence the wildcard.
        text = unicodedata.normalize("NFKC", sheet_page.extract_text())
        flat = re.sub(r"\s", "", text)  # narrow columns wrap their headers
        # the header on every page: 依据 in the status sheets, the sources in the two money
        # sheets (over 计划/已支出; the projects' planned investment)
        assert "依据" in flat or "市级财政" in flat, number
        assert re.search(rf"第 {number} \S,共 {len(pdf.pages)} \S", text), number  # NFKC: ，→,


def _money_headers_on_one_line(view) -> None:
    """At A4 landscape's printable width (277 mm), the money sheets' headers (sources over
    计划/已支出, the projects' sources over their planned investment) each take one line:
    counted as the line boxes of the header's text."""
    view.set_viewport_size({"width": 1047, "height": 800})  # 277 mm at 96 dpi
    for title in ("资金安排（按来源）", "重点工程项目投资（按任务）"):
        _one_line(view, title)


def _one_line(view, title: str) -> None:
    lines = view.evaluate("""(title) => {
        const section = [...document.querySelectorAll('section.sheet')]
            .find(s => s.querySelector('h2').textContent === title);
        if (!section) return null;
        return [...section.querySelectorAll('thead th')].map(th => {
            const range = document.createRange();
            range.selectNodeContents(th);
            return [th.textContent, new Set([...range.getClientRects()].map(r => Math.round(r.top))).size];
        });
    }""", title)
    assert lines, f"the demo's status print view has the sheet {title}"
    assert all(n == 1 for _, n in lines), (title, lines)


def test_ledger_and_ranking_print_links_keep_the_filters(page, live_server, web_login, screenshot):
    web_login(page, live_server, "admin", ADMIN.password)
    page.goto(f"{live_server}/ledger?district=武进区")
    shown = page.locator("#ledger tbody tr").count()
    with page.context.expect_page() as popup:
        page.click("#print-ledger")
    view = popup.value
    view.wait_for_load_state()
    assert "辖市区：武进区" in view.inner_text(".period")
    assert view.locator("tbody tr").count() == shown
    view.emulate_media(media="print")
    screenshot(view, "ledger-print-view")
    page.goto(f"{live_server}/assessment?year=2023&quarter=2")
    with page.context.expect_page() as popup:
        page.click("#print-ranking")
    ranking = popup.value
    ranking.wait_for_load_state()
    assert ranking.inner_text("h1") == "2023年第二季度季度点评得分与排名"
