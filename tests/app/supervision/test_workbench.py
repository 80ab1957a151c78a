"""The workbench: counts per role with links, the notice badge, a returned report's notice."""

from __future__ import annotations

from ecoplan.app.workbench.counts import KEYS

ITEM = {"kind": "交办", "units": ["武进区"], "title": "交办武进区：排口整治", "due": "2020-01-31"}


def test_workbench_api_has_exactly_the_keys(login_as):
    for role in ("admin", "reporter", "leader", "district", "viewer"):
        data = login_as(role).get("/api/me/workbench").json()
        assert set(KEYS) <= set(data) and all(isinstance(data[k], int) for k in KEYS), role
    assert login_as(None).get("/api/me/workbench").status_code == 401


def test_supervision_counts_and_notices_per_role(login_as):
    admin, district = login_as("admin"), login_as("district")
    item = admin.post("/api/supervision/items", json=ITEM).json()["id"]
    bench = district.get("/api/me/workbench").json()
    assert (bench["supervision_open"], bench["overdue"], bench["unread_notices"]) == (1, 1, 1)
    assert login_as("reporter").get("/api/me/workbench").json()["supervision_open"] == 0
    assert admin.get("/api/me/workbench").json()["overdue"] == 1
    home = district.get("/").text
    assert 'id="count-supervision_open"' in home and "交办：交办武进区：排口整治" in home
    assert 'id="notice-count">1<' in district.get("/supervision").text
    assert "交办武进区：排口整治" in district.get("/notices").text
    assert district.get("/api/me/workbench").json()["unread_notices"] == 0
    assert 'id="notice-count"' not in district.get("/supervision").text
    district.post(f"/api/supervision/items/{item}/sign")
    district.post(f"/api/supervision/items/{item}/respond", json={"content": "已办"})
    assert admin.get("/api/me/workbench").json()["supervision_open"] == 1
    assert district.get("/api/me/workbench").json()["supervision_open"] == 0


def test_a_returned_report_reaches_its_reporter(login_as, published, db):
    from sqlalchemy import select

    from ecoplan.app.auth.models import User
    from ecoplan.app.db import unit_of_work
    from ecoplan.app.progress import periods, service, todo
    from ecoplan.app.core.clock import evaluation_day

    with unit_of_work(db) as s:
        reporter = s.scalar(select(User).where(User.username == "reporter"))
        version = todo.published(s)
        item = todo.items_for(version, reporter.unit)[0]
        period = periods.default_period(service.calendar(s), version.plan.year, evaluation_day(s))
        report = service.save_report(s, actor=reporter, plan_id=version.plan_id, unit_id=reporter.unit_id,
                                     item=item, period=period,
                                     values={"narrative": "已完成", "value_to_date": "1"
                                             if item.kind == "target" else ""})
        service.submit(s, actor=reporter, report=report)
        report_id = report.id
    before = login_as("reporter").get("/api/me/workbench").json()
    leader = login_as("leader")
    assert leader.get("/api/me/workbench").json()["to_approve"] == 1
    back = leader.post(f"/progress/reports/{report_id}/return", data={"comment": "请补充验收材料"})
    assert back.status_code == 303
    reporter_client = login_as("reporter")
    bench = reporter_client.get("/api/me/workbench").json()
    assert bench["returned"] == 1 and bench["unread_notices"] == before["unread_notices"] + 1
    assert bench["to_report"] == before["to_report"] + 1
    home = reporter_client.get("/").text
    assert "退回意见：请补充验收材料" in home and f"/progress/reports/{report_id}" in home
    assert 'id="count-returned"' in home
    assert login_as("leader").get("/api/me/workbench").json()["unread_notices"] == 0


def test_unread_count_sums_the_inbox_and_the_unit_s_reminders_in_one_query(db, login_as):
    import datetime as dt
    from types import SimpleNamespace

    from sqlalchemy import event, select

    from ecoplan.app.auth.models import User
    from ecoplan.app.db import unit_of_work
    from ecoplan.app.progress.models import Notice
    from ecoplan.app.workbench import notices
    from ecoplan.app.workbench.models import InboxNotice

    login_as("reporter"), login_as("viewer")
    now = dt.datetime.now(dt.timezone.utc)
    with unit_of_work(db) as s:
        reporter = s.scalars(select(User).where(User.username == "reporter")).one()
        viewer = s.scalars(select(User).where(User.username == "viewer")).one()
        s.add_all([InboxNotice(user_id=reporter.id, kind="remind", message="m", created_at=now),
                   InboxNotice(unit_id=reporter.unit_id, kind="remind", message="m", created_at=now),
                   InboxNotice(user_id=reporter.id, kind="remind", message="m", created_at=now,
                               read_at=now),
                   Notice(unit_id=reporter.unit_id, kind="due_soon", period="2023-05",
                          due=dt.date(2023, 6, 5), message="m", created_at=now),
                   InboxNotice(user_id=viewer.id, kind="remind", message="m", created_at=now)])
    queries = []

    def counted(conn, cursor, statement, *rest):
        queries.append(statement)

    with unit_of_work(db) as s:
        reporter = s.scalars(select(User).where(User.username == "reporter")).one()
        viewer = s.scalars(select(User).where(User.username == "viewer")).one()
        unitless = SimpleNamespace(id=viewer.id, unit_id=None)
        event.listen(s.get_bind(), "before_cursor_execute", counted)
        try:
            assert notices.unread(s, reporter) == 3  # 2 unread of the inbox + 1 reminder
            assert len(queries) == 1
            assert notices.unread(s, unitless) == 1  # without a unit: the person's own only
        finally:
            event.remove(s.get_bind(), "before_cursor_execute", counted)
