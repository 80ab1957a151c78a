"""Units and districts: their status (the most serious of their items'), and how completely
and how punctually they report — the ranking on the city overview."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from ecoplan.app.progress import periods, todo
from ecoplan.app.progress.service import calendar
from ecoplan.app.status.service import Context, reported_on, latest_report
from ecoplan.app.status.status import MISSING, Status, aggregate
from ecoplan.app.timeutil import as_utc

LOCAL = ZoneInfo("Asia/Shanghai")
"""Due dates are calendar days in China; a report submitted at 23:30 Beijing time is on time."""


def on_time(report, cal) -> bool:
    submitted = as_utc(report.submitted_at or report.approved_at)
    return submitted is not None and submitted.astimezone(LOCAL).date() <= periods.due_date(report.period, cal)


def _percent(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None


def unit_row(ctx: Context, unit, items, item_status: dict, cal) -> dict:
    statuses, reported = [], 0
    for item in items:
        mine = latest_report(ctx, item.kind, item.uid, {unit.id})
        mine = mine if mine is not None and mine.unit_id == unit.id else None
        if reported_on(ctx, mine):
            reported += 1
            statuses.append(item_status[item.key])
        else:
            statuses.append(Status(MISSING))
    own = [r for r in ctx.reports if r.unit_id == unit.id]
    punctual = sum(on_time(r, cal) for r in own)
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


def units(session: Session, ctx: Context, task_rows: list[dict]) -> list[dict]:
    """Every unit with something to report, ranked; districts are units of kind "district"."""
    item_status = {}
    for row in task_rows:
        item_status[("task", row["uid"])] = Status(row["status"]["code"], row["status"]["why"])
        for t in row["targets"]:
            item_status[("target", t["uid"])] = Status(t["status"]["code"], t["status"]["why"])
    cal = calendar(session)
    return rank([unit_row(ctx, unit, items, item_status, cal)
                 for unit, items in todo.reporting_units(session, ctx.version)])
