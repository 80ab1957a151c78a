"""Generating the quarterly circular in Debian's chromium: the Word file and the print view."""

from __future__ import annotations

import io

import pytest
from docx import Document

from ecoplan.demo.build import ACCOUNTS

pytestmark = pytest.mark.browser
ADMIN = next(a for a in ACCOUNTS if a.role == "admin")


def test_generate_the_quarterly_circular(page, live_server, web_login, screenshot):
    web_login(page, live_server, "admin", ADMIN.password)
    page.goto(f"{live_server}/assessment?year=2023&quarter=2")
    assert page.inner_text("h1") == "2023年第二季度季度点评"
    page.fill("#circular-form input[name=doc_number]", "常生态办〔2023〕5号")
    page.fill("#circular-form input[name=date]", "2023-07-10")
    page.click("#circular-form details.circular-head summary")
    page.fill("#circular-form input[name=copy_number]", "000001")
    page.select_option("#circular-form select[name=urgency]", "加急")
    screenshot(page, "assessment-q2")
    with page.expect_download() as info:
        page.click("#circular-form button.primary")
    data = open(info.value.path(), "rb").read()
    text = "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
    assert "关于2023年第二季度全市生态文明建设" in text and "常生态办〔2023〕5号" in text
    assert text.startswith("000001\n加急\n")  # 份号 and 紧急程度 top left (GB/T 9704-2012 7.2.1, 7.2.3)
    with page.context.expect_page() as popup:
        page.click("#circular-form >> text=打印预览")
    view = popup.value
    view.wait_for_load_state()
    assert "常生态办〔2023〕5号" in view.content()
    screenshot(view, "circular-print-view")


def test_annual_assessment_with_a_bonus(page, live_server, web_login, screenshot):
    web_login(page, live_server, "admin", ADMIN.password)
    page.click("nav >> text=考评")
    assert page.inner_text("h1") == "2023年度综合考评"  # the published plan's year
    page.select_option("#grants select[name=unit]", "溧阳市")
    page.select_option("#grants select[name=rule]", "bonus:national_demo")
    page.fill("#grants input[name=note]", "生态环境部 2023 年命名文件（演示）")
    page.click("#grants button[type=submit]")
    assert "溧阳市" in page.inner_text("#grants tbody")
    row = page.locator("#ranking-district > tbody > tr", has_text="溧阳市")
    assert row.locator(":scope > td").nth(3).inner_text() == "3"  # the bonus column
    screenshot(page, "assessment-annual")
