"""Reporting timeliness and completeness from progress reports (``ecoplan.app.progress``).

For an assessment period, every reporting period of the calendar that ends inside it and whose
due date has passed counts: each item a unit has to report is one report due. A report counts
when submitted or approved: on time if submitted (Beijing date) by the due date, late otherwise;
complete when its progress text is written and, for a quantitative target, its value is given.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecoplan.app.assessment.sources import PlatformInputs, Unavailable
from ecoplan.app.progress import periods, todo
from ecoplan.app.progress.models import REPORTED_STATES, ProgressReport
from ecoplan.app.progress.service import calendar
from ecoplan.app.timeutil import BEIJING, as_utc
from ecoplan.assessment import ReportingStats


def _periods_in(start: dt.date, end: dt.date, cal, today: dt.date) -> list[str]:
    """Reporting periods ending inside [start, end] and already due on ``today``."""
    years = range(start.year, end.year + 1)
    found = [p for y in years for p in periods.periods_of_year(y, cal.frequency)]
    return [p for p in found
            if start < periods.end(p, cal.frequency) <= end + dt.timedelta(days=1)
            and periods.due_date(p, cal) <= today]


def _counts(report: ProgressReport | None, item, due: dt.date) -> tuple[int, int, int]:
    """(on time, late, complete) for one item's report."""
    if report is None or report.state not in REPORTED_STATES or report.submitted_at is None:
        return 0, 0, 0
    on_time = as_utc(report.submitted_at).astimezone(BEIJING).date() <= due
    complete = bool(report.narrative.strip()) and (
        not item.quantitative or report.value_to_date is not None)
    return int(on_time), int(not on_time), int(complete)


class ProgressInputs(Unavailable):
    """Reporting statistics from the progress tables; target values and status: not yet."""

    def __init__(self, session: Session, today: dt.date | None = None) -> None:
        self.session = session
        self.today = today or dt.datetime.now(BEIJING).date()

    def reporting(self, *, start: dt.date, end: dt.date) -> dict[str, ReportingStats]:
        version = todo.published(self.session)
        cal = calendar(self.session)
        due_periods = _periods_in(start, end, cal, self.today)
        if version is None or not due_periods:
            return {}
        reports = {(r.unit_id, r.item_kind, r.item_uid, r.period): r
                   for r in self.session.scalars(select(ProgressReport).where(
                       ProgressReport.plan_id == version.plan_id,
                       ProgressReport.period.in_(due_periods)))}
        out = {}
        for unit, items in todo.reporting_units(self.session, version):
            totals = [0, 0, 0]
            for period in due_periods:
                due = periods.due_date(period, cal)
                for item in items:
                    got = _counts(reports.get((unit.id, *item.key, period)), item, due)
                    totals = [a + b for a, b in zip(totals, got)]
            out[unit.name] = ReportingStats(due=len(items) * len(due_periods), on_time=totals[0],
                                            late=totals[1], complete=totals[2])
        return out


def inputs_of(app, session: Session) -> PlatformInputs:
    """What ``app.state.assessment_inputs`` gives: an object with the
    :class:`~ecoplan.app.assessment.sources.PlatformInputs` methods (tests), or a factory
    called with ``session`` (``create_app`` registers the monitoring one); when unset,
    reporting from the progress reports in ``session``."""
    chosen = getattr(app.state, "assessment_inputs", None)
    if chosen is None:
        return ProgressInputs(session)
    return chosen if hasattr(chosen, "target_results") else chosen(session)
