"""What a district's annual report states, gathered from the platform (plain JSON values):

- **targets**: its obligations and quotas (``progress.todo.items_for``) with the latest value it
  reported in the year (approved reports only: what the office sees);
- **projects**: the key projects in the district or owned by it, planned and done (万元);
- **funding**: the money the office arranged for the district per task/target and source,
  planned and spent (``funding.summary.unit_money``), and its projects' planned investment by
  source;
- **supervision**: the supervision items addressed to it and issued in the year, by state;
- **assessment**: its result in the year's comprehensive assessment, when one can be computed.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ecoplan.app.core import clock
from ecoplan.app.funding.summary import project_sources, unit_money
from ecoplan.app.plans.models import PlanVersion
from ecoplan.app.plans.present import target_text
from ecoplan.app.progress import todo
from ecoplan.app.progress.models import ProgressReport
from ecoplan.app.projects.models import CENT, Project, to_money
from ecoplan.app.supervision.models import SupervisionItem
from ecoplan.app.supervision.workflow import STATE_LABELS


def _period_key(period: str) -> int:
    """``2023-05`` → 5, ``2023-Q2`` → 6: the month a period ends with, to find the latest."""
    tail = period[5:]
    return int(tail[1:]) * 3 if tail.startswith("Q") else int(tail)


def reported(session: Session, version: PlanVersion, unit) -> dict[str, dict]:
    """Target uid → the latest approved report of ``unit`` in the plan's year."""
    year = str(version.plan.year)
    rows = session.scalars(select(ProgressReport).where(
        ProgressReport.plan_id == version.plan_id, ProgressReport.unit_id == unit.id,
        ProgressReport.item_kind == "target", ProgressReport.approved_at.is_not(None),
        ProgressReport.state == "approved", ProgressReport.period.startswith(year)))
    latest: dict[str, ProgressReport] = {}
    for r in rows:
        if r.item_uid not in latest or _period_key(r.period) > _period_key(latest[r.item_uid].period):
            latest[r.item_uid] = r
    return {uid: {"value": r.value_to_date, "period": r.period} for uid, r in latest.items()}


def targets(session: Session, version: PlanVersion, unit) -> list[dict]:
    got = reported(session, version, unit)
    return [{"uid": i.uid, "task": i.number, "metric": i.target.metric,
             "text": target_text(i.target), "quota": i.quota, "unit": i.target.unit or "",
             "reported": got.get(i.uid, {}).get("value"),
             "period": got.get(i.uid, {}).get("period")}
            for i in todo.items_for(version, unit)
            if i.kind == "target" and i.uid != todo.IMPLEMENTATION]


def projects(session: Session, unit) -> dict:
    """The district's key projects (in it or owned by it): each, and planned/done in all."""
    rows = list(session.scalars(select(Project).where(
        or_(Project.district == unit.name, Project.owner == unit.name)).order_by(Project.code)))
    planned = sum((to_money(p.invest_planned) for p in rows), Decimal("0")).quantize(CENT)
    done = sum((to_money(p.invest_done) for p in rows), Decimal("0")).quantize(CENT)
    rate = f"{done / planned * 100:.1f}" if planned else None
    by_source: dict[str, Decimal] = {}
    for p in rows:
        for source, amount in project_sources(p).items():
            by_source[source] = by_source.get(source, Decimal("0")) + amount
    return {"count": len(rows), "planned": str(planned), "done": str(done), "rate": rate,
            "by_source": {s: str(a.quantize(CENT)) for s, a in by_source.items() if a},
            "list": [{"code": p.code, "name": p.name, "owner": p.owner,
                      "planned": str(to_money(p.invest_planned)),
                      "done": str(to_money(p.invest_done))} for p in rows]}


def _issued_in(item: SupervisionItem, year: int) -> bool:
    at = item.issued_at if item.issued_at.tzinfo else item.issued_at.replace(tzinfo=dt.timezone.utc)
    return at.astimezone(clock.BEIJING).year == year


def supervision(session: Session, unit, year: int) -> dict:
    """Supervision items addressed to the district and issued in ``year``, counted by state."""
    items = [i for i in session.scalars(select(SupervisionItem).where(
        SupervisionItem.unit_id == unit.id)) if _issued_in(i, year)]
    counts = Counter(i.state for i in items)
    return {"total": len(items),
            "by_state": {STATE_LABELS[s]: counts[s] for s in STATE_LABELS if counts[s]}}


def gather(session: Session, version: PlanVersion, unit, assessment: dict | None) -> dict:
    return {"year": version.plan.year, "plan": version.plan.title, "unit": unit.name,
            "version": version.number, "targets": targets(session, version, unit),
            "projects": projects(session, unit), "funding": unit_money(session, version, unit),
            "supervision": supervision(session, unit, version.plan.year),
            "assessment": assessment}
