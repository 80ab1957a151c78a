"""Monthly project reports: the owner unit's reporter submits, its leader approves (four eyes)
or returns; an approved report moves the project (investment done, milestone, status) and the
roll-ups, computed by hand from ``projects_data``; bad input named; who may do what."""

from __future__ import annotations

import pytest
from app_env import seed_city
from sqlalchemy import select

from ecoplan.app.audit.models import AuditEntry
from ecoplan.app.projects.models import Project, ProjectReport
from ecoplan.plan.gazetteer import load_gazetteer

JUNE = {"period": "2023-06", "invest_done": "650", "main_actual": "2023-06-20",
        "narrative": "主体工程完工，完成投资 650 万元"}


@pytest.fixture
def city(db, projects):
    seed_city(db, load_gazetteer())
    return projects


def _report(db) -> ProjectReport:
    with db() as s:
        return s.scalars(select(ProjectReport)).one()


def test_an_approved_report_moves_the_project_and_the_rollups(city, login_as, db):
    reporter, leader, admin = login_as("reporter"), login_as("leader"), login_as("admin")
    before = admin.get("/api/projects/summary").json()["total"]
    assert (before["invest_done"], before["completed"]) == (4000.0, 1)  # 400+3000+0+600+0; P2
    r = reporter.post(f"/projects/{city['P1']}/reports", data={**JUNE, "submit": "1"})
    assert r.status_code == 303, r.text
    # not yet approved: the office sees neither the report nor the figures
    assert admin.get(f"/api/projects/{city['P1']}/reports").json() == []
    assert reporter.get(f"/api/projects/{city['P1']}/reports").json()[0]["state"] == "submitted"
    report = _report(db)
    assert leader.post(f"/projects/reports/{report.id}/approve").status_code == 303
    p1 = admin.get(f"/api/projects/{city['P1']}").json()
    assert p1["invest_done"] == 650.0 and p1["status"] == "completed"
    assert p1["milestones"][1] == {"name": "主体完工", "planned": "2023-12-31",
                                   "actual": "2023-06-20"}
    after = admin.get("/api/projects/summary").json()["total"]
    assert (after["invest_done"], after["completed"]) == (4250.0, 2)
    assert after["rate"] == round(100 * 4250 / 8000, 1)  # planned 1000+3000+500+1500+2000
    (seen,) = admin.get(f"/api/projects/{city['P1']}/reports").json()
    assert seen["invest_done"] == 650.0 and seen["milestones"]["main"] == "2023-06-20"
    with db() as s:
        actions = [a for (a,) in s.execute(select(AuditEntry.action).order_by(AuditEntry.id))]
    assert actions[-4:] == ["project_report.saved", "project_report.submitted",
                            "project.updated", "project_report.approved"]


def test_four_eyes_and_return(city, login_as, db):
    leader = login_as("leader")
    assert leader.post(f"/projects/{city['P1']}/reports", data={**JUNE, "submit": "1"}).status_code == 303
    report = _report(db)
    r = leader.post(f"/projects/reports/{report.id}/approve")
    assert r.status_code == 422 and "不能审核本人提交的月报" in r.text
    assert leader.post(f"/projects/reports/{report.id}/return", data={"comment": ""}).status_code == 422
    assert leader.post(f"/projects/reports/{report.id}/return",
                       data={"comment": "投资数据与财务口径不符"}).status_code == 303
    assert _report(db).state == "returned"
    # returned: edited and submitted again by the reporter, approved by the leader
    reporter = login_as("reporter")
    assert reporter.post(f"/projects/{city['P1']}/reports",
                         data={**JUNE, "invest_done": "640", "submit": "1"}).status_code == 303
    assert leader.post(f"/projects/reports/{report.id}/approve").status_code == 303
    with db() as s:
        assert s.get(Project, city["P1"]).invest_done == 640.0
    r = reporter.post(f"/projects/{city['P1']}/reports", data=JUNE)
    assert r.status_code == 422 and "已提交" in r.text


@pytest.mark.parametrize(("change", "message"), [
    ({"period": "2023-13"}, "格式不正确"),
    ({"period": "2024-01"}, "报告期"),
    ({"invest_done": "abc"}, "不是数字"),
    ({"invest_done": ""}, "不能为空"),
    ({"invest_done": "300"}, "不能少于已审核的 400 万元"),
    ({"main_actual": "2023-07-01"}, "晚于报告期末 2023-06-30"),
    ({"main_actual": "2022-12-31"}, "早于实际开工日期"),
    ({"main_actual": "2023-02-30"}, "不是日期"),
])
def test_bad_input_is_named(city, login_as, db, change, message):
    r = login_as("reporter").post(f"/projects/{city['P1']}/reports", data={**JUNE, **change})
    assert r.status_code == 422 and message in r.text, r.text[-2000:]
    with db() as s:
        assert s.scalars(select(ProjectReport)).all() == []


def test_who_may_report_and_approve(city, login_as, db):
    # P1 is 市生态环境局's (in 武进区): the district sees it but does not report on it
    district = login_as("district")
    assert district.get(f"/projects/{city['P1']}").status_code == 200
    assert district.post(f"/projects/{city['P1']}/reports", data=JUNE).status_code == 403
    assert login_as("viewer").post(f"/projects/{city['P1']}/reports", data=JUNE).status_code == 403
    assert login_as("admin").post(f"/projects/{city['P1']}/reports", data=JUNE).status_code == 403
    reporter = login_as("reporter")
    assert reporter.post(f"/projects/{city['P1']}/reports", data={**JUNE, "submit": "1"}).status_code == 303
    report = _report(db)
    assert reporter.post(f"/projects/reports/{report.id}/approve").status_code == 403
    assert district.post(f"/projects/reports/{report.id}/approve").status_code == 403
    # P4 is 武进区's own project: its district user reports on it
    assert district.post(f"/projects/{city['P4']}/reports",
                         data={**JUNE, "invest_done": "700", "main_actual": ""}).status_code == 303
    page = reporter.get(f"/projects/{city['P1']}")
    assert "填报月报" in page.text and "待审核" in page.text


def test_the_shared_flow_refuses_a_stale_form_and_counts_the_to_dos(city, login_as, db):
    """Project reports go through ``progress.workflow``: a form opened on an older version is
    refused (409); the owner unit's to-dos and its head's approvals are on the workbench."""
    reporter, leader = login_as("reporter"), login_as("leader")

    def bench(client) -> tuple[int, int]:
        data = client.get("/api/me/workbench").json()
        return data["project_to_report"], data["project_to_approve"]

    # 2023-07-10: June is owed for 市生态环境局's P1 and P3 (neither in operation)
    assert bench(reporter)[0] == 2 and bench(leader) == (2, 0)
    assert reporter.post(f"/projects/{city['P1']}/reports", data={**JUNE, "submit": "1"}).status_code == 303
    assert bench(reporter)[0] == 1 and bench(leader)[1] == 1
    report = _report(db)
    (listed,) = reporter.get(f"/api/projects/{city['P1']}/reports").json()
    assert listed["version"] == report.version == 2  # saved, submitted
    r = leader.post(f"/projects/reports/{report.id}/return",
                    data={"comment": "请补充", "version": str(report.version - 1)})
    assert r.status_code == 409 and "已被他人修改" in r.text
    assert leader.post(f"/projects/reports/{report.id}/return",
                       data={"comment": "请补充", "version": str(report.version)}).status_code == 303
    assert bench(reporter)[0] == 2 and bench(leader)[1] == 0  # P1 returned, P3 owed
    r = reporter.post(f"/projects/{city['P1']}/reports", data={**JUNE, "version": "1"})
    assert r.status_code == 409  # the form was opened before the return
    assert reporter.post(f"/projects/{city['P1']}/reports",
                         data={**JUNE, "version": "3", "submit": "1"}).status_code == 303
    assert leader.post(f"/projects/reports/{report.id}/approve",
                       data={"version": "5"}).status_code == 303
    assert bench(reporter)[0] == 1 and bench(leader)[1] == 0
    assert login_as("viewer").get("/api/me/workbench").json()["project_to_report"] == 0
