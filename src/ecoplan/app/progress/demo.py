"""Demo step: progress reports (演示数据) for January–June 2023, what each unit's to-do page asks.

Every unit reports on what it owes each month (:func:`ecoplan.app.progress.todo.items_for` for
the month: its tasks in words, the figures it owns or contributes to, a district's implementation
report), as its unit profile and a fixed hash of (unit, item, month) say, so every run gives
the same set. Most units are diligent (about 2 % of reports never written, 5 % after the due
date), some average, a few slack, one in twenty poor (a quarter missing, a quarter late); slack
units also leave a target's value to date out now and then (an incomplete report). A report on
time is submitted a few days before the due date and approved the next day; a late one comes
days after it. One June report is returned by the office with a comment, and the demo accounts'
unit (市生态环境局) has its May and June reports still to write, so whoever logs in as
``reporter`` has work waiting. Each report's text says 演示数据.

The reports, with their save/submit/approve history, are written in bulk (some 1 900 of them, 13 000 before reporting obligations:
going through the service one by one would make the demo build slow); one audit entry
(``progress.demo``) records the batch. The office's return goes through the service.
"""

from __future__ import annotations

import datetime as dt
import zlib
from dataclasses import dataclass

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from ecoplan.app.audit.service import record
from ecoplan.app.auth.models import User
from ecoplan.app.progress import periods, service, todo
from ecoplan.app.progress.models import ProgressEvent, ProgressReport
from ecoplan.app.progress.todo import TodoItem
from ecoplan.app.core.clock import BEIJING
from ecoplan.app.obligations.rules import is_cumulative
from ecoplan.app.units.models import Unit

MONTHS = tuple(f"2023-{m:02d}" for m in range(1, 7))
RETURNED = ("市住房和城乡建设局", "2023-06")
"""The one report the office returns: the housing bureau's first lead task in June."""
LEFT_OPEN = ("市生态环境局", ("2023-05", "2023-06"))
"""The demo accounts' unit: its May and June reports are left for a visitor to write."""
COUNTS = ("家", "个", "条", "座", "项", "所", "处", "台", "辆", "次", "辆·次")
"""Units of things counted whole."""
RETURN_COMMENT = "请补充本月重点工程的量化进展和佐证材料（演示数据）"


@dataclass(frozen=True)
class Profile:
    """How a unit reports, in % of its reports: never written, late, targets without value."""

    missing: int
    late: int
    no_value: int


PROFILES = ((50, Profile(2, 5, 1)), (80, Profile(5, 12, 4)), (95, Profile(10, 22, 10)),
            (100, Profile(25, 25, 20)))
"""(unit draw below, profile): half the units diligent, 30 % average, 15 % slack, 5 % poor."""


def _draw(*parts: str) -> int:
    """0–99, fixed for the same parts (a demo must be reproducible)."""
    return zlib.crc32("|".join(parts).encode("utf-8")) % 100


def _profile(unit_name: str) -> Profile:
    draw = _draw("demo profile", unit_name)
    return next(p for below, p in PROFILES if draw < below)


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=BEIJING)


def _key(item: TodoItem) -> str:
    """The item as the plan writes it (uids are random per import; numbers and texts are not)."""
    return f"{item.kind}|{item.number}|{item.title}"


def _values(item: TodoItem, month: int, draw: int, profile: Profile) -> dict:
    texts = {"narrative": f"（演示数据）{item.title[:40]}：{month}月按计划推进，完成阶段性工作。",
             "problems": "（演示数据）部分项目前期手续办理较慢。" if draw % 3 == 0 else "",
             "next_steps": "（演示数据）下月继续推进，加强调度。", "value_to_date": None}
    if item.target is None or (draw * 7) % 100 < profile.no_value:
        return texts
    # A value to date: on pace, a little behind or well behind.
    whole = item.quota if item.quota is not None else item.target.value
    comparator = item.target.comparator
    if is_cumulative(comparator, whole, item.target.unit):  # a count reached over the year
        value = whole * month / 12 * (1.0 if draw < 70 else 0.8 if draw < 90 else 0.55)
        if float(whole).is_integer() and item.target.unit in COUNTS:
            value = float(int(value))  # whole factories, not 3.33 of them
    else:  # a level held (a rate, a ceiling): mostly met, sometimes a little off
        off = 0.0 if draw < 70 or comparator == "==" else 0.03 if draw < 90 else 0.1
        lift = 0.02 if comparator == ">" else 0.0  # strictly above: a little above
        value = whole * (1 + lift - off if comparator in (">=", ">") else 1 + off)
    return {**texts, "value_to_date": round(value, 2)}


def _outcome(unit_name: str, item: TodoItem, period: str) -> tuple[str, int]:
    """("missing" / "late" / "on_time", the report's draw)."""
    profile, draw = _profile(unit_name), _draw(unit_name, _key(item), period)
    if draw < profile.missing:
        return "missing", draw
    return ("late" if draw < profile.missing + profile.late else "on_time"), draw


def _times(due: dt.date, outcome: str, draw: int) -> tuple[dt.datetime, dt.datetime]:
    """When the report was saved and submitted (approved a day after submission)."""
    day = due - dt.timedelta(days=1 + draw % 4) if outcome == "on_time" \
        else due + dt.timedelta(days=1 + draw % 4)
    return _at(day, 9), _at(day, 10)


def _rows(version, unit, item: TodoItem, period: str, due: dt.date, leader) -> tuple[dict, str]:
    outcome, draw = _outcome(unit.name, item, period)
    if outcome == "missing":
        return {}, outcome
    saved, sent = _times(due, outcome, draw)
    approved = sent + dt.timedelta(days=1, hours=1)
    values = _values(item, int(period[-2:]), draw, _profile(unit.name))
    return {"plan_id": version.plan_id, "item_kind": item.kind, "item_uid": item.uid,
            "unit_id": unit.id, "period": period, "role": item.role,
            "value_unit": item.value_unit, "return_comment": "", "state": "approved",
            "created_at": saved, "updated_at": approved, "submitted_at": sent,
            "approved_at": approved, "approved_by": getattr(leader, "id", None), "version": 3,
            **values}, outcome


def _history(report: dict, report_id: int, actors: tuple[str, str]) -> list[dict]:
    """The save, submit and approve events the service would have kept."""
    snapshot = {"item": f"{report['item_kind']}:{report['item_uid']}", "unit_id": report["unit_id"],
                "period": report["period"], "role": report["role"],
                "value_to_date": report["value_to_date"], "value_unit": report["value_unit"],
                "narrative": report["narrative"], "problems": report["problems"],
                "next_steps": report["next_steps"], "return_comment": "", "evidence": []}
    steps = (("save", "draft", report["created_at"], actors[0]),
             ("submit", "submitted", report["submitted_at"], actors[0]),
             ("approve", "approved", report["approved_at"], actors[1]))
    return [{"report_id": report_id, "at": at, "actor": actor, "action": action, "state": state,
             "comment": "", "snapshot": {**snapshot, "state": state}}
            for action, state, at, actor in steps]


def _write(session: Session, reports: list[dict], actors_of: dict[int, tuple[str, str]]) -> None:
    if not reports:
        return
    ids = session.scalars(insert(ProgressReport).returning(
        ProgressReport.id, sort_by_parameter_order=True), reports).all()
    events = [e for r, rid in zip(reports, ids) for e in _history(r, rid, actors_of[r["unit_id"]])]
    session.execute(insert(ProgressEvent), events)


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
    cal = service.calendar(session)
    dues = {p: periods.due_date(p, cal) for p in MONTHS}
    rows, counts, actors_of = [], {"on_time": 0, "late": 0, "missing": 0}, {}
    for period in MONTHS:
        for unit, items in todo.reporting_units(session, version, period):
            own = users.get("reporter") is not None and users["reporter"].unit_id == unit.id
            leader = users.get("leader") if own else None
            actors_of[unit.id] = ("reporter", "leader") if own else ("system", "system")
            if unit.name == LEFT_OPEN[0] and period in LEFT_OPEN[1]:
                continue
            for item in items:
                row, outcome = _rows(version, unit, item, period, dues[period], leader)
                counts[outcome] += 1
                rows += [row] if row else []
    _write(session, rows, actors_of)
    record(session, actor=None, action="progress.demo", object_type="progress_report",
           object_id="2023-01—2023-06", after={**counts, "reports": len(rows)})
    returned = _return(session, version, cal=cal, office=users.get("admin"))
    report.lines.append(
        f"进展报告（演示数据）：2023年1—6月按时 {counts['on_time']} 份、迟报 {counts['late']} 份、"
        f"未报 {counts['missing']} 份，退回 {returned} 份；{LEFT_OPEN[0]} 5—6月留待演示填报")


def _return(session: Session, version, *, cal, office) -> int:
    """The office returns the housing bureau's first reported lead task of June (1, or 0)."""
    found = session.scalars(select(ProgressReport).join(Unit).where(
        ProgressReport.plan_id == version.plan_id, ProgressReport.period == RETURNED[1],
        ProgressReport.item_kind == "task", ProgressReport.role == "lead",
        Unit.name == RETURNED[0]).order_by(ProgressReport.id)).first()
    if found is None or office is None:
        return 0
    when = _at(periods.due_date(RETURNED[1], cal) + dt.timedelta(days=2), 15)
    service.return_report(session, actor=office, report=found, comment=RETURN_COMMENT, at=when)
    return 1
