"""Writing and reading the audit log. ``record`` is the one way an entry is made."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy import Select, event, func, or_, select
from sqlalchemy.orm import ORMExecuteState, Session

from ecoplan.app.core.actor import actor_name
from ecoplan.app.core import clock
from ecoplan.app.audit.models import AppendOnlyError, AuditEntry
from ecoplan.app.core.clock import BEIJING, as_utc
from ecoplan.errors import InputError

def record(
    session: Session,
    *,
    actor,
    action: str,
    object_type: str,
    object_id,
    before: dict | None = None,
    after: dict | None = None,
) -> AuditEntry:
    """Add one audit entry to ``session`` (committed with the change it describes).

    ``actor`` is the request's :class:`~ecoplan.app.core.actor.Actor` (its name and address
    are kept); scripts and tests may give a user, a name, or None for the system (the CLI).
    ``before``/``after`` are JSON-able snapshots of the object (None when created or removed).
    """
    entry = AuditEntry(
        at=clock.utcnow(), actor=actor_name(actor), action=action,
        object_type=object_type, object_id=None if object_id is None else str(object_id),
        before=before, after=after, ip=getattr(actor, "ip", None),
    )
    session.add(entry)
    return entry


def save_settings(session: Session, row, *, actor, values: dict, action: str, object_type: str):
    """Set ``values`` on a one-row settings table, bump its ``version`` and record the change
    (before/after). The caller has checked the submitted version (``forms.check_fresh``)."""
    before = row.snapshot() if row.id else None
    for name, value in values.items():
        setattr(row, name, value)
    row.version += 1
    session.add(row)
    session.flush()
    record(session, actor=actor, action=action, object_type=object_type, object_id=row.id,
           before=before, after=row.snapshot())
    return row


@event.listens_for(Session, "do_orm_execute")
def _refuse_bulk_changes(state: ORMExecuteState) -> None:
    """Bulk ``update()``/``delete()`` bypass the mapper events; refuse them here too."""
    if (state.is_update or state.is_delete) and state.bind_mapper is not None:
        if state.bind_mapper.class_ is AuditEntry:
            raise AppendOnlyError("audit entries are append-only")


def _day_start(day: date) -> datetime:
    """Midnight of ``day`` in Beijing, as UTC (SQLite compares the stored UTC wall time)."""
    return datetime.combine(day, time.min, tzinfo=BEIJING).astimezone(timezone.utc)


GROUPS = {"security": ("auth.", "user.locked", "user.unlocked", "user.password_changed",
                       "user.password_reset")}
"""Named sets of actions for the filter: a code ending in ``.`` stands for all its actions."""


def _in_group(name: str):
    codes = GROUPS.get(name)
    if codes is None:
        raise InputError(f"未知的操作类别：{name}", field="类别")
    return or_(*(AuditEntry.action.startswith(c, autoescape=True) if c.endswith(".")
                 else AuditEntry.action == c for c in codes))


@dataclass(frozen=True)
class AuditFilter:
    group: str | None = None
    actor: str | None = None
    action: str | None = None
    object_type: str | None = None
    object_id: str | None = None
    since: date | None = None
    until: date | None = None

    def apply(self, query: Select) -> Select:
        if self.group:
            query = query.where(_in_group(self.group))
        if self.actor:
            query = query.where(AuditEntry.actor == self.actor)
        if self.action:
            query = query.where(AuditEntry.action == self.action)
        if self.object_type:
            query = query.where(AuditEntry.object_type == self.object_type)
        if self.object_id:
            query = query.where(AuditEntry.object_id == self.object_id)
        if self.since:
            start = _day_start(self.since)
            query = query.where(AuditEntry.at >= start)
        if self.until:
            end = _day_start(self.until + timedelta(days=1))
            query = query.where(AuditEntry.at < end)
        return query


def search(session: Session, flt: AuditFilter, *, limit: int = 50, offset: int = 0
           ) -> tuple[list[AuditEntry], int]:
    """Entries matching ``flt``, newest first, and how many match in all."""
    total = session.scalar(flt.apply(select(func.count(AuditEntry.id)))) or 0
    query = flt.apply(select(AuditEntry)).order_by(AuditEntry.id.desc()).limit(limit).offset(offset)
    return list(session.scalars(query)), total


def daily_counts(session: Session, flt: AuditFilter, *, days: int = 30) -> list[tuple[str, int]]:
    """Entries per day (Beijing time) over the last ``days`` days, zeros included.

    Dates in ``flt`` (and the days here) are Beijing dates, as the page shows them.
    """
    today = clock.today()
    start = today - timedelta(days=days - 1)
    since = start if flt.since is None else max(start, flt.since)
    query = AuditFilter(**{**flt.__dict__, "since": since}).apply(select(AuditEntry.at))
    counts: dict[date, int] = {}
    for at in session.scalars(query):
        day = as_utc(at).astimezone(BEIJING).date()
        counts[day] = counts.get(day, 0) + 1
    return [((start + timedelta(days=i)).isoformat(), counts.get(start + timedelta(days=i), 0))
            for i in range(days)]


@dataclass(frozen=True)
class FieldChange:
    name: str
    before: object
    after: object

    @property
    def changed(self) -> bool:
        return self.before != self.after


def field_changes(before: dict | None, after: dict | None) -> list[FieldChange]:
    """Each field of the two snapshots side by side (changed ones flagged), in a stable order."""
    before, after = before or {}, after or {}
    names = list(before) + [k for k in after if k not in before]
    return [FieldChange(n, before.get(n), after.get(n)) for n in names]


def distinct_values(session: Session, column) -> list[str]:
    """The values seen in ``column`` (for the filter drop-downs)."""
    return list(session.scalars(select(column).distinct().order_by(column)))
