"""The key projects' money in the status workbook (``funding.project_money``): per task, planned
investment by source and investment done, computed by hand from the five projects of
``tests/app/projects`` (task 31), for each user only the projects the pages show them; the kept
workbook is one per visibility class, made again when a project changes."""

from __future__ import annotations

import io
from decimal import Decimal

from bs4 import BeautifulSoup
from openpyxl import load_workbook

from ecoplan.app.projects.models import Project

SHEET = "重点工程项目投资（按任务）"
SOURCES = ["市级财政", "区级财政", "专项债", "社会资本", "其他", "未分来源", "合计"]


def _split(seeded):
    """P1 (1000) split 600 市级财政 + 400 专项债, P4 (1500) all 区级财政; the rest unsplit."""
    with seeded.session() as s:
        for code, funding in (("P1", {"市级财政": 600.0, "专项债": 400.0}),
                              ("P4", {"区级财政": 1500.0})):
            s.query(Project).filter(Project.code == code).one().funding = funding


def _download(client) -> bytes:
    response = client.get("/status/export.xlsx")
    assert response.status_code == 200, response.text
    return response.content


def _read(content: bytes) -> tuple[dict, dict, list]:
    book = load_workbook(io.BytesIO(content))
    tasks = book["重点任务"]
    header = [c.value for c in tasks[1]]
    at = header.index("重点工程项目计划投资（万元）")
    assert header[at + 1] == "重点工程项目完成投资（万元）"
    columns = {r[0]: r[at:at + 2] for r in tasks.iter_rows(min_row=2, values_only=True)}
    ws = book[SHEET]
    head = [c.value for c in ws[1]]
    assert head[:3] == ["任务", "任务名称", "项目数"]
    assert head[3:10] == [f"计划投资{s}（万元）" for s in SOURCES]
    assert head[10:] == ["完成投资（万元）", "投资完成率(%)"]
    rows = [list(r) for r in ws.iter_rows(min_row=2, values_only=True)]
    lines = {r[0]: r[2:] for r in rows if r[1] is not None or r[0] == "合计"}
    notes = [r[0] for r in rows if str(r[0]).startswith("注")]
    return columns, lines, notes


def test_money_per_task_by_source_for_what_each_user_sees(seeded):
    _split(seeded)
    # the office and viewers: all five — 600 + 1500 + 400 split, 3000 + 500 + 2000 unsplit,
    # 8000 planned, 400 + 3000 + 600 done = 4000, 50.0 %
    columns, lines, notes = _read(_download(seeded.client("admin")))
    assert columns["31"] == (8000, 4000)
    assert lines["31"] == [5, 600, 1500, 400, 0, 0, 5500, 8000, 4000, 50.0]
    assert lines["合计"] == lines["31"] and notes == []
    # 武进区: those in it or owned by it (P1, P3, P4, P5): 1000 + 500 + 1500 + 2000 = 5000
    # planned (2500 unsplit), 400 + 600 = 1000 done, 20.0 %
    columns, lines, notes = _read(_download(seeded.client("district")))
    assert columns["31"] == (5000, 1000)
    assert lines["31"] == [4, 600, 1500, 400, 0, 0, 2500, 5000, 1000, 20.0]
    assert any("仅含本单位可查看的项目" in n for n in notes)
    # 市生态环境局 (a unit): its own, P1 and P3: 1500 planned, 400 done, 26.7 %
    columns, lines, _ = _read(_download(seeded.client("reporter")))
    assert columns["31"] == (1500, 400)
    assert lines["31"] == [2, 600, 0, 400, 0, 0, 500, 1500, 400, 26.7]


def test_each_user_gets_exactly_the_projects_of_the_pages(seeded):
    for role in ("admin", "viewer", "district", "reporter", "leader"):
        client = seeded.client(role)
        shown = client.get("/api/projects").json()
        _, lines, _ = _read(_download(client))
        assert lines["合计"][0] == len(shown), role
        planned = sum(Decimal(str(p["invest_planned"])) for p in shown)
        assert Decimal(str(lines["合计"][7])) == planned, role
        printed = BeautifulSoup(client.get("/documents/print/status").text, "lxml")
        section = next(s for s in printed.select("section.sheet") if s.h2.get_text() == SHEET)
        total = next(tr for tr in section.select("tbody tr") if tr.td.get_text() == "合计")
        assert [td.get_text() for td in total.select("td")][9] == f"{planned:.2f}", role


def test_the_kept_workbook_is_one_per_visibility_class_and_follows_the_projects(seeded):
    admin, viewer, district = (seeded.client(r) for r in ("admin", "viewer", "district"))
    first = _download(admin)
    assert _download(district) != first
    assert _download(viewer) == first  # the office and viewers see the same: one kept file
    assert _download(admin) == first
    with seeded.session() as s:
        s.query(Project).filter(Project.code == "P3").one().invest_done = Decimal("250")
    columns, lines, _ = _read(_download(admin))
    assert columns["31"] == (8000, 4250) and lines["31"][8] == 4250
    columns, _, _ = _read(_download(district))
    assert columns["31"] == (5000, 1250)


def test_no_projects_no_project_columns(seeded):
    with seeded.session() as s:
        s.query(Project).delete()
    book = load_workbook(io.BytesIO(_download(seeded.client("admin"))))
    assert SHEET not in book.sheetnames
    assert "重点工程项目计划投资（万元）" not in [c.value for c in book["重点任务"][1]]
