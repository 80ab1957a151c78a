"""Ledger items on the task, target, unit and district pages, as each role may see them."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import select

from ecoplan.app import permissions
from ecoplan.app.db import unit_of_work
from ecoplan.app.ledger.fields import target_metrics, task_numbers
from ecoplan.app.ledger.models import LedgerItem
from ecoplan.app.ledger.service import create_item
from ecoplan.app.plans.models import Task
from ecoplan.app.units.models import Unit
from ledger_sheets import fields

# role → the items of task 11 waiting for that user (the office: a closure request to decide;
# 市生态环境局 and 武进区: T-1 to start).
WAITING = {"admin": {"T-2"}, "reporter": {"T-1"}, "leader": {"T-1"}, "district": {"T-1"},
           "viewer": set()}


@pytest.fixture
def linked(db, published) -> dict:
    """T-1 (武进区, 生态环境局, task 11, overdue), T-2 (新北区, 发改委, task 11 and the PM2.5
    target, closure requested), T-3 (city level, 住建局, no link)."""
    with unit_of_work(db) as s:
        task, target = task_numbers(s)["11"], target_metrics(s)["PM2.5浓度"]
        create_item(s, actor="test", fields=fields("T-1", task_uid=task))
        two = create_item(s, actor="test", fields=fields(
            "T-2", district="新北区", units=["市发展和改革委员会"], task_uid=task,
            target_uid=target, deadline=dt.date(2099, 1, 1)))
        two.state, two.evidence, two.requested_on = "requested", "报告", dt.date(2023, 5, 1)
        create_item(s, actor="test", fields=fields(
            "T-3", district="", units=["市住房和城乡建设局"], deadline=dt.date(2099, 1, 1)))
        units = {u.name: u.id for u in s.scalars(select(Unit))}
        return {"task": task, "target": target,
                "task_id": s.scalar(select(Task.id).where(Task.uid == task)),
                "ecology": units["市生态环境局"], "wujin": units["武进区"]}


def section(html: str) -> dict[str, str] | None:
    """code → its row in the page's ledger section (None: no section)."""
    if 'id="ledger-linked"' not in html:
        return None
    part = html.split('id="ledger-linked"')[1].split("</section>")[0]
    return {re.search(r">([A-Z]-\d)</a>", row)[1]: row for row in part.split("<tr")[2:]}


@pytest.mark.parametrize("role", sorted(WAITING))
def test_task_page_shows_its_items_and_what_waits_for_each_role(login_as, linked, role):
    rows = section(login_as(role).get(f"/tasks/{linked['task_id']}").text)
    assert set(rows) == {"T-1", "T-2"}
    assert {code for code, row in rows.items() if "待您办理" in row} == WAITING[role]
    assert "逾期" in rows["T-1"] and "逾期" not in rows["T-2"]
    assert "已交办" in rows["T-1"] and "申请销号" in rows["T-2"]


@pytest.mark.parametrize("role", sorted(WAITING))
def test_status_item_unit_and_district_pages(login_as, linked, role):
    client = login_as(role)
    assert set(section(client.get(f"/status/items/task/{linked['task']}").text)) == {"T-1", "T-2"}
    kind = "goal" if client.get(f"/status/items/goal/{linked['target']}").status_code == 200 else "target"
    assert set(section(client.get(f"/status/items/{kind}/{linked['target']}").text)) == {"T-2"}
    assert set(section(client.get(f"/units/{linked['ecology']}").text)) == {"T-1"}
    assert set(section(client.get(f"/districts/武进区").text)) == {"T-1"}
    assert set(section(client.get(f"/districts/新北区").text)) == {"T-2"}
    assert set(section(client.get(f"/units/{linked['wujin']}").text)) == {"T-1"}
    assert set(section(client.get(f"/status/units/{linked['wujin']}").text)) == {"T-1"}
    assert set(section(client.get(f"/status/units/{linked['ecology']}").text)) == {"T-1"}


def test_links_go_to_the_items_and_to_the_filtered_ledger(login_as, linked, db):
    client = login_as("district")
    page = client.get(f"/tasks/{linked['task_id']}").text
    with unit_of_work(db) as s:
        one = s.scalar(select(LedgerItem.id).where(LedgerItem.code == "T-1"))
    assert f'href="/ledger/{one}">T-1</a>' in page
    more = re.search(r'href="(/ledger\?task=[^"]+)"', page)[1]
    listed = client.get(more).text
    assert "T-1" in listed and "T-2" in listed and "T-3" not in listed and 'id="link-filter"' in listed
    assert 'href="/ledger?district=%E6%AD%A6%E8%BF%9B%E5%8C%BA"' in client.get("/districts/武进区").text


def test_no_section_when_the_policy_hides_the_ledger(login_as, linked, monkeypatch):
    monkeypatch.setitem(permissions.POLICY, "ledger.view", frozenset({"admin"}))
    assert section(login_as("viewer").get(f"/tasks/{linked['task_id']}").text) is None
    assert section(login_as("district").get("/districts/武进区").text) is None
    assert set(section(login_as("admin").get("/districts/武进区").text)) == {"T-1"}


def test_a_page_without_items_says_so(login_as, linked):
    page = login_as("viewer").get("/districts/溧阳市").text
    assert section(page) == {} and "没有相关的整改事项" in page
