"""The reporting journey in headless chromium on the demo: a department fills and submits a
report, its leader approves it, and the office sees the task's status change on the city
overview. Screenshots of the dashboards are kept in test-artifacts/screenshots/."""

from __future__ import annotations

import pytest

from ecoplan.demo.build import ACCOUNTS

pytestmark = pytest.mark.browser
PASSWORDS = {a.username: a.password for a in ACCOUNTS}
TASK6 = "强化生态环境分区管控"  # 市生态环境局 leads; no quantitative target


def task_row(page):
    return page.locator("#task-table tbody tr").filter(has_text=TASK6).first


def as_user(browser, base, web_login, username):
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(20000)
    web_login(page, base, username, PASSWORDS[username])
    return page


def test_submit_approve_and_the_office_sees_the_status_change(
        browser, page, live_server, web_login, screenshot):
    web_login(page, live_server, "admin", PASSWORDS["admin"])
    page.goto(f"{live_server}/status")
    assert task_row(page).locator("[data-status]").get_attribute("data-status") == "missing"
    page.locator(".gauge[data-rendered=true]").first.wait_for()
    page.locator("#task-status-chart[data-rendered=true]").wait_for()
    assert "合成数据" in page.inner_text(".synthetic")
    screenshot(page, "status-overview-before")
    uid = task_row(page).get_attribute("data-uid")

    reporter = as_user(browser, live_server, web_login, "reporter")
    reporter.goto(f"{live_server}/progress/items/task/{uid}?period=2023-06")
    reporter.fill("textarea[name=narrative]", "完成生态环境分区管控方案年度更新")
    reporter.click("button[value=submit]")
    reporter.wait_for_url("**/progress/reports/*")
    report_url = reporter.url
    reporter.context.close()

    leader = as_user(browser, live_server, web_login, "leader")
    leader.goto(report_url)
    leader.click("#approve")
    leader.wait_for_load_state("networkidle")
    assert "已审核" in leader.inner_text("main")
    leader.context.close()

    page.goto(f"{live_server}/status")
    row = task_row(page)
    assert row.locator("[data-status]").get_attribute("data-status") == "on_pace"
    assert "按序时推进" in row.inner_text()
    row.locator("details.why summary").click()
    assert "2023年6月" in row.inner_text()
    page.locator("#unit-chart[data-rendered=true]").wait_for()
    screenshot(page, "status-overview-after")
    page.goto(f"{live_server}/status/items/task/{uid}")
    assert "完成生态环境分区管控方案年度更新" in page.inner_text("main")
    screenshot(page, "status-task-page")


def test_monitoring_ranking_and_public_page(page, live_server, web_login, screenshot):
    page.goto(f"{live_server}/public")
    page.click("details.charts summary")  # the gauges are folded away under 查看仪表图
    page.locator(".gauge[data-rendered=true]").first.wait_for()
    assert "合成数据" in page.inner_text(".synthetic")
    assert page.locator("table.ranking").count() == 2
    screenshot(page, "status-public")
    web_login(page, live_server, "viewer", PASSWORDS["viewer"])
    page.goto(f"{live_server}/status/monitoring")
    page.locator("#ranking-chart[data-rendered=true]").wait_for()
    assert page.locator("table.ranking tr.yellow, table.ranking tr.red").count() > 0
    screenshot(page, "status-monitoring")


def test_public_page_on_a_phone(phone_page, live_server, screenshot):
    phone_page.goto(f"{live_server}/public")
    phone_page.click("details.charts summary")
    phone_page.locator(".gauge[data-rendered=true]").first.wait_for()
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= phone_page.viewport_size["width"]
    screenshot(phone_page, "status-public-phone")
