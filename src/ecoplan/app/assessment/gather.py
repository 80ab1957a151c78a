"""Gathering the engine's inputs from the database: the assessed units and their ledger."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecoplan.app.ledger.models import LedgerItem
from ecoplan.app.plans import versions
from ecoplan.app.plans.models import PlanVersion
from ecoplan.app.plans.queries import DISTRICTS, load_version
from ecoplan.app.units.models import Unit
from ecoplan.assessment import LedgerStats


@dataclass(frozen=True)
class Period:
    year: int
    quarter: int | None
    start: dt.date
    end: dt.date

    @property
    def label(self) -> str:
        return f"{self.year}年第{'一二三四'[self.quarter - 1]}季度" if self.quarter else f"{self.year}年度"


def period(year: int, quarter: int | None) -> Period:
    if quarter is None:
        return Period(year, None, dt.date(year, 1, 1), dt.date(year, 12, 31))
    first = dt.date(year, 3 * quarter - 2, 1)
    last = dt.date(year + quarter // 4, (3 * quarter) % 12 + 1, 1) - dt.timedelta(days=1)
    return Period(year, quarter, first, last)


def ledger_stats(items: list[LedgerItem], *, unit: str, kind: str, end: dt.date) -> LedgerStats:
    """Items of ``unit`` due by ``end``: how many were closed by then, how many were overdue.

    A district answers for the items in its territory; a department for items naming it.
    """
    return _count([i for i in items if i.deadline and i.deadline <= end and (
        i.district == unit if kind == "district" else unit in (i.units or []))], end)


def _count(due: list[LedgerItem], end: dt.date) -> LedgerStats:
    closed = sum(1 for i in due if i.closed_on is not None and i.closed_on <= end)
    overdue = sum(1 for i in due if (i.closed_on is None or i.closed_on > end) and i.deadline < end)
    return LedgerStats(due=len(due), closed=closed, overdue=overdue)


def plan_version(session: Session, year: int) -> PlanVersion | None:
    version = versions.latest_published(session)
    if version is None or version.plan.year != year:
        return None
    return load_version(session, version.id)


def assessed_units(session: Session, version: PlanVersion | None) -> list[tuple[str, str]]:
    """(name, kind): the districts, and the departments that lead a task of the plan."""
    districts = [("district", d) for d in DISTRICTS]
    leads = set()
    if version is not None:
        leads = {r.unit_id for t in version.tasks for r in t.responsibilities
                 if r.role == "lead" and r.unit_id}
    departments = session.scalars(select(Unit.name).where(
        Unit.id.in_(leads), Unit.kind == "department").order_by(Unit.name))
    return [(name, kind) for kind, name in districts] + [(n, "department") for n in departments]


def ledger_totals(items: list[LedgerItem], end: dt.date) -> LedgerStats:
    """The whole ledger's items due by ``end``: closed by then and overdue (for the circular)."""
    return _count([i for i in items if i.deadline and i.deadline <= end], end)
