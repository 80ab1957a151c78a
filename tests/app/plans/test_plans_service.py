"""Import, edit, publish and version a plan through the services (no HTTP)."""

from __future__ import annotations

import copy

import pytest
from sqlalchemy import select

from ecoplan.app.audit.models import AuditEntry
from ecoplan.app.plans import service, versions
from ecoplan.app.plans.diff import diff_snapshots
from ecoplan.app.plans.importing import import_plan
from ecoplan.app.plans.models import PUBLISHED, PlanVersion, Target
from ecoplan.app.plans.snapshot import snapshot
from ecoplan.errors import InputError


def imported(env, plan, role="admin"):
    with env.session() as s:
        version = import_plan(s, parsed=plan, actor=env.user(s, role))
        return version.id


def test_units_of_other_levels_are_not_listed_as_unknown(env, mini_plan):
    plan = copy.deepcopy(mini_plan)
    plan["units"].append({"name": "工业和信息化部", "aliases": [], "kind": "other", "known": False,
                          "outside": "national"})
    with env.session() as s:
        version = s.get(PlanVersion, imported(env, plan))
        assert [u["name"] for u in version.unknown_units] == ["市碳中和推进办"]


def first_target(s, version_id, metric="PM2.5浓度") -> Target:
    return s.scalars(select(Target).where(Target.version_id == version_id,
                                          Target.metric == metric)).one()


def test_import_builds_the_draft_with_links(env, mini_plan):
    vid = imported(env, mini_plan)
    with env.session() as s:
        version = s.get(PlanVersion, vid)
        assert version.is_draft and version.number == 1
        assert [t.number for t in version.tasks] == ["2", "5"]
        task5 = version.tasks[1]
        assert task5.section.key == "s2-1" and task5.districts == ["武进区"]
        assert [g.metric for g in task5.targets] == ["整治提升企业"]
        assert task5.deadlines[0].date.isoformat() == "2023-12-31"
        roles = {(r.role, r.unit_name, r.unit_id is not None) for r in task5.responsibilities}
        assert ("lead", "市应急管理局", True) in roles
        assert ("cooperating", "市碳中和推进办", False) in roles
        assert [u["name"] for u in version.unknown_units] == ["市碳中和推进办"]
        goal = first_target(s, vid)
        assert goal.task is None and goal.value == 31 and goal.comparator == "<="
        actions = s.scalars(select(AuditEntry.action)).all()
        assert "plan.import" in actions


BROKEN = [
    ({"format": "other"}, "format"),
    ({"document": {"region": "常州市"}}, "document.year"),
    ({"targets": [{"comparator": "≈", "value": 1}]}, "targets.comparator"),
    ({"targets": [{"comparator": "<=", "value": "31"}]}, "targets.value"),
    ({"tasks": [{"number": "1"}]}, "tasks"),
]


def test_import_refuses_bad_json_and_leaves_nothing(env, mini_plan):
    for broken, field in BROKEN:
        with pytest.raises(InputError) as err:
            imported(env, {**mini_plan, **broken})
        assert err.value.field == field
    with env.session() as s:
        assert s.scalars(select(PlanVersion)).all() == []


def test_edit_records_audit_and_bumps_row_version(env, mini_plan):
    vid = imported(env, mini_plan)
    with env.session() as s:
        goal = first_target(s, vid)
        service.update_item(s, actor=env.user(s, "admin"), kind="target", item_id=goal.id,
                            row_version=1, values={"value": "30", "soft": "1"})
    with env.session() as s:
        goal = first_target(s, vid)
        assert (goal.value, goal.soft, goal.row_version) == (30.0, True, 2)
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "plan.target.update")).one()
        assert entry.actor == "admin"
        assert (entry.before["value"], entry.after["value"]) == (31.0, 30.0)
        assert entry.object_id == goal.uid


def test_stale_edit_is_refused_and_nothing_changes(env, mini_plan):
    vid = imported(env, mini_plan)
    with env.session() as s:
        goal_id = first_target(s, vid).id
        service.update_item(s, actor=None, kind="target", item_id=goal_id, row_version=1,
                            values={"value": 30})
    with pytest.raises(service.StaleError, match="已被他人修改"):
        with env.session() as s:
            service.update_item(s, actor=None, kind="target", item_id=goal_id, row_version=1,
                                values={"value": 29})
    with env.session() as s:
        assert s.get(Target, goal_id).value == 30


INVALID = [
    ({"value": "三十"}, "应为数值"), ({"comparator": "≈"}, "之一"),
    ({"deadline": "2023/12/31"}, "YYYY-MM-DD"), ({"metric": " "}, "不能为空"),
    ({"task_ref": "99"}, "没有编号为「99」的任务"),
]


def test_invalid_values_name_the_field_and_change_nothing(env, mini_plan):
    vid = imported(env, mini_plan)
    for values, message in INVALID:
        with pytest.raises(InputError, match=message) as err:
            with env.session() as s:
                goal = first_target(s, vid)
                service.update_item(s, actor=None, kind="target", item_id=goal.id,
                                    row_version=1, values=values)
        assert err.value.field
    with env.session() as s:
        assert first_target(s, vid).row_version == 1


def test_target_moves_to_another_task(env, mini_plan):
    vid = imported(env, mini_plan)
    with env.session() as s:
        goal = first_target(s, vid)
        service.update_item(s, actor=None, kind="target", item_id=goal.id, row_version=1,
                            values={"task_ref": "5"})
        assert goal.task.number == "5"


def test_add_and_remove_items(env, mini_plan):
    vid = imported(env, mini_plan)
    with env.session() as s:
        task = s.get(PlanVersion, vid).tasks[0]
        added = service.add_item(s, actor=None, kind="responsibility", version_id=vid,
                                 task_id=task.id, values={"unit_name": "市生态环境局", "role": "lead"})
        assert added.unit_id is not None
        target = service.add_item(s, actor=None, kind="target", version_id=vid,
                                  values={"metric": "林木覆盖率", "comparator": ">=", "value": "26.8",
                                          "unit": "%"})
        assert target.task_ref == "goal" and target.task is None
        service.remove_item(s, actor=None, kind="task", item_id=task.id, row_version=1)
    with env.session() as s:
        version = s.get(PlanVersion, vid)
        assert [t.number for t in version.tasks] == ["5"]
        assert first_target(s, vid, "市级及以上绿色工厂").task is None
        actions = s.scalars(select(AuditEntry.action)).all()
        assert {"plan.responsibility.add", "plan.target.add", "plan.task.remove"} <= set(actions)


def test_add_requires_fields(env, mini_plan):
    vid = imported(env, mini_plan)
    with pytest.raises(InputError, match="缺少必填项"):
        with env.session() as s:
            service.add_item(s, actor=None, kind="target", version_id=vid, values={"metric": "x"})


def test_publish_freezes_and_next_draft_keeps_uids(env, mini_plan):
    vid = imported(env, mini_plan)
    with env.session() as s:
        service.publish(s, actor=env.user(s, "admin"), version_id=vid, row_version=1)
    with env.session() as s:
        published = s.get(PlanVersion, vid)
        assert published.status == PUBLISHED and published.published_at is not None
        with pytest.raises(InputError, match="已发布"):
            service.update_item(s, actor=None, kind="target", item_id=first_target(s, vid).id,
                                row_version=1, values={"value": 1})
    with env.session() as s:
        draft = versions.start_draft(s, actor=None, plan_id=published.plan_id)
        assert draft.number == 2
        assert versions.start_draft(s, actor=None, plan_id=published.plan_id).id == draft.id
        goal = first_target(s, draft.id)
        service.update_item(s, actor=None, kind="target", item_id=goal.id, row_version=1,
                            values={"value": 30})
        draft_id = draft.id
    with env.session() as s:
        old, new = snapshot(s.get(PlanVersion, vid)), snapshot(s.get(PlanVersion, draft_id))
        assert {g["uid"] for g in old["targets"]} == {g["uid"] for g in new["targets"]}
        assert {t["uid"] for t in old["tasks"]} == {t["uid"] for t in new["tasks"]}
        changes = diff_snapshots(old, new)
        assert [(c.kind, c.change, c.fields) for c in changes] == [
            ("targets", "changed", {"value": (31.0, 30.0)})]
        assert first_target(s, vid).value == 31


def test_publish_refuses_a_stale_draft(env, mini_plan):
    vid = imported(env, mini_plan)
    with pytest.raises(service.StaleError):
        with env.session() as s:
            service.publish(s, actor=None, version_id=vid, row_version=0)


def test_reimport_keeps_uids_of_matching_items(env, mini_plan):
    vid = imported(env, mini_plan)
    with env.session() as s:
        service.publish(s, actor=None, version_id=vid, row_version=1)
    changed = {**mini_plan, "targets": [dict(g) for g in mini_plan["targets"]]}
    changed["targets"][0]["value"] = 30
    imported(env, changed)  # version 2, a draft
    with pytest.raises(InputError, match="未发布的草稿"):
        imported(env, changed)
    with env.session() as s:
        new = s.scalars(select(PlanVersion).where(PlanVersion.number == 2)).one()
        changes = diff_snapshots(snapshot(s.get(PlanVersion, vid)), snapshot(new))
        assert [(c.kind, c.change, list(c.fields)) for c in changes] == [
            ("targets", "changed", ["value"])]


def test_discard_draft(env, mini_plan):
    vid = imported(env, mini_plan)
    with env.session() as s:
        versions.discard_draft(s, actor=None, version_id=vid, row_version=1)
    with env.session() as s:
        assert s.get(PlanVersion, vid) is None
        assert "plan.discard" in s.scalars(select(AuditEntry.action)).all()


def test_current_item_follows_the_uid_into_the_newest_version(env, mini_plan):
    vid = imported(env, mini_plan)
    with env.session() as s:
        uid = first_target(s, vid).uid
        assert versions.current_item(s, model=Target, uid=uid) is None  # only a draft so far
        service.publish(s, actor=None, version_id=vid, row_version=1)
        assert versions.current_item(s, model=Target, uid=uid).version_id == vid
        draft = versions.start_draft(s, actor=None, plan_id=s.get(PlanVersion, vid).plan_id)
        service.publish(s, actor=None, version_id=draft.id, row_version=draft.row_version)
        assert versions.current_item(s, model=Target, uid=uid).version_id == draft.id
        assert versions.current_item(s, model=Target, uid="no-such-uid") is None


def test_the_same_document_again_gives_a_version_without_differences(seeded):
    from ecoplan.app.plans.demo import SEED
    from ecoplan.app.plans.ingest import read_and_parse

    _, parsed = read_and_parse(SEED, name=SEED.name, max_bytes=10**6)
    with seeded.session() as s:
        new = import_plan(s, parsed=parsed, actor=None)
        old = versions.current(s, plan_id=new.plan_id)
        assert new.number == 2 and old.number == 1
        assert diff_snapshots(snapshot(old), snapshot(new)) == []
