"""The sub-plan journey in headless chromium on the demo: the office sees 武进区's coverage and
returns its plan to draft; the district uploads a revised plan with a measure for task 31,
corrects one suggested link, publishes and reports a measure's progress; the office sees the
coverage move and the measure on task 31's page. Screenshots kept in test-artifacts/."""

from __future__ import annotations

import re

import pytest

from ecoplan.app.subplans.demo import SOURCE
from ecoplan.demo.build import ACCOUNTS

pytestmark = pytest.mark.browser
PASSWORDS = {a.username: a.password for a in ACCOUNTS}
EXTRA = ("  11. 推进生态环境基础设施建设。推进实施生态环境基础设施重点工程项目，"
         "12月底前完成武南污水处理厂四期扩建工程投运。（区住房和城乡建设局牵头）\n")


def measure_row(page, title: str):
    return page.locator("#items tr").filter(has=page.locator("strong", has_text=title))


def coverage_of(page, base: str, unit: str) -> str:
    page.goto(f"{base}/subplans")
    return page.locator("#subplans tr", has_text=unit).locator("td.coverage").inner_text()


def test_district_revises_links_publishes_and_the_city_sees_it(
        browser, page, live_server, web_login, screenshot, tmp_path):
    web_login(page, live_server, "admin", PASSWORDS["admin"])
    before = coverage_of(page, live_server, "武进区")
    assert before == "27.8%"  # 10 of the 36 city tasks (see test_subplans.py)
    assert "溧阳市" in page.inner_text("#districts-without")
    page.locator("#subplans a", has_text="武进区").click()
    with page.expect_navigation():
        page.get_by_role("button", name="退回草稿").click()
    assert "已退回草稿" in page.inner_text(".flash")

    text = SOURCE.read_text(encoding="utf-8").replace("  三、保障措施", EXTRA + "  三、保障措施")
    revised = tmp_path / "wujin_revised.txt"
    revised.write_text(text, encoding="utf-8")
    district = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN")
    dpage = district.new_page()
    dpage.set_default_timeout(15000)
    web_login(dpage, live_server, "district", PASSWORDS["district"])
    dpage.goto(f"{live_server}/subplans")
    dpage.set_input_files("#upload input[name=file]", str(revised))
    with dpage.expect_navigation():
        dpage.click("#upload button[type=submit]")
    assert "请确认关联后发布" in dpage.inner_text(".flash")
    row = measure_row(dpage, "推进生态环境基础设施建设")
    assert "待确认" in row.inner_text()
    chosen = row.locator("select").evaluate("s => s.options[s.selectedIndex].text")
    assert chosen.startswith("任务31")
    screenshot(dpage, "subplans-links")
    with dpage.expect_navigation():
        dpage.get_by_role("button", name="确认关联并发布").click()
    assert "子计划已发布" in dpage.inner_text(".flash")
    assert dpage.inner_text("#state") == "已发布"
    form = measure_row(dpage, "推进生态环境基础设施建设").locator("form.status-form")
    form.locator("select[name=status]").select_option("in_progress")
    form.locator("input[name=note]").fill("四期扩建主体完工")
    with dpage.expect_navigation():
        form.get_by_role("button", name="保存").click()
    assert "已更新" in dpage.inner_text(".flash")
    district.close()

    # task 31 is now served too: 11 of the 36 city tasks
    assert coverage_of(page, live_server, "武进区") == f"{round(100 * 11 / 36, 1)}%" == "30.6%"
    uncovered = page.locator("#subplans tr", has_text="武进区").locator("td").last.inner_text()
    assert "31" not in uncovered.split("、") and "3" in uncovered.split("、")
    assert page.locator("#uncovered-tasks a", has_text="任务31 ").count() == 0
    screenshot(page, "subplans-coverage")
    page.locator("#subplans a", has_text="武进区").click()
    measure_row(page, "推进生态环境基础设施建设").get_by_role(
        "link", name=re.compile("任务31")).click()
    rollup = page.locator("#subplan-rollup")
    assert "四期扩建主体完工" in rollup.inner_text() and "推进中" in rollup.inner_text()
    screenshot(page, "subplans-task31-rollup")
