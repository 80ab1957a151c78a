"""The event tables' shared columns: one line of an object's history (who moved it, when, how).

Feedback reports, supervision items, ledger items and progress reports each keep their moves
in an event table. :class:`EventRow` gives the columns they share, in the order the migrations
created them (``sort_order``: the table's own columns follow), so the DDL is what it was:

    class LedgerEvent(StateChange, Base):
        __tablename__ = "ledger_events"
        item_id: Mapped[int] = parent_key("ledger_items")
        evidence: Mapped[str] = mapped_column(Text, default="")
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

ID, PARENT, AT, ACTOR, ACTION, FROM_STATE, TO_STATE = range(-10, -3)
"""Column positions (``sort_order``): before every column a table declares itself (0)."""


def parent_key(table: str, *, ondelete: str | None = None) -> Mapped[int]:
    """The event's object (``<table>.id``), indexed; second column of the table."""
    return mapped_column(ForeignKey(f"{table}.id", ondelete=ondelete), index=True, sort_order=PARENT)


class EventRow:
    """Mixin of an event table: ``id``, (the parent key, see :func:`parent_key`), ``at`` (UTC),
    ``actor`` (the acting person's name, as the audit log writes it), ``action`` (the move)."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True, sort_order=ID)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), sort_order=AT)
    actor: Mapped[str] = mapped_column(String(64), sort_order=ACTOR)
    action: Mapped[str] = mapped_column(String(20), sort_order=ACTION)


class StateChange(EventRow):
    """An event that moves its object from one state to another (``from_state``, ``to_state``)."""

    from_state: Mapped[str] = mapped_column(String(20), sort_order=FROM_STATE)
    to_state: Mapped[str] = mapped_column(String(20), sort_order=TO_STATE)
