"""The login page once a browser's address has used up its attempts (429), in chromium."""

from __future__ import annotations

import pytest

from ecoplan.config import Settings

pytestmark = pytest.mark.browser


def _try(page, username: str, password: str):
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    with page.expect_navigation() as nav:
        page.click("main button[type=submit]")
    return nav.value


def test_too_many_attempts_page_reads_well(page, live_server, screenshot):
    page.goto(f"{live_server}/login")
    for n in range(Settings().login_rate_limit):
        assert _try(page, f"guess{n}", "wrong-wrong").status == 401
    refused = _try(page, "admin", "wrong-wrong")
    assert refused.status == 429 and 1 <= int(refused.headers["retry-after"]) <= 300
    message = page.inner_text("#login-error")
    assert "尝试次数过多" in message and "5 分钟内最多可尝试 10 次" in message
    assert "请在 5 分钟后再试" in message and "联系生态文明建设办公室" in message
    assert page.title().startswith("登录")
    assert page.input_value("input[name=username]") == "admin"  # kept for the next try
    box = page.locator("#login-error").bounding_box()
    assert box and box["width"] <= page.viewport_size["width"]
    screenshot(page, "login-too-many-attempts")
