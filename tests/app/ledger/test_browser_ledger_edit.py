"""Editing a ledger item in Debian's chromium: the office changes it and links it to a task,
the item shows up on the task and district pages, and a stale form is refused (409)."""

from __future__ import annotations

import pytest

from ecoplan.demo.build import ACCOUNTS

pytestmark = pytest.mark.browser
ACCOUNT = {a.role: a for a in ACCOUNTS}
CODE = "YS-2023-003"


def _office_page(browser, base, web_login):
    page = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN").new_page()
    page.set_default_timeout(15000)
    web_login(page, base, "admin", ACCOUNT["admin"].password)
    return page


def _open_edit_form(page, base):
    page.goto(f"{base}/ledger")
    page.click(f"#ledger >> text={CODE}")
    page.click("#edit-item")
    page.wait_for_selector("#edit-form")


def test_edit_an_item_then_a_stale_form_is_refused(browser, live_server, web_login, screenshot):
    office, late = (_office_page(browser, live_server, web_login) for _ in range(2))
    _open_edit_form(office, live_server)
    _open_edit_form(late, live_server)  # a second tab, opened before the first one saves
    office.fill("#edit-form textarea[name=measures]", "清理违规养殖，建设尾水净化设施，按月复查")
    office.fill("#edit-form input[name=deadline]", "2024-06-30")
    office.select_option("#edit-form select[name=stage]", "short")
    office.select_option("#edit-form select[name=task]", index=1)
    screenshot(office, "ledger-edit-form")
    office.click("#edit-form button[type=submit]")
    assert "已修改 4 项内容" in office.inner_text(".flash")
    facts = office.inner_text(".facts")
    assert "按月复查" in facts and "2024-06-30（短期）" in facts
    screenshot(office, "ledger-item-edited")

    late.fill("#edit-form textarea[name=description]", "这份修改基于旧版本")
    late.click("#edit-form button[type=submit]")
    assert "已被他人修改（当前为第 2 版），您的修改未保存" in late.inner_text("[role=alert]")
    assert late.input_value("#edit-form input[name=deadline]") == "2024-06-30"  # as it now is
    screenshot(late, "ledger-edit-stale")

    office.click("#item-task")
    office.wait_for_selector("#ledger-linked")
    assert CODE in office.inner_text("#ledger-linked")
    screenshot(office, "task-ledger-section")
    office.goto(f"{live_server}/districts/武进区")
    linked = office.inner_text("#ledger-linked")
    assert CODE in linked and "YS-2023-001" in linked and "YS-2023-002" not in linked
    screenshot(office, "district-ledger-section")
    office.goto(f"{live_server}/ledger")
    assert "这份修改基于旧版本" not in office.inner_text("#ledger")
    office.context.close()
    late.context.close()
