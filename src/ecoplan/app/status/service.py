"""Gathering the inputs of the pure pace/status modules from the database: the published
plan, the approved progress reports and the settings. Keyword-only, takes the session.

Only approved reports count (the office sees a report once the unit leader approved it). A
unit has reported on an item when its latest approved report is for the latest period already
due (or a later one); a task's value and report come from its lead unit(s) when it has any.

A demo year holds thousands of approved reports: they are read as plain rows of the few columns the
statuses use (no ORM objects) and indexed once, so every lookup is a dict access.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecoplan.app.plans.deadline_kinds import governs_task, is_due
from ecoplan.app.plans.models import PlanVersion, Target, Task
from ecoplan.app.plans.present import target_text
from ecoplan.app.progress import periods, todo
from ecoplan.app.progress.models import ProgressReport
from ecoplan.app.progress.service import calendar
from ecoplan.app.status import settings as status_settings
from ecoplan.app.status.pace import expected_pace
from ecoplan.app.status import figures, outside
from ecoplan.app.obligations import store as obligations
from ecoplan.app.status.status import LABELS, NOT_DUE, ON_PACE, SEVERITY, Status, classify
from ecoplan.app.units.models import Unit

log = logging.getLogger(__name__)
REPORT_COLUMNS = (ProgressReport.id, ProgressReport.item_kind, ProgressReport.item_uid,
                  ProgressReport.unit_id, ProgressReport.period, ProgressReport.value_to_date,
                  ProgressReport.submitted_at, ProgressReport.approved_at,
                  Unit.name.label("unit_name"))
"""What the statuses read of an approved report (a row with these attributes)."""


@dataclass(frozen=True)
class Context:
    """What every item's status is computed against."""

    version: PlanVersion
    as_of: dt.date
    period: str | None
    """The latest reporting period already due on ``as_of`` (None: nothing due yet)."""
    due: dt.date | None
    settings: object
    reports: list
    """Approved reports (rows of :data:`REPORT_COLUMNS`), oldest period first."""
    by_item: dict[tuple[str, str], list]
    """The same reports by (item kind, item uid): every item looks its reports up once."""
    by_unit: dict[int, list]
    latest: dict[tuple[str, str, int], object]
    """The latest report by (item kind, item uid, unit id)."""
    skipped: tuple = ()
    """Approved reports whose period is not one of the plan year's (stored before periods
    were checked): left out of every status, listed for the office to delete."""
    passed: tuple[str, ...] = ()
    """The calendar's periods of the year already due on ``as_of``, in order."""
    outside: dict = field(default_factory=dict)
    """Target uid → its figure measured by a feature above (:mod:`.outside`: the survey)."""

    @property
    def year(self) -> int:
        return self.version.plan.year


def passed_periods(cal, year: int, as_of: dt.date) -> list[tuple[str, dt.date]]:
    """The periods of ``year`` whose report was due on or before ``as_of``, with due dates."""
    due = [(p, periods.due_date(p, cal)) for p in periods.periods_of_year(year, cal.frequency)]
    return [(p, d) for p, d in due if d <= as_of]


def context(session: Session, *, today: dt.date, until: dt.date | None = None) -> Context | None:
    """The context for the published plan, or None when nothing is published; ``until``
    caps the evaluation day (an assessed period that ended before it)."""
    version = todo.published(session)
    if version is None:
        return None
    row = status_settings.current(session)
    as_of = status_settings.as_of(row, year=version.plan.year, today=today)
    if until is not None:
        as_of = min(as_of, until)
    passed = passed_periods(calendar(session), version.plan.year, as_of)
    period, due = passed[-1] if passed else (None, None)
    reports, skipped = valid_reports(approved_reports(session, version.plan_id),
                                     version.plan.year)
    by_item: dict[tuple[str, str], list] = {}
    by_unit: dict[int, list] = {}
    for report in reports:
        by_item.setdefault((report.item_kind, report.item_uid), []).append(report)
        by_unit.setdefault(report.unit_id, []).append(report)
    latest = {(r.item_kind, r.item_uid, r.unit_id): r for r in reports}  # the last one wins
    found = outside.figures(session, obligations.of(version, session), version.plan.year, as_of)
    return Context(version, as_of, period, due, row, reports, by_item, by_unit, latest,
                   tuple(skipped), tuple(p for p, _ in passed), found)


def valid_reports(reports: list, year: int) -> tuple[list, list]:
    """``reports`` split into those whose period belongs to ``year`` and the others (a bad
    period such as ``9999-12`` must never break a page nor count as reported)."""
    valid = [r for r in reports if periods.is_valid(r.period, year)]
    bad = [r for r in reports if not periods.is_valid(r.period, year)]
    if bad:
        log.warning("%d approved progress reports with a period outside %d skipped: ids %s",
                    len(bad), year, [r.id for r in bad])
    return valid, bad


def approved_reports(session: Session, plan_id: int) -> list:
    """The plan's approved reports as rows of :data:`REPORT_COLUMNS`, oldest period first."""
    return list(session.execute(
        select(*REPORT_COLUMNS).join(Unit, Unit.id == ProgressReport.unit_id)
        .where(ProgressReport.plan_id == plan_id, ProgressReport.state == "approved")
        .order_by(ProgressReport.period, ProgressReport.id)))


def _lead_ids(task: Task) -> set[int]:
    return {r.unit_id for r in task.responsibilities if r.role == "lead" and r.unit_id}


def latest_report(ctx: Context, kind: str, uid: str, units: set[int] | None = None):
    """The latest approved report on an item (from ``units`` when given and any reported)."""
    own = [r for u in units or () if (r := ctx.latest.get((kind, uid, u))) is not None]
    if own:
        return max(own, key=lambda r: (r.period, r.id))
    found = ctx.by_item.get((kind, uid))
    return found[-1] if found else None


def reported_on(ctx: Context, report) -> bool:
    return ctx.period is None or (report is not None and report.period >= ctx.period)


def _report_facts(ctx: Context, report) -> dict:
    return {"period_due": ctx.period, "period_due_label": periods.label(ctx.period) if ctx.period else None,
            "due": ctx.due.isoformat() if ctx.due else None,
            "report_period": report.period if report else None,
            "report_unit": report.unit_name if report else None,
            "value_to_date": report.value_to_date if report else None}


def due_dates(task: Task) -> list[dt.date]:
    """Dates by which something is due (完成时限): "6月1日起" starts a duty, it is due by no date
    (the deadline's stored ``kind``, decided when its version was published)."""
    return [d.date for d in task.deadlines if is_due(d)]


def task_deadline(task: Task, year: int) -> dt.date:
    """The task's latest due deadline governing the whole task; when its deadlines govern only
    clauses (task 9's June deadline is the biomass boilers'), the rest is due at year end."""
    whole = [d.date for d in task.deadlines if is_due(d) and governs_task(d)]
    if whole:
        return max(whole)
    return max([dt.date(year, 12, 31), *due_dates(task)])


def target_status(ctx: Context, target: Target, task: Task | None = None) -> Status:
    """The target's one status, from its obligation (:mod:`ecoplan.app.status.figures`)."""
    status, figure = figures.target_status(ctx, target)
    return Status(status.code, {**status.why, "figure": figure})


def task_status(ctx: Context, task: Task) -> tuple[Status, list[tuple[Target, Status]]]:
    """A task's status (from its lead's report and its targets' shares) and its targets'."""
    targets = [(t, target_status(ctx, t, task)) for t in task.targets]
    shares = [s.why["achieved_percent"] for _, s in targets if s.why.get("achieved_percent") is not None]
    leads = _lead_ids(task)
    report = latest_report(ctx, "task", task.uid, leads)
    reported = reported_on(ctx, report) or any(s.code not in ("missing", NOT_DUE)
                                               for _, s in targets)
    deadline = task_deadline(task, ctx.year)
    pace = expected_pace(start=dt.date(ctx.year, 1, 1), deadline=deadline, as_of=ctx.as_of,
                         milestones=due_dates(task), mode=ctx.settings.pace_mode)
    facts = {**_report_facts(ctx, report), "pace": pace.explain(), "targets_with_value": len(shares)}
    all_targets_done = bool(targets) and all(s.code == "done" for _, s in targets)
    status = classify(expected=pace.share, achieved=sum(shares) / len(shares) / 100 if shares else None,
                      reported=reported, done=task.status == "done" or all_targets_done,
                      overdue=ctx.as_of > deadline, thresholds=status_settings.thresholds(ctx.settings),
                      facts=facts)
    return with_targets(status, [s for _, s in targets]), targets


def with_targets(status: Status, targets: list[Status]) -> Status:
    """A task on pace by its report is not on pace while a target of it is behind or overdue:
    it takes the most serious of those, and says so."""
    worse = [s for s in targets if s.code in SEVERITY[:SEVERITY.index(ON_PACE)] and s.code != "missing"]
    if status.code != ON_PACE or not worse:
        return status
    code = min((s.code for s in worse), key=SEVERITY.index)
    text = f"{status.why['text']}；但有{len(worse)}项目标{LABELS[code] if len(worse) == 1 else '滞后或逾期'}"
    return Status(code, {**status.why, "text": text, "targets_behind": len(worse)})


def tasks(ctx: Context) -> list[dict]:
    """Every task of the plan with its status and its targets' statuses, in plan order."""
    rows = []
    for task in ctx.version.tasks:
        status, targets = task_status(ctx, task)
        rows.append({"kind": "task", "uid": task.uid, "number": task.number, "title": task.title,
                     "lead": [r.unit_name for r in task.responsibilities if r.role == "lead"],
                     "districts": list(task.districts), "status": status.as_dict(),
                     "targets": [{"kind": "target", "uid": t.uid, "text": target_text(t),
                                  "status": s.as_dict()} for t, s in targets]})
    return rows


def counts(rows: list[dict]) -> dict[str, int]:
    """Tasks per status (every status present, in the order of LABELS)."""
    out = {code: 0 for code in LABELS}
    for row in rows:
        out[row["status"]["code"]] += 1
    return out
