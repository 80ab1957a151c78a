"""The intake journey in Debian's chromium: the office uploads a city platform's export naming
one station the registry does not know, adds it as a new station, confirms, and the status
overview's monitoring date moves; the completeness page shows the month."""

from __future__ import annotations

import re

import pytest

from ecoplan.demo.build import ACCOUNTS

pytestmark = pytest.mark.browser
ADMIN = next(a for a in ACCOUNTS if a.role == "admin")


def _export() -> bytes:
    """Two July days (after the demo's data, which ends on 30 June) at two stations; the new
    station also has its last two June days (so June is short of valid days for it)."""
    lines = ["站点名称,年,月,日,小时,PM2.5(μg/m³),PM10(μg/m³),SO2(μg/m³),NO2(μg/m³),CO(mg/m³),O3(μg/m³)"]
    for month, day, names in ((6, 29, ("天目湖新站",)), (6, 30, ("天目湖新站",)),
                              (7, 1, ("溧阳市国控点", "天目湖新站")), (7, 2, ("溧阳市国控点", "天目湖新站"))):
        for hour in range(1, 24):
            for name in names:
                lines.append(f"{name},2023,{month},{day},{hour},35,60,6,22,0.7,90")
    return ("\n".join(lines) + "\n").encode("utf-8")


def test_upload_confirm_and_the_overview_moves(browser, live_server, web_login, screenshot):
    from playwright.sync_api import expect

    page = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN").new_page()
    page.set_default_timeout(30000)
    web_login(page, live_server, ADMIN.username, ADMIN.password)
    page.goto(f"{live_server}/status")
    assert "监测数据截至 2023-06-30" in page.inner_text("main")
    assert page.locator("#air-gaps").count() == 0

    page.goto(f"{live_server}/monitoring/intake")
    page.set_input_files("#intake-form input[name=files]", files=[
        {"name": "溧阳市平台导出.csv", "mimeType": "text/csv", "buffer": _export()}])
    screenshot(page, "intake-upload")
    with page.expect_navigation():
        page.click("#intake-form button[type=submit]")
    assert page.inner_text("#state") == "待确认"
    assert "天目湖新站" in page.inner_text("#confirm-form")
    assert re.search(r"8101A\s+2023-07\s+46", page.inner_text("#per-month"))
    page.select_option("#confirm-form select[name=code_0]", "__new__")
    page.fill("#confirm-form input[name=new_0]", "8199A")
    screenshot(page, "intake-preview")
    with page.expect_navigation():
        page.click("#confirm")
    assert page.inner_text("#state") in ("导入中", "已导入")  # written in the background
    expect(page.locator("#state")).to_have_text("已导入", timeout=60000)  # the page refreshes itself

    page.goto(f"{live_server}/status")
    assert "监测数据截至 2023-07-02" in page.inner_text("main")
    assert "2023-06 有 1 个站点有效天数不足" in page.inner_text("#air-gaps")
    screenshot(page, "intake-overview-marked")
    page.goto(f"{live_server}/monitoring/intake")
    assert "溧阳市平台导出.csv" in page.inner_text("#imports")
    screenshot(page, "intake-history")

    page.goto(f"{live_server}/monitoring/completeness?period=2023-07")
    text = page.inner_text("#air")
    assert "8199A 天目湖新站" in text and "PM2.5 月均浓度" in text
    screenshot(page, "completeness")

    page.goto(f"{live_server}/monitoring/intake")
    page.once("dialog", lambda dialog: dialog.accept())
    with page.expect_navigation():
        page.click("#undo-form button")
    assert "已撤销" in page.inner_text("#imports")
    page.goto(f"{live_server}/status")
    assert "监测数据截至 2023-06-30" in page.inner_text("main")
    assert page.locator("#air-gaps").count() == 0
