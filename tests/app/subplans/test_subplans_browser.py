"""The sub-plan journey in headless chromium on the demo (issue 17 item 8): the office sees
武进区's coverage and returns its plan to draft; the district uploads a revised plan with a
measure for task 31, corrects one suggested link, publishes, reports a measure's progress and a
milestone of a key project it owns (its second user approves); the office sees the coverage and
the district's investment move and the measure on task 31's page. Screenshots kept in
test-artifacts/."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from ecoplan.app.auth.users import create_user
from ecoplan.app.db import make_engine, unit_of_work
from ecoplan.app.projects.models import Project
from ecoplan.app.subplans.demo import SOURCE
from ecoplan.app.units.models import Unit
from ecoplan.app.versions import make_sessionmaker
from ecoplan.demo.build import ACCOUNTS

pytestmark = pytest.mark.browser
PASSWORDS = {a.username: a.password for a in ACCOUNTS}
EXTRA = ("  11. 推进生态环境基础设施建设。推进实施生态环境基础设施重点工程项目，"
         "12月底前完成武南污水处理厂四期扩建工程投运。（区住房和城乡建设局牵头）\n")


SECOND = "district-leader-2023"


def wujin_owns_a_project(data_dir) -> int:
    """Arranged by the office beforehand: one of the demo's projects in 武进区 not yet started
    is the district's own (owner 武进区), and the district has a second user (its leader) who
    approves its project reports (four eyes)."""
    engine = make_engine(f"sqlite:///{data_dir / 'ecoplan.sqlite3'}")
    with unit_of_work(make_sessionmaker(engine)) as session:
        project = session.scalars(select(Project).where(
            Project.district == "武进区", Project.start_actual.is_(None),
            Project.start_planned.is_not(None)).order_by(Project.code)).first()
        project.owner = "武进区"
        unit = session.scalar(select(Unit).where(Unit.name == "武进区"))
        create_user(session, actor=None, username="district2", display_name="武进区分管负责人",
                    password=SECOND, role="district", unit_id=unit.id)
        found = project.id
    engine.dispose()
    return found


def district_projects(page, base: str) -> tuple[float, int]:
    """The office's totals of 武进区's projects: investment done (万元) and how many started."""
    page.goto(f"{base}/projects?district=武进区")
    cells = page.locator("#totals tbody tr").first.locator("td").all_inner_texts()
    return float(cells[3]), int(cells[5])


def measure_row(page, title: str):
    return page.locator("#items tr").filter(has=page.locator("strong", has_text=title))


def coverage_of(page, base: str, unit: str) -> str:
    page.goto(f"{base}/subplans")
    return page.locator("#subplans tr", has_text=unit).locator("td.coverage").inner_text()


def test_district_revises_links_publishes_and_the_city_sees_it(
        browser, page, live_server, web_login, screenshot, tmp_path):
    project_id = wujin_owns_a_project(tmp_path / "live")
    web_login(page, live_server, "admin", PASSWORDS["admin"])
    done_before, started_before = district_projects(page, live_server)
    before = coverage_of(page, live_server, "武进区")
    assert before == "27.8%"  # 10 of the 36 city tasks (see test_subplans.py)
    assert "溧阳市" in page.inner_text("#districts-without")
    page.locator("#subplans a", has_text="武进区").click()
    with page.expect_navigation():
        page.get_by_role("button", name="退回草稿").click()
    assert "已退回草稿" in page.inner_text(".flash")

    text = SOURCE.read_text(encoding="utf-8").replace("  三、保障措施", EXTRA + "  三、保障措施")
    revised = tmp_path / "wujin_revised.txt"
    revised.write_text(text, encoding="utf-8")
    district = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN")
    dpage = district.new_page()
    dpage.set_default_timeout(15000)
    web_login(dpage, live_server, "district", PASSWORDS["district"])
    dpage.goto(f"{live_server}/subplans")
    dpage.set_input_files("#upload input[name=file]", str(revised))
    with dpage.expect_navigation():
        dpage.click("#upload button[type=submit]")
    assert "请确认关联后发布" in dpage.inner_text(".flash")
    row = measure_row(dpage, "推进生态环境基础设施建设")
    assert "待确认" in row.inner_text()
    chosen = row.locator("select").evaluate("s => s.options[s.selectedIndex].text")
    assert chosen.startswith("任务31")
    screenshot(dpage, "subplans-links")
    with dpage.expect_navigation():
        dpage.get_by_role("button", name="确认关联并发布").click()
    assert "子计划已发布" in dpage.inner_text(".flash")
    assert dpage.inner_text("#state") == "已发布"
    form = measure_row(dpage, "推进生态环境基础设施建设").locator("form.status-form")
    form.locator("select[name=status]").select_option("in_progress")
    form.locator("input[name=note]").fill("四期扩建主体完工")
    form.locator("input[name=files]").set_input_files(files=[  # evidence with the report
        {"name": "主体完工照片.png", "mimeType": "image/png",
         "buffer": b"\x89PNG\r\n\x1a\n" + b"\x00" * 64}])
    with dpage.expect_navigation():
        form.get_by_role("button", name="提交审核").click()
    assert "已提交武进区审核" in dpage.inner_text(".flash") and "佐证材料 1 个" in dpage.inner_text(".flash")
    row = measure_row(dpage, "推进生态环境基础设施建设")
    assert "待审核" in row.inner_text() and "未开始" in row.inner_text()
    assert row.locator("a.evidence", has_text="主体完工照片.png").count() == 1
    # four eyes: the district's second head approves the measure's progress
    second = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN")
    spage = second.new_page()
    spage.set_default_timeout(15000)
    web_login(spage, live_server, "district2", SECOND)
    spage.goto(dpage.url)
    with spage.expect_navigation():
        measure_row(spage, "推进生态环境基础设施建设").get_by_role("button", name="审核通过").click()
    assert "已审核" in spage.inner_text(".flash")
    assert "推进中" in measure_row(spage, "推进生态环境基础设施建设").inner_text()
    assert "佐证材料：主体完工照片.png" in measure_row(spage, "推进生态环境基础设施建设").inner_text()

    # the district reports a milestone of its project: started, 800 万元 more done
    dpage.goto(f"{live_server}/projects/{project_id}")
    form = dpage.locator("#report-form")
    done = float(form.locator("input[name=invest_done]").input_value())
    form.locator("input[name=period]").fill("2023-06")
    form.locator("input[name=invest_done]").fill(f"{done + 800:.2f}")
    form.locator("input[name=start_actual]").fill("2023-06-20")
    form.locator("textarea[name=narrative]").fill("6月20日开工，完成投资 800 万元")
    with dpage.expect_navigation():
        form.get_by_role("button", name="提交审核").click()
    assert "已提交单位负责人审核" in dpage.inner_text(".flash")
    district.close()
    spage.goto(f"{live_server}/projects/{project_id}")
    with spage.expect_navigation():
        spage.get_by_role("button", name="审核通过").click()
    assert "项目台账已更新" in spage.inner_text(".flash")
    second.close()
    done_after, started_after = district_projects(page, live_server)
    assert done_after == pytest.approx(done_before + 800) and started_after == started_before + 1
    screenshot(page, "subplans-district-projects-moved")

    # task 31 is now served too: 11 of the 36 city tasks
    assert coverage_of(page, live_server, "武进区") == f"{round(100 * 11 / 36, 1)}%" == "30.6%"
    uncovered = page.locator("#subplans tr", has_text="武进区").locator("td").last.inner_text()
    assert "31" not in uncovered.split("、") and "3" in uncovered.split("、")
    assert page.locator("#uncovered-tasks a", has_text="任务31 ").count() == 0
    screenshot(page, "subplans-coverage")
    page.locator("#subplans a", has_text="武进区").click()
    measure_row(page, "推进生态环境基础设施建设").get_by_role(
        "link", name=re.compile("任务31")).click()
    rollup = page.locator("#subplan-rollup")
    assert "四期扩建主体完工" in rollup.inner_text() and "推进中" in rollup.inner_text()
    screenshot(page, "subplans-task31-rollup")


def test_a_project_report_moves_the_city_investment(browser, page, live_server, web_login,
                                                    screenshot):
    """市生态环境局's reporter reports a milestone and the investment done of one of its demo
    projects; its leader approves; the office's overview shows the investment move."""
    web_login(page, live_server, "admin", PASSWORDS["admin"])
    page.goto(f"{live_server}/status", timeout=90000)  # the first overview is computed cold
    done_text = page.locator("#projects-overview p").first.inner_text()
    done_before = float(re.search(r"累计完成 ([0-9.]+) 万元", done_text).group(1))
    projects = page.request.get(f"{live_server}/api/projects",
                                params={"owner": "市生态环境局"}).json()
    late = next(p for p in projects if p["milestones"][0]["actual"] is None
                and p["milestones"][0]["planned"] and p["milestones"][0]["planned"] <= "2023-06-30")

    reporter = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN")
    rpage = reporter.new_page()
    web_login(rpage, live_server, "reporter", PASSWORDS["reporter"])
    rpage.goto(f"{live_server}/projects/{late['id']}")
    form = rpage.locator("#report-form")
    form.locator("input[name=period]").fill("2023-06")
    form.locator("input[name=invest_done]").fill(str(late["invest_done"] + 500))
    form.locator("input[name=start_actual]").fill("2023-06-15")
    form.locator("textarea[name=narrative]").fill("6月15日开工，完成投资 500 万元")
    with rpage.expect_navigation():
        form.get_by_role("button", name="提交审核").click()
    assert "已提交单位负责人审核" in rpage.inner_text(".flash")
    reporter.close()

    leader = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN")
    lpage = leader.new_page()
    web_login(lpage, live_server, "leader", PASSWORDS["leader"])
    lpage.goto(f"{live_server}/projects/{late['id']}")
    with lpage.expect_navigation():
        lpage.get_by_role("button", name="审核通过").click()
    assert "项目台账已更新" in lpage.inner_text(".flash")
    screenshot(lpage, "projects-report-approved")
    leader.close()

    page.goto(f"{live_server}/status", timeout=90000)  # the first overview is computed cold
    done_text = page.locator("#projects-overview p").first.inner_text()
    assert float(re.search(r"累计完成 ([0-9.]+) 万元", done_text).group(1)) == \
        pytest.approx(done_before + 500)
    screenshot(page, "projects-overview-moved")
