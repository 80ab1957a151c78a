"""Demo step: progress reports (演示数据) for January–June 2023, through the progress service.

Who reports: every department, enterprise or other unit on its tasks, the lead units also on
their tasks' targets (with a value), and each district on its share of every task. What
happens is drawn from a fixed hash of (unit, item, month), so every run gives the same set:
most reports are submitted two days before the due date and approved the next day, about one
in seven comes after the due date, about one in ten is never written, and one June report is
returned by the office with a comment. The demo accounts' unit (市生态环境局) has its May and
June reports still to write, so whoever logs in as ``reporter`` has work waiting. Each report's
text says 演示数据.
"""

from __future__ import annotations

import datetime as dt
import zlib

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecoplan.app.auth.models import User
from ecoplan.app.progress import periods, service, todo
from ecoplan.app.progress.models import ProgressReport
from ecoplan.app.progress.todo import TodoItem
from ecoplan.app.timeutil import BEIJING

MONTHS = tuple(f"2023-{m:02d}" for m in range(1, 7))
RETURNED = ("市住房和城乡建设局", "2023-06")
"""The one report the office returns: the housing bureau's first lead task in June."""
LEFT_OPEN = ("市生态环境局", ("2023-05", "2023-06"))
"""The demo accounts' unit: its May and June reports are left for a visitor to write."""
RETURN_COMMENT = "请补充本月重点工程的量化进展和佐证材料（演示数据）"


def _draw(*parts: str) -> int:
    """0–99, fixed for the same parts (a demo must be reproducible)."""
    return zlib.crc32("|".join(parts).encode("utf-8")) % 100


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=BEIJING)


def _values(item: TodoItem, month: int, draw: int) -> dict:
    texts = {"narrative": f"（演示数据）{item.title[:40]}：{month}月按计划推进，完成阶段性工作。",
             "problems": "（演示数据）部分项目前期手续办理较慢。" if draw % 3 == 0 else "",
             "next_steps": "（演示数据）下月继续推进，加强调度。"}
    if item.target is None:
        return texts
    # Lead units report a value to date: on pace, a little behind or well behind.
    pace = month / 12 * (1.0 if draw < 70 else 0.8 if draw < 90 else 0.55)
    value = item.target.value * (pace if item.target.comparator in (">=", ">") else 1.0)
    return {**texts, "value_to_date": round(value, 2)}


def _items(session: Session, version) -> list[tuple[object, list[TodoItem]]]:
    """(unit, items it reports in the demo)."""
    chosen = []
    for unit, items in todo.reporting_units(session, version):
        keep = [i for i in items if i.kind == "task" or (i.role == "lead" and not todo.is_district(unit))]
        chosen.append((unit, keep))
    return chosen


def _one(session: Session, *, version, unit, item: TodoItem, period: str, cal, actors) -> str:
    """Write, submit and approve one report as the draw says; returns what happened. The
    environment bureau's demo accounts act for it; other units' steps are the system's."""
    draw = _draw(unit.name, item.uid, period)
    own = actors if actors["reporter"] is not None and actors["reporter"].unit_id == unit.id \
        else {"reporter": None, "leader": None}
    if draw < 10:
        return "missing"
    due = periods.due_date(period, cal)
    sent = due - dt.timedelta(days=2) if draw >= 24 else due + dt.timedelta(days=4)
    report = service.save_report(session, actor=own["reporter"], plan_id=version.plan_id,
                                 unit_id=unit.id, item=item, period=period,
                                 values=_values(item, int(period[-2:]), draw), at=_at(sent, 9))
    service.submit(session, actor=own["reporter"], report=report, at=_at(sent, 10))
    service.approve(session, actor=own["leader"], report=report,
                    at=_at(sent + dt.timedelta(days=1), 11))
    return "on_time" if draw >= 24 else "late"


def load_demo_reports(session: Session, report) -> None:
    version = todo.published(session)
    if version is None:
        report.lines.append("进展报告：没有已发布的工作方案，跳过")
        return
    exists = session.scalar(select(ProgressReport.id).where(
        ProgressReport.plan_id == version.plan_id, ProgressReport.period.in_(MONTHS)).limit(1))
    if exists:
        report.lines.append("进展报告（演示数据）：已有 2023 年上半年报告，未重复生成")
        return
    users = {u.username: u for u in session.scalars(select(User))}
    actors = {"reporter": users.get("reporter"), "leader": users.get("leader")}
    cal = service.calendar(session)
    counts = {"on_time": 0, "late": 0, "missing": 0}
    returned = None
    for unit, items in _items(session, version):
        for period in MONTHS:
            if unit.name == LEFT_OPEN[0] and period in LEFT_OPEN[1]:
                continue
            for item in items:
                what = _one(session, version=version, unit=unit, item=item, period=period,
                            cal=cal, actors=actors)
                counts[what] += 1
                if returned is None and what != "missing" and (unit.name, period) == RETURNED \
                        and item.kind == "task" and item.role == "lead":
                    returned = (unit, item)
    if returned is not None:
        _return(session, version, *returned, cal=cal, office=users.get("admin"))
    report.lines.append(
        f"进展报告（演示数据）：2023年1—6月按时 {counts['on_time']} 份、迟报 {counts['late']} 份、"
        f"未报 {counts['missing']} 份，退回 {1 if returned else 0} 份；"
        f"{LEFT_OPEN[0]} 5—6月留待演示填报")


def _return(session: Session, version, unit, item: TodoItem, *, cal, office) -> None:
    found = service.find_report(session, plan_id=version.plan_id, unit_id=unit.id, kind=item.kind,
                                uid=item.uid, period=RETURNED[1])
    when = _at(periods.due_date(RETURNED[1], cal) + dt.timedelta(days=2), 15)
    service.return_report(session, actor=office, report=found, comment=RETURN_COMMENT, at=when)
