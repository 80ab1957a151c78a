"""Entering and changing a project in the app: the import's checks per field, named; the audit
log; only the office."""

from __future__ import annotations

from sqlalchemy import select

from ecoplan.app.audit.models import AuditEntry
from ecoplan.app.projects.models import Project

NEW = {"code": "N1", "name": "新北污水处理厂四期", "category": "城镇污水处理设施", "task": "",
       "owner": "市生态环境局", "district": "新北区", "invest_planned": "1200",
       "fund:市级财政": "200", "fund:社会资本": "1000", "start_planned": "2023-03-01"}


def test_the_office_enters_and_changes_a_project(projects, login_as, db):
    admin = login_as("admin")
    assert admin.get("/projects/new").status_code == 200
    r = admin.post("/projects/new", data=NEW)
    assert r.status_code == 303, r.text[-1500:]
    with db() as s:
        p = s.scalars(select(Project).where(Project.code == "N1")).one()
        assert (p.district, p.invest_planned, p.invest_done) == ("新北区", 1200.0, 0.0)
        assert p.funding == {"市级财政": 200.0, "社会资本": 1000.0}
        pid = p.id
    page = admin.get(f"/projects/{pid}/edit")
    assert page.status_code == 200 and 'value="1200.00"' in page.text
    r = admin.post(f"/projects/{pid}/edit", data={**NEW, "code": "changed", "name": "新北污水处理厂四期扩建",
                                                 "start_actual": "2023-03-05"})
    assert r.status_code == 303
    with db() as s:
        p = s.get(Project, pid)
        assert (p.code, p.name, str(p.start_actual)) == ("N1", "新北污水处理厂四期扩建", "2023-03-05")
        actions = [a for (a,) in s.execute(select(AuditEntry.action).where(
            AuditEntry.object_type == "project", AuditEntry.object_id == str(pid)))]
    assert actions == ["project.created", "project.updated"]
    assert "没有修改" in admin.post(f"/projects/{pid}/edit", data={
        **NEW, "name": "新北污水处理厂四期扩建", "start_actual": "2023-03-05"}, follow_redirects=True).text


def test_every_wrong_field_is_named(projects, login_as, db):
    admin = login_as("admin")
    bad = {**NEW, "category": "污水", "invest_planned": "abc", "start_planned": "2023-02-30",
           "owner": "不存在的局"}
    r = admin.post("/projects/new", data=bad)
    assert r.status_code == 422
    for text in ("“项目类别”", "不是项目类别", "“计划总投资（万元）”", "不是数字",
                 "“计划开工日期”", "不是日期", "不是已登记的单位名称或别名"):
        assert text in r.text, text
    r = admin.post("/projects/new", data={**NEW, "fund:市级财政": "100"})
    assert r.status_code == 422 and "与计划总投资 1200 万元不符" in r.text
    r = admin.post("/projects/new", data={**NEW, "code": "P1"})
    assert r.status_code == 422 and "已存在" in r.text
    with db() as s:
        assert s.scalars(select(Project).where(Project.code == "N1")).all() == []


def test_only_the_office_edits(projects, login_as):
    for role in ("reporter", "leader", "district", "viewer"):
        client = login_as(role)
        assert client.get("/projects/new").status_code == 403
        assert client.post(f"/projects/{projects['P1']}/edit", data=NEW).status_code == 403
    assert login_as("admin").get("/projects/99999/edit").status_code == 404


def test_money_is_kept_exact(projects, login_as, db):
    admin = login_as("admin")
    form = {**NEW, "code": "N2", "invest_planned": "1234.565", "fund:市级财政": "1234.565",
            "fund:社会资本": "", "invest_done": "0.1"}
    assert admin.post("/projects/new", data=form).status_code == 303
    with db() as s:
        p = s.scalars(select(Project).where(Project.code == "N2")).one()
        assert str(p.invest_planned) == "1234.57"  # half up on the decimal text, not 1234.56
        assert str(p.invest_done) == "0.10"
    form = {**form, "code": "N3", "invest_planned": "0.2", "fund:市级财政": "0.2", "invest_done": "0.2"}
    assert admin.post("/projects/new", data=form).status_code == 303
    summary = admin.get("/api/projects/summary", params={}).json()
    by_code = {r["key"]: r for r in summary["by_owner"]}
    # 0.1 + 0.2 done: exactly 0.3 (a float sum would be 0.30000000000000004); 0.3 + 400 + 0 + …
    assert by_code["市生态环境局"]["invest_done"] == 400.3
