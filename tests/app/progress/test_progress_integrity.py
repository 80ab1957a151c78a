"""Input integrity of progress reports (issue #11, item 4), each defect of the security review
reproduced: periods outside the plan year or spelled twice, absurd values, self-approval,
lost updates on a report created twice, unique-constraint races answered 500."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from ecoplan.app.audit.models import AuditEntry
from ecoplan.app.forms import StaleEditError
from ecoplan.app.progress import periods, service, value_range
from ecoplan.app.progress.models import ProgressReport, ReportingCalendar
from ecoplan.errors import InputError

PERIOD = "2023-05"


def _target(seeded):
    with seeded.session() as s:
        return next(i for i in seeded.items(s, "市生态环境局")
                    if i.kind == "target" and i.role == "lead")


def _task(seeded):
    with seeded.session() as s:
        return next(i for i in seeded.items(s, "市生态环境局") if i.kind == "task")


def _reports(seeded) -> list[ProgressReport]:
    with seeded.session() as s:
        return list(s.scalars(select(ProgressReport).order_by(ProgressReport.id)))


@pytest.mark.parametrize("period", ["9999-12", "2099-12", "2022-12", "2023-05\n", " 2023-05",
                                    "２０２３-05", "2023-Q2", "2023-5"])
def test_periods_outside_the_plan_year_or_misspelled_are_refused(seeded, period):
    reporter = seeded.client("reporter")
    task = _task(seeded)
    response = reporter.post(f"/progress/items/task/{task.uid}",
                             data={"period": period, "narrative": "推进中", "version": "0"})
    assert response.status_code == 422, response.text[-300:]
    assert "报告期" in response.text
    assert _reports(seeded) == []


def test_a_trailing_newline_does_not_create_a_second_report(seeded):
    reporter = seeded.client("reporter")
    task = _task(seeded)
    first = reporter.post(f"/progress/items/task/{task.uid}",
                          data={"period": PERIOD, "narrative": "一", "version": "0"})
    assert first.status_code == 303
    second = reporter.post(f"/progress/items/task/{task.uid}",
                           data={"period": PERIOD + "\n", "narrative": "二", "version": "1"})
    assert second.status_code == 422
    assert [(r.period, r.narrative) for r in _reports(seeded)] == [(PERIOD, "一")]


def test_period_parsing_is_strict():
    with pytest.raises(InputError):
        periods.parse("2023-05\n", "monthly")
    assert periods.label("2023-05\n") == "2023-05\n"  # shown as written, not as a month
    periods.check_in_year("2023-12", "monthly", 2023)
    with pytest.raises(InputError, match="2023年"):
        periods.check_in_year("2024-01", "monthly", 2023)
    assert periods.is_valid("2023-Q4", 2023) and not periods.is_valid("9999-12", 2023)


def test_value_range_refuses_absurd_and_impossible_and_asks_to_confirm_unusual(seeded):
    reporter = seeded.client("reporter")
    item = _target(seeded)
    assert value_range.kind(item.target) in ("concentration", "count", "amount")
    url = f"/progress/items/target/{item.uid}"
    base = {"period": PERIOD, "narrative": "推进中", "version": "0"}
    absurd = reporter.post(url, data={**base, "value_to_date": "1e15", "confirm_value": "1"})
    assert absurd.status_code == 422 and "超出允许的范围" in absurd.text
    negative = reporter.post(url, data={**base, "value_to_date": "-3", "confirm_value": "1"})
    assert negative.status_code == 422 and "不可能是该目标的值" in negative.text
    high = f"{max(10 * (item.target.value or 0), 100) + 1:g}"
    unusual = reporter.post(url, data={**base, "value_to_date": high})
    assert unusual.status_code == 422 and "常见范围" in unusual.text
    assert 'name="confirm_value"' in unusual.text
    assert _reports(seeded) == []
    confirmed = reporter.post(url, data={**base, "value_to_date": high, "confirm_value": "1"})
    assert confirmed.status_code == 303
    [report] = _reports(seeded)
    assert report.value_to_date == float(high)
    with seeded.session() as s:
        history = s.get(ProgressReport, report.id).history
        assert "已确认" in history[-1].comment
    normal = reporter.post(url, data={**base, "version": "1", "value_to_date": "1"})
    assert normal.status_code == 303


def _submitted_by(seeded, role: str) -> int:
    client = seeded.client(role)
    task = _task(seeded)
    saved = client.post(f"/progress/items/task/{task.uid}",
                        data={"period": PERIOD, "narrative": "推进中", "version": "0",
                              "intent": "submit"})
    assert saved.status_code == 303, saved.text[-300:]
    return int(saved.headers["location"].rsplit("/", 1)[1])


def test_the_submitter_never_approves_their_own_report(seeded):
    report_id = _submitted_by(seeded, "leader")
    leader = seeded.client("leader")
    shown = leader.get(f"/progress/reports/{report_id}").text
    assert 'id="four-eyes"' in shown and 'id="approve"' not in shown
    refused = leader.post(f"/progress/reports/{report_id}/approve", data={})
    assert refused.status_code == 422 and "本人提交" in refused.text
    assert _reports(seeded)[0].state == "submitted"


def test_self_approval_allowed_for_one_person_units_is_marked(seeded):
    report_id = _submitted_by(seeded, "leader")
    with seeded.session() as s:
        s.add(ReportingCalendar(**{**service.CALENDAR_DEFAULTS, "self_approval": True}))
    leader = seeded.client("leader")
    assert 'id="approve"' in leader.get(f"/progress/reports/{report_id}").text
    approved = leader.post(f"/progress/reports/{report_id}/approve", data={})
    assert approved.status_code == 303
    [report] = _reports(seeded)
    assert report.state == "approved"
    with seeded.session() as s:
        actions = s.scalars(select(AuditEntry.action).where(
            AuditEntry.object_type == "progress_report")).all()
        assert actions[-1] == "progress.approve_own"
        assert s.get(ProgressReport, report_id).history[-1].action == "approve_own"


def test_self_approval_needs_the_unit_to_have_no_other_approver(seeded, password_hash):
    from ecoplan.app.auth.models import User

    report_id = _submitted_by(seeded, "leader")
    with seeded.session() as s:
        s.add(ReportingCalendar(**{**service.CALENDAR_DEFAULTS, "self_approval": True}))
        s.add(User(username="leader2", display_name="另一负责人", password_hash=password_hash,
                   role="leader", unit=seeded.unit(s, "市生态环境局"), active=True,
                   failed_logins=0, version=1))
    refused = seeded.client("leader").post(f"/progress/reports/{report_id}/approve", data={})
    assert refused.status_code == 422


def test_second_creator_gets_409_and_sees_the_first_text(seeded):
    """Both open the form of a report that does not exist yet (version 0) and save."""
    task = _task(seeded)
    url = f"/progress/items/task/{task.uid}"
    first, second = seeded.client("reporter"), seeded.client("leader")
    assert first.post(url, data={"period": PERIOD, "narrative": "甲的进展",
                                 "version": "0"}).status_code == 303
    late = second.post(url, data={"period": PERIOD, "narrative": "乙的进展", "version": "0"})
    assert late.status_code == 409
    assert "甲的进展" in late.text and "乙的进展" in late.text  # the stored and the lost text
    assert [r.narrative for r in _reports(seeded)] == ["甲的进展"]


def test_a_creation_race_on_the_unique_constraint_is_a_409(seeded, monkeypatch):
    """The other request's row appears between our look-up and our insert."""
    task = _task(seeded)
    url = f"/progress/items/task/{task.uid}"
    reporter = seeded.client("reporter")
    assert reporter.post(url, data={"period": PERIOD, "narrative": "先到",
                                    "version": "0"}).status_code == 303
    real = service.find_report
    calls = []

    def not_yet(*args, **kwargs):
        calls.append(1)
        return None if len(calls) == 1 else real(*args, **kwargs)

    monkeypatch.setattr(service, "find_report", not_yet)
    raced = seeded.client("leader").post(url, data={"period": PERIOD, "narrative": "后到"})
    assert raced.status_code == 409, raced.text[-300:]
    assert "先到" in raced.text
    with seeded.session() as s:
        assert s.scalar(select(func.count(ProgressReport.id))) == 1


def test_service_refuses_a_stale_new_report(seeded):
    item = _task(seeded)
    with seeded.session() as s:
        reporter = seeded.user(s, "reporter")
        unit = seeded.unit(s, "市生态环境局")
        from ecoplan.app.progress import todo
        plan_id = todo.published(s).plan_id
        service.save_report(s, actor=reporter, plan_id=plan_id, unit_id=unit.id, item=item,
                            period=PERIOD, values={"narrative": "一"}, version=0)
        with pytest.raises(StaleEditError):
            service.save_report(s, actor=reporter, plan_id=plan_id, unit_id=unit.id,
                                item=item, period=PERIOD, values={"narrative": "二"},
                                version=0)


def test_any_integrity_error_is_a_409(seeded, monkeypatch):
    from sqlalchemy.exc import IntegrityError

    def clash(*_args, **_kwargs):
        raise IntegrityError("INSERT", {}, Exception("duplicate key"))

    monkeypatch.setattr(service, "update_calendar", clash)
    admin = seeded.client("admin")
    response = admin.post("/progress/calendar", data={
        "frequency": "monthly", "due_day": "5", "remind_days": "3", "max_evidence_mb": "10",
        "version": "1"})
    assert response.status_code == 409 and "他人" in response.text
