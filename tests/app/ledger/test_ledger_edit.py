"""Editing an existing ledger item: the office only, stale forms refused (409), every change
audited with before and after, Chinese errors on the form, closed items only through the
workflow."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from ecoplan.app.audit.models import AuditEntry
from ecoplan.app.auth.models import User
from ecoplan.app.db import unit_of_work
from ecoplan.app.forms import StaleEditError
from ecoplan.app.ledger.fields import FieldErrors, check_fields
from ecoplan.app.ledger.models import LedgerItem
from ecoplan.app.ledger.service import ClosedItemError, act, update_item
from ledger_sheets import fields

FORM = {"source": "provincial", "batch": "第三批", "description": "改后的描述", "district": "新北区",
        "units": "市生态环境局、市发展和改革委员会", "measures": "新措施", "deadline": "2023-12-31",
        "stage": "medium", "task": "", "target": ""}


def _admin(session):
    return session.scalar(select(User).where(User.username == "admin"))


def _audits(session, item_id, action="ledger.updated"):
    return list(session.scalars(select(AuditEntry).where(
        AuditEntry.action == action, AuditEntry.object_id == str(item_id))))


def test_update_changes_fields_and_audits_before_after(db, items):
    with unit_of_work(db) as s:
        item = s.get(LedgerItem, items["ZY-1"])
        changed = update_item(s, item, actor=_admin(s), version=1, fields=fields(
            "ignored", description="改后的描述", deadline=dt.date(2023, 12, 31), stage="medium"))
        assert changed == ["description", "deadline", "stage"]
        assert (item.code, item.version) == ("ZY-1", 2)
    with unit_of_work(db) as s:
        (entry,) = _audits(s, items["ZY-1"])
        assert entry.actor == "admin" and entry.object_type == "ledger_item"
        assert (entry.before["description"], entry.after["description"]) == ("ZY-1 问题描述", "改后的描述")
        assert (entry.before["deadline"], entry.after["deadline"]) == ("2023-06-30", "2023-12-31")
        assert entry.before["stage"] == "short" and entry.after["stage"] == "medium"


def test_nothing_changed_is_no_new_version_and_no_audit(db, items):
    with unit_of_work(db) as s:
        item = s.get(LedgerItem, items["ZY-1"])
        assert update_item(s, item, actor=_admin(s), version=1, fields=fields("ZY-1")) == []
        assert item.version == 1 and _audits(s, item.id) == []


def test_stale_and_closed_items_are_refused(db, items):
    with unit_of_work(db) as s:
        item, admin = s.get(LedgerItem, items["SJ-3"]), _admin(s)
        with pytest.raises(StaleEditError, match="已被他人修改（当前为第 1 版）"):
            update_item(s, item, actor=admin, version=0, fields=fields("SJ-3", batch="x"))
        for action, version, kw in (("start", 1, {}), ("request", 2, {"evidence": "报告"}),
                                    ("approve", 3, {})):
            act(s, item, actor=admin, action=action, version=version, **kw)
        with pytest.raises(ClosedItemError, match="已销号，不能直接修改.*回头看：重新整改"):
            update_item(s, item, actor=admin, version=4, fields=fields("SJ-3", batch="x"))
        act(s, item, actor=admin, action="reopen", version=4, reason="复查发现反弹")
        assert update_item(s, item, actor=admin, version=5, fields=fields("SJ-3", batch="x"))


def test_check_fields_reports_every_field(db, people):
    with unit_of_work(db) as s:
        with pytest.raises(FieldErrors) as info:
            check_fields({"code": "A", "source": "火星", "description": " ", "units": "无此局",
                          "deadline": "明年", "district": "钟楼"},
                         known_units={"市生态环境局": "市生态环境局"}, tasks={}, targets={})
    assert [e.field for e in info.value.errors] == ["问题来源", "问题描述", "责任单位", "整改时限"]
    assert info.value.message.startswith("问题来源：无法识别的问题来源“火星”")


@pytest.mark.parametrize("role", ["reporter", "leader", "district", "viewer"])
def test_only_the_office_edits(login_as, items, role):
    client = login_as(role)
    url = f"/ledger/{items['ZY-1']}"
    assert client.get(f"{url}/edit").status_code == 403
    assert client.post(f"{url}/edit", data={**FORM, "version": "1"}).status_code == 403
    assert 'id="edit-item"' not in client.get(url).text


def test_edit_through_the_form(login_as, items, db):
    admin = login_as("admin")
    url = f"/ledger/{items['ZY-1']}"
    assert 'id="edit-item"' in admin.get(url).text
    form = admin.get(f"{url}/edit").text
    assert 'value="ZY-1 问题描述"' not in form and ">ZY-1 问题描述</textarea>" in form
    assert 'name="version" value="1"' in form and 'value="2023-06-30"' in form
    saved = admin.post(f"{url}/edit", data={**FORM, "version": "1"})
    assert saved.status_code == 303
    page = admin.get(url).text
    assert "改后的描述" in page and "新北区" in page and "市发展和改革委员会" in page
    edits = page.split('id="edits"')[1].split("</table>")[0]
    assert "问题来源、批次、问题描述、辖市区、责任单位、整改措施、整改时限、整改阶段" in edits
    assert "<td>admin</td>" in edits
    with unit_of_work(db) as s:
        item = s.get(LedgerItem, items["ZY-1"])
        assert (item.source, item.district, item.stage, item.version) == ("provincial", "新北区", "medium", 2)
        (entry,) = _audits(s, item.id)
    detail = admin.get(f"/admin/audit/{entry.id}").text
    assert "修改整改事项" in detail and ">问题来源</td>" in detail and ">省生态环境保护督察</td>" in detail
    assert ">中央生态环境保护督察</td>" in detail and ">整改阶段</td>" in detail and ">中期</td>" in detail


def test_stale_form_is_409_and_shows_the_item_as_it_now_is(login_as, items):
    admin = login_as("admin")
    url = f"/ledger/{items['ZY-1']}"
    assert admin.post(f"{url}/edit", data={**FORM, "version": "1"}).status_code == 303
    stale = admin.post(f"{url}/edit", data={**FORM, "description": "晚到的修改", "version": "1"})
    assert stale.status_code == 409
    assert "已被他人修改（当前为第 2 版），您的修改未保存" in stale.text
    assert ">改后的描述</textarea>" in stale.text and 'name="version" value="2"' in stale.text
    assert "晚到的修改" not in admin.get(url).text


def test_field_errors_in_chinese_keep_what_was_typed(login_as, items):
    admin = login_as("admin")
    bad = admin.post(f"/ledger/{items['ZY-1']}/edit", data={
        **FORM, "description": "", "units": "没有的局", "deadline": "2023-02-30", "version": "1"})
    assert bad.status_code == 422
    assert "问题描述：不能为空" in bad.text and "单位名录中没有“没有的局”" in bad.text
    assert "整改时限：日期不存在" in bad.text and 'value="没有的局"' in bad.text


def test_closed_item_form_points_to_the_workflow(login_as, items, db):
    admin = login_as("admin")
    url = f"/ledger/{items['SJ-3']}"
    with unit_of_work(db) as s:
        item = s.get(LedgerItem, items["SJ-3"])
        item.state = "closed"
    page = admin.get(f"{url}/edit")
    assert page.status_code == 200 and 'id="edit-form"' not in page.text
    assert "回头看：重新整改" in page.text and 'id="edit-item"' not in admin.get(url).text
    refused = admin.post(f"{url}/edit", data={**FORM, "version": "1"})
    assert refused.status_code == 409 and "已销号，不能直接修改" in refused.text
