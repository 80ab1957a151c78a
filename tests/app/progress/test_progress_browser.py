"""Reporting journeys in headless chromium on the demo: a department fills in and submits a
report, its leader approves it, the office sees it; the Excel round trip with a deliberately
wrong cell. Screenshots are kept in test-artifacts/screenshots/."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from ecoplan.app.progress.xlsx_io import COL, SHEET
from ecoplan.demo.build import ACCOUNTS

pytestmark = pytest.mark.browser
PASSWORDS = {a.username: a.password for a in ACCOUNTS}
PERIOD = "2023-05"
TASK3 = 'tr.todo-task:has-text("加快能源绿色低碳转型")'


def _as(browser, base, web_login, username):
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN",
                                  accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15000)
    web_login(page, base, username, PASSWORDS[username])
    return page


def test_fill_submit_approve_and_the_office_sees_it(browser, page, live_server, web_login,
                                                    screenshot):
    web_login(page, live_server, "reporter", PASSWORDS["reporter"])
    page.click("nav.nav >> text=进展报送")
    page.wait_for_url(f"{live_server}/progress")  # loaded: the drop-down's script is deferred
    page.select_option("select[name=period]", PERIOD)
    page.wait_for_url(f"**/progress?period={PERIOD}")
    screenshot(page, "progress-todo")
    page.locator(TASK3).get_by_role("link", name="填报").click()
    page.fill("textarea[name=narrative]", "完成分布式光伏备案 12 个，新增装机 8.6 万千瓦")
    page.fill("textarea[name=problems]", "部分项目并网排队")
    page.fill("textarea[name=next_steps]", "协调供电公司加快并网")
    screenshot(page, "progress-form")
    page.get_by_role("button", name="提交审核").click()
    page.wait_for_url("**/progress/reports/*")
    assert page.inner_text("#report-state") == "待审核"
    report_url = page.url

    leader = _as(browser, live_server, web_login, "leader")
    leader.goto(f"{live_server}/progress?period={PERIOD}")
    leader.get_by_text("待您审核").wait_for()
    # 134 items less task 31's twelve targets, whose figures the demo takes from the project ledger
    assert "本期应报送 122 项，已报送 1 项（含待审核 1 项）" in leader.inner_text("#todo-summary")
    leader.locator(".waiting a", has_text="加快能源绿色低碳转型").click()
    leader.click("#approve")
    leader.wait_for_url(report_url)
    assert leader.inner_text("#report-state") == "已审核"
    assert "审核通过" in leader.inner_text("table.history")
    screenshot(leader, "progress-approved")

    office = _as(browser, live_server, web_login, "admin")
    office.click("nav.nav >> text=报送管理")
    office.wait_for_url(f"{live_server}/progress/office")
    office.select_option("select[name=period]", PERIOD)
    office.wait_for_url(f"**/progress/office?period={PERIOD}")
    # the demo's other units reported on the same task too: pick the bureau's row
    row = office.locator("table.office tr", has_text="加快能源绿色低碳转型").filter(
        has_text="市生态环境局")
    assert "已审核" in row.inner_text()
    screenshot(office, "progress-office")
    office.click("text=未报送单位")
    office.locator("table.missing").wait_for()
    screenshot(office, "progress-missing")


def test_excel_round_trip_with_a_wrong_cell(browser, live_server, web_login, screenshot,
                                             tmp_path):
    page = _as(browser, live_server, web_login, "reporter")
    page.goto(f"{live_server}/progress?period={PERIOD}")
    with page.expect_download() as info:
        page.click("#xlsx-download")
    assert info.value.suggested_filename == "市生态环境局-2023年5月-进展填报.xlsx"
    downloaded = tmp_path / info.value.suggested_filename
    info.value.save_as(downloaded)
    wb = load_workbook(downloaded)
    ws = wb[SHEET]
    targets = [r for r in range(2, ws.max_row + 1) if ws.cell(r, COL["类别"] + 1).value == "目标"]
    value_col, text_col = COL["截至本期完成值"] + 1, COL["工作进展"] + 1
    ws.cell(targets[0], value_col).value = 30.2
    ws.cell(targets[0], text_col).value = "按序时推进"
    ws.cell(targets[1], value_col).value = "约三成"  # the deliberate mistake
    wrong = tmp_path / "wrong.xlsx"
    wb.save(wrong)
    page.set_input_files("input[name=file]", str(wrong))
    page.get_by_role("button", name="上传并导入").click()
    errors = page.locator("table.import-errors")
    errors.wait_for()
    assert f"{SHEET}\t{targets[1]}\tH 截至本期完成值" in errors.inner_text()
    screenshot(page, "progress-xlsx-errors")
    page.goto(f"{live_server}/progress?period={PERIOD}")
    assert page.locator("table.todo .badge", has_text="草稿").count() == 0  # nothing was saved

    ws.cell(targets[1], value_col).value = 12
    right = tmp_path / "right.xlsx"
    wb.save(right)
    page.set_input_files("input[name=file]", str(right))
    page.get_by_role("button", name="上传并导入").click()
    page.wait_for_url(f"**/progress?period={PERIOD}")
    assert "已导入 2 项" in page.inner_text(".flash")
    assert page.locator("table.todo .badge", has_text="草稿").count() == 2
    screenshot(page, "progress-xlsx-imported")


def test_todo_groups_and_filters_at_laptop_size(browser, live_server, web_login, screenshot):
    page = _as(browser, live_server, web_login, "reporter")
    page.goto(f"{live_server}/progress?period=2023-03")  # the demo: most of its 122 items reported
    closed = page.locator("details.todo-group:not([open])")
    assert closed.count() > 0 and page.locator("details.todo-group[open]").count() > 0
    assert not closed.first.locator("tr.todo-task, tr.todo-target").first.is_visible()
    page.select_option("select[name=state]", "open")
    page.wait_for_url("**state=open**")
    shown = page.locator("tr.todo-task:visible, tr.todo-target:visible").count()
    assert 0 < shown < 122 and f"符合筛选条件 {shown} 项" in page.inner_text("#todo-shown")
    assert page.locator("table.todo .badge", has_text="已审核").count() == 0
    screenshot(page, "progress-todo-open")
