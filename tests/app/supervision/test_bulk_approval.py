"""A unit head approves (or returns) several reports at once: all or nothing, each report moved
through the same checks, each still openable (SQLite and PostgreSQL)."""

from __future__ import annotations

from sqlalchemy import select

from ecoplan.app.auth.models import User
from ecoplan.app.db import unit_of_work
from ecoplan.app.progress import periods, service, todo
from ecoplan.app.progress.models import ProgressReport
from ecoplan.app.core.clock import evaluation_day


def _reports(db, count: int, *, submit: bool = True, skip: int = 0) -> list[int]:
    with unit_of_work(db) as s:
        reporter = s.scalar(select(User).where(User.username == "reporter"))
        version = todo.published(s)
        period = periods.default_period(service.calendar(s), version.plan.year, evaluation_day(s))
        items = [i for i in todo.items_for(version, reporter.unit) if i.kind == "task"][skip:skip + count]
        assert len(items) == count
        made = []
        for item in items:
            report = service.save_report(s, actor=reporter, plan_id=version.plan_id,
                                         unit_id=reporter.unit_id, item=item, period=period,
                                         values={"narrative": f"第{item.number}项已推进"})
            if submit:
                service.submit(s, actor=reporter, report=report)
            made.append(report.id)
        return made


def _states(db, ids):
    with unit_of_work(db) as s:
        return [s.get(ProgressReport, i).state for i in ids]


def test_a_leader_approves_ten_reports_at_once(login_as, published, db):
    ids = _reports(db, 10)
    leader = login_as("leader")
    assert login_as("reporter").post("/api/progress/reports/approve", json={"ids": ids}).status_code == 403
    done = leader.post("/api/progress/reports/approve", json={"ids": ids})
    assert done.status_code == 200 and done.json() == {"approved": ids, "count": 10}
    assert _states(db, ids) == ["approved"] * 10
    assert leader.get(f"/progress/reports/{ids[3]}").status_code == 200
    again = leader.post("/api/progress/reports/approve", json={"ids": ids[:2]})
    assert again.status_code == 422 and f"报告 {ids[0]}：只有待审核的报告可以审核通过" in again.json()["error"]


def test_one_bad_report_refuses_the_whole_batch(login_as, published, db):
    ids = _reports(db, 3)
    (draft,) = _reports(db, 1, submit=False, skip=3)
    leader = login_as("leader")
    refused = leader.post("/api/progress/reports/approve", json={"ids": [*ids, draft]})
    assert refused.status_code == 422 and f"报告 {draft}" in refused.json()["error"]
    assert _states(db, ids) == ["submitted"] * 3
    assert login_as("district").post("/api/progress/reports/approve",
                                     json={"ids": ids}).status_code == 403
    assert leader.post("/api/progress/reports/approve", json={"ids": []}).status_code == 422
    assert leader.post("/api/progress/reports/approve", json={"ids": [999999]}).status_code == 404


def test_a_leader_returns_several_reports_with_one_comment(login_as, published, db):
    ids = _reports(db, 2)
    leader = login_as("leader")
    empty = leader.post("/api/progress/reports/return", json={"ids": ids, "comment": ""})
    assert empty.status_code == 422 and _states(db, ids) == ["submitted"] * 2
    assert leader.post("/api/progress/reports/return",
                       json={"ids": ids, "comment": "请补充佐证"}).json()["count"] == 2
    assert _states(db, ids) == ["returned"] * 2
    assert login_as("reporter").get("/api/me/workbench").json()["returned"] == 2


def test_the_excel_round_trip_sits_at_the_top_of_the_to_do_page(login_as, published):
    page = login_as("reporter").get("/progress").text
    assert 0 < page.index('id="xlsx-roundtrip"') < page.index('id="todo-filters"')


def test_the_office_finds_reports_and_exports_what_it_sees(login_as, published, db):
    import io

    from openpyxl import load_workbook

    ids = _reports(db, 3)
    login_as("leader").post("/api/progress/reports/approve", json={"ids": ids})
    admin = login_as("admin")
    page = admin.get("/progress/office").text
    assert 'id="office-filters"' in page and page.count("/progress/reports/") >= 3
    with unit_of_work(db) as s:
        number = todo.describe(todo.published(s), s.get(ProgressReport, ids[1])).number
    one = admin.get("/progress/office", params={"task": number}).text
    assert f"/progress/reports/{ids[1]}\"" in one and f"/progress/reports/{ids[0]}\"" not in one
    found = admin.get("/progress/office", params={"q": f"第{number}项已推进 生态环境局"}).text
    assert f"/progress/reports/{ids[1]}\"" in found and f"/progress/reports/{ids[2]}\"" not in found
    none = admin.get("/progress/office", params={"unit": "火星局"}).text
    assert "没有符合筛选条件的报告" in none
    sheet = admin.get("/progress/office.xlsx", params={"task": number})
    rows = list(load_workbook(io.BytesIO(sheet.content)).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("单位", "任务", "事项") and len(rows) == 2 and rows[1][1] == number
    everything = admin.get("/progress/office.xlsx")
    assert len(list(load_workbook(io.BytesIO(everything.content)).active.iter_rows())) == 4
    assert login_as("leader").get("/progress/office.xlsx").status_code == 403
