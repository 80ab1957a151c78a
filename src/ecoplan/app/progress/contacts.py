"""The e-mail address each unit's reminders go to, kept by the office."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecoplan.app.audit.service import record
from ecoplan.app.progress.models import UnitContact
from ecoplan.errors import InputError

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def emails(session: Session) -> dict[int, str]:
    return dict(session.execute(select(UnitContact.unit_id, UnitContact.email)).all())


def save_emails(session: Session, *, actor, wanted: dict[int, str], names: dict[int, str]) -> int:
    """Set the address of each unit in ``wanted`` (empty: none); every address is checked
    before anything changes. Returns how many units changed."""
    bad = [names.get(unit_id, str(unit_id)) for unit_id, email in wanted.items()
           if email and not EMAIL.match(email)]
    if bad:
        raise InputError(f"邮箱地址格式不正确：{'、'.join(bad)}", field="邮箱")
    current = {c.unit_id: c for c in session.scalars(select(UnitContact))}
    changed = 0
    for unit_id, email in wanted.items():
        contact = current.get(unit_id)
        before = contact.email if contact else ""
        if email == before:
            continue
        if contact is None:
            session.add(UnitContact(unit_id=unit_id, email=email))
        elif email:
            contact.email = email
        else:
            session.delete(contact)
        record(session, actor=actor, action="progress.contact.update", object_type="unit",
               object_id=unit_id, before={"email": before}, after={"email": email})
        changed += 1
    session.flush()
    return changed
