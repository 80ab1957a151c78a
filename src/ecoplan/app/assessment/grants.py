"""Granting bonuses and applying vetoes for a year (the office's decisions). Never commits."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecoplan.app.core.actor import actor_name
from ecoplan.app.core import clock
from ecoplan.app.assessment.models import GRANT_KINDS, AssessmentGrant
from ecoplan.app.audit.service import record
from ecoplan.app.forms import required
from ecoplan.assessment import RuleSet
from ecoplan.errors import InputError


def add_grant(session: Session, *, actor, rules: RuleSet, unit: str, kind: str, rule_id: str,
              note: str) -> AssessmentGrant:
    if kind not in GRANT_KINDS:
        raise InputError(f"未知类型：{kind}", field="类型")
    known = {b.id for b in rules.bonuses} if kind == "bonus" else {v.id for v in rules.vetoes}
    if rule_id not in known:
        raise InputError(f"{rules.year} 年考评细则中没有该{'加分项' if kind == 'bonus' else '否决项'}",
                         field="项目")
    unit = required(unit, field="单位")
    if session.scalar(select(AssessmentGrant.id).where(
            AssessmentGrant.year == rules.year, AssessmentGrant.unit == unit,
            AssessmentGrant.kind == kind, AssessmentGrant.rule_id == rule_id)):
        raise InputError(f"{unit}已登记该项", field="项目")
    grant = AssessmentGrant(year=rules.year, unit=unit, kind=kind, rule_id=rule_id,
                            note=required(note, field="依据"),
                            created_by=actor_name(actor),
                            created_at=clock.utcnow())
    session.add(grant)
    session.flush()
    record(session, actor=actor, action=f"assessment.{kind}", object_type="assessment_grant",
           object_id=grant.id, after={"year": grant.year, "unit": unit, "rule": rule_id,
                                      "note": grant.note})
    return grant


def remove_grant(session: Session, *, actor, grant: AssessmentGrant) -> None:
    record(session, actor=actor, action=f"assessment.{grant.kind}.removed",
           object_type="assessment_grant", object_id=grant.id,
           before={"year": grant.year, "unit": grant.unit, "rule": grant.rule_id})
    session.delete(grant)
    session.flush()


def list_grants(session: Session, year: int) -> list[AssessmentGrant]:
    return list(session.scalars(select(AssessmentGrant).where(AssessmentGrant.year == year)
                                .order_by(AssessmentGrant.unit, AssessmentGrant.id)))


def grants_by_unit(session: Session, year: int,
                   extra: dict[str, tuple[tuple[str, ...], tuple[str, ...]]]) -> dict:
    """unit → (bonus ids, veto ids): the office's grants merged with ``extra`` (the adapter's)."""
    out = {unit: (list(b), list(v)) for unit, (b, v) in extra.items()}
    for grant in list_grants(session, year):
        bonuses, vetoes = out.setdefault(grant.unit, ([], []))
        (bonuses if grant.kind == "bonus" else vetoes).append(grant.rule_id)
    return {unit: (tuple(b), tuple(v)) for unit, (b, v) in out.items()}
