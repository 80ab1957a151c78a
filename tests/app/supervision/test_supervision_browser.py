"""The supervision journey in Debian's chromium: the office issues a 交办 from a proposal, the
district signs for it and responds with evidence, the office accepts; the 交办单 downloads."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from docx import Document

from ecoplan.app.db import make_engine, unit_of_work
from ecoplan.app.versions import make_sessionmaker
from ecoplan.app.ledger.fields import ItemFields
from ecoplan.app.ledger.service import create_item
from ecoplan.demo.build import ACCOUNTS

pytestmark = pytest.mark.browser
ACCOUNT = {a.role: a for a in ACCOUNTS}


def _page_as(browser, base, web_login, role):
    page = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN").new_page()
    page.set_default_timeout(15000)
    web_login(page, base, role, ACCOUNT[role].password)
    return page


def _overdue_ledger_item(data_dir):
    """A 武进区 item past its deadline on the demo's evaluation day (2023-07-10): the rule
    proposes a 交办 for it."""
    engine = make_engine(f"sqlite:///{data_dir / 'ecoplan.sqlite3'}")
    with unit_of_work(make_sessionmaker(engine)) as session:
        create_item(session, actor=None, fields=ItemFields(
            code="YS-2023-009", source="special", batch="浏览器测试", district="武进区",
            description="武南河沿线露天堆场扬尘", units=["市生态环境局"], measures="覆盖、清运",
            deadline=dt.date(2023, 6, 30), stage="short"))
    engine.dispose()


def test_assignment_from_proposal_to_closed(browser, live_server, web_login, screenshot, tmp_path):
    _overdue_ledger_item(tmp_path / "live")
    office = _page_as(browser, live_server, web_login, "admin")
    office.goto(f"{live_server}/supervision")
    row = office.locator("#proposals tr", has_text="YS-2023-009")
    row.locator("input[name=key]").check()
    office.fill("#confirm-form input[name=deadline]", "2099-08-31")
    screenshot(office, "supervision-office")
    with office.expect_navigation():
        office.click("#confirm-chosen")
    assert office.inner_text("#item-state") == "已下发"
    assert "YS-2023-009" in office.inner_text("#item-basis")
    with office.expect_download() as download:
        office.click("#download-notice")
    text = "\n".join(p.text for p in Document(io.BytesIO(download.value.path().read_bytes())).paragraphs)
    assert "交办单" in text and "武进区：" in text and "请于2099年8月31日前" in text
    item_url = office.url

    district = _page_as(browser, live_server, web_login, "district")
    district.goto(f"{live_server}/supervision")
    district.click("#items >> text=交办武进区：整改事项 YS-2023-009 逾期未销号")
    screenshot(district, "supervision-item-district")
    with district.expect_navigation():
        district.click("#form-sign button")
    assert district.inner_text("#item-state") == "已签收"
    district.fill("#form-respond textarea[name=text]", "雨污分流改造完成，排口已封堵")
    district.set_input_files("#form-respond input[name=files]", files=[
        {"name": "封堵照片.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%demo\n"}])
    with district.expect_navigation():
        district.click("#form-respond button")
    assert district.inner_text("#item-state") == "已反馈"
    assert "封堵照片.pdf" in district.inner_text("#history")
    assert district.locator("#form-accept").count() == 0

    office.goto(item_url)
    with office.expect_navigation():
        office.click("#form-accept button")
    assert office.inner_text("#item-state") == "已办结"
    history = office.inner_text("#history")
    assert "签收" in history and "反馈办理情况" in history and "办结" in history
    screenshot(office, "supervision-item-closed")
    office.goto(f"{live_server}/supervision")
    assert "YS-2023-009" not in office.inner_text("#proposals")
    district.context.close()
    office.context.close()
