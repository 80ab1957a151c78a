"""The to-do page's order: a unit's items grouped by plan section and task, with counts per
report state, and the filters an office uses to find what is due (state, 时间节点).

A department such as 市生态环境局 reports on ~190 items a month; a flat table hides the few still
to do. Each task is a group with its counts; a group with nothing left to do starts collapsed.
An item's 时间节点 are its target's deadline, else its task's dated steps (时间节点). Pure.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from ecoplan.app.progress.todo import GOALS_SECTION, TodoItem

STATE_FILTERS = {"": "全部状态", "open": "待填报（未填报、草稿、已退回）", "none": "未填报",
                 "draft": "草稿", "returned": "已退回", "submitted": "待审核", "approved": "已审核"}
OPEN = ("none", "draft", "returned")
DUE_FILTERS = {"": "全部时间节点", "period": "本期结束前已到时间节点", "quarter": "三个月内到时间节点"}
QUARTER = dt.timedelta(days=92)


def state_of(report) -> str:
    """The report's state, ``none`` when the unit has not started one for the period."""
    return report.state if report is not None else "none"


def deadlines(item: TodoItem) -> list[dt.date]:
    """The item's 时间节点: its target's deadline, else its task's dated steps, in order."""
    if item.target is not None and item.target.deadline:
        return [item.target.deadline]
    return sorted(d.date for d in (item.task.deadlines if item.task else []) if d.date)


def next_deadline(item: TodoItem, start: dt.date) -> dt.date | None:
    """The first 时间节点 on or after ``start`` (the period's first day), else the last one."""
    dates = deadlines(item)
    return next((d for d in dates if d >= start), dates[-1] if dates else None)


def matches(item: TodoItem, report, *, state: str, due: str, period_end: dt.date) -> bool:
    """Whether the row passes the filters (``period_end``: the day after the period)."""
    code = state_of(report)
    if state == "open" and code not in OPEN or state not in ("", "open") and code != state:
        return False
    if due:
        limit = period_end if due == "period" else period_end + QUARTER
        return any(d < limit for d in deadlines(item))
    return True


@dataclass
class Group:
    """One task's rows (the task, then its targets) and their counts per state."""

    number: str
    title: str
    rows: list = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)

    @property
    def open(self) -> bool:
        """Something still to fill in (shown expanded)."""
        return any(self.counts[s] for s in OPEN)


@dataclass
class SectionGroups:
    title: str
    groups: list[Group] = field(default_factory=list)

    @property
    def counts(self) -> Counter:
        return sum((g.counts for g in self.groups), Counter())


def section_title(item: TodoItem) -> str:
    """The task's heading (``(一)加快推动绿色低碳发展``), as the plan numbers it."""
    if item.task is None:
        return GOALS_SECTION
    section = item.task.section
    if section is None:
        return "其他任务"
    return section.path[-1] if section.path else section.title


def grouped(rows: list[tuple[TodoItem, object]], *, state: str = "", due: str = "",
            period_end: dt.date) -> list[SectionGroups]:
    """``rows`` (item, report or None) that pass the filters, by section and task, in plan
    order; empty groups are left out."""
    sections: dict[str, SectionGroups] = {}
    groups: dict[str, Group] = {}
    for item, report in rows:
        if not matches(item, report, state=state, due=due, period_end=period_end):
            continue
        title = section_title(item)
        key = item.task.uid if item.task is not None else "goals"
        if key not in groups:
            groups[key] = Group(item.number, item.task.title if item.task else "全市工作目标")
            sections.setdefault(title, SectionGroups(title)).groups.append(groups[key])
        group = groups[key]
        group.rows.append((item, report))
        group.counts[state_of(report)] += 1
    return list(sections.values())
