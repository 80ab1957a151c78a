"""The audit log: recorded with every change, append-only in the ORM and in the database."""

from __future__ import annotations

import ast
import re

import pytest
from sqlalchemy import delete, text, update
from sqlalchemy.exc import DBAPIError

from ecoplan.app.assessment.models import GRANT_LABELS
from ecoplan.app.audit.labels import LabelBook, LabelConflict
from ecoplan.app.core.manifest import AuditLabels
from ecoplan.app.features import FEATURES, audit_labels
from ecoplan.app.ledger.workflow import ACTION_LABELS as LEDGER_ACTIONS
from ecoplan.app.plans.service import KIND_LABELS as PLAN_ITEMS
from ecoplan.app.progress.present import EVENT_LABELS as PROGRESS_EVENTS
from ecoplan.app.supervision.models import KIND_LABELS as SUPERVISION_KINDS
from ecoplan.app.audit.models import AppendOnlyError, AuditEntry
from ecoplan.app.audit.service import AuditFilter, record, search
from ecoplan.app.core.actor import Actor
from ecoplan.app.db import unit_of_work


@pytest.fixture
def entry_id(db):
    with unit_of_work(db) as s:
        entry = record(s, actor=Actor(username="tester", ip="127.0.0.1"), action="thing.changed",
                       object_type="thing", object_id=7, before={"名称": "旧"}, after={"名称": "新"})
        s.flush()
        return entry.id


def test_record_keeps_who_what_before_after(db, entry_id):
    with unit_of_work(db) as s:
        entry = s.get(AuditEntry, entry_id)
        assert (entry.actor, entry.action, entry.object_type, entry.object_id) == (
            "tester", "thing.changed", "thing", "7")
        assert entry.before == {"名称": "旧"} and entry.after == {"名称": "新"}
        assert entry.at is not None and entry.ip == "127.0.0.1"


@pytest.mark.parametrize("statement", [
    "UPDATE audit_entries SET actor = 'someone else'",
    "DELETE FROM audit_entries",
])
def test_database_refuses_update_and_delete(app, entry_id, statement):
    with app.state.engine.connect() as conn:
        with pytest.raises(DBAPIError, match="append-only"):
            conn.execute(text(statement))
        conn.rollback()
    with unit_of_work(app.state.sessionmaker) as s:
        assert s.get(AuditEntry, entry_id).actor == "tester"


def test_orm_refuses_update_and_delete(db, entry_id):
    with pytest.raises(AppendOnlyError):
        with unit_of_work(db) as s:
            s.get(AuditEntry, entry_id).actor = "forged"
    with pytest.raises(AppendOnlyError):
        with unit_of_work(db) as s:
            s.delete(s.get(AuditEntry, entry_id))
    for statement in (update(AuditEntry).values(actor="x"), delete(AuditEntry)):
        with pytest.raises(AppendOnlyError):
            with unit_of_work(db) as s:
                s.execute(statement)


def test_changes_through_pages_are_audited_and_filterable(login_as, db, people):
    admin = login_as("admin")
    admin.post("/admin/units", data={"name": "市水利局", "kind": "department", "aliases": "水利局"})
    with unit_of_work(db) as s:
        entries, total = search(s, AuditFilter(action="unit.created"))
    assert total == 1 and entries[0].actor == "admin" and entries[0].after["name"] == "市水利局"
    page = admin.get("/admin/audit", params={"action": "unit.created"})
    assert page.status_code == 200 and "共 1 条" in page.text
    assert '<option value="unit.created" selected>新建单位</option>' in page.text
    row = page.text.split('<tbody>')[1]
    assert "新建单位" in row and f"单位 #{entries[0].object_id}" in row and "unit.created</td>" not in row
    detail = admin.get(f"/admin/audit/{entries[0].id}")
    assert "市水利局" in detail.text  # shown as written, not \\u escapes
    assert "新建单位" in detail.text and ">unit " not in detail.text
    api = admin.get("/api/audit", params={"actor": "admin"}).json()
    assert api["total"] == 1 and api["entries"][0]["after"]["aliases"] == ["水利局"]
    assert admin.get("/admin/audit", params={"since": "2023-13-01"}).status_code == 422


def test_filter_by_date_range(db, entry_id):
    from datetime import timedelta

    from ecoplan import clock

    today = clock.today()
    with unit_of_work(db) as s:
        assert search(s, AuditFilter(since=today - timedelta(days=1), until=today + timedelta(days=1)))[1] == 1
        assert search(s, AuditFilter(until=today - timedelta(days=2)))[1] == 0


def test_field_changes_side_by_side():
    from ecoplan.app.audit.service import field_changes

    changes = field_changes({"name": "甲", "kind": "other"}, {"name": "乙", "kind": "other", "x": 1})
    assert [(c.name, c.changed) for c in changes] == [("name", True), ("kind", False), ("x", True)]
    assert [c.after for c in field_changes(None, {"name": "新"})] == ["新"]


def test_dates_are_beijing_days(db):
    from datetime import date, datetime, timezone

    from ecoplan.app.core.clock import beijing_time

    with unit_of_work(db) as s:
        entry = record(s, actor="t", action="a", object_type="o", object_id=1)
        entry.at = datetime(2023, 3, 31, 17, 30, tzinfo=timezone.utc)  # 2023-04-01 01:30 in Beijing
    with unit_of_work(db) as s:
        assert search(s, AuditFilter(since=date(2023, 4, 1), until=date(2023, 4, 1)))[1] == 1
        assert search(s, AuditFilter(until=date(2023, 3, 31)))[1] == 0
        assert beijing_time(search(s, AuditFilter())[0][0].at) == "2023-04-01 01:30:00"


def _recorded_codes(repo_root) -> tuple[set[str], set[str]]:
    """Every action code and object type the application records, read from its source."""
    actions, types = set(), set()
    for path in (repo_root / "src/ecoplan/app").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        actions |= set(re.findall(r'action="([a-z_]+\.[a-z_.]+)"', text))
        types |= set(re.findall(r'object_type="([a-z_]+)"', text))
    return actions, types


def test_every_recorded_code_has_a_chinese_label(repo_root):
    """Every code recorded anywhere in the app is labelled by some feature's manifest."""
    book = audit_labels(FEATURES)
    action_label, object_label = book.action_label, book.object_label
    actions, types = _recorded_codes(repo_root)
    composed = ([f"plan.{k}.{v}" for k in PLAN_ITEMS for v in ("update", "add", "remove")]
                + [f"progress.{e}" for e in PROGRESS_EVENTS] + [f"ledger.{a}" for a in LEDGER_ACTIONS]
                + [f"supervision.{k}" for k in SUPERVISION_KINDS]
                + [f"assessment.{k}{r}" for k in GRANT_LABELS for r in ("", ".removed")])
    assert len(actions) > 15 and len(types) > 8
    for code in actions | set(composed):
        assert re.search(r"[\u4e00-\u9fff]", action_label(code)), code
    for kind in types | {f"plan_{k}" for k in PLAN_ITEMS}:
        assert re.search(r"[\u4e00-\u9fff]", object_label(kind)), kind
    assert action_label("thing.changed") == "thing.changed"  # unknown: shown, never hidden


def _dict_keys(node) -> set[str]:
    return {k.value for k in node.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)}


def _snapshot_fields(repo_root) -> set[str]:
    """The keys of every snapshot the log stores: ``snapshot``/``*_dict``/``*_json`` returns
    (``plans.snapshot`` writes a plan's items from its typed models with ``*_json``) and the
    ``before=``/``after=`` dicts written at ``record(...)`` calls."""
    fields = set()
    for path in (repo_root / "src/ecoplan/app").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and (node.name == "snapshot"
                                                      or node.name.endswith(("_dict", "_json"))):
                for ret in ast.walk(node):
                    if isinstance(ret, ast.Return) and isinstance(ret.value, ast.Dict):
                        fields |= _dict_keys(ret.value)
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "record":
                for kw in node.keywords:
                    if kw.arg in ("before", "after") and isinstance(kw.value, ast.Dict):
                        fields |= _dict_keys(kw.value)
    return fields


def test_every_snapshot_field_has_a_chinese_label(repo_root, login_as, people):
    fields = _snapshot_fields(repo_root)
    assert {"display_name", "value_to_date", "code", "metric", "emailed"} <= fields
    field_label = audit_labels(FEATURES).field_label
    missing = [f for f in fields if not re.search(r"[\u4e00-\u9fff]", field_label(f))]
    assert missing == []
    admin = login_as("admin")
    admin.post("/admin/units", data={"name": "市水利局", "kind": "department", "aliases": "水利局"})
    entry = admin.get("/api/audit", params={"action": "unit.created"}).json()["entries"][0]
    detail = admin.get(f"/admin/audit/{entry['id']}").text
    assert ">名称</td>" in detail and ">别名</td>" in detail and ">aliases</td>" not in detail
    assert ">部门</td>" in detail and ">是</td>" in detail and "department" not in detail
    assert ">水利局</td>" in detail  # a list of names, not ["水利局"]


def test_pager_keeps_filters_without_stray_ampersand(db, login_as):
    with unit_of_work(db) as s:
        for n in range(120):  # three pages of 50
            record(s, actor="tester", action="thing.changed", object_type="thing", object_id=n)
        record(s, actor="tester", action="other.changed", object_type="thing", object_id=0)
    admin = login_as("admin")
    first = admin.get("/admin/audit", params={"action": "thing.changed", "actor": ""}).text
    assert "第 1 / 3 页" in first and "上一页" not in first
    assert 'href="?action=thing.changed&amp;page=2" rel="next"' in first
    middle = admin.get("/admin/audit?page=2&action=thing.changed&object_type=thing").text
    assert "第 2 / 3 页" in middle
    assert 'href="?action=thing.changed&amp;object_type=thing&amp;page=1" rel="prev"' in middle
    assert 'href="?action=thing.changed&amp;object_type=thing&amp;page=3" rel="next"' in middle
    assert "?&amp;" not in middle and "&amp;&amp;" not in middle
    unfiltered = admin.get("/admin/audit?page=3").text
    assert 'href="?page=2" rel="prev"' in unfiltered and "下一页" not in unfiltered


def test_page_url_replaces_page_and_escapes_values():
    from ecoplan.app.admin.audit_views import page_url

    assert page_url([], 2) == "?page=2"
    assert page_url([("page", "5"), ("actor", "张 三&"), ("since", "")], 6) == (
        "?actor=%E5%BC%A0+%E4%B8%89%26&page=6")


def test_features_register_their_labels_and_may_not_contradict_each_other():
    ours = AuditLabels(actions={"x.made": "新建甲"}, composed={"y": lambda rest: f"乙：{rest}"})
    book = LabelBook([ours])
    assert book.action_label("x.made") == "新建甲" and book.action_label("y.z") == "乙：z"
    assert book.field_label("created_at") == "创建时间"  # the log's own common fields
    assert audit_labels(()).action_label("ledger.created") == "ledger.created"  # nobody registered it
    with pytest.raises(LabelConflict, match="x.made"):
        LabelBook([ours, AuditLabels(actions={"x.made": "另一个名字"})])
