"""The obligations in force for a plan version: the defaults overlaid by the office's rows.

Computed once per version object (the session's loaded ``PlanVersion``), since a status page asks
for every unit's to-do list; :func:`forget` drops it after a change.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from ecoplan.app.obligations import defaults
from ecoplan.app.obligations.models import ObligationRow
from ecoplan.app.obligations.rules import Contribution, Obligation
from ecoplan.app.plans import queries
from ecoplan.app.plans.models import PlanVersion
from ecoplan.app.plans.snapshot import typed_goals
from ecoplan.app.units.models import Unit
from ecoplan.monitoring.targets import bind, load_bindings

KEPT = "_ecoplan_obligations"


def goal_indicators(version: PlanVersion) -> dict[str, str]:
    """Goal uid → the id of the monitoring binding that measures it."""
    return {b["target"]: b["id"] for b in bind(typed_goals(version), load_bindings()) if b["target"]}


def office_rows(session: Session, version: PlanVersion) -> dict[str, ObligationRow]:
    """The office's row in force for each target uid of ``version`` (highest from_version)."""
    rows = session.scalars(select(ObligationRow).where(
        ObligationRow.plan_id == version.plan_id, ObligationRow.from_version <= version.number)
        .order_by(ObligationRow.from_version, ObligationRow.id))
    return {row.target_uid: row for row in rows}


def from_row(row: ObligationRow, names: dict[int, str]) -> Obligation:
    parts = tuple(Contribution(int(c["unit_id"]), names.get(int(c["unit_id"]), "?"),
                               None if c.get("quota") is None else float(c["quota"]))
                  for c in row.contributions or [])
    return Obligation(row.target_uid, row.source, row.frequency, row.first_month,
                      owner_id=row.owner_id, owner=names.get(row.owner_id) if row.owner_id else None,
                      aggregation=row.aggregation, contributions=parts, indicator=row.indicator,
                      origin="office", note=row.note or "", projects=row.projects or None)


def compute(session: Session, version: PlanVersion) -> dict[str, Obligation]:
    names = dict(session.execute(select(Unit.id, Unit.name)).all())
    districts = {name: uid for uid, name in names.items() if name in queries.DISTRICTS}
    ordered = {d: districts[d] for d in queries.DISTRICTS if d in districts}
    result = defaults.derive(version, ordered, goal_indicators(version))
    for uid, row in office_rows(session, version).items():
        if uid in result:
            result[uid] = from_row(row, names)
    return result


def of(version: PlanVersion, session: Session | None = None) -> dict[str, Obligation]:
    """Target uid → its obligation in ``version`` (kept on the version object)."""
    kept = version.__dict__.get(KEPT)
    if kept is None:
        kept = compute(session or object_session(version), version)
        version.__dict__[KEPT] = kept
    return kept


def forget(session: Session) -> None:
    """Drop the kept obligations of every version loaded in ``session``."""
    for obj in list(session.identity_map.values()):
        if isinstance(obj, PlanVersion):
            obj.__dict__.pop(KEPT, None)
