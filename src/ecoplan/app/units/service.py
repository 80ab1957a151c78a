"""Units: loading them from the plan reader's gazetteer and editing them. Never commits."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecoplan.app.audit.service import record
from ecoplan.app.forms import check_fresh, required
from ecoplan.app.units.models import UNIT_KINDS, Unit
from ecoplan.errors import InputError


def _check_kind(kind: str) -> str:
    if kind not in UNIT_KINDS:
        raise InputError(f"未知单位类型：{kind}", field="类型")
    return kind


def _check_name_free(session: Session, name: str, *, except_id: int | None = None) -> None:
    query = select(Unit.id).where(Unit.name == name)
    if except_id is not None:
        query = query.where(Unit.id != except_id)
    if session.scalar(query):
        raise InputError(f"单位“{name}”已存在", field="名称")


KEEP = object()
"""``update_unit(parent=KEEP)``: the unit keeps its district."""


def _check_parent(parent: Unit | None, kind: str, unit: Unit | None = None) -> Unit | None:
    if parent is None:
        return None
    if parent.kind != "district" or kind == "district" or parent is unit:
        raise InputError("只有镇（街道）、部门等可以属于一个辖市区", field="所属辖市区")
    return parent


def create_unit(session: Session, *, actor, name: str, kind: str, aliases: list[str],
                parent: Unit | None = None) -> Unit:
    """A new unit; ``parent``: the district a town or district department belongs to."""
    name = required(name, field="名称")
    if len(name) > 200:
        raise InputError("名称不能超过 200 个字", field="名称")
    _check_name_free(session, name)
    parent = _check_parent(parent, _check_kind(kind))
    unit = Unit(name=name, kind=kind, aliases=aliases, active=True, version=1,
                parent=parent, parent_id=parent.id if parent is not None else None)
    session.add(unit)
    session.flush()
    record(session, actor=actor, action="unit.created", object_type="unit", object_id=unit.id,
           after=unit.snapshot())
    return unit


def update_unit(session: Session, unit: Unit, *, actor, version, name: str, kind: str,
                aliases: list[str], active: bool, parent=KEEP) -> None:
    check_fresh(unit, version, what=f"单位“{unit.name}”")
    name = required(name, field="名称")
    _check_name_free(session, name, except_id=unit.id)
    parent = _check_parent(unit.parent if parent is KEEP else parent, _check_kind(kind), unit)
    before = unit.snapshot()
    unit.name, unit.kind, unit.aliases, unit.active = name, kind, aliases, active
    unit.parent, unit.parent_id = parent, parent.id if parent is not None else None
    unit.version += 1
    record(session, actor=actor, action="unit.updated", object_type="unit", object_id=unit.id,
           before=before, after=unit.snapshot())


def load_gazetteer_units(session: Session, gazetteer, *, actor=None) -> tuple[int, int]:
    """Add the gazetteer's units and districts that are not in the database yet.

    ``gazetteer`` is a :class:`ecoplan.plan.gazetteer.Gazetteer`: ``.units`` (entries with
    ``name``, ``kind``, ``aliases``), ``.districts`` (names) and ``.district_aliases``
    (written form → district). Existing units keep their edits; new aliases from the gazetteer
    are added to them. Returns (created, updated).
    """
    existing = {u.name: u for u in session.scalars(select(Unit))}
    district_aliases = getattr(gazetteer, "district_aliases", {}) or {}
    wanted = [(d, "district", [a for a, c in district_aliases.items() if c == d])
              for d in gazetteer.districts]
    wanted += [(e.name, e.kind, list(e.aliases or [])) for e in gazetteer.units]
    created = updated = 0
    for name, kind, aliases in wanted:
        unit = existing.get(name)
        if unit is None:
            existing[name] = create_unit(session, actor=actor, name=name,
                                         kind=kind if kind in UNIT_KINDS else "other",
                                         aliases=aliases)
            created += 1
            continue
        extra = [a for a in aliases if a not in unit.aliases]
        if extra:
            update_unit(session, unit, actor=actor, version=unit.version, name=unit.name,
                        kind=unit.kind, aliases=unit.aliases + extra, active=unit.active)
            updated += 1
    return created, updated


def list_units(session: Session, *, active_only: bool = False) -> list[Unit]:
    query = select(Unit).order_by(Unit.kind, Unit.name)
    if active_only:
        query = query.where(Unit.active.is_(True))
    return list(session.scalars(query))
