"""The public side in Debian's chromium: a citizen reports on a phone and follows the code; the
office assigns, the unit answers, the answer is published; a survey is answered and its result
checked against a hand computation; the rate limit; and a scan that no personal data appears on
any public page or API."""

from __future__ import annotations

import datetime as dt
import io
import math
import re

import pytest
from PIL import Image

from ecoplan import clock
from ecoplan.demo.build import ACCOUNTS

pytestmark = pytest.mark.browser
ACCOUNT = {a.role: a for a in ACCOUNTS}
CONTACT = "李女士 13912345678"
ADDRESS = "武南路188号东侧雨水口"


def _desktop(browser, base, web_login, role):
    page = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN").new_page()
    page.set_default_timeout(15000)
    web_login(page, base, role, ACCOUNT[role].password)
    return page


def _answer_challenge(page, label_selector):
    a, b = map(int, re.search(r"(\d+) \+ (\d+)", page.inner_text(label_selector)).groups())
    return str(a + b)


def _report_on_phone(phone, base, tmp_path, screenshot) -> str:
    photo = tmp_path / "river.jpg"
    Image.new("RGB", (120, 90), (40, 40, 40)).save(photo, "JPEG")
    phone.goto(f"{base}/public/feedback")
    phone.check("input[name=category][value=water]")
    phone.select_option("#fb-district", "武进区")
    phone.fill("#fb-address", ADDRESS)
    phone.fill("#fb-content", "雨水口排出黑色污水，有刺鼻气味，已持续三天")
    phone.set_input_files("#fb-photos", str(photo))
    phone.fill("#fb-contact", CONTACT)
    phone.fill("#fb-answer", _answer_challenge(phone, "label[for=fb-answer]"))
    screenshot(phone, "public-feedback-phone")
    with phone.expect_navigation():
        phone.click("#feedback-form button[type=submit]")
    assert "已收到，待受理" in phone.inner_text("#report-state")
    return re.search(r"code=(JB\w+)", phone.url).group(1)


def _office_assigns_unit_answers_office_publishes(browser, base, web_login, code):
    office = _desktop(browser, base, web_login, "admin")
    office.goto(f"{base}/feedback")
    office.click(f"#feedback-table >> text={code}")
    assert CONTACT in office.inner_text("main")  # the office sees the contact
    item_url = office.url
    office.select_option("#form-assign select[name=unit]", "武进区")
    with office.expect_navigation():
        office.click("#form-assign button")
    assert "交办单位办理中" in office.inner_text("#report-state")
    unit = _desktop(browser, base, web_login, "district")
    unit.goto(item_url)
    assert CONTACT not in unit.inner_text("main")  # the unit does not
    unit.fill("#form-answer textarea[name=text]", "经查系沿街餐饮店违规排放，已责令整改并立案处罚。")
    with unit.expect_navigation():
        unit.click("#form-answer button")
    office.goto(item_url)
    with office.expect_navigation():
        office.click("#form-publish button")
    assert "已办结" in office.inner_text("#report-state")


def _survey_by_office_and_two_devices(browser, base, web_login, phone):
    office = _desktop(browser, base, web_login, "admin")
    office.goto(f"{base}/surveys")
    today = clock.today()
    office.fill("input[name=title]", "2023年公众生态环境满意度调查")
    office.fill("input[name=opens_on]", today.isoformat())
    office.fill("input[name=closes_on]", (today + dt.timedelta(days=10)).isoformat())
    with office.expect_navigation():
        office.click("main form[action='/surveys'] button")
    with office.expect_navigation():
        office.click("button[value=open]")
    second = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN").new_page()
    for device, (scale, join) in ((phone, ("很满意", "经常参加")), (second, ("一般", "没有参加"))):
        device.goto(f"{base}/public/survey")
        device.select_option("#sv-district", "武进区")
        device.check(f"#survey-form label.choice:has-text('{scale}') input")
        device.check(f"#survey-form label.choice:has-text('{join}') input")
        with device.expect_navigation():
            device.click("#survey-form button[type=submit]")
        assert "感谢参与" in device.inner_text("#survey-done")
    # by hand: satisfaction 25×(5−1)=100 and 25×(3−1)=50; participation 100 and 0;
    # combined 100 and 25; mean 62.5, s = 53.03, t(0.975, 1) = 12.706 → interval clipped 0–100
    combined = [100.0, 25.0]
    mean = sum(combined) / 2
    s = math.sqrt(sum((v - mean) ** 2 for v in combined) / 1)
    low, high = max(0.0, mean - 12.706 * s / math.sqrt(2)), min(100.0, mean + 12.706 * s / math.sqrt(2))
    office.reload()
    row = office.inner_text("#survey-results tr:has-text('武进区')")
    assert f"{mean:g}（{low:g}–{high:g}）" in row.replace(".0（", "（").replace(".0–", "–").replace(".0）", "）")
    assert row.split("\t")[1] == "2"


def test_citizen_office_unit_survey_rate_limit_and_privacy(browser, live_server, web_login,
                                                          phone_page, screenshot, tmp_path):
    code = _report_on_phone(phone_page, live_server, tmp_path, screenshot)
    phone_page.goto(f"{live_server}/public/feedback")
    phone_page.fill("#track-code", code)
    with phone_page.expect_navigation():
        phone_page.click("form[action='/public/feedback/track'] button")
    assert code in phone_page.inner_text("#report-status")

    _office_assigns_unit_answers_office_publishes(phone_page.context.browser, live_server,
                                                  web_login, code)
    phone_page.reload()
    assert "已责令整改并立案处罚" in phone_page.inner_text("#report-answer")
    screenshot(phone_page, "public-track-phone")

    _survey_by_office_and_two_devices(phone_page.context.browser, live_server, web_login, phone_page)

    # the same phone keeps reporting: the device limit (3 an hour) answers 429 with Retry-After
    api = phone_page.context.request
    csrf = next(c["value"] for c in phone_page.context.cookies() if c["name"] == "ecoplan_csrf")
    statuses = []
    for _ in range(3):
        challenge = api.get(f"{live_server}/api/public/challenge").json()
        a, b = map(int, re.search(r"(\d+) \+ (\d+)", challenge["question"]).groups())
        made = api.post(f"{live_server}/api/public/feedback", headers={"X-CSRF-Token": csrf},
                        multipart={"category": "air", "district": "武进区", "content": "冒黑烟",
                                   "challenge": challenge["token"], "answer": str(a + b)})
        statuses.append(made.status)
    assert statuses == [201, 201, 429]
    assert int(made.headers["retry-after"]) > 0

    # no personal data on any public page or API
    phone_page.goto(f"{live_server}/public", timeout=120000)  # the whole-plan status, computed once
    screenshot(phone_page, "public-phone")
    secrets = [CONTACT, "13912345678", ADDRESS, *(a.display_name for a in ACCOUNTS),
               *(a.username + "：" for a in ACCOUNTS)]
    urls = ["/public", "/public/feedback", f"/public/feedback/track?code={code}", "/public/survey",
            "/api/public/status", "/api/public/feedback", f"/api/public/feedback/{code}",
            "/api/public/surveys/current"]
    for url in urls:
        body = api.get(f"{live_server}{url}", timeout=120000).text()
        leaked = [s for s in secrets if s in body]
        assert leaked == [], (url, leaked)
