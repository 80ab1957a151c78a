"""The cascade's journeys in headless chromium on the demo (its synthetic letters, funding and
武进区's annual report draft):

- letters: the office drafts 市生态环境局's letter, issues it and downloads the .docx; the
  bureau's reporter uploads the signed copy and sees 已签订, as the office does in its list;
- the district annual report: 武进区 sees that the .docx needs a 签发人 before it can download,
  edits the text, enters the 签发人, saves and downloads a .docx python-docx opens;
- funding: the office enters an amount for 武进区 on task 31's page, sees the unit's totals
  move on /funding and downloads the .xlsx, opened with openpyxl.

Screenshots kept in test-artifacts/screenshots/.
"""

from __future__ import annotations

import io
import re
from decimal import Decimal

import pytest
from docx import Document
from openpyxl import load_workbook
from sqlalchemy import select

from ecoplan.app.db import make_engine, unit_of_work
from ecoplan.app.funding.models import ItemFunding
from ecoplan.app.plans.models import Task
from ecoplan.app.progress import todo
from ecoplan.app.versions import make_sessionmaker
from ecoplan.demo.build import ACCOUNTS

pytestmark = pytest.mark.browser
PASSWORDS = {a.username: a.password for a in ACCOUNTS}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _as(browser, base, web_login, role):
    page = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN").new_page()
    page.set_default_timeout(15000)
    web_login(page, base, role, PASSWORDS[role])
    return page


def _docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_a_letter_is_drafted_issued_and_signed(browser, live_server, web_login, screenshot):
    office = _as(browser, live_server, web_login, "admin")
    office.goto(f"{live_server}/letters")
    rows = office.locator("#letters tbody tr")
    assert "已下达" in rows.filter(has_text="武进区").inner_text()  # the demo's two letters
    assert "已签订" in rows.filter(has_text="溧阳市").inner_text()
    office.select_option("#missing select[name=unit_id]", label="市生态环境局")
    with office.expect_navigation():
        office.click("#missing button")
    assert "已拟定目标责任书 1 份" in office.inner_text(".flash")
    assert office.inner_text("#state") == "拟定"
    # the demo arranged 1500 + 2400 万元 for the bureau's task 10
    assert "3900.00" in office.inner_text("#arranged-sources")
    office.fill("#actions input[name=doc_number]", "常生态责〔2023〕15号")
    with office.expect_navigation():
        office.get_by_role("button", name="下达").click()
    assert "常生态责〔2023〕15号" in office.inner_text(".flash")
    assert office.inner_text("#state") == "已下达"
    letter_url = office.url
    with office.expect_download() as download:
        office.click("#docx")
    text = _docx_text(download.value.path().read_bytes())
    assert "市生态环境局：" in text and "常生态责〔2023〕15号" in text and "3900.00" in text
    screenshot(office, "letters-issued")

    reporter = _as(browser, live_server, web_login, "reporter")
    reporter.goto(f"{live_server}/letters")
    assert reporter.locator("#letters tbody tr").count() == 1  # its own unit's only
    reporter.locator("#letters a", has_text="市生态环境局").click()
    reporter.set_input_files("#actions input[name=file]", files=[
        {"name": "责任书签订件.pdf", "mimeType": "application/pdf", "buffer": PDF}])
    with reporter.expect_navigation():
        reporter.get_by_role("button", name="上传签订件").click()
    assert "责任书已签订" in reporter.inner_text(".flash")
    assert reporter.inner_text("#state") == "已签订"
    assert "责任书签订件.pdf" in reporter.inner_text("#actions")
    screenshot(reporter, "letters-signed")
    reporter.context.close()

    office.goto(f"{live_server}/letters")
    assert "已签订" in office.locator("#letters tbody tr", has_text="市生态环境局").inner_text()
    office.goto(letter_url)
    assert office.locator("#actions a", has_text="责任书签订件.pdf").count() == 1
    office.context.close()


def test_the_district_signs_off_and_downloads_its_annual_report(browser, live_server, web_login,
                                                                 screenshot):
    district = _as(browser, live_server, web_login, "district")
    district.goto(f"{live_server}/annual-reports")
    district.locator("#reports a", has_text="武进区").first.click()
    assert "合成数据" in district.inner_text("#synthetic-note")
    # without a 签发人 the page says so and offers no download
    assert district.locator("#docx").is_disabled()
    assert "签发人" in district.inner_text("#docx-needs-signer")
    # the demo's money for 武进区: 1800 + 5000 + 800 + 420 planned, 760 + 2100 + 350 + 180 spent
    assert "8020.00" in district.inner_text("#funding") and "3390.00" in district.inner_text("#funding")
    screenshot(district, "annualreport-needs-signer")
    text = district.input_value("#edit textarea[name=text]")
    district.fill("#edit textarea[name=text]",
                  text.replace("（请填写存在的主要问题和下一年度工作打算。）", "农村生活污水设施运维仍有短板。"))
    district.fill("#edit input[name=signer]", "李四")
    with district.expect_navigation():
        district.get_by_role("button", name="保存").click()
    assert "已保存报告" in district.inner_text(".flash")
    assert district.locator("#docx-needs-signer").count() == 0
    with district.expect_download() as download:
        district.click("#docx")
    out = _docx_text(download.value.path().read_bytes())
    assert "签发人" in out and "李四" in out and "市委、市政府：" in out
    # the demo's 成文日期, early in the year after the plan's, and the number of that year
    assert "2024年1月15日" in out and "武进区〔2024〕1号" in out
    assert "农村生活污水设施运维仍有短板。" in out and "特此报告。" in out
    assert "8020.00" in out and "3390.00" in out  # the money by source table
    screenshot(district, "annualreport-saved")
    district.context.close()


def _task31(data_dir) -> tuple[int, str]:
    engine = make_engine(f"sqlite:///{data_dir / 'ecoplan.sqlite3'}")
    with unit_of_work(make_sessionmaker(engine)) as session:
        version = todo.published(session)
        task = session.scalar(select(Task).where(Task.version_id == version.id,
                                                 Task.number == "31"))
        found = task.id, task.uid
    engine.dispose()
    return found


def _totals(page) -> dict[str, list[str]]:
    rows = page.locator("#totals tbody tr")
    return {cells[0]: cells[1:] for cells in
            (rows.nth(i).locator("td").all_inner_texts() for i in range(rows.count()))}


def test_the_office_enters_money_and_sees_the_totals(browser, live_server, web_login, screenshot,
                                                     tmp_path):
    task_id, task_uid = _task31(tmp_path / "live")
    office = _as(browser, live_server, web_login, "admin")
    office.goto(f"{live_server}/funding?unit=武进区")
    before = _totals(office)
    office.goto(f"{live_server}/tasks/{task_id}")
    form = office.locator("#funding-form")
    form.locator("select[name=item]").select_option(f"task:{task_uid}")
    form.locator("select[name=unit]").select_option("武进区")
    form.locator("select[name=source]").select_option("专项债")
    form.locator("input[name=planned]").fill("1,234.56")
    form.locator("input[name=spent]").fill("234.5")
    form.locator("input[name=note]").fill("武南污水处理厂四期")
    with office.expect_navigation():
        form.get_by_role("button", name="保存").click()
    assert "已保存资金安排" in office.inner_text(".flash")
    assert "1234.56" in office.inner_text("#funding")
    screenshot(office, "funding-task31")

    office.goto(f"{live_server}/funding")
    office.select_option("#unit-filter select[name=unit]", "武进区")
    with office.expect_navigation():
        office.click("#unit-filter button")
    after = _totals(office)
    for column, added in ((0, "1234.56"), (1, "234.50"), (3, "1234.56")):
        for source in ("专项债", "合计"):
            assert Decimal(after[source][column]) == Decimal(before[source][column]) + Decimal(added)
    assert after["市级财政"] == before["市级财政"]
    screenshot(office, "funding-wujin")
    with office.expect_download() as download:
        office.click("#export")
    wb = load_workbook(io.BytesIO(download.value.path().read_bytes()))
    totals = {r[0]: r[1:] for r in wb["按资金来源汇总"].iter_rows(min_row=2, values_only=True)}
    assert totals["合计"][0] == pytest.approx(float(Decimal(after["合计"][0])))
    assert totals["合计"][0] == pytest.approx(8020 + 1234.56)  # the demo's 8020 for 武进区
    rows = [r for r in wb["资金安排"].iter_rows(min_row=2, values_only=True)]
    assert any(r[2] == "武进区" and r[3] == "专项债" and r[4] == pytest.approx(1234.56 + 0)
               and r[6] == "武南污水处理厂四期" for r in rows)
    assert all(r[2] == "武进区" for r in rows)
    assert re.fullmatch(r"HC-2023-\d{3}", wb["重点工程项目资金"]["A2"].value)
    engine = make_engine(f"sqlite:///{tmp_path / 'live' / 'ecoplan.sqlite3'}")
    with unit_of_work(make_sessionmaker(engine)) as session:
        row = session.scalar(select(ItemFunding).where(ItemFunding.item_uid == task_uid,
                                                       ItemFunding.unit == "武进区"))
        assert (row.planned, row.spent) == (Decimal("1234.56"), Decimal("234.50"))
    engine.dispose()
    office.context.close()
