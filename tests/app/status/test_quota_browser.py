"""Three districts report their part of a decomposed target in headless chromium on the demo
(issue 13): the city figure is their sum with the other districts' parts, and its status moves
from 未报送 (武进区、天宁区 had not reported June) to what the complete figure says."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from ecoplan.app.auth.users import create_user
from ecoplan.app.db import make_engine, unit_of_work
from ecoplan.app.versions import make_sessionmaker
from ecoplan.app.units.models import Unit
from ecoplan.demo.build import ACCOUNTS

pytestmark = pytest.mark.browser
PASSWORD = "journey-pass-2023"
METRIC = "培育市级及以上绿色工厂"
REPORTS = {"武进区": 7, "天宁区": 2, "常州经开区": 3}
"""July figures to date (the demo's June is missing for 武进区 and 天宁区, valueless for 经开区)."""


def _add_district_users(data_dir) -> dict[str, tuple[tuple[str, str], tuple[str, str]]]:
    """Per district, who submits and who approves (four eyes): the demo's 武进区 account and a
    second one for it; two new accounts each for 天宁区 and 常州经开区."""
    engine = make_engine(f"sqlite:///{data_dir / 'ecoplan.sqlite3'}")
    demo = ("district", next(a.password for a in ACCOUNTS if a.username == "district"))
    accounts = {}
    with unit_of_work(make_sessionmaker(engine)) as s:
        for n, name in enumerate(REPORTS):
            unit_id = s.scalar(select(Unit.id).where(Unit.name == name))
            made = []
            for role in ("submit", "approve"):
                if name == "武进区" and role == "submit":
                    continue
                create_user(s, actor=None, username=f"d{n}{role}", display_name=f"{name}（测试）",
                            password=PASSWORD, role="district", unit_id=unit_id)
                made.append((f"d{n}{role}", PASSWORD))
            accounts[name] = (demo, made[0]) if name == "武进区" else (made[0], made[1])
    engine.dispose()
    return accounts


def _as(browser, base, web_login, account):
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(20000)
    web_login(page, base, *account)
    return context, page


def _target(page, base) -> dict:
    rows = page.request.get(f"{base}/api/targets").json()["targets"]
    return next(r for r in rows if r["title"].startswith(METRIC))


def test_three_districts_report_their_quota_and_the_city_figure_moves(
        browser, page, live_server, web_login, screenshot, tmp_path):
    accounts = _add_district_users(tmp_path / "live")
    web_login(page, live_server, "admin", next(a.password for a in ACCOUNTS if a.username == "admin"))
    before = _target(page, live_server)
    assert before["source"] == "contributions" and before["aggregation"] == "sum"
    assert before["status"] == "missing" and "武进区、天宁区尚未报送" in before["explanation"]
    page.goto(f"{live_server}/status/items/target/{before['uid']}")
    assert page.locator("#contributions tbody tr").count() == 7
    screenshot(page, "quota-before")

    for district, value in REPORTS.items():
        submitter, approver = accounts[district]
        context, own = _as(browser, live_server, web_login, submitter)
        own.goto(f"{live_server}/progress?period=2023-07")
        own.locator("tr.todo-target", has_text=METRIC).get_by_role("link", name="填报").click()
        assert "分解给本单位" in own.inner_text("p.meta")
        own.fill("input[name=value_to_date]", str(value))
        own.fill("textarea[name=narrative]", f"{district}新增市级绿色工厂（测试）")
        own.get_by_role("button", name="提交审核").click()
        own.wait_for_url("**/progress/reports/*")
        report_url = own.url
        context.close()
        context, head = _as(browser, live_server, web_login, approver)
        head.goto(report_url)
        head.click("#approve")
        head.locator("#report-state", has_text="已审核").wait_for()
        context.close()

    after = _target(page, live_server)
    others = sum(c["value"] or 0 for c in before["contributions"] if c["unit"] not in REPORTS)
    assert after["value"] == pytest.approx(others + sum(REPORTS.values()))
    parts = {c["unit"]: (c["value"], c["period"]) for c in after["contributions"]}
    assert all(parts[d] == (v, "2023-07") for d, v in REPORTS.items())
    share = 100 * after["value"] / 40  # against the time pace of 2023-07-10: 191/365 = 52.3 %
    assert after["status"] == ("on_pace" if share >= 52.3 - 10 else "behind")
    assert f"合计{METRIC}{after['value']:g}家" in after["explanation"]
    page.goto(f"{live_server}/status/items/target/{after['uid']}")
    row = page.locator("#contributions tbody tr", has_text="武进区")
    assert "7" in row.inner_text() and "2023年7月" in row.inner_text()
    assert page.locator("[data-status]").first.get_attribute("data-status") == after["status"]
    screenshot(page, "quota-after")
