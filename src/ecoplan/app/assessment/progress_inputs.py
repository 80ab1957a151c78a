"""Reporting timeliness and completeness from progress reports (``ecoplan.app.progress``).

What is due is exactly what each unit's to-do page (``/progress``) asked of it and what the
reminders chased: for every reporting period of the calendar that ends inside the assessed
period and whose due date is before the evaluation day, every item of the unit's to-do list
(:func:`ecoplan.app.progress.todo.items_for` on the published plan for that period: what the unit
owes under the reporting obligations — its tasks in words, the figures it owns or contributes to
when their frequency makes them due, a district's implementation report). The evaluation day is the one the
reminders run on: the status settings' 评估日期 when set, else today in Beijing; on the due date
itself a period is not yet due (a report may still come in time), as for the 逾期未报 notices.
Neither the plan's publication date nor a task being finished removes anything.

A report counts when submitted or approved (``REPORTED_STATES``): on time if submitted (Beijing
date) by the due date, late otherwise; a report returned for revision counts again only once
resubmitted, then as of that submission. It is complete when its progress text is written and,
for a quantitative target, its value to date is given. Everything else due is missing.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from ecoplan.app.core import clock
from ecoplan.app.assessment.sources import PlatformInputs, Unavailable
from ecoplan.app.progress import periods, todo
from ecoplan.app.progress.models import REPORTED_STATES, ProgressReport
from ecoplan.app.progress.service import calendar
from ecoplan.assessment import ReportingStats

KEY = ["unit_id", "item_kind", "item_uid", "period"]


def _periods_in(start: dt.date, end: dt.date, cal, today: dt.date) -> list[str]:
    """Reporting periods ending inside [start, end] whose due date is before ``today``."""
    years = range(start.year, end.year + 1)
    found = [p for y in years for p in periods.periods_of_year(y, cal.frequency)]
    return [p for p in found
            if start < periods.end(p, cal.frequency) <= end + dt.timedelta(days=1)
            and periods.due_date(p, cal) < today]


def _due(session: Session, version, due_periods: list[str], cal) -> pd.DataFrame:
    """One row per unit × to-do item × due period, with the period's due date."""
    items = pd.DataFrame(
        [(unit.id, unit.name, i.kind, i.uid, i.quantitative, p) for p in due_periods
         for unit, unit_items in todo.reporting_units(session, version, p) for i in unit_items],
        columns=["unit_id", "unit", "item_kind", "item_uid", "quantitative", "period"])
    when = pd.DataFrame({"period": due_periods,
                         "due": pd.to_datetime([periods.due_date(p, cal) for p in due_periods])})
    return items.merge(when, on="period")


def _reports(session: Session, plan_id: int, due_periods: list[str]) -> pd.DataFrame:
    rows = session.execute(select(
        ProgressReport.unit_id, ProgressReport.item_kind, ProgressReport.item_uid,
        ProgressReport.period, ProgressReport.state, ProgressReport.submitted_at,
        ProgressReport.narrative, ProgressReport.value_to_date).where(
        ProgressReport.plan_id == plan_id, ProgressReport.period.in_(due_periods))).all()
    return pd.DataFrame(rows, columns=[*KEY, "state", "submitted_at", "narrative", "value"])


def count(due: pd.DataFrame, reports: pd.DataFrame) -> dict[str, ReportingStats]:
    """unit name → reports due, on time, late and complete (``due`` from :func:`_due`)."""
    rows = due.merge(reports, on=KEY, how="left")
    submitted = pd.to_datetime(rows["submitted_at"], utc=True)
    reported = rows["state"].isin(REPORTED_STATES) & submitted.notna()
    day = submitted.dt.tz_convert("Asia/Shanghai").dt.tz_localize(None).dt.normalize()
    rows["on_time"] = reported & (day <= rows["due"])
    rows["late"] = reported & ~rows["on_time"]
    written = rows["narrative"].fillna("").str.strip() != ""
    rows["complete"] = reported & written & (~rows["quantitative"] | rows["value"].notna())
    totals = rows.groupby("unit", sort=True).agg(
        due=("period", "size"), on_time=("on_time", "sum"), late=("late", "sum"),
        complete=("complete", "sum"))
    return {unit: ReportingStats(*(int(v) for v in row))
            for unit, row in zip(totals.index, totals.itertuples(index=False))}


class ProgressInputs(Unavailable):
    """Reporting statistics from the progress tables; target values and status: not yet."""

    def __init__(self, session: Session, today: dt.date | None = None) -> None:
        self.session = session
        self.today = today or clock.evaluation_day(session)

    def reporting(self, *, start: dt.date, end: dt.date) -> dict[str, ReportingStats]:
        version = todo.published(self.session)
        cal = calendar(self.session)
        due_periods = _periods_in(start, end, cal, self.today)
        if version is None or not due_periods:
            return {}
        return count(_due(self.session, version, due_periods, cal),
                     _reports(self.session, version.plan_id, due_periods))


def inputs_of(app, session: Session) -> PlatformInputs:
    """What ``app.state.assessment_inputs`` gives: an object with the
    :class:`~ecoplan.app.assessment.sources.PlatformInputs` methods (tests), or a factory
    called with ``session`` (``create_app`` registers the monitoring one); when unset,
    reporting from the progress reports in ``session``."""
    chosen = getattr(app.state, "assessment_inputs", None)
    if chosen is None:
        return ProgressInputs(session)
    return chosen if hasattr(chosen, "target_results") else chosen(session)
