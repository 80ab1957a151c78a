"""Supervision fixtures: the seed plan published over the gazetteer's units (tasks and targets
to rest items on, 武进区 and 市生态环境局 among the units)."""

from __future__ import annotations

import pytest

from ecoplan.app.db import unit_of_work


@pytest.fixture
def published(db, people):
    from ecoplan.app.plans.demo import publish_seed_plan
    from ecoplan.app.units.service import load_gazetteer_units
    from ecoplan.demo.build import DemoReport
    from ecoplan.plan.gazetteer import load_gazetteer

    with unit_of_work(db) as session:
        load_gazetteer_units(session, load_gazetteer())
        publish_seed_plan(session, DemoReport())
