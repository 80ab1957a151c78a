"""A sub-plan's responsible units as unit records (责任单位对应): each name its measures write
(``区工业和信息化局``, ``湖塘镇``) is mapped once, by the sub-plan's owner, to the unit that reports
on those measures — an existing unit, one created under the district right there
(:func:`ecoplan.app.auth.district.create_district_unit`), or none (the owner reports itself).
On upload each name gets the system's suggestion (the unit of that name, or the district's
unit of the district-prefixed name: ``区工业和信息化局`` in 武进区's plan → ``武进区工业和信息化局``),
undecided until the owner confirms it; reporting reads these rows only, never names.
Never commits."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ecoplan.app.audit.service import record
from ecoplan.app.auth.district import create_district_unit, guess_kind, suggested_name
from ecoplan.app.permissions import can
from ecoplan.app.subplans.models import SubPlan, SubPlanItem, SubPlanUnit
from ecoplan.app.units.models import Unit
from ecoplan.errors import InputError

OWNER = "owner"
NEW = "new"


def written_names(items: list[SubPlanItem]) -> list[str]:
    """The responsible units the measures write, in order of first mention."""
    names: list[str] = []
    for item in items:
        for name in item.units or []:
            if name and name not in names:
                names.append(name)
    return names


def _candidates(owner: str, name: str) -> tuple[str, ...]:
    bare = name.removeprefix("区").removeprefix("市").removeprefix("县")
    return (name, f"{owner}{bare}") if bare != name else (name, f"{owner}{name}")


def suggest(owner: Unit, name: str, units: dict[str, Unit]) -> Unit | None:
    """The active unit ``name`` stands for in ``owner``'s plan, if one exists (never the owner)."""
    return next((units[c] for c in _candidates(owner.name, name)
                 if c in units and units[c].id != owner.id and units[c].active), None)


def sync(session: Session, subplan: SubPlan) -> None:
    """One row per written name: names already mapped keep the owner's decision (a replaced
    draft), new names get the suggestion, names no longer written go."""
    names = written_names(subplan.items)
    kept = {link.name: link for link in subplan.unit_links}
    for link in list(subplan.unit_links):
        if link.name not in names:
            subplan.unit_links.remove(link)
    units = {u.name: u for u in session.scalars(select(Unit).where(Unit.active.is_(True)))}
    for name in names:
        if name not in kept:
            found = suggest(subplan.unit, name, units)
            subplan.unit_links.append(SubPlanUnit(name=name[:200], unit=found,
                                                  unit_id=found.id if found else None,
                                                  decided=False))
    session.flush()


def reporters(subplan: SubPlan) -> dict[str, Unit]:
    """Written name → the active unit that reports on the measures naming it."""
    return {link.name: link.unit for link in subplan.unit_links
            if link.unit is not None and link.unit.active and link.unit_id != subplan.unit_id}


def choosable(session: Session, subplan: SubPlan) -> list[Unit]:
    """The units the owner may map a name to: its own towns and departments, and the units
    already mapped or suggested (a city department named in the plan)."""
    mapped = [link.unit_id for link in subplan.unit_links if link.unit_id is not None]
    query = select(Unit).where(Unit.active.is_(True), Unit.id != subplan.unit_id,
                               or_(Unit.parent_id == subplan.unit_id, Unit.id.in_(mapped or [-1])))
    return list(session.scalars(query.order_by(Unit.kind.desc(), Unit.name)))


def may_create(user, subplan: SubPlan) -> bool:
    """The owner is a district and ``user`` is its own district user (``district.units``)."""
    unit = subplan.unit
    return (unit is not None and unit.kind == "district" and can(user, "district.units")
            and getattr(user, "unit_id", None) == unit.id)


def proposal(subplan: SubPlan, link: SubPlanUnit) -> tuple[str, str]:
    """(name, kind) offered for creating the unit of ``link`` under the district."""
    return suggested_name(subplan.unit, link.name), guess_kind(link.name)


def set_units(session: Session, *, actor, subplan: SubPlan, choices: dict[int, str],
              names: dict[int, str] | None = None) -> int:
    """Decide each written name: ``choices`` link id → ``owner``, ``unit:<id>`` (one of
    :func:`choosable`) or ``new`` (create it under the district, named ``names[id]`` or the
    proposal). Returns how many changed."""
    links = {link.id: link for link in subplan.unit_links}
    allowed = {u.id: u for u in choosable(session, subplan)}
    changed = 0
    for link_id, choice in choices.items():
        link = links.get(link_id)
        if link is None:
            raise InputError(f"子计划中没有第 {link_id} 个责任单位", field="责任单位")
        unit = _chosen(session, actor, subplan, link, choice, allowed, (names or {}).get(link_id))
        if link.decided and link.unit_id == (unit.id if unit else None):
            continue
        before = link.snapshot()
        link.unit, link.unit_id, link.decided = unit, unit.id if unit else None, True
        session.flush()
        record(session, actor=actor, action="subplan.unit_mapped", object_type="subplan_unit",
               object_id=link.id, before=before, after=link.snapshot())
        changed += 1
    return changed


def _chosen(session, actor, subplan, link, choice: str, allowed: dict[int, Unit],
            name: str | None) -> Unit | None:
    if choice == OWNER:
        return None
    if choice == NEW:
        if not may_create(actor, subplan):
            raise InputError(f"只有{subplan.owner}的辖市区用户可以新建本辖区单位", field="责任单位")
        proposed, kind = proposal(subplan, link)
        unit = create_district_unit(session, actor=actor, district=subplan.unit,
                                    name=(name or "").strip() or proposed, kind=kind)
        allowed[unit.id] = unit
        return unit
    kind, _, number = choice.partition(":")
    unit = allowed.get(int(number)) if kind == "unit" and number.isdigit() else None
    if unit is None:
        raise InputError(f"“{link.name}”所选的单位不可选", field="责任单位")
    return unit
