"""In Debian's chromium: a unit head approves ten reports at once from the to-do page, returns
one with a comment, and the returned report shows on the reporter's workbench with the notice."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from ecoplan.app.auth.models import User
from ecoplan.app.db import make_engine, unit_of_work
from ecoplan.app.versions import make_sessionmaker
from ecoplan.app.progress import periods, service, todo
from ecoplan.app.core.clock import evaluation_day
from ecoplan.demo.build import ACCOUNTS

pytestmark = pytest.mark.browser
ACCOUNT = {a.role: a for a in ACCOUNTS}


def _submitted_reports(data_dir, count: int) -> list[int]:
    """``count`` reports of the demo reporter's unit, submitted for the period on the page."""
    engine = make_engine(f"sqlite:///{data_dir / 'ecoplan.sqlite3'}")
    with unit_of_work(make_sessionmaker(engine)) as s:
        reporter = s.scalar(select(User).where(User.username == "reporter"))
        version = todo.published(s)
        period = periods.default_period(service.calendar(s), version.plan.year, evaluation_day(s))
        taken = {(r.item_kind, r.item_uid) for r in service.reports_for(
            s, plan_id=version.plan_id, period=period, unit_id=reporter.unit_id)}
        items = [i for i in todo.items_for(version, reporter.unit)
                 if i.kind == "task" and i.key not in taken][:count]
        assert len(items) == count
        made = []
        for item in items:
            report = service.save_report(s, actor=reporter, plan_id=version.plan_id,
                                         unit_id=reporter.unit_id, item=item, period=period,
                                         values={"narrative": f"第{item.number}项按序时推进"})
            service.submit(s, actor=reporter, report=report)
            made.append(report.id)
    engine.dispose()
    return made


def _page_as(browser, base, web_login, role):
    page = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN").new_page()
    page.set_default_timeout(15000)
    web_login(page, base, role, ACCOUNT[role].password)
    return page


def test_approve_ten_at_once_and_the_returned_one_reaches_the_reporter(
        browser, live_server, web_login, screenshot, tmp_path):
    ids = _submitted_reports(tmp_path / "live", 11)
    leader = _page_as(browser, live_server, web_login, "leader")
    leader.goto(f"{live_server}/progress")
    box = leader.locator("#bulk-approval")
    assert box.locator("input[name=ids]").count() >= 11
    for checkbox in box.locator("input[name=ids]").all():
        if checkbox.get_attribute("value") not in {str(i) for i in ids[:10]}:
            checkbox.uncheck()
    screenshot(leader, "progress-bulk-approval")
    with leader.expect_navigation():
        leader.click("#approve-chosen")
    assert "已审核通过 10 份报告" in leader.inner_text(".flash")
    assert leader.locator(f"#bulk-approval input[value='{ids[10]}']").count() == 1
    for checkbox in leader.locator("#bulk-approval input[name=ids]").all():
        if checkbox.get_attribute("value") != str(ids[10]):
            checkbox.uncheck()
    leader.fill("#bulk-comment", "请补充现场照片")
    with leader.expect_navigation():
        leader.click("#return-chosen")
    assert "已退回" in leader.inner_text(".flash")

    reporter = _page_as(browser, live_server, web_login, "reporter")
    reporter.goto(f"{live_server}/")
    assert int(reporter.inner_text("#count-returned strong")) >= 1
    assert "退回意见：请补充现场照片" in reporter.inner_text("#latest-notices")
    assert reporter.locator("#notice-count").count() == 1
    screenshot(reporter, "workbench-reporter")
    leader.context.close()
    reporter.context.close()
