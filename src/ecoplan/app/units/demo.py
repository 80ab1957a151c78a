"""Demo step: every unit of the gazetteer (with its aliases)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from ecoplan.app.units.service import load_gazetteer_units
from ecoplan.plan.gazetteer import load_gazetteer


def load_units(session: Session, report) -> None:
    created, updated = load_gazetteer_units(session, load_gazetteer())
    report.lines.append(f"单位：新增 {created} 个，补充别名 {updated} 个")
