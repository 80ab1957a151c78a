"""Closing a ledger item with evidence in Debian's chromium: the district asks, the office approves."""

from __future__ import annotations

import pytest

from ecoplan.demo.build import ACCOUNTS

pytestmark = pytest.mark.browser
ACCOUNT = {a.role: a for a in ACCOUNTS}


def _open_item(page, base, code):
    page.goto(f"{base}/ledger")
    page.click(f"#ledger >> text={code}")
    page.wait_for_selector("#item-state")


def _page_as(browser, base, web_login, role):
    page = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN").new_page()
    web_login(page, base, role, ACCOUNT[role].password)
    return page


def test_close_a_ledger_item_with_evidence(browser, live_server, web_login, screenshot):
    district = _page_as(browser, live_server, web_login, "district")
    district.goto(f"{live_server}/ledger?district=武进区")
    # judged on the evaluation day (2023-07-10), not the server's clock: 武进区's items are due
    # 2023-09-30 and 2024-12-31, so none is overdue yet
    assert district.locator("#ledger tr").count() >= 2
    assert district.locator("#ledger tr.overdue").count() == 0
    screenshot(district, "ledger-list-district")
    _open_item(district, live_server, "YS-2023-001")
    district.click("#workflow >> button:has-text('开始整改')")
    assert district.inner_text("#item-state") == "整改中"
    # Asking to close without evidence is stopped by the browser; the server refuses it too.
    district.click("#workflow >> button:has-text('申请销号')")
    assert district.inner_text("#item-state") == "整改中"
    district.fill("#workflow textarea[name=evidence]", "雨污分流改造完成，验收报告见武环〔2023〕45号")
    district.set_input_files("#workflow input[name=files]", files=[
        {"name": "验收报告.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%demo\n"}])
    district.click("#workflow >> button:has-text('申请销号')")
    assert district.inner_text("#item-state") == "申请销号"
    assert "验收报告" in district.inner_text("#item-evidence")
    screenshot(district, "ledger-item-requested")
    district.goto(f"{live_server}/ledger?district=新北区")
    _open_item(district, live_server, "YS-2023-002")
    assert district.locator("#workflow").count() == 0  # another district's item: no buttons

    office = _page_as(browser, live_server, web_login, "admin")
    _open_item(office, live_server, "YS-2023-001")
    office.click("#workflow >> button:has-text('同意销号')")
    assert office.inner_text("#item-state") == "已销号"
    assert "同意销号" in office.inner_text(".flash")
    history = office.inner_text("#history")
    assert "开始整改" in history and "申请销号" in history and "同意销号" in history
    assert office.locator("#history a.evidence-file").inner_text() == "验收报告.pdf"
    screenshot(office, "ledger-item-closed")
    office.goto(f"{live_server}/supervision")
    assert "YS-2023-002" in office.inner_text("#proposals")
    assert "YS-2023-001" not in office.inner_text("#proposals")
    screenshot(office, "supervision-proposals")
    office.goto(f"{live_server}/assessment?year=2023&quarter=3")
    office.click("#ranking-district details summary >> nth=0")
    screenshot(office, "assessment-q3")
    district.context.close()
    office.context.close()
