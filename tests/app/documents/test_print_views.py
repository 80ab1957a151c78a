"""Print views (打印) of the ranking, ledger and status tables: the rows of the .xlsx export with
the same filters, under the export's permission, on A4 landscape."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from bs4 import BeautifulSoup
from openpyxl import load_workbook

from ecoplan import clock
from ecoplan.app.permissions import ROLES
from ecoplan.app.db import unit_of_work
from ecoplan.app.ledger.fields import ItemFields
from ecoplan.app.ledger.service import create_item
from ecoplan.reports.tables_html import cell_text

PAIRS = {"ranking": ("/assessment/ranking.xlsx", "/documents/print/ranking"),
         "ledger": ("/ledger/export.xlsx", "/documents/print/ledger"),
         "status": ("/status/export.xlsx", "/documents/print/status")}


def _xlsx_text(cell) -> str:
    """What the print view must show for an exported cell (neutralised formulas unprefixed)."""
    value = cell.value
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        value = value.date()  # openpyxl reads a date cell back as a midnight datetime
    text = cell_text(value, "" if cell.number_format == "General" else cell.number_format)
    return text[1:] if text[:2] in ("'=", "'+", "'-", "'@") else text


def _workbook(content: bytes) -> list[tuple[str, list[str], list[list[str]]]]:
    book = load_workbook(io.BytesIO(content))
    return [(ws.title, [c.value for c in ws[1]], [[_xlsx_text(c) for c in row] for row in ws.iter_rows(min_row=2)])
            for ws in book.worksheets]


def _cells(tr) -> list[str]:
    """A row's texts, a cell spanning n columns counted as its text and n − 1 empty cells."""
    return [text for td in tr.select("td")
            for text in [td.get_text()] + [""] * (int(td.get("colspan", 1)) - 1)]


def _printed(html: str) -> list[tuple[list[str], list[list[str]]]]:
    soup = BeautifulSoup(html, "lxml")
    return [(_columns(s), [_cells(tr) for tr in s.select("tbody tr")])
            for s in soup.select("section.sheet")]


def _columns(section) -> list[str]:
    """The full column names of a sheet's header (a grouped header shows short ones)."""
    own = sorted(section.select("thead th[data-column]"), key=lambda th: int(th["data-index"]))
    return [th["data-column"] for th in own]


def _same_rows(export: bytes, html: str) -> None:
    printed = _printed(html)
    written = _workbook(export)
    assert len(printed) == len(written) > 0
    for (title, columns, rows), (shown_columns, shown) in zip(written, printed):
        assert shown_columns == columns, title
        assert shown == (rows or [["无"] + [""] * (len(columns) - 1)]), title


def _fields(code: str, **kw) -> ItemFields:
    base = dict(code=code, source="central", batch="第二轮第二批", description=f"{code} 问题描述",
                district="武进区", units=["市生态环境局"], measures="立即整改",
                deadline=dt.date(2023, 6, 30), stage="short")
    return ItemFields(**{**base, **kw})


@pytest.fixture
def ledger_items(db, people):
    with unit_of_work(db) as session:
        for f in (_fields("ZY-1", description="=HYPERLINK(\"http://x\") 排口<未>整治"),
                  _fields("ZY-2", district="新北区", units=["市发展和改革委员会"]),
                  _fields("SJ-3", source="city", district="", deadline=dt.date(2099, 1, 1)),
                  _fields("ZY-4", measures="-建立长效机制")):
            create_item(session, actor="test", fields=f)


@pytest.mark.parametrize("query", ["", "district=武进区", "overdue=1&source=central", "state=closed"])
def test_ledger_print_view_has_the_export_rows(login_as, ledger_items, query):
    client = login_as("admin")
    export, page = (client.get(f"{path}?{query}") for path in PAIRS["ledger"])
    assert export.status_code == page.status_code == 200
    _same_rows(export.content, page.text)


def test_ledger_print_view_says_filters_period_and_time(login_as, ledger_items):
    soup = BeautifulSoup(login_as("district").get("/documents/print/ledger?district=武进区&overdue=1").text, "lxml")
    assert soup.h1.get_text() == "整改台账"
    assert soup.select_one(".period").get_text() == (
        f"截至{clock.today().isoformat()}，共2项　筛选：辖市区：武进区；仅逾期事项")
    assert soup.select_one(".generated").get_text().startswith("生成时间：20")
    first = soup.select("tbody tr")[0].select("td")
    assert first[0].get_text() == "ZY-1" and first[3].get_text() == "=HYPERLINK(\"http://x\") 排口<未>整治"


def test_ranking_print_view_has_the_export_rows(login_as, published, with_monitoring):
    client = login_as("admin")
    export, page = (client.get(f"{path}?year=2023&quarter=2") for path in PAIRS["ranking"])
    assert export.status_code == page.status_code == 200
    _same_rows(export.content, page.text)
    soup = BeautifulSoup(page.text, "lxml")
    assert soup.h1.get_text() == "2023年第二季度季度点评得分与排名"
    assert soup.select_one(".period").get_text() == "2023年第二季度（2023-04-01至2023-06-30）"
    assert [h.get_text() for h in soup.select("h2")] == ["辖市区排名", "牵头部门排名"]
    assert len(soup.select("section.sheet")[0].select("tbody tr")) == 7  # the seven districts


def test_status_print_view_has_the_export_rows(login_as, published, with_monitoring):
    client = login_as("viewer")
    export, page = (client.get(path) for path in PAIRS["status"])
    assert export.status_code == page.status_code == 200
    _same_rows(export.content, page.text)
    soup = BeautifulSoup(page.text, "lxml")
    assert [h.get_text() for h in soup.select("h2")] == ["工作目标", "重点任务", "责任单位", "辖市区"]
    assert soup.select_one(".period").get_text().startswith("评估日期 ")
    assert "监测数据为演示用合成数据" in soup.select("section.sheet")[0].get_text()


def test_status_print_view_without_a_plan(login_as):
    response = login_as("admin").get("/documents/print/status")
    assert response.status_code == 404 and "还没有已发布的工作方案" in response.text


@pytest.mark.parametrize("role", [*ROLES, None])
def test_print_views_share_the_exports_permission(login_as, people, role):
    client = login_as(role)
    for name, (export, view) in PAIRS.items():
        refused = [client.get(path).headers.get("X-Ecoplan-Refused") for path in (export, view)]
        assert refused[0] == refused[1], (name, role, refused)
