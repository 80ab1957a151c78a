"""Which units an item goes to: names as people write them (aliases, with or without 市/常州市).

"生态环境局" is how the office speaks of 市生态环境局; the unit directory knows the name and its
aliases (常州市生态环境局, 市环保局), and a name written without the city's prefix is tried with
it. A name that still matches nothing, or matches two units, is refused by name.
"""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecoplan.app.units.models import Unit
from ecoplan.errors import InputError
from ecoplan.plan.gazetteer import normalise

SPLIT = re.compile(r"[、，,；;\n]+")
PREFIXES = ("市", "常州市")


def directory(session: Session) -> dict[str, list[Unit]]:
    """Every written form (name, alias) → the active units it names."""
    names: dict[str, list[Unit]] = {}
    for unit in session.scalars(select(Unit).where(Unit.active.is_(True)).order_by(Unit.name)):
        for form in {unit.name, *(unit.aliases or [])}:
            names.setdefault(normalise(form), []).append(unit)
    return names


def choices(session: Session) -> list[tuple[str, str]]:
    """(name, aliases as one text) of every active unit, for the picker's list."""
    units = session.scalars(select(Unit).where(Unit.active.is_(True)).order_by(Unit.kind, Unit.name))
    return [(u.name, "、".join(u.aliases or [])) for u in units]


def resolve_one(written: str, names: dict[str, list[Unit]], *, field: str = "责任单位") -> Unit:
    key = normalise(written)
    for form in (key, *(p + key for p in PREFIXES if not key.startswith(p))):
        found = {u.id: u for u in names.get(form, [])}
        if len(found) == 1:
            return next(iter(found.values()))
        if len(found) > 1:
            raise InputError(f"“{written}”可指{'、'.join(u.name for u in found.values())}，"
                             "请写全称", field=field)
    raise InputError(f"单位名录中没有“{written}”，请从列表中选择或先在单位管理中添加", field=field)


def resolve(session: Session, written, *, field: str = "责任单位") -> list[Unit]:
    """The units named in ``written`` (a list, or one text separated by 、，; or lines), once
    each, in the order written."""
    parts = written if isinstance(written, (list, tuple)) else SPLIT.split(str(written or ""))
    parts = [str(p).strip() for p in parts if str(p).strip()]
    if not parts:
        raise InputError("请选择至少一个单位", field=field)
    names = directory(session)
    units = {}
    for part in parts:
        unit = resolve_one(part, names, field=field)
        units.setdefault(unit.id, unit)
    return list(units.values())
