"""The report flow in the service: to-do lists by role, save → submit → approve → return,
history and audit for every change, stale forms refused."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from ecoplan.app.audit.models import AuditEntry
from ecoplan.app.forms import StaleEditError
from ecoplan.app.progress import service
from ecoplan.errors import InputError

from ecoplan.app.plans.models import PlanVersion

PERIOD = "2023-05"


def test_todo_lists_by_role(seeded):
    with seeded.session() as s:
        items = seeded.items(s, "市生态环境局")
        roles = {i.role for i in items}
        assert {"lead", "cooperating"} <= roles
        assert {i.kind for i in items} == {"task", "target"}
        # every target row follows its task with the same role
        for item in items:
            if item.kind == "target":
                assert item.target.task_id == item.task.id and item.value_unit == item.target.unit
        district = seeded.items(s, "武进区")
        assert district and all(i.role in ("implementers", "lead", "cooperating", "shared")
                                for i in district)
        assert any(i.role == "implementers" for i in district)


def _first(items, kind, role="lead"):
    return next(i for i in items if i.kind == kind and i.role == role)


def test_save_submit_approve_return_keeps_history(seeded):
    with seeded.session() as s:
        reporter, leader, admin = (seeded.user(s, r) for r in ("reporter", "leader", "admin"))
        unit = seeded.unit(s, "市生态环境局")
        item = _first(seeded.items(s, unit.name), "task")
        plan_id = s.get(PlanVersion, item.task.version_id).plan_id
        report = service.save_report(s, actor=reporter, plan_id=plan_id, unit_id=unit.id,
                                     item=item, period=PERIOD,
                                     values={"narrative": "已完成方案编制", "problems": "",
                                             "next_steps": "组织验收"})
        assert report.state == "draft" and report.version == 1
        with pytest.raises(InputError, match="数字"):
            service.save_report(s, actor=reporter, plan_id=plan_id, unit_id=unit.id,
                                item=_first(seeded.items(s, unit.name), "target"),
                                period=PERIOD, values={"value_to_date": "三十"})
        with pytest.raises(InputError, match="量化"):
            service.save_report(s, actor=reporter, plan_id=plan_id, unit_id=unit.id, item=item,
                                period=PERIOD, values={"value_to_date": "3"})
        with pytest.raises(StaleEditError):
            service.submit(s, actor=reporter, report=report, version=0)
        service.submit(s, actor=reporter, report=report, version=1)
        with pytest.raises(InputError, match="不能再修改"):
            service.save_report(s, actor=reporter, plan_id=plan_id, unit_id=unit.id, item=item,
                                period=PERIOD, values={"narrative": "改"})
        with pytest.raises(InputError, match="已审核"):
            service.return_report(s, actor=admin, report=report, comment="不行")
        service.approve(s, actor=leader, report=report)
        assert report.state == "approved" and report.approved_by == leader.id
        with pytest.raises(InputError, match="退回意见"):
            service.return_report(s, actor=admin, report=report, comment="  ")
        service.return_report(s, actor=admin, report=report, comment="请补充验收材料")
        assert report.state == "returned" and report.return_comment == "请补充验收材料"
        service.save_report(s, actor=reporter, plan_id=plan_id, unit_id=unit.id, item=item,
                            period=PERIOD, values={"narrative": "已补充"}, version=report.version)
        assert [e.action for e in report.history] == ["save", "submit", "approve", "return", "save"]
        assert report.history[3].comment == "请补充验收材料"
        assert report.history[1].snapshot["state"] == "submitted"
        actions = s.scalars(select(AuditEntry.action).where(
            AuditEntry.object_type == "progress_report")).all()
        assert actions == ["progress.save", "progress.submit", "progress.approve",
                           "progress.return", "progress.save"]


def test_calendar_defaults_and_update(seeded):
    with seeded.session() as s:
        cal = service.calendar(s)
        assert (cal.frequency, cal.due_day, cal.id) == ("monthly", 5, None)
        service.update_calendar(s, actor=seeded.user(s, "admin"),
                                values={"due_day": 10, "remind_days": 2}, version=1)
    with seeded.session() as s:
        cal = service.calendar(s)
        assert (cal.due_day, cal.remind_days, cal.version) == (10, 2, 2)
        with pytest.raises(StaleEditError):
            service.update_calendar(s, actor=None, values={"due_day": 3}, version=1)
