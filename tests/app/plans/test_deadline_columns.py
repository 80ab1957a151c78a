"""A deadline's kind and scope are stored columns (issue 18): the reader's values kept at import,
decided from the texts on publishing when empty, and read by statuses instead of the text."""

from __future__ import annotations

import copy
import datetime as dt

from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import select

from ecoplan.app.db import make_engine
from ecoplan.app.migrate import _config, migrating, upgrade
from ecoplan.app.plans import service, versions
from ecoplan.app.plans.importing import import_plan
from ecoplan.app.plans.models import Deadline, Plan, PlanVersion, Task
from ecoplan.app.status.service import due_dates, task_deadline


def _deadlines(s, version_id: int, number: str) -> list[Deadline]:
    task = s.scalars(select(Task).where(Task.version_id == version_id, Task.number == number)).one()
    return list(task.deadlines)


def _seed_version(s) -> PlanVersion:
    return s.scalars(select(PlanVersion).join(Plan)).one()


def test_the_published_seed_stores_each_deadline_kind_and_scope(seeded):
    with seeded.session() as s:
        version = _seed_version(s)
        stored = [d for t in version.tasks for d in t.deadlines]
        assert stored and all(d.kind in ("due", "start") and d.scope in ("task", "paragraph", "clause")
                              for d in stored)
        [start] = _deadlines(s, version.id, "17")  # "6月1日起，严格执行…": a start, not due
        assert (start.kind, start.date) == ("start", dt.date(2023, 6, 1))
        [boilers] = _deadlines(s, version.id, "9")  # the biomass boilers' clause only
        assert (boilers.kind, boilers.scope) == ("due", "clause")


def test_statuses_read_the_columns_not_the_text(seeded):
    """A deadline written "6月底前" but stored as a start is due by no date: the text is not
    read again (and a stored task scope makes a clause's date the task's)."""
    with seeded.session() as s:
        version = _seed_version(s)
        [boilers] = _deadlines(s, version.id, "9")
        task = boilers.task
        assert due_dates(task) == [dt.date(2023, 6, 30)]
        assert task_deadline(task, 2023) == dt.date(2023, 12, 31)
        boilers.scope = "task"
        assert task_deadline(task, 2023) == dt.date(2023, 6, 30)
        boilers.kind = "start"
        assert due_dates(task) == [] and task_deadline(task, 2023) == dt.date(2023, 12, 31)
        s.rollback()


def test_import_keeps_the_readers_kind_and_decides_what_it_does_not_say(env, mini_plan):
    plan = copy.deepcopy(mini_plan)
    [deadline] = plan["tasks"][1]["deadlines"]
    deadline.update(kind="start", scope="paragraph")  # as a reader may say, whatever the text
    plan["tasks"][1]["deadlines"].append({"date": "2023-06-01", "text": "6月1日起,开展整治"})
    with env.session() as s:
        vid = import_plan(s, parsed=plan, actor=None).id
    with env.session() as s:
        kept, bare = _deadlines(s, vid, "5")
        assert (kept.kind, kept.scope) == ("start", "paragraph")
        # a plan JSON from before kinds: due (ecoplan.plan/1's default), its scope decided here
        assert (bare.kind, bare.scope) == ("due", "clause")
        bare.kind = bare.scope = None  # as a draft edit of its text leaves it
        service.publish(s, actor=None, version_id=vid, row_version=1)
    with env.session() as s:
        kept, bare = _deadlines(s, vid, "5")
        assert (kept.kind, kept.scope) == ("start", "paragraph")
        assert (bare.kind, bare.scope) == ("start", "clause")


def test_editing_the_text_in_a_draft_decides_again_on_publishing(seeded):
    with seeded.session() as s:
        draft = versions.start_draft(s, actor=None, plan_id=_seed_version(s).plan_id)
        [start] = _deadlines(s, draft.id, "17")
        assert start.kind == "start"  # copied from the published version
        service.update_item(s, actor=None, kind="deadline", item_id=start.id,
                            row_version=start.row_version, values={"text": "6月底前,开展养殖尾水监督性监测"})
        assert (start.kind, start.scope) == (None, None)
        [boilers] = _deadlines(s, draft.id, "9")
        service.update_item(s, actor=None, kind="task", item_id=boilers.task.id,
                            row_version=boilers.task.row_version, values={"text": boilers.text})
        assert (boilers.kind, boilers.scope) == ("due", None)
        draft_id = draft.id
    with seeded.session() as s:
        service.publish(s, actor=None, version_id=draft_id, row_version=s.get(PlanVersion, draft_id).row_version)
    with seeded.session() as s:
        [due] = _deadlines(s, draft_id, "17")
        [boilers] = _deadlines(s, draft_id, "9")
        assert due.kind == "due" and boilers.scope == "task"  # the task is now that one clause


def test_the_migration_decides_existing_deadlines_from_their_texts(seeded, db_url):
    seeded.app.state.engine.dispose()
    engine = make_engine(db_url)
    try:
        with migrating(engine) as connection:
            config = _config(connection)
            before = ScriptDirectory.from_config(config).get_revision("0022_reader").down_revision
            command.downgrade(config, before)
        upgrade(engine)
        with engine.connect() as connection:
            rows = connection.execute(select(Deadline.kind, Deadline.scope, Task.number)
                                      .join(Task, Task.id == Deadline.task_id)).all()
    finally:
        engine.dispose()
    assert rows and all(kind and scope for kind, scope, _ in rows)
    assert {(kind, scope) for kind, scope, number in rows if number == "17"} == {("start", "clause")}
    assert {(kind, scope) for kind, scope, number in rows if number == "9"} == {("due", "clause")}


def test_pages_mark_a_start(seeded):
    with seeded.session() as s:
        version = _seed_version(s)
        [start] = _deadlines(s, version.id, "17")
        [due] = _deadlines(s, version.id, "9")
        start_task, due_task, version_id = start.task_id, due.task_id, version.id
    client = seeded.client("admin")
    assert "起始时间" in client.get(f"/tasks/{start_task}").text
    assert "起始时间" not in client.get(f"/tasks/{due_task}").text
    with seeded.session() as s:
        draft_id = versions.start_draft(s, actor=None, plan_id=s.get(PlanVersion, version_id).plan_id).id
    review = client.get(f"/plans/versions/{draft_id}/review")
    assert review.status_code == 200 and review.text.count("起始时间") == 1


def test_the_column_takes_the_kinds_of_the_plan_format():
    from ecoplan.app.plans.models import DeadlineKind
    from ecoplan.plan import contract

    assert DeadlineKind.values() == contract.DEADLINE_KINDS
