"""Finding the unit a plan names: by canonical name or any alias (webcore's units table)."""

from __future__ import annotations

from typing import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecoplan.app.units.models import Unit


def resolver(session: Session) -> Callable[[str], int | None]:
    """A lookup ``name → unit id`` (None when unknown), reading the units table once."""
    rows = session.execute(select(Unit.id, Unit.name, Unit.aliases)).all()
    # A canonical name wins over another unit's alias.
    ids = {alias: unit_id for unit_id, _, aliases in rows for alias in aliases or []}
    ids.update({name: unit_id for unit_id, name, _ in rows})
    return ids.get
