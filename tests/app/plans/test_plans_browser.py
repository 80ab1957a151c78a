"""The publishing journey in headless chromium: log in, upload the seed, correct one target
inline, publish, and see the correction on the plan page as a unit user. Screenshots of the
pages on the way are kept in test-artifacts/screenshots/."""

from __future__ import annotations

from urllib.parse import unquote

import pytest

from ecoplan.app.plans.demo import SEED
from ecoplan.demo.build import ACCOUNTS

pytestmark = pytest.mark.browser
PASSWORDS = {a.username: a.password for a in ACCOUNTS}
PM25 = '#targets-goal tr.item-row:has-text("全市PM2.5浓度")'


def upload_seed(page, base: str) -> None:
    page.goto(f"{base}/plans/upload")
    page.set_input_files("input[name=file]", str(SEED))
    page.click(".upload-form button[type=submit]")
    page.wait_for_url("**/review")


def correct_pm25(page) -> None:
    """Change the PM2.5 goal from 31 to 30 in place, through htmx (no page load)."""
    page.evaluate("window.__samePage = true")
    page.locator(PM25).first.get_by_role("button", name="修改").click()
    form = page.locator("#targets-goal tr.item-form form")
    form.locator("input[name=value]").fill("30")
    form.get_by_role("button", name="保存").click()
    page.locator(PM25).first.filter(has_text="≤ 30微克/立方米").wait_for()
    assert page.evaluate("window.__samePage") is True


def test_upload_correct_publish_and_see_it_as_a_unit_user(
        browser, page, live_server, web_login, screenshot):
    web_login(page, live_server, "admin", PASSWORDS["admin"])
    upload_seed(page, live_server)
    assert page.locator("#source-text mark.src-item").count() > 100
    page.locator(PM25).first.click()
    assert page.locator("#source-text mark.hl").first.inner_text() == "全市PM2.5浓度不超过31微克/立方米"
    correct_pm25(page)
    screenshot(page, "plans-review-corrected")
    assert page.locator(UNSTYLED).count() == 0  # publish / delete look like buttons
    page.click("#publish-button")
    page.wait_for_url(f"{live_server}/plans/1")
    assert "已发布" in page.inner_text(".flash")

    unit_context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN")
    unit_page = unit_context.new_page()
    web_login(unit_page, live_server, "reporter", PASSWORDS["reporter"])
    unit_page.goto(f"{live_server}/plans/1")
    goals = unit_page.locator("section.plan-goals").inner_text()
    assert "全市PM2.5浓度" in goals and "≤ 30微克/立方米" in goals
    assert "第2版" in unit_page.inner_text(".plan-head")
    logout_colour = "getComputedStyle(document.querySelector('.account button.link')).color"
    assert unit_page.evaluate(logout_colour) == "rgb(255, 255, 255)"  # plans.css stays in <main>
    screenshot(unit_page, "plans-plan-unit-user")
    unit_page.select_option("select[name=district]", "金坛区")
    unit_page.locator("#plan-outline").filter(has_text="筛选后共").wait_for()
    assert "district=金坛区" in unquote(unit_page.url)
    screenshot(unit_page, "plans-plan-filtered")
    unit_page.goto(f"{live_server}/plans/1/diff?a=1&b=2")
    assert "<del>31</del>" in unit_page.content()
    screenshot(unit_page, "plans-diff")
    unit_context.close()


def test_stale_form_in_the_browser_is_refused_with_a_message(
        browser, page, live_server, web_login, screenshot):
    web_login(page, live_server, "admin", PASSWORDS["admin"])
    upload_seed(page, live_server)
    other = browser.new_context(viewport={"width": 1366, "height": 768}).new_page()
    web_login(other, live_server, "admin", PASSWORDS["admin"])
    other.goto(page.url)
    page.locator(PM25).first.get_by_role("button", name="修改").click()
    correct_pm25(other)
    page.locator("tr.item-form input[name=value]").fill("29")
    page.locator("tr.item-form").get_by_role("button", name="保存").click()
    page.locator(".form-error").filter(has_text="已被他人修改").wait_for()
    assert "≤ 30微克/立方米" in page.locator(PM25).first.inner_text()
    screenshot(page, "plans-stale-refused")
    other.context.close()

UNSTYLED = "main button:not(.button):not(.link)"  # the browser's grey default look
WRAPPED_DATES = """[...document.querySelectorAll('table.targets td:nth-child(3)')].filter(td => {
  const r = document.createRange(); r.selectNodeContents(td); return r.getClientRects().length > 1;
}).length"""


def test_pages_on_a_phone(phone_page, live_server, web_login, screenshot):
    web_login(phone_page, live_server, "district", PASSWORDS["district"])
    for path, name in [("/plans/1", "plans-plan-phone"), ("/tasks/1", "plans-task-phone"),
                       ("/districts/武进区", "plans-district-phone")]:
        phone_page.goto(f"{live_server}{path}")
        width = phone_page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{path} scrolls sideways on a phone ({width} px)"
        assert phone_page.evaluate(WRAPPED_DATES) == 0, f"{path}: a date broken over two lines"
        screenshot(phone_page, name)


def test_a_deadlines_kind_is_corrected_in_the_review_page(page, live_server, web_login, screenshot):
    """Issue 18: the reader's 起始时间 (seed task 17, “6月1日起”) set to 完成时限 by hand; the 起
    badge goes, in place."""
    web_login(page, live_server, "admin", PASSWORDS["admin"])
    upload_seed(page, live_server)
    row = page.locator("li.item-row[id^=deadline-]").filter(has=page.locator(".deadline-start")).first
    row_id = row.get_attribute("id")
    row.get_by_role("button", name="修改").click()
    form = page.locator(f"li#{row_id}.item-form form")
    assert form.locator("select[name=kind]").input_value() == "start"
    form.locator("select[name=kind]").select_option("due")
    form.locator("select[name=scope]").select_option("task")
    screenshot(page, "plans-deadline-kind-form")
    form.get_by_role("button", name="保存").click()
    page.locator(f"li#{row_id}.item-row").wait_for()
    assert page.locator(f"li#{row_id} .deadline-start").count() == 0
