"""What waits for a user, counted per role (the workbench, 工作台), each count with its link.

All counts are judged on the office's evaluation day (``core.clock.evaluation_day``), as
the statuses and reminders are:

- ``to_report``: the unit's items of the period being reported on with no report submitted or
  approved yet (reporting roles only);
- ``returned``: the unit's reports sent back to be filled again;
- ``to_approve``: a unit head's (leader, district) submitted reports of their unit;
- ``overdue``: supervision items still owed after their due date (counted by supervision:
  ``supervision/counts.py``), and ledger items past their deadline (the unit's; the office: all);
- ``supervision_open``: a unit's items to sign for or respond to; the office's items responded
  (to accept or return) or with an extension request to answer (supervision's count);
- ``ledger_due``: open ledger items whose deadline falls within ``LEDGER_DAYS`` days (or passed);
- ``unread_notices``: notices not yet read (the person's and their unit's).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ecoplan.app.core import clock
from ecoplan.app.core.manifest import WorkbenchCount
from ecoplan.app.ledger.linked import unit_filter
from ecoplan.app.ledger.service import ItemFilter, is_overdue, list_items
from ecoplan.app.ledger.workflow import CLOSED
from ecoplan.app.permissions import can
from ecoplan.app.progress import periods, service, todo
from ecoplan.app.progress.models import REPORTED_STATES, ProgressReport
from ecoplan.app.workbench import notices

KEYS = ("to_report", "returned", "to_approve", "overdue", "supervision_open", "ledger_due",
        "unread_notices")
LABELS = {"to_report": "本期待填报", "returned": "被退回待重报", "to_approve": "待我审核",
          "overdue": "已逾期", "supervision_open": "督办事项待办理", "ledger_due": "整改事项临近或已到期",
          "unread_notices": "未读通知"}
LINKS = {"to_report": "/progress?state=open", "returned": "/progress?state=returned",
         "to_approve": "/progress?state=submitted", "overdue": "/supervision",
         "supervision_open": "/supervision", "ledger_due": "/ledger", "unread_notices": "/notices"}
# The action a user needs for the link of each count (a tile shows only when they may follow it).
ACTIONS = {"to_report": "progress.report", "returned": "progress.report",
           "to_approve": "progress.approve", "overdue": "supervision.view",
           "supervision_open": "supervision.view", "ledger_due": "ledger.act",
           "unread_notices": "account"}
LEDGER_DAYS = 30


def shown_keys(user) -> list[str]:
    """The counts whose tile the user gets (the API returns every key regardless)."""
    return [k for k in KEYS if can(user, ACTIONS[k])]


@dataclass(frozen=True)
class Workbench:
    counts: dict[str, int]
    period: str | None
    day: dt.date


def _reporting(session: Session, user, day: dt.date) -> tuple[dict[str, int], str | None]:
    version = todo.published(session)
    if version is None or user.unit is None or not can(user, "progress.report"):
        return {"to_report": 0, "returned": 0, "to_approve": 0}, None
    period = periods.default_period(service.calendar(session), version.plan.year, day)
    states = {(r.item_kind, r.item_uid): r.state for r in service.reports_for(
        session, plan_id=version.plan_id, period=period, unit_id=user.unit_id)}
    to_report = sum(states.get(i.key) not in REPORTED_STATES for i in todo.items_for(version, user.unit))

    def count(state: str) -> int:
        return session.scalar(select(func.count()).select_from(ProgressReport).where(
            ProgressReport.plan_id == version.plan_id, ProgressReport.unit_id == user.unit_id,
            ProgressReport.state == state)) or 0

    to_approve = count("submitted") if can(user, "progress.approve") else 0
    return {"to_report": to_report, "returned": count("returned"), "to_approve": to_approve}, period


def _ledger(session: Session, user, day: dt.date) -> tuple[int, int]:
    """(overdue, due within LEDGER_DAYS) ledger items the user answers for (office: all)."""
    if not can(user, "ledger.view") or (user.role != "admin" and user.unit is None):
        return 0, 0
    if user.role != "admin" and not can(user, "ledger.act"):
        return 0, 0
    flt = ItemFilter() if user.role == "admin" else unit_filter(user.unit)
    items = [i for i in list_items(session, flt=flt, today=day) if i.state != CLOSED]
    soon = day + dt.timedelta(days=LEDGER_DAYS)
    return (sum(is_overdue(i, day) for i in items),
            sum(i.deadline is not None and i.deadline <= soon for i in items))


def workbench(session: Session, user, features: Iterable[WorkbenchCount] = ()) -> Workbench:
    """Every count of :data:`KEYS` for ``user``: the workbench's own (reporting, ledger,
    notices) plus what the features above it count (``Manifest.counts``: supervision)."""
    day = clock.evaluation_day(session)
    reporting, period = _reporting(session, user, day)
    ledger_overdue, ledger_due = _ledger(session, user, day)
    counts = dict.fromkeys(KEYS, 0)
    counts.update(reporting, overdue=ledger_overdue, ledger_due=ledger_due,
                  unread_notices=notices.unread(session, user))
    for count in features:
        for key, n in count(session, user, day).items():
            counts[key] += n
    return Workbench(counts, period, day)
