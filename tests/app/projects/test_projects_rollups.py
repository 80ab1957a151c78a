"""Roll-ups and statuses of the project ledger, computed by hand (see conftest's five projects
on 2023-07-10), and who sees which projects."""

from __future__ import annotations

import datetime as dt

import pytest

from ecoplan.app.projects.models import Project
from ecoplan.app.projects.service import late_milestones, status
from projects_data import set_day


def _by_key(rows):
    return {r["key"]: (r["count"], r["invest_planned"], r["invest_done"], r["rate"]) for r in rows}


def test_totals_by_category_district_and_owner(login_as, projects):
    got = login_as("viewer").get("/api/projects/summary").json()
    assert got["evaluation_day"] == "2023-07-10"
    total = got["total"]
    # planned 1000+3000+500+1500+2000; done 400+3000+0+600+0; 4000/8000
    assert (total["count"], total["invest_planned"], total["invest_done"], total["rate"]) == (
        5, 8000.0, 4000.0, 50.0)
    # started P1 P2 P4; main completed P2 (P4's is after the day); operating P2; behind P3 P4
    assert (total["started"], total["completed"], total["operating"], total["behind"]) == (3, 1, 1, 2)
    assert _by_key(got["by_category"]) == {
        "城镇污水处理设施": (2, 4000.0, 3400.0, 85.0), "工业绿岛": (2, 2000.0, 600.0, 30.0),
        "生态保护基础设施": (1, 2000.0, 0.0, 0.0)}
    assert _by_key(got["by_district"]) == {  # 400/3500 = 11.43 %
        "武进区": (3, 3500.0, 400.0, 11.4), "新北区": (1, 3000.0, 3000.0, 100.0),
        "市级": (1, 1500.0, 600.0, 40.0)}
    assert _by_key(got["by_owner"]) == {  # 400/1500 = 26.67 %
        "市生态环境局": (2, 1500.0, 400.0, 26.7), "市发展和改革委员会": (2, 5000.0, 3000.0, 60.0),
        "武进区": (1, 1500.0, 600.0, 40.0)}


def test_statuses_on_the_evaluation_day_and_when_it_moves(login_as, projects, db):
    viewer = login_as("viewer")
    statuses = {p["name"]: p["status"] for p in viewer.get("/api/projects").json()}
    assert statuses == {"项目P1": "building", "项目P2": "operating", "项目P3": "behind",
                        "项目P4": "behind", "项目P5": "pending"}
    set_day(db, dt.date(2023, 7, 11))  # P4's main completion is reached that day
    statuses = {p["name"]: p["status"] for p in viewer.get("/api/projects").json()}
    assert statuses["项目P4"] == "completed" and statuses["项目P3"] == "behind"
    page = viewer.get(f"/projects/{projects['P3']}").text
    assert "滞后" in page and "开工逾期未完成" in page and "2023-07-11" in page


@pytest.mark.parametrize("day, expected", [
    (dt.date(2023, 6, 29), "building"),    # before main completion is due
    (dt.date(2023, 6, 30), "behind"),      # due that day, not reached
    (dt.date(2023, 7, 5), "completed"),    # reached late, on the day: no longer behind
    (dt.date(2023, 9, 30), "behind"),      # operation due, not reached
    (dt.date(2023, 10, 1), "operating"),
])
def test_status_boundaries(day, expected):
    project = Project(start_planned=dt.date(2023, 1, 1), start_actual=dt.date(2023, 1, 1),
                      main_planned=dt.date(2023, 6, 30), main_actual=dt.date(2023, 7, 5),
                      ops_planned=dt.date(2023, 9, 30), ops_actual=dt.date(2023, 10, 1))
    assert status(project, day) == expected
    assert (late_milestones(project, day) != []) == (expected == "behind")


def test_units_see_their_own_districts_theirs_viewers_all(login_as, projects):
    def names(role):
        return sorted(p["name"] for p in login_as(role).get("/api/projects").json())

    assert names("reporter") == names("leader") == ["项目P1", "项目P3"]
    assert names("district") == ["项目P1", "项目P3", "项目P4", "项目P5"]  # P4 owned by 武进区
    assert len(names("viewer")) == len(names("admin")) == 5
    reporter = login_as("reporter")
    assert reporter.get(f"/api/projects/{projects['P2']}").status_code == 403
    assert reporter.get(f"/projects/{projects['P2']}").status_code == 403
    assert reporter.get(f"/projects/{projects['P1']}").status_code == 200
    summary = reporter.get("/api/projects/summary").json()["total"]
    assert summary["count"] == 2 and summary["invest_planned"] == 1500.0
    assert login_as(None).get("/api/projects").status_code == 401


def test_list_page_filters_and_rollup_tables(login_as, projects):
    viewer = login_as("viewer")
    page = viewer.get("/projects")
    assert page.status_code == 200 and 'id="totals"' in page.text and "50.0%" in page.text
    assert "导入台账" not in page.text  # viewers do not import
    only = viewer.get("/projects", params={"status": "behind"}).text
    assert "项目P3" in only and "项目P4" in only and "项目P1" not in only
    city = viewer.get("/projects", params={"district": "市级"}).text
    assert "项目P4" in city and "项目P1" not in city
