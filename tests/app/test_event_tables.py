"""The event tables share one mixin (``core.history``) and keep the DDL the migrations wrote."""

from __future__ import annotations

from sqlalchemy import inspect

from ecoplan.app.core.history import EventRow, StateChange
from ecoplan.app.feedback.models import FeedbackEvent
from ecoplan.app.ledger.models import LedgerEvent
from ecoplan.app.progress.models import ProgressEvent
from ecoplan.app.supervision.models import SupervisionEvent

EVENTS = {FeedbackEvent: "report_id", SupervisionEvent: "item_id", LedgerEvent: "item_id",
          ProgressEvent: "report_id"}


def test_every_event_table_takes_the_shared_columns_first():
    for model, parent in EVENTS.items():
        assert issubclass(model, EventRow)
        names = [c.name for c in model.__table__.columns]
        assert names[:5] == ["id", parent, "at", "actor", "action"], model
        if issubclass(model, StateChange):
            assert names[5:7] == ["from_state", "to_state"], model
        [fk] = model.__table__.c[parent].foreign_keys
        assert model.__table__.c[parent].index and not model.__table__.c[parent].nullable
    assert ProgressEvent.__table__.c.action.type.length == 30  # as 0003_progress made it
    assert FeedbackEvent.__table__.c.action.type.length == 20


def test_the_migrated_tables_have_the_models_columns_in_order(app):
    """Column names, order, types and nullability as the migrations created them (the index,
    key and constraint names are compared by ``test_migrations``)."""
    inspector = inspect(app.state.engine)
    dialect = app.state.engine.dialect
    for model in EVENTS:
        found = inspector.get_columns(model.__tablename__)
        expected = list(model.__table__.columns)
        assert [c["name"] for c in found] == [c.name for c in expected], model
        for db, ours in zip(found, expected):
            assert db["nullable"] == ours.nullable, (model, ours.name)
            assert db["type"].compile(dialect) == ours.type.compile(dialect), (model, ours.name)
