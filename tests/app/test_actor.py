"""Who did something is stored by one rule: a user's name, a given name, else "system"."""

from __future__ import annotations

from types import SimpleNamespace

from ecoplan.app.core.actor import ANONYMOUS, SYSTEM, SYSTEM_ACTOR, Actor, actor_name, as_actor
from ecoplan.app.db import unit_of_work
from ecoplan.app.seals import service

from seal_pngs import seal_png


def test_actor_names():
    assert actor_name(SimpleNamespace(username="admin")) == "admin"
    assert actor_name("导入脚本") == "导入脚本"
    assert actor_name(None) == actor_name("") == actor_name(SimpleNamespace(username=None)) == SYSTEM


def test_a_seal_uploaded_without_a_user_is_the_systems_not_none(db, tmp_path):
    with unit_of_work(db) as session:
        seal = service.save_seal(session, actor=None, issuer="常州市生态环境局", png=seal_png(),
                                 file_name="seal.png", size_mm="", data_dir=tmp_path)
        assert seal.uploaded_by == SYSTEM


def test_an_actor_is_made_from_a_user_with_unit_and_district():
    unit = SimpleNamespace(name="武进区")
    user = SimpleNamespace(id=3, username="wj", display_name="武进", role="district", unit_id=9,
                           unit=unit)
    actor = Actor.of(user, ip="10.0.0.2", user_agent="UA")
    assert (actor.id, actor.name, actor.role, actor.unit_id, actor.unit_name, actor.district,
            actor.ip, actor.user_agent) == (3, "wj", "district", 9, "武进区", "武进区", "10.0.0.2", "UA")
    reporter = Actor.of(SimpleNamespace(id=4, username="r", display_name="", role="reporter",
                                        unit_id=2, unit=SimpleNamespace(name="市生态环境局")))
    assert reporter.district is None and reporter.unit_name == "市生态环境局"
    assert Actor.of(None).name == ANONYMOUS and SYSTEM_ACTOR.name == SYSTEM
    assert as_actor(None) == SYSTEM_ACTOR and as_actor("脚本").name == "脚本"
    assert as_actor(actor) is actor and as_actor(user) == Actor.of(user)


def test_the_request_makes_one_actor_whose_address_the_audit_log_keeps(login_as, db, people):
    from ecoplan.app.audit.service import AuditFilter, search

    admin = login_as("admin")
    admin.headers["User-Agent"] = "ecoplan-test\x00agent"
    assert admin.post("/admin/units", data={"name": "市水利局", "kind": "department",
                                            "aliases": ""}).status_code == 303
    with unit_of_work(db) as session:
        (entry,), _ = search(session, AuditFilter(action="unit.created"))
        assert entry.actor == "admin" and entry.ip == "testclient"


def test_the_object_rules_are_one_table_read_by_the_workflows():
    """Ledger and progress rules live in ``permissions.OBJECT_RULES`` (no second copy)."""
    from ecoplan.app.ledger.workflow import ItemFacts, allowed_actions
    from ecoplan.app.permissions import OBJECT_RULES, can
    from ecoplan.app.progress.access import ReportFacts

    assert {"progress.view", "progress.report", "progress.return", "ledger.act"} <= set(OBJECT_RULES)
    item = ItemFacts(state="assigned", district="武进区", units=("市生态环境局",))
    wujin = Actor(role="district", unit_name="武进区")
    other = Actor(role="reporter", unit_name="市发展和改革委员会")
    assert can(wujin, "ledger.act", item) and not can(other, "ledger.act", item)
    assert allowed_actions(item, wujin) == ["start"] and allowed_actions(item, other) == []
    draft = ReportFacts(unit_id=5, state="submitted", approved_at=None, led_by=lambda u: u == 6)
    office, lead = Actor(role="admin", unit_id=1), Actor(role="reporter", unit_id=6)
    assert not can(office, "progress.view", draft)  # the office waits for the unit leader
    assert can(lead, "progress.view", draft) and not can(lead, "progress.report", draft)
    assert can(Actor(role="reporter", unit_id=5), "progress.report", draft)
