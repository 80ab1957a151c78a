"""Units and districts: their status (the most serious of their items'), and how completely
and how punctually they report — the ranking on the city overview."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from ecoplan.app.progress import periods, todo
from ecoplan.app.progress.models import ReportingCalendar
from ecoplan.app.progress.service import calendar
from ecoplan.app.status.service import Context, reported_on, latest_report
from ecoplan.app.status.status import MISSING, Status, aggregate
from ecoplan.app.timeutil import as_utc

LOCAL = ZoneInfo("Asia/Shanghai")
"""Due dates are calendar days in China; a report submitted at 23:30 Beijing time is on time."""


def on_time(report, due: dt.date) -> bool:
    """Submitted (Beijing calendar day) on or before ``due``, the due date of its period."""
    submitted = as_utc(report.submitted_at or report.approved_at)
    return submitted is not None and submitted.astimezone(LOCAL).date() <= due


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
    """The unit's status on one item — the item's once the unit itself has reported for the
    period due, else 未报送 — and whether it has reported."""
    mine = latest_report(ctx, item.kind, item.uid, {unit.id})
    mine = mine if mine is not None and mine.unit_id == unit.id else None
    if reported_on(ctx, mine):
        return item_status[item.key], True
    return Status(MISSING, {"text": "本单位最近一个已到期的报告期没有经审核的报告",
                            "report_period": mine.period if mine else None}), False


def unit_row(ctx: Context, unit, items, item_status: dict, due_dates: dict) -> dict:
    pairs = [own_status(ctx, unit, item, item_status) for item in items]
    statuses = [status for status, _ in pairs]
    reported = sum(done for _, done in pairs)
    own = ctx.by_unit.get(unit.id, [])
    punctual = sum(on_time(r, due_dates[r.period]) for r in own)
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


def _item_statuses(task_rows: list[dict]) -> dict:
    out = {}
    for row in task_rows:
        out[("task", row["uid"])] = Status(row["status"]["code"], row["status"]["why"])
        for t in row["targets"]:
            out[("target", t["uid"])] = Status(t["status"]["code"], t["status"]["why"])
    return out


def units(session: Session, ctx: Context, task_rows: list[dict]) -> list[dict]:
    """Every unit with something to report, ranked; districts are units of kind "district"."""
    item_status = _item_statuses(task_rows)
    cal = calendar(session)
    due_dates = {p: due_date(p, cal) for p in {r.period for r in ctx.reports}}
    return rank([unit_row(ctx, unit, items, item_status, due_dates)
                 for unit, items in todo.reporting_units(session, ctx.version)])


def unit_items(ctx: Context, task_rows: list[dict], unit) -> list[dict]:
    """What ``unit`` reports on, with its role, its own status and the item's status."""
    item_status = _item_statuses(task_rows)
    rows = []
    for item in todo.items_for(ctx.version, unit):
        own, reported = own_status(ctx, unit, item, item_status)
        rows.append({"kind": item.kind, "uid": item.uid, "number": item.number,
                     "title": item.title, "role": item.role, "reported": reported,
                     "own_status": own.as_dict(), "item_status": item_status[item.key].as_dict()})
    return rows
