"""``GET /api/letters``: the responsibility letters the caller may see, per unit, with their
state and what they bind the unit to (counts, money)."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from ecoplan.app.deps import SessionDep
from ecoplan.app.letters import service
from ecoplan.app.permissions import require
from ecoplan.app.progress import todo

router = APIRouter(prefix="/api/letters", tags=["letters"])


def letter_out(letter) -> dict:
    c = letter.content or {}
    return {"id": letter.id, "unit": letter.owner, "state": letter.state,
            "doc_number": letter.doc_number, "year": c.get("year"),
            "targets": len(c.get("targets", [])), "tasks": len(c.get("tasks", [])),
            "money": c.get("money"), "schedule": len(c.get("schedule", [])),
            "issued_at": letter.issued_at.isoformat() if letter.issued_at else None,
            "signed_at": letter.signed_at.isoformat() if letter.signed_at else None,
            "signed_file": letter.signed_file or None}


@router.get("")
def list_letters(session: SessionDep, user=Depends(require("letters.view"))):
    version = todo.published(session)
    if version is None:
        return []
    return [letter_out(x) for x in service.visible(session, user, plan_id=version.plan_id)]
