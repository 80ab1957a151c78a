"""The published plan the reporters' pages read is loaded once per data version and kept
(issue #11): a second request reuses it, a change to the plan, the units or the obligations (by
any process: the versions are in the database) loads it again, a report saved does not, and a
request that changed the plan itself sees its own change."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from ecoplan.app.obligations.models import ObligationRow
from ecoplan.app.plans.models import Task
from ecoplan.app.progress import kept_plan, todo


@pytest.fixture
def loads(seeded, monkeypatch):
    """How many times the plan was loaded for keeping."""
    count = []
    real = kept_plan._load_apart

    def counted(session):
        count.append(1)
        return real(session)

    monkeypatch.setattr(kept_plan, "_load_apart", counted)
    return count


def _title(version, number: str) -> str:
    return next(t.title for t in version.tasks if t.number == number)


def test_kept_across_requests_and_loaded_again_after_a_plan_change(seeded, loads):
    with seeded.session() as s:
        first = kept_plan.published(s)
    with seeded.session() as s:
        assert kept_plan.published(s) is first
        s.scalars(select(Task).where(Task.version_id == first.id, Task.number == "3")).one() \
            .title = "改过的任务标题"
    assert len(loads) == 1
    with seeded.session() as s:
        changed = kept_plan.published(s)
    assert changed is not first and _title(changed, "3") == "改过的任务标题"
    assert _title(first, "3") != "改过的任务标题"  # the kept graph is never written
    assert len(loads) == 2


def test_a_saved_report_keeps_it_and_an_obligation_or_unit_change_does_not(seeded, loads):
    reporter = seeded.client("reporter")
    with seeded.session() as s:
        kept = kept_plan.published(s)
        item = next(i for i in seeded.items(s, "市生态环境局") if i.kind == "target")
    saved = reporter.post(f"/progress/items/target/{item.uid}",
                          data={"period": "2023-05", "narrative": "已完成", "value_to_date": "1"})
    assert saved.status_code == 303
    assert reporter.get("/progress").status_code == 200
    with seeded.session() as s:
        assert kept_plan.published(s) is kept
    assert len(loads) == 1
    with seeded.session() as s:
        s.add(ObligationRow(plan_id=kept.plan_id, target_uid=item.uid, from_version=1,
                            source="report", frequency="quarterly", first_month=3,
                            owner_id=seeded.unit(s, "市生态环境局").id, contributions=[],
                            updated_at=dt.datetime.now(dt.timezone.utc)))
    with seeded.session() as s:
        after_obligation = kept_plan.published(s)
        seeded.unit(s, "市工业和信息化局").aliases = ["工信局"]
    with seeded.session() as s:
        after_unit = kept_plan.published(s)
    assert len({id(kept), id(after_obligation), id(after_unit)}) == 3
    assert len(loads) == 3


def test_a_request_that_changed_the_plan_sees_its_own_change(seeded, loads):
    with seeded.session() as s:
        kept = kept_plan.published(s)
    with seeded.session() as s:
        task = s.scalars(select(Task).where(Task.version_id == kept.id, Task.number == "3")).one()
        task.title = "尚未提交的标题"
        own = kept_plan.published(s)
        assert own is not kept and _title(own, "3") == "尚未提交的标题"
        s.rollback()
    with seeded.session() as s:
        assert kept_plan.published(s) is kept
    assert len(loads) == 1


def test_the_kept_graph_answers_what_the_pages_ask_after_its_session_closed(seeded):
    with seeded.session() as s:
        kept = kept_plan.published(s)
        unit = seeded.unit(s, "市生态环境局")
        fresh = [i.key for i in todo.items_for(todo.published(s), unit)]
    # detached: everything the pages follow was loaded with it (nothing is loaded lazily)
    assert [i.key for i in todo.items_for(kept, unit)] == fresh
    assert kept.plan.year == 2023
    assert all(t.task is not None for t in kept.targets if t.task_id is not None)
    assert all(t.section is not None for t in kept.tasks if t.section_id is not None)
    reporter = seeded.client("reporter")
    first, again = reporter.get("/progress"), reporter.get("/progress")
    assert first.status_code == again.status_code == 200 and "任务" in again.text


def test_to_do_items_kept_with_the_kept_graph_by_unit_fields_and_period(seeded, monkeypatch):
    computed = []
    real = todo.items_for
    monkeypatch.setattr(todo, "items_for", lambda *a: computed.append(a[1:]) or real(*a))
    with seeded.session() as s:
        kept = kept_plan.published(s)
        unit = seeded.unit(s, "市生态环境局")
        expected = [i.key for i in real(kept, unit, "2023-05")]
        assert expected and [i.key for i in kept_plan.items_for(kept, unit, "2023-05")] == expected
        assert [i.key for i in kept_plan.items_for(kept, unit, "2023-05")] == expected
        assert len(computed) == 1  # the second time from the kept items
        kept_plan.items_for(kept, unit, "2023-06")
        kept_plan.items_for(kept, unit)
        assert len(computed) == 3  # another period is another key
        item = expected[0]
        assert kept_plan.find_item(kept, unit, *item).key == item
        assert kept_plan.find_item(kept, unit, "target", "no-such-uid") is None
        unit.name = "市生态环境局（改名）"  # not committed: the kept graph is unchanged, the key is
        kept_plan.items_for(kept, unit, "2023-05")
        assert len(computed) == 4
        s.rollback()
    with seeded.session() as s:
        own = todo.published(s)  # not a kept graph: computed every time
        unit = seeded.unit(s, "市生态环境局")
        kept_plan.items_for(own, unit, "2023-05")
        kept_plan.items_for(own, unit, "2023-05")
    assert len(computed) == 6


def test_the_to_do_list_follows_a_change_of_the_unit_s_responsibilities(seeded):
    reporter = seeded.client("reporter")

    def tasks() -> set[str]:
        listed = reporter.get("/api/progress/todo?period=2023-05")
        assert listed.status_code == 200
        return {i["uid"] for i in listed.json()["items"] if i["kind"] == "task"}

    before = tasks()
    assert before == tasks() and seeded.app.state.task3 in before  # the second from kept items
    with seeded.session() as s:
        unit = seeded.unit(s, "市生态环境局")
        task = s.scalars(select(Task).where(Task.version_id == kept_plan.published(s).id,
                                            Task.uid == seeded.app.state.task3)).one()
        for row in [r for r in task.responsibilities if r.unit_id == unit.id]:
            s.delete(row)
    assert tasks() == before - {seeded.app.state.task3}
