"""The to-do page's groups and filters: by section and task, counts per state, what is due."""

from __future__ import annotations

import datetime as dt
import re
from types import SimpleNamespace

from ecoplan.app.progress import agenda, todo
from ecoplan.app.progress.todo import TodoItem

PERIOD = "2023-05"
MAY_END = dt.date(2023, 6, 1)  # the day after the period


def _task(uid, number, *, dates=(), section="(一)加快推动绿色低碳发展"):
    return SimpleNamespace(uid=uid, number=number, title=f"任务{number}",
                           deadlines=[SimpleNamespace(date=d) for d in dates],
                           section=SimpleNamespace(path=["二、重点任务", section], title=section))


def _rows():
    t1 = _task("t1", "1", dates=[dt.date(2023, 12, 31), dt.date(2023, 5, 31)])
    t2 = _task("t2", "2", section="(二)深入打好蓝天保卫战")
    target = SimpleNamespace(uid="g1", deadline=dt.date(2023, 8, 31), unit="%")
    return [(TodoItem("task", "t1", "lead", t1), None),
            (TodoItem("target", "g1", "lead", t1, target), SimpleNamespace(state="approved")),
            (TodoItem("task", "t2", "cooperating", t2), SimpleNamespace(state="returned"))]


def test_grouped_by_section_and_task_with_counts():
    sections = agenda.grouped(_rows(), period_end=MAY_END)
    assert [s.title for s in sections] == ["(一)加快推动绿色低碳发展", "(二)深入打好蓝天保卫战"]
    first = sections[0].groups[0]
    assert (first.number, len(first.rows), dict(first.counts)) == ("1", 2, {"none": 1, "approved": 1})
    assert first.open and sections[1].groups[0].open  # 未填报 / 已退回 left to do
    assert dict(sections[0].counts) == {"none": 1, "approved": 1}


def test_a_task_with_everything_reported_is_not_open():
    rows = [(item, SimpleNamespace(state="submitted")) for item, _ in _rows()]
    assert not any(g.open for s in agenda.grouped(rows, period_end=MAY_END) for g in s.groups)


def test_state_filters():
    def kept(state):
        return [i.uid for s in agenda.grouped(_rows(), state=state, period_end=MAY_END)
                for g in s.groups for i, _ in g.rows]
    assert kept("open") == ["t1", "t2"]
    assert kept("none") == ["t1"] and kept("approved") == ["g1"] and kept("draft") == []
    assert kept("") == ["t1", "g1", "t2"]


def test_due_filters_use_the_targets_deadline_else_the_tasks_steps():
    rows = _rows()
    by_period = agenda.grouped(rows, due="period", period_end=MAY_END)
    assert [i.uid for s in by_period for g in s.groups for i, _ in g.rows] == ["t1"]  # 05-31 step
    by_quarter = agenda.grouped(rows, due="quarter", period_end=MAY_END)
    assert [i.uid for s in by_quarter for g in s.groups for i, _ in g.rows] == ["t1", "g1"]
    assert agenda.next_deadline(rows[0][0], dt.date(2023, 6, 1)) == dt.date(2023, 12, 31)
    assert agenda.next_deadline(rows[2][0], dt.date(2023, 6, 1)) is None


def test_the_page_filters_and_groups(seeded):
    with seeded.session() as s:
        owed = len(todo.items_for(todo.published(s), seeded.unit(s, "市生态环境局"), PERIOD))
    assert 100 < owed < 188  # what it owes, no longer every item of every task naming it
    reporter = seeded.client("reporter")
    page = reporter.get(f"/progress?period={PERIOD}").text
    assert page.count('<tr class="todo-') == owed and 'class="todo-group" open' in page
    assert f"本期应报送 <strong>{owed}</strong> 项" in page
    due = reporter.get(f"/progress?period={PERIOD}&due=period").text
    shown = int(re.search(r"符合筛选条件 <strong>(\d+)</strong> 项", due).group(1))
    assert 0 < shown == due.count('<tr class="todo-') < owed
    none = reporter.get(f"/progress?period={PERIOD}&state=approved").text
    assert "没有符合筛选条件的事项" in none and '<tr class="todo-' not in none
    assert reporter.get(f"/progress?period={PERIOD}&state=bogus").text.count('<tr class="todo-') == owed
