"""What waits for a user in supervision, added to the workbench's counts (``Manifest.counts``).

``overdue``: items still owed after their due date (the unit's; the office: all), judged on the
evaluation day; ``supervision_open``: a unit's items to sign for or respond to, the office's
items responded (to accept or return) or with an extension request to answer.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from ecoplan.app.permissions import can
from ecoplan.app.supervision import service
from ecoplan.app.supervision.workflow import OPEN_STATES, RESPONDED, is_overdue


def waiting(session: Session, user, day: dt.date) -> dict[str, int]:
    if not can(user, "supervision.view"):
        return {}
    office = user.role == "admin"
    items = service.list_items(session, unit_id=None if office else (user.unit_id or -1), limit=10000)
    late = sum(is_overdue(service.facts(i), day) for i in items)
    if office:
        open_ = sum(i.state == RESPONDED or i.extension_due is not None for i in items)
    else:
        open_ = sum(i.state in OPEN_STATES for i in items)
    return {"overdue": late, "supervision_open": open_}
