"""A district runs its own town's reporting, in headless chromium on the demo (issue 17 item 1):
the office returns 武进区's plan to draft; 武进区 creates the town 湖塘镇 and an account for it,
uploads its revised plan with a measure led by 湖塘镇 (the upload maps the written name to the
new unit; the district confirms it and creates 区水利局 under itself from the same table),
publishes; the town's user sees the measure in its to-dos, reports it, and 武进区 approves: the
measure's status moves. Screenshots kept in test-artifacts/."""

from __future__ import annotations

import re

import pytest

from ecoplan.app.subplans.demo import SOURCE
from ecoplan.demo.build import ACCOUNTS

pytestmark = pytest.mark.browser
PASSWORDS = {a.username: a.password for a in ACCOUNTS}
TOWN_PASSWORD = "Hutang-town-2023"
TOWN_MEASURE = "推进湖塘镇农村生活污水治理"
EXTRA = (f"  11. {TOWN_MEASURE}。完成湖塘镇8个行政村生活污水治理，设施正常运行率达90%以上。"
         "（湖塘镇牵头）\n")


def _context(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(15000)
    return context, page


def _submit(page, locator) -> str:
    with page.expect_navigation():
        locator.click()
    return page.inner_text(".flash")


def _link(page, written: str):
    """The row of the responsible-units table for the name the plan writes."""
    return page.locator("#unit-links tbody tr").filter(
        has=page.locator("td:first-child", has_text=re.compile(f"^{written}$")))


def _measure(page, title: str):
    return page.locator("#items tr").filter(has=page.locator("strong", has_text=title))


def test_a_district_creates_a_town_which_reports_and_the_district_approves(
        browser, page, live_server, web_login, screenshot, tmp_path):
    web_login(page, live_server, "admin", PASSWORDS["admin"])
    page.goto(f"{live_server}/subplans")
    page.locator("#subplans a", has_text="武进区").click()
    assert "已退回草稿" in _submit(page, page.get_by_role("button", name="退回草稿"))

    district, dpage = _context(browser)
    web_login(dpage, live_server, "district", PASSWORDS["district"])
    dpage.get_by_role("navigation").get_by_role("link", name="本辖区单位").click()
    form = dpage.locator("#new-unit")
    form.locator("input[name=name]").fill("湖塘镇")
    form.locator("select[name=kind]").select_option("town")
    assert "已新建“湖塘镇”" in _submit(dpage, form.get_by_role("button", name="新建单位"))
    form = dpage.locator("#new-user")
    form.locator("input[name=username]").fill("hutang01")
    form.locator("input[name=display_name]").fill("湖塘镇填报员")
    form.locator("input[name=password]").fill(TOWN_PASSWORD)
    form.locator("select[name=role]").select_option("reporter")
    form.locator("select[name=unit_id]").select_option(label="湖塘镇")
    assert "已为“湖塘镇”开设账号“hutang01”" in _submit(dpage, form.get_by_role("button", name="开设账号"))
    assert "湖塘镇填报员" in dpage.inner_text("#district-users")
    screenshot(dpage, "district-units")

    revised = tmp_path / "wujin_revised.txt"
    revised.write_text(SOURCE.read_text(encoding="utf-8").replace("  三、保障措施", EXTRA + "  三、保障措施"),
                       encoding="utf-8")
    dpage.goto(f"{live_server}/subplans")
    dpage.set_input_files("#upload input[name=file]", str(revised))
    assert "请确认关联后发布" in _submit(dpage, dpage.locator("#upload button[type=submit]"))
    town_row = _link(dpage, "湖塘镇")
    assert "待确认" in town_row.locator("td").nth(1).inner_text()
    assert town_row.locator("select").evaluate("s => s.options[s.selectedIndex].text") == "湖塘镇"
    water = _link(dpage, "区水利局")
    water.locator("select").select_option("new")
    assert water.locator("input").input_value() == "武进区水利局"
    screenshot(dpage, "district-subplan-units")
    assert "已确认责任单位" in _submit(dpage, dpage.get_by_role("button", name="确认责任单位"))
    assert _link(dpage, "湖塘镇").locator("td").nth(1).inner_text() == "湖塘镇"
    assert _link(dpage, "区水利局").locator("td").nth(1).inner_text() == "武进区水利局"
    assert "子计划已发布" in _submit(dpage, dpage.get_by_role("button", name="确认关联并发布"))
    subplan_url = dpage.url.split("#")[0]

    town, tpage = _context(browser)
    web_login(tpage, live_server, "hutang01", TOWN_PASSWORD)
    assert tpage.request.get(f"{live_server}/api/me/workbench").json()["subplan_to_report"] == 1
    tpage.goto(f"{live_server}/subplans")
    tpage.locator("#subplans a", has_text="武进区").click()
    assert _measure(tpage, "推进绿色制造体系建设").locator("form.status-form").count() == 0
    form = _measure(tpage, TOWN_MEASURE).locator("form.status-form")
    form.locator("select[name=status]").select_option("in_progress")
    form.locator("input[name=note]").fill("已完成5个行政村")
    assert "已提交武进区审核" in _submit(tpage, form.get_by_role("button", name="提交审核"))
    assert "待审核" in _measure(tpage, TOWN_MEASURE).inner_text()
    screenshot(tpage, "district-town-reported")
    town.close()

    dpage.goto(subplan_url)
    row = _measure(dpage, TOWN_MEASURE)
    assert "湖塘镇报：推进中" in row.inner_text()
    assert "已审核" in _submit(dpage, row.get_by_role("button", name="审核通过"))
    row = _measure(dpage, TOWN_MEASURE)
    assert "推进中" in row.inner_text() and "已完成5个行政村" in row.inner_text()
    screenshot(dpage, "district-town-approved")
    district.close()
