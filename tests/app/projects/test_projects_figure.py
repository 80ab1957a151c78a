"""The project ledger as a target's figure (obligation source ``projects``): task 31's 93
projects and 175亿元 bound by the office to counts and money of ``projects_data``'s five
projects, computed here by hand on the evaluation day; approved reports move it, a report for a
month not yet over on that day does not, and a bad binding is named."""

from __future__ import annotations

import datetime as dt

import pytest
from app_env import seed_city
from sqlalchemy import select

from ecoplan.app.projects.models import ProjectReport
from ecoplan.plan.gazetteer import load_gazetteer
from projects_data import set_day


@pytest.fixture
def city(db, projects):
    seed_city(db, load_gazetteer())
    return projects


def _target(admin, text: str) -> dict:
    rows = admin.get("/api/targets").json()["targets"]
    return next(r for r in rows if r["task"] == "31" and text in r["title"])


def _bind(admin, uid: str, measure: str, **filters) -> None:
    r = admin.post(f"/obligations/{uid}", data={
        "source": "projects", "frequency": "monthly", "project_measure": measure,
        **{f"project_{k}": v for k, v in filters.items()}}, follow_redirects=False)
    assert r.status_code == 303, r.text[-1500:]


def _report(client, project_id: int, **values) -> None:
    r = client.post(f"/projects/{project_id}/reports", data={"narrative": "推进中", "submit": "1",
                                                             **values})
    assert r.status_code == 303, r.text[-1500:]


def _approve_last(login_as, db) -> None:
    with db() as s:
        report_id = s.scalars(select(ProjectReport.id).order_by(ProjectReport.id.desc())).first()
    assert login_as("leader").post(f"/projects/reports/{report_id}/approve").status_code == 303


@pytest.mark.parametrize(("measure", "filters", "value"), [
    ("started", {}, 3.0),                          # P1 01-10, P2 2022, P4 02-01
    ("main_done", {}, 1.0),                        # P2; P4's 07-11 is after the day
    ("operating", {}, 1.0),                        # P2 on 06-30
    ("started", {"category": "城镇污水处理设施"}, 2.0),  # P1, P2
    ("started", {"district": "武进区"}, 1.0),         # P1 (P3, P5 not started)
    ("started", {"district": "市级"}, 1.0),           # P4 (no district)
])
def test_counts_of_projects_past_a_milestone(city, login_as, measure, filters, value):
    admin = login_as("admin")
    uid = _target(admin, "93")["uid"]
    _bind(admin, uid, measure, **filters)
    row = _target(admin, "93")
    assert row["source"] == "projects" and row["value"] == value
    assert row["status"] not in ("missing", "not_due")


def test_investment_done_in_the_targets_unit_and_its_rate(city, login_as, db):
    admin = login_as("admin")
    money, count = _target(admin, "175")["uid"], _target(admin, "93")["uid"]
    _bind(admin, money, "invest_done")
    assert _target(admin, "175")["value"] == 0.4  # 400+3000+0+600+0 万元 = 0.4 亿元
    page = admin.get(f"/status/items/target/{money}")
    assert page.status_code == 200 and "重点工程项目台账" in page.text
    assert "累计完成投资" in page.text and "项目数 5" in page.text

    _bind(admin, count, "invest_rate")  # a rate bound to a count target: named, not judged
    row = _target(admin, "93")
    assert row["value"] is None and row["status"] == "missing" and "不符" in row["explanation"]

    # P1's June report approved: 650 replaces its ledger 400 → 4250 万元
    _report(login_as("reporter"), city["P1"], period="2023-06", invest_done="650")
    _approve_last(login_as, db)
    assert _target(admin, "175")["value"] == 0.425
    # July is not over on the evaluation day (07-10): its approved 700 does not count yet
    _report(login_as("reporter"), city["P1"], period="2023-07", invest_done="700")
    _approve_last(login_as, db)
    assert _target(admin, "175")["value"] == 0.425
    set_day(db, dt.date(2023, 8, 10))
    assert _target(admin, "175")["value"] == 0.43


def test_bad_bindings(city, login_as):
    admin = login_as("admin")
    uid = _target(admin, "93")["uid"]
    r = admin.post(f"/obligations/{uid}", data={"source": "projects", "frequency": "monthly",
                                                "project_measure": "everything"})
    assert r.status_code == 422 and "统计口径" in r.text
    assert _target(admin, "93")["source"] != "projects"
    _bind(admin, uid, "started", category="没有这一类")  # no such project: counts none
    assert _target(admin, "93")["value"] == 0.0


def test_the_rate_of_a_filter(city, db):
    from ecoplan.app.projects.figure import measure

    day = dt.date(2023, 7, 10)
    with db() as s:
        assert measure(s, {"measure": "invest_rate"}, day)["value"] == 50.0  # 4000 / 8000
        # 武进区: P1 400/1000, P3 0/500, P5 0/2000 → 400 / 3500
        found = measure(s, {"measure": "invest_rate", "district": "武进区"}, day)
        assert found["value"] == round(100 * 400 / 3500, 2) and found["n"] == 3
        assert measure(s, {"measure": "invest_rate", "category": "没有这一类"}, day)["value"] is None


def test_the_demo_binds_task_31s_targets(city, login_as, db):
    from ecoplan.app.db import unit_of_work
    from ecoplan.app.projects.demo import bind_demo_targets
    from ecoplan.demo.build import DemoReport

    admin = login_as("admin")
    _bind(admin, _target(admin, "工业绿岛")["uid"], "operating", category="工业绿岛")  # kept
    report = DemoReport()
    with unit_of_work(db) as s:
        bind_demo_targets(s, report)
    assert "任务31的 11 项目标" in report.lines[-1]  # 93个, 175亿元 and nine categories
    rows = [r for r in admin.get("/api/targets").json()["targets"] if r["task"] == "31"]
    assert {r["source"] for r in rows} == {"projects"} and len(rows) == 12
    assert _target(admin, "93")["value"] == 3.0
    assert _target(admin, "175")["value"] == 0.4
    assert _target(admin, "城镇污水处理设施")["value"] == 2.0  # P1, P2
    assert _target(admin, "工业绿岛")["value"] == 0.0  # operating: neither P3 nor P4
