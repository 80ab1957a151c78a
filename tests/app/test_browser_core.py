"""The core pages in Debian's chromium: login, lock-out, password change, admin, refusals."""

from __future__ import annotations

import re

import pytest

from ecoplan.demo.build import ACCOUNTS

pytestmark = pytest.mark.browser
ACCOUNT = {a.role: a for a in ACCOUNTS}


def _no_horizontal_scroll(pg) -> bool:
    return pg.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_login_wrong_password_then_right(page, live_server, screenshot):
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{live_server}/login")
    screenshot(page, "login")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", "not-the-password")
    page.click("button[type=submit]")
    assert "用户名或密码错误" in page.inner_text("#login-error")
    screenshot(page, "login-wrong-password")
    page.fill("input[name=password]", ACCOUNT["admin"].password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server}/")
    assert "欢迎" in page.inner_text(".flash")
    assert page.evaluate("typeof window.htmx") == "object"
    token = page.get_attribute("body", "hx-headers")
    assert re.search(r'"X-CSRF-Token": "[\w-]{20,}"', token)
    screenshot(page, "home-admin")
    assert all(u.startswith(live_server) for u in requests), "a page loaded something external"


def test_lock_out_after_five_wrong_passwords(page, live_server, screenshot):
    page.goto(f"{live_server}/login")
    for _ in range(5):
        page.fill("input[name=username]", "viewer")
        page.fill("input[name=password]", "wrong-password")
        page.click("button[type=submit]")
        page.wait_for_selector("#login-error")
    assert "账户已锁定" in page.inner_text("#login-error")
    page.fill("input[name=username]", "viewer")
    page.fill("input[name=password]", ACCOUNT["viewer"].password)
    page.click("button[type=submit]")
    assert "分钟后重试" in page.inner_text("#login-error")
    screenshot(page, "login-locked")


def test_password_change(page, live_server, web_login, screenshot):
    web_login(page, live_server, "reporter", ACCOUNT["reporter"].password)
    page.click(".account >> text=修改密码")
    page.wait_for_url(f"{live_server}/account/password")
    page.fill("input[name=current]", ACCOUNT["reporter"].password)
    page.fill("input[name=new]", "a-new-secret-77")
    page.fill("input[name=confirm]", "a-new-secret-7")
    page.click("main button[type=submit]")
    assert "两次输入的新密码不一致" in page.inner_text(".flash-error")
    screenshot(page, "password-mismatch")
    page.fill("input[name=current]", ACCOUNT["reporter"].password)
    page.fill("input[name=new]", "a-new-secret-77")
    page.fill("input[name=confirm]", "a-new-secret-77")
    page.click("main button[type=submit]")
    assert "密码已修改" in page.inner_text(".flash")
    page.click("button:has-text('退出')")
    web_login(page, live_server, "reporter", ACCOUNT["reporter"].password)
    assert "用户名或密码错误" in page.inner_text("#login-error")
    web_login(page, live_server, "reporter", "a-new-secret-77")
    assert "生态环境局填报员" in page.inner_text(".who")


def test_admin_creates_a_user_who_logs_in(page, live_server, web_login, screenshot):
    web_login(page, live_server, "admin", ACCOUNT["admin"].password)
    page.click("nav.nav >> text=用户管理")
    screenshot(page, "admin-users")
    page.click("text=新建用户")
    page.fill("input[name=username]", "jintan01")
    page.fill("input[name=display_name]", "金坛区联络员")
    page.fill("input[name=password]", "jintan-pass-2023")
    page.select_option("select[name=role]", "district")
    page.select_option("select[name=unit_id]", label="金坛区")
    screenshot(page, "admin-user-new")
    page.click("button:has-text('创建')")
    assert "已创建用户“jintan01”" in page.inner_text(".flash")
    assert "金坛区联络员" in page.inner_text("#users")
    page.click("nav.nav >> text=单位管理")
    assert page.locator("#units tbody tr").count() > 60
    screenshot(page, "admin-units")
    page.click("nav.nav >> text=操作日志")
    page.wait_for_selector("#audit-chart[data-rendered=true]")
    assert "新建用户" in page.inner_text("#audit")
    screenshot(page, "admin-audit")
    page.click("button:has-text('退出')")
    web_login(page, live_server, "jintan01", "jintan-pass-2023")
    assert "金坛区" in page.inner_text(".who")
    assert page.locator("nav.nav >> text=用户管理").count() == 0


def test_refusals_are_chinese_pages(page, live_server, web_login, screenshot):
    page.goto(f"{live_server}/admin/users")
    assert page.url.startswith(f"{live_server}/login?next=")
    web_login(page, live_server, "viewer", ACCOUNT["viewer"].password)
    response = page.goto(f"{live_server}/admin/audit")
    assert response.status == 403 and "您没有权限执行此操作" in page.inner_text("main")
    screenshot(page, "forbidden")
    response = page.goto(f"{live_server}/no-such-page")
    assert response.status == 404 and "页面不存在" in page.inner_text("main")


def test_phone_layout(phone_page, live_server, web_login, screenshot):
    pg = phone_page
    pg.goto(f"{live_server}/login")
    assert _no_horizontal_scroll(pg)
    screenshot(pg, "phone-login")
    web_login(pg, live_server, "admin", ACCOUNT["admin"].password)
    pg.goto(f"{live_server}/admin/users")
    assert _no_horizontal_scroll(pg)
    assert not pg.is_visible("nav.nav")
    pg.click(".nav-toggle-label")
    assert pg.is_visible("nav.nav >> text=单位管理")
    screenshot(pg, "phone-admin-users")


def test_htmx_unlock_sends_csrf_header(page, live_server, web_login, screenshot):
    page.goto(f"{live_server}/login")
    for _ in range(5):
        page.fill("input[name=username]", "leader")
        page.fill("input[name=password]", "wrong-password")
        page.click("button[type=submit]")
        page.wait_for_selector("#login-error")
    web_login(page, live_server, "admin", ACCOUNT["admin"].password)
    page.goto(f"{live_server}/admin/users")
    row = page.locator("#users tr", has_text="生态环境局负责人")
    assert "已锁定" in row.inner_text()
    with page.expect_response(lambda r: r.url.endswith("/unlock")) as info:
        row.locator("button:has-text('解锁')").click()
    response = info.value
    assert response.status == 200 and response.request.header_value("x-csrf-token")
    assert response.request.header_value("hx-request") == "true"
    page.wait_for_function("!document.querySelector('#users').innerText.includes('已锁定')")
    assert page.url == f"{live_server}/admin/users"  # swapped in place, no reload
    screenshot(page, "admin-users-unlocked")


def test_stale_unit_form_is_refused(page, live_server, web_login, screenshot):
    web_login(page, live_server, "admin", ACCOUNT["admin"].password)
    page.goto(f"{live_server}/admin/units?q=市生态环境局")
    page.click("#units >> text=编辑")
    edit_url = page.url
    other = page.context.new_page()  # the same admin, a second tab opened on the same form
    other.goto(edit_url)
    page.fill("textarea[name=aliases]", "市环保局\n生态环境局")
    page.click("main button:has-text('保存')")
    assert "已保存单位" in page.inner_text(".flash")
    other.fill("textarea[name=aliases]", "旧的别名")
    other.click("main button:has-text('保存')")
    assert "已被他人修改" in other.inner_text(".flash-error")
    screenshot(other, "admin-unit-stale")
    page.goto(f"{live_server}/admin/audit?action=unit.updated")
    page.click("#audit >> text=详情")
    changed = page.locator("#changes tr.changed")
    assert changed.count() == 1 and "生态环境局" in changed.inner_text()
    screenshot(page, "admin-audit-entry")
