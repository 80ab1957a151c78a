"""Supervision proposals: proposed from the rules, never repeated once confirmed."""

from __future__ import annotations

import datetime as dt

from ecoplan.app.supervision.proposals import (OverdueItem, TargetMonth, failing_grades,
                                               propose)


def _months(*statuses, start=("2023", 4), unit="武进区"):
    year, month = start
    return [TargetMonth("t1", "PM2.5浓度", unit, f"{year}-{month + i:02d}", s)
            for i, s in enumerate(statuses)]


def test_red_two_months_running_proposes_a_summons():
    (p,) = propose(target_months=_months("yellow", "red", "red"), overdue=[])
    assert (p.kind, p.subject, p.subject_ref, p.unit) == ("summons", "target", "t1", "武进区")
    assert p.key == "summons:target:t1:武进区:2023-06"
    assert p.reason == "PM2.5浓度 2023-05、2023-06 连续两个月为红色"


def test_no_summons_when_not_consecutive_or_recovered():
    assert propose(target_months=_months("red", "red", "green"), overdue=[]) == []
    gap = [TargetMonth("t1", "m", "u", "2023-03", "red"), TargetMonth("t1", "m", "u", "2023-05", "red")]
    assert propose(target_months=gap, overdue=[]) == []
    assert propose(target_months=_months("red"), overdue=[]) == []
    year_end = [TargetMonth("t1", "m", "u", "2022-12", "red"), TargetMonth("t1", "m", "u", "2023-01", "red")]
    assert len(propose(target_months=year_end, overdue=[])) == 1


def test_overdue_item_proposes_an_assignment_once():
    items = [OverdueItem("ZY-1", "河道黑臭", "武进区", ("市生态环境局",), dt.date(2023, 6, 30)),
             OverdueItem("SJ-2", "扬尘", "", ("市住房城乡建设局",), dt.date(2023, 5, 31))]
    first, second = propose(target_months=[], overdue=items)
    assert (first.kind, first.unit, first.subject_ref) == ("assignment", "武进区", "ZY-1")
    assert second.unit == "市住房城乡建设局"
    assert propose(target_months=[], overdue=items, done={first.key}) == [second]


def test_failing_grade_proposes_a_summons():
    (p,) = propose(target_months=[], overdue=[],
                   failing=failing_grades([("溧阳市", "不合格")], period="2023年"))
    assert p.title == "约谈溧阳市：2023年考评等次不合格"


def test_items_name_real_bases(db, published, items):
    import pytest
    from sqlalchemy import select

    from ecoplan.app.db import unit_of_work
    from ecoplan.app.plans.models import Target, Task
    from ecoplan.app.supervision.service import Issue, issue
    from ecoplan.errors import InputError

    def one(kind, basis, ref, unit):
        (item,) = issue(s, actor="t", issue=Issue(kind=kind, units=[unit], title=kind,
                                                  basis=basis, basis_ref=ref))
        return item

    with unit_of_work(db) as s:
        on_task = one("inspection", "task", "10", "市生态环境局")
        on_target = one("summons", "target", "PM2.5浓度", "武进区")
        assert s.scalar(select(Task.number).where(Task.uid == on_task.basis_ref)) == "10"
        assert s.scalar(select(Target.metric).where(Target.uid == on_target.basis_ref)) == "PM2.5浓度"
        assert one("assignment", "ledger", "ZY-1", "武进区").basis_ref == "ZY-1"
        assert one("circular", "unit", "", "生态环境局").basis_ref == "市生态环境局"
        for basis, ref, message in (("task", "99", "没有任务“99”"), ("ledger", "X-9", "没有编号为“X-9”")):
            with pytest.raises(InputError, match=message):
                one("circular", basis, ref, "武进区")
        with pytest.raises(InputError, match="单位名录中没有“火星局”"):
            one("circular", "unit", "", "火星局")
