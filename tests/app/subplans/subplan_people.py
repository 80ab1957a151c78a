"""More people for the sub-plan reporting tests: a second head of 武进区 (four eyes) and a
department of 武进区 with a reporter; and one measure reported and approved through the pages."""

from __future__ import annotations

from sqlalchemy import select

from ecoplan.app.auth.models import User
from ecoplan.app.subplans.models import SubPlanReport, SubPlanUnit
from ecoplan.app.units.models import Unit


def add_person(env, people: dict, key: str, role: str, unit: str, *, kind: str = "department",
               parent: str | None = None):
    """A user ``key`` of ``role`` in ``unit`` (created when missing, under the district
    ``parent`` when given), logged in."""
    with env.session() as s:
        found = s.scalars(select(Unit).where(Unit.name == unit)).first()
        if found is None:
            above = s.scalars(select(Unit).where(Unit.name == parent)).one() if parent else None
            found = Unit(name=unit, kind=kind, aliases=[], active=True, version=1, parent=above)
            s.add(found)
        model = s.get(User, people["district"])
        user = User(username=key, display_name=f"测试{key}", password_hash=model.password_hash,
                    role=role, unit=found, active=True, failed_logins=0, version=1)
        s.add(user)
        s.flush()
        people[key] = user.id
    return env.client(key)


def map_unit(client, env, written: str, unit: str | None):
    """The sub-plan's owner maps the responsible unit ``written`` to the unit named ``unit``
    (None: the owner reports); the response."""
    with env.session() as s:
        link = s.scalars(select(SubPlanUnit).where(SubPlanUnit.name == written)).one()
        choice = "owner" if unit is None else \
            f"unit:{s.scalars(select(Unit.id).where(Unit.name == unit)).one()}"
        sp_id, link_id = link.subplan_id, link.id
    return client.post(f"/subplans/{sp_id}/units", data={f"unit_{link_id}": choice})


def second_head(env, people: dict):
    return add_person(env, people, "wujin_head", "leader", "武进区", kind="district")


def last_report(env) -> SubPlanReport:
    with env.session() as s:
        report = s.scalars(select(SubPlanReport).order_by(SubPlanReport.id.desc())).first()
        s.expunge(report)
        return report


def report_and_approve(env, reporter, approver, item_id: int, status: str, note: str) -> None:
    r = reporter.post(f"/subplans/items/{item_id}/reports", data={"status": status, "note": note})
    assert r.status_code == 303, r.text[-1500:]
    report = last_report(env)
    r = approver.post(f"/subplans/reports/{report.id}/approve", data={"version": report.version})
    assert r.status_code == 303, r.text[-1500:]
