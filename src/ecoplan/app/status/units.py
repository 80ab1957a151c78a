"""Units and districts: their status (the most serious of their items'), and how completely
and how punctually they report — the ranking on the city overview."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy.orm import Session

from ecoplan.app.core.clock import BEIJING
from ecoplan.app.progress import periods, todo
from ecoplan.app.progress.models import ReportingCalendar
from ecoplan.app.progress.service import calendar
from ecoplan.app.status.service import Context
from ecoplan.app.obligations import store as obligations
from ecoplan.app.status import figures
from ecoplan.app.status import settings as status_settings
from ecoplan.app.status.pace import expected_pace
from ecoplan.app.status.status import MISSING, ON_PACE, Status, aggregate
from ecoplan.app.obligations.rules import is_cumulative
from ecoplan.app.status.verdict import Figure, judge

"""Due dates are calendar days in China; a report submitted at 23:30 Beijing time is on time."""


def punctual_by_unit(reports: list, due_dates: dict[str, dt.date]) -> dict[int, int]:
    """Unit id → how many of ``reports`` were submitted (Beijing calendar day) on or before the due
    date of their period (``due_dates``), or approved by then when it has no submission time."""
    if not reports:
        return {}
    frame = pd.DataFrame({"unit_id": [r.unit_id for r in reports],
                          "due": pd.to_datetime([due_dates[r.period] for r in reports]),
                          "submitted": pd.to_datetime([r.submitted_at or r.approved_at
                                                       for r in reports], utc=True)})
    day = frame["submitted"].dt.tz_convert(BEIJING).dt.tz_localize(None).dt.normalize()
    frame["on_time"] = frame["submitted"].notna() & (day <= frame["due"])
    return {int(k): int(v) for k, v in frame.groupby("unit_id")["on_time"].sum().items()}


def due_date(period: str, cal) -> dt.date:
    """The due date of ``period`` (reports written before the calendar's frequency changed keep
    the due date of their own kind of period)."""
    frequency = "quarterly" if "Q" in period else "monthly"
    if frequency != cal.frequency:
        cal = ReportingCalendar(**{**cal.snapshot(), "frequency": frequency})
    return periods.due_date(period, cal)


def _percent(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None


def own_status(ctx: Context, unit, item, item_status: dict) -> tuple[Status, bool]:
    """The unit's status on one item it owes, counting only its own part: the item's status
    when it owns the item (the lead of a task, the owner of a figure) and reported for the
    period due; its own value against its quota for a contribution; for a task it reports its
    part of in words (配合, 按职责分工负责, a district's implementation report), whether it
    reported."""
    mine = ctx.latest.get((item.kind, item.uid, unit.id))
    ob = obligations.of(ctx.version).get(item.uid) if item.kind == "target" else None
    period = figures.due_period(ctx, ob) if ob is not None else ctx.period
    if ob is not None and period is None and mine is None:
        return item_status[item.key], False
    if not (period is None or (mine is not None and mine.period >= period)):
        return Status(MISSING, {"text": "本单位最近一个已到期的报告期没有经审核的报告",
                                "report_period": mine.period if mine else None}), False
    if item.quota is not None and item.target is not None:
        return own_part(item, mine, ctx), True
    if item.key in item_status and (item.kind == "target" or item.role == "lead"):
        return item_status[item.key], True
    return Status(ON_PACE, {"text": f"已报送{periods.label(mine.period) if mine else ''}本单位承担部分的进展",
                            "report_period": mine.period if mine else None}), True


def own_part(item, report, ctx: Context) -> Status:
    """A contributor's own value against its quota."""
    target = item.target
    pace = expected_pace(start=dt.date(ctx.year, 1, 1), deadline=target.deadline
                         or dt.date(ctx.year, 12, 31), as_of=ctx.as_of, mode="time")
    return judge(Figure(metric=f"本单位{target.metric}", comparator=target.comparator,
                        target=item.quota, unit=target.unit, value=report.value_to_date,
                        cumulative=is_cumulative(target.comparator, item.quota, target.unit),
                        span=f"截至{periods.label(report.period)}", expected=pace.share,
                        deadline_passed=ctx.as_of > pace.deadline),
                 status_settings.thresholds(ctx.settings))


def unit_row(ctx: Context, unit, items, item_status: dict, on_time: dict[int, int]) -> dict:
    pairs = [own_status(ctx, unit, item, item_status) for item in items]
    statuses = [status for status, _ in pairs]
    reported = sum(done for _, done in pairs)
    own = ctx.by_unit.get(unit.id, [])
    punctual = on_time.get(unit.id, 0)
    status = aggregate(statuses)
    return {"unit_id": unit.id, "name": unit.name, "kind": unit.kind, "item_count": len(items),
            "reported": reported, "completeness": _percent(reported, len(items)),
            "reports": len(own), "on_time": punctual, "timeliness": _percent(punctual, len(own)),
            "status": status.as_dict()}


def rank(rows: list[dict]) -> list[dict]:
    """Best first: completeness, then timeliness (no report yet counts as 0), then name."""
    ordered = sorted(rows, key=lambda r: (-(r["completeness"] or 0), -(r["timeliness"] or 0), r["name"]))
    for i, row in enumerate(ordered, start=1):
        row["rank"] = i
    return ordered


def item_statuses(task_rows: list[dict]) -> dict:
    """(kind, uid) → the one status of every task and target in ``task_rows`` (:func:`service.tasks`)."""
    out = {}
    for row in task_rows:
        out[("task", row["uid"])] = Status(row["status"]["code"], row["status"]["why"])
        for t in row["targets"]:
            out[("target", t["uid"])] = Status(t["status"]["code"], t["status"]["why"])
    return out


def units(session: Session, ctx: Context, task_rows: list[dict]) -> list[dict]:
    """Every unit with something to report, ranked; districts are units of kind "district"."""
    item_status = item_statuses(task_rows)
    cal = calendar(session)
    due_dates = {p: due_date(p, cal) for p in {r.period for r in ctx.reports}}
    punctual = punctual_by_unit(ctx.reports, due_dates)
    return rank([unit_row(ctx, unit, items, item_status, punctual)
                 for unit, items in todo.reporting_units(session, ctx.version, ctx.period)])


def unit_items(ctx: Context, task_rows: list[dict], unit) -> list[dict]:
    """What ``unit`` reports on, with its role, its own status and the item's status."""
    item_status = item_statuses(task_rows)
    rows = []
    for item in todo.items_for(ctx.version, unit, ctx.period):
        own, reported = own_status(ctx, unit, item, item_status)
        rows.append({"kind": item.kind, "uid": item.uid, "number": item.number,
                     "title": item.title, "role": item.role, "reported": reported,
                     "own_status": own.as_dict(),
                     "item_status": item_status.get(item.key, own).as_dict()})
    return rows
