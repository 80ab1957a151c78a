"""A quarterly review and an annual assessment to lay out as circulars (no database needed).

The units are Changzhou's districts and the lead departments of the real 2023 plan; the lagging
tasks are the plan's own tasks; every measured value and report count is SAMPLE data chosen so
the scores spread over all grades. The scores themselves come from the real engine and rules.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ecoplan.app.assessment.circular import build_circular
from ecoplan.app.assessment.gather import period
from ecoplan.app.assessment.service import Review
from ecoplan.app.supervision.proposals import failing_grades
from ecoplan.assessment import (LedgerStats, ReportingStats, TargetResult, UnitInputs, WorkItem,
                                score_units)
from ecoplan.assessment.engine import honours
from ecoplan.assessment.rules import shipped_rules
from ecoplan.plan.build import parse_file
from ecoplan.reports.official import OfficialDocument

DISTRICTS = ["溧阳市", "金坛区", "武进区", "新北区", "天宁区", "钟楼区", "常州经开区"]
# SAMPLE: PM2.5 [µg/m³], good-day ratio [%], on-time / late reports of 12, ledger closed of 6.
PM25 = [28.9, 30.4, 33.8, 32.6, 35.1, 36.2, 34.0]
GOOD_DAYS = [86.1, 83.0, 78.4, 79.5, 76.2, 74.9, 77.7]
WATER = [100.0, 95.0, 90.9, 92.3, 85.7, 83.3, 87.5]  # share of sections class I–III [%]: 国考 ≥ 80, 省考 ≥ 92.2
DUST = [2.1, 2.2, 2.5, 2.4, 2.9, 3.4, 2.6]  # t/km²·month, target 2.3
ON_TIME = [12, 12, 10, 11, 8, 7, 9]
CLOSED = [6, 6, 5, 5, 3, 2, 4]
# SAMPLE: the one status of the work (tasks led, targets owned or given as a quota).
STATUSES = ("done", "on_pace", "on_pace", "behind", "missing", "on_pace", "overdue", "not_due")


def _work(i: int, tasks: int) -> tuple[WorkItem, ...]:
    return (tuple(WorkItem("task", f"任务{k}", STATUSES[(i + k) % 8]) for k in range(tasks))
            + tuple(WorkItem("target", f"目标{k}", STATUSES[(2 * i + k) % 8]) for k in range(3)))


@dataclass(frozen=True)
class _Responsibility:
    role: str
    unit_name: str


@dataclass(frozen=True)
class _Task:
    number: str
    title: str
    responsibilities: tuple[_Responsibility, ...]


def plan_tasks(seed_plan: Path) -> list[_Task]:
    """The plan's tasks in the shape the circular reads (number, title, lead units)."""
    tasks = parse_file(seed_plan, None)["tasks"]
    return [_Task(t["number"], t["title"], tuple(_Responsibility("lead", u["name"])
                                                 for u in t["responsibility"].get("lead", [])))
            for t in tasks]


def _inputs(tasks: list[_Task]) -> list[UnitInputs]:
    units = [UnitInputs(unit=name, kind="district",
                        targets={"PM2.5": TargetResult("PM2.5", 31, pm), "优良天数比率": TargetResult("优良天数比率", 80, good),
                                 "国考优Ⅲ比例": TargetResult("国考优Ⅲ比例", 80, water),
                                 "省考优Ⅲ比例": TargetResult("省考优Ⅲ比例", 92.2, water),
                                 "市考以上劣Ⅴ比例": TargetResult("市考以上劣Ⅴ比例", 0, 0),
                                 "降尘": TargetResult("降尘", 2.3, dust)},
                        reporting=ReportingStats(due=12, on_time=on_time, late=12 - on_time, complete=on_time),
                        ledger=LedgerStats(due=6, closed=closed, overdue=6 - closed), work=_work(i, 0))
             for i, (name, pm, good, water, dust, on_time, closed)
             in enumerate(zip(DISTRICTS, PM25, GOOD_DAYS, WATER, DUST, ON_TIME, CLOSED))]
    leads = sorted({r.unit_name for t in tasks for r in t.responsibilities})
    units += [UnitInputs(unit=name, kind="department",
                         reporting=ReportingStats(due=8, on_time=8 - i % 4, late=i % 4, complete=8 - i % 3),
                         ledger=LedgerStats(due=2, closed=2 - i % 3 // 2, overdue=i % 3 // 2),
                         work=_work(i, 5))
              for i, name in enumerate(leads)]
    return units


def sample_review(seed_plan: Path, quarter: int | None) -> Review:
    """2023 Q``quarter`` (or the year): real rules and engine on the SAMPLE inputs above."""
    tasks = plan_tasks(seed_plan)
    rules = shipped_rules(2023)
    when = period(2023, quarter)
    scores = score_units(rules, _inputs(tasks))
    # A quarter lists 14 lagging tasks (one page); the year 30 (a table running over two pages).
    lagging = tasks[2:30:2] if quarter else tasks[1:31]
    result = Review(period=when, rules=rules, scores=scores, lagging=lagging)
    if quarter is None:
        result.commend, result.criticise = honours(rules, [s for v in scores.values() for s in v])
        result.summons = failing_grades([(s.unit, s.grade) for s in result.criticise], period=when.label)
    return result


def quarterly_circular(seed_plan: Path) -> OfficialDocument:
    return build_circular(sample_review(seed_plan, 2), ledger=LedgerStats(42, 31, 11),
                          doc_number="常生态办〔2023〕5号", date=dt.date(2023, 7, 10))


def annual_notice(seed_plan: Path) -> OfficialDocument:
    return build_circular(sample_review(seed_plan, None), ledger=LedgerStats(88, 80, 8),
                          doc_number="常生态办〔2024〕1号", date=dt.date(2024, 1, 20))
