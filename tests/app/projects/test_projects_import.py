"""Importing the project ledger: the template, cell-by-cell checks, all or nothing, updates."""

from __future__ import annotations

import io

from openpyxl import load_workbook
from sqlalchemy import func, select

from ecoplan.app.projects.exporting import HEADERS
from ecoplan.app.projects.models import Project
from projects_sheets import row, upload, xlsx


def _count(db) -> int:
    with db() as session:
        return session.scalar(select(func.count()).select_from(Project))


def test_template_downloads_with_the_importers_headers(login_as):
    admin = login_as("admin")
    got = admin.get("/projects/template.xlsx")
    assert got.status_code == 200 and got.content[:2] == b"PK"
    sheet = load_workbook(io.BytesIO(got.content))["重点工程项目"]
    assert tuple(c.value for c in sheet[1]) == HEADERS
    lists = [v for v in sheet.data_validations.dataValidation if v.type == "list"]
    assert any("城镇污水处理设施" in v.formula1 for v in lists)
    assert login_as("reporter").get("/projects/template.xlsx").status_code == 403


def test_import_creates_then_updates_by_project_number(login_as, people, db):
    admin = login_as("admin")
    first = upload(admin, xlsx([row(), row(项目编号="XM-2", 项目名称="新北区孟河湿地修复",
                                           项目类别="生态保护基础设施", 所在辖市区="市级",
                                           **{"市级财政（万元）": None, "社会资本（万元）": None})]))
    assert first.status_code == 200 and first.json() == {"created": 2, "updated": 0, "errors": []}
    again = upload(admin, xlsx([row(**{"累计完成投资（万元）": 500}), row(项目编号="XM-2",
                   项目名称="新北区孟河湿地修复", 项目类别="生态保护基础设施", 所在辖市区="市级",
                   **{"市级财政（万元）": None, "社会资本（万元）": None})]))
    assert again.json() == {"created": 0, "updated": 1, "errors": []}
    listed = {p["name"]: p for p in admin.get("/api/projects").json()}
    one = listed["武进区湖塘污水处理厂提标改造"]
    assert set(one) >= {"id", "name", "category", "task", "owner", "district", "invest_planned",
                        "invest_done", "milestones", "status"}
    assert one["invest_done"] == 500 and one["owner"] == "市生态环境局"
    assert one["milestones"][0] == {"name": "开工", "planned": "2023-03-01", "actual": "2023-03-10"}
    assert [m["name"] for m in one["milestones"]] == ["开工", "主体完工", "投运"]
    assert listed["新北区孟河湿地修复"]["district"] == ""
    assert one["funding"] == {"市级财政": 600.0, "社会资本": 400.0}
    audit = admin.get("/api/audit", params={"action": "project.updated"}).json()["entries"]
    assert len(audit) == 1


def test_every_wrong_cell_is_named_and_nothing_is_imported(login_as, people, db):
    admin = login_as("admin")
    bad = upload(admin, xlsx([
        row(),
        row(项目编号="XM-2", 项目类别="污水", **{"计划总投资（万元）": "一千"}),
        row(项目编号="XM-3", 责任单位="不存在的局", 计划开工日期="2023-13-01"),
        row(项目编号="XM-1", **{"市级财政（万元）": 100}),
        row(项目编号="XM-5", 计划主体完工日期="2022-01-01", 所在辖市区="火星区"),
        row(项目编号="XM-6", **{"计划总投资（万元）": -5}),
    ]))
    assert bad.status_code == 422
    body = bad.json()
    assert body["created"] == 0 and body["updated"] == 0
    found = {(e["row"], e["column"]) for e in body["errors"]}
    assert {(3, "项目类别"), (3, "计划总投资（万元）"), (4, "责任单位"), (4, "计划开工日期"),
            (5, "项目编号"), (5, "计划总投资（万元）"), (6, "所在辖市区"),
            (7, "计划总投资（万元）")} <= found
    assert all(e["sheet"] == "重点工程项目" for e in body["errors"])
    texts = " ".join(e["text"] for e in body["errors"])
    assert "工作表“重点工程项目”第 3 行“项目类别”列：“污水”不是项目类别" in texts
    assert "与第 2 行重复" in texts and "各资金来源合计 500 万元" in texts
    assert _count(db) == 0  # the good row was not imported either


def test_order_of_milestones_is_checked(login_as, people, db):
    bad = upload(login_as("admin"), xlsx([row(计划主体完工日期="2023-01-01")]))
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["text"] == (
        "工作表“重点工程项目”第 2 行“计划主体完工日期”列：早于计划开工日期")
    future = upload(login_as("admin"), xlsx([row(实际开工日期="2999-01-01")]))
    assert future.status_code == 422
    assert future.json()["errors"][0]["column"] == "实际开工日期"
    assert "实际日期不能晚于今天" in future.json()["errors"][0]["message"]
    assert _count(db) == 0


def test_not_a_workbook_and_no_header_and_no_rows(login_as, people, db):
    admin = login_as("admin")
    junk = upload(admin, b"not a zip at all")
    assert junk.status_code == 422 and junk.json()["errors"][0]["message"]
    empty = upload(admin, xlsx([]))
    assert empty.status_code == 422 and "没有任何项目" in empty.json()["errors"][0]["message"]
    from openpyxl import Workbook
    wb, out = Workbook(), io.BytesIO()
    wb.active.append(["名称", "金额"])
    wb.save(out)
    header = upload(admin, out.getvalue())
    assert header.status_code == 422 and "找不到表头" in header.json()["errors"][0]["text"]
    assert _count(db) == 0


def test_import_page_lists_errors_in_chinese(login_as, people, db):
    admin = login_as("admin")
    page = admin.post("/projects/import",
                      files={"file": ("台账.xlsx", xlsx([row(项目类别="污水")]))})
    assert page.status_code == 422 and "id=\"import-errors\"" in page.text
    assert "“污水”不是项目类别" in page.text and "重点工程项目" in page.text
    done = admin.post("/projects/import", files={"file": ("台账.xlsx", xlsx([row()]))})
    assert done.status_code == 303
    assert _count(db) == 1


def test_only_the_office_imports(login_as, people):
    for role in ("reporter", "leader", "district", "viewer"):
        assert upload(login_as(role), xlsx([row()])).status_code == 403
