"""Ledger fixtures: a few items in a migrated database with the ``people`` units."""

from __future__ import annotations

import datetime as dt

import pytest

from ecoplan.app.db import unit_of_work
from ecoplan.app.ledger.service import create_item
from ledger_sheets import fields



@pytest.fixture
def items(db, people) -> dict[str, int]:
    """Three items: ZY-1 (武进区), ZY-2 (新北区, 发改委), SJ-3 (city level, 生态环境局)."""
    with unit_of_work(db) as session:
        made = [create_item(session, actor="test", fields=fields("ZY-1")),
                create_item(session, actor="test", fields=fields(
                    "ZY-2", district="新北区", units=["市发展和改革委员会"])),
                create_item(session, actor="test", fields=fields(
                    "SJ-3", source="city", district="", deadline=dt.date(2099, 1, 1)))]
        session.flush()
        return {i.code: i.id for i in made}


@pytest.fixture
def published(db, people):
    """Every unit of the gazetteer and the seed plan published (tasks and targets to link to)."""
    from ecoplan.app.plans.demo import publish_seed_plan
    from ecoplan.app.units.service import load_gazetteer_units
    from ecoplan.demo.build import DemoReport
    from ecoplan.plan.gazetteer import load_gazetteer

    with unit_of_work(db) as session:
        load_gazetteer_units(session, load_gazetteer())
        publish_seed_plan(session, DemoReport())
