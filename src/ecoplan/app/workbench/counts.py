"""What waits for a user, counted per role (the workbench, 工作台), each count with its link.

All counts are judged on the office's evaluation day (``core.clock.evaluation_day``), as
the statuses and reminders are:

- ``to_report``: the unit's items of the period being reported on with no report submitted or
  approved yet (reporting roles only);
- ``returned``: the unit's reports sent back to be filled again;
- ``to_approve``: a unit head's (leader, district) submitted reports of their unit;
- ``overdue``: supervision items still owed after their due date, and ledger items past their
  deadline (the unit's; the office: all);
- ``supervision_open``: a unit's items to sign for or respond to; the office's items responded
  (to accept or return) or with an extension request to answer;
- ``ledger_due``: open ledger items whose deadline falls within ``LEDGER_DAYS`` days (or passed);
- ``unread_notices``: notices not yet read (the person's and their unit's).

Features above the workbench add counts of their own through their manifest
(:class:`~ecoplan.app.core.manifest.Tile`: reports from the public, ``public_reports``); the
application passes them in (``app.state.tiles``), so the workbench never imports them. A tile's
late items are added to ``overdue``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ecoplan.app.core import clock
from ecoplan.app.core.manifest import Tile
from ecoplan.app.ledger.linked import unit_filter
from ecoplan.app.ledger.service import ItemFilter, is_overdue, list_items
from ecoplan.app.ledger.workflow import CLOSED
from ecoplan.app.permissions import can
from ecoplan.app.progress import periods, service, todo
from ecoplan.app.progress.models import REPORTED_STATES, ProgressReport
from ecoplan.app.supervision import service as supervision
from ecoplan.app.supervision.models import SupervisionItem
from ecoplan.app.supervision.workflow import OPEN_STATES, RESPONDED
from ecoplan.app.supervision.workflow import is_overdue as item_overdue
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


def shown_keys(user, tiles: tuple[Tile, ...] = ()) -> list[str]:
    """The counts whose tile the user gets (the API returns every key regardless)."""
    return ([k for k in KEYS if can(user, ACTIONS[k])]
            + [t.key for t in tiles if can(user, t.action)])


@dataclass(frozen=True)
class Workbench:
    counts: dict[str, int]
    period: str | None
    day: dt.date
    labels: dict[str, str] = field(default_factory=lambda: dict(LABELS))
    links: dict[str, str] = field(default_factory=lambda: dict(LINKS))


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


def _supervision(session: Session, user, day: dt.date) -> dict[str, int]:
    if not can(user, "supervision.view"):
        return {"overdue": 0, "supervision_open": 0}
    office = user.role == "admin"
    items = supervision.list_items(session, unit_id=None if office else (user.unit_id or -1), limit=10000)
    late = sum(_late(i, day) for i in items)
    if office:
        open_ = sum(i.state == RESPONDED or i.extension_due is not None for i in items)
    else:
        open_ = sum(i.state in OPEN_STATES for i in items)
    return {"overdue": late, "supervision_open": open_}


def _late(item: SupervisionItem, day: dt.date) -> bool:
    return item_overdue(supervision.facts(item), day)


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


def workbench(session: Session, user, tiles: tuple[Tile, ...] = ()) -> Workbench:
    """Every count of :data:`KEYS` for ``user``, then each of ``tiles`` (features' counts)."""
    day = clock.evaluation_day(session)
    reporting, period = _reporting(session, user, day)
    sup = _supervision(session, user, day)
    ledger_overdue, ledger_due = _ledger(session, user, day)
    mine = [t for t in tiles if can(user, t.action)]
    late = sum(t.overdue(session, user, day) for t in mine if t.overdue is not None)
    counts = {**reporting, "overdue": sup["overdue"] + ledger_overdue + late,
              "supervision_open": sup["supervision_open"], "ledger_due": ledger_due,
              "unread_notices": notices.unread(session, user)}
    extra = {t.key: t.count(session, user, day) if t in mine else 0 for t in tiles}
    return Workbench({**{k: counts[k] for k in KEYS}, **extra}, period, day,
                     {**LABELS, **{t.key: t.label for t in tiles}},
                     {**LINKS, **{t.key: t.link for t in tiles}})
