"""Document fixtures: the seed plan published over the gazetteer's units (``published``) and
the demo's labelled synthetic monitoring data to 2023-06-30, built once (``with_monitoring``)."""

from __future__ import annotations

import pytest

from ecoplan.app.db import unit_of_work
from ecoplan.monitoring.store import Store
from ecoplan.monitoring.synthetic import seed_changzhou


@pytest.fixture
def published(db, people):
    from ecoplan.app.plans.demo import publish_seed_plan
    from ecoplan.app.units.service import load_gazetteer_units
    from ecoplan.demo.build import DemoReport
    from ecoplan.plan.gazetteer import load_gazetteer

    with unit_of_work(db) as session:
        load_gazetteer_units(session, load_gazetteer())
        publish_seed_plan(session, DemoReport())


@pytest.fixture(scope="session")
def monitoring_dir(tmp_path_factory):
    root = tmp_path_factory.mktemp("documents-monitoring")
    seed_changzhou(Store(root), years=(2022, 2023), until="2023-06-30")
    return root


@pytest.fixture
def with_monitoring(settings, monitoring_dir):
    """Link the session's synthetic store into this test's data dir."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)  # PostgreSQL tests have no SQLite file there
    (settings.data_dir / "monitoring").symlink_to(monitoring_dir / "monitoring")
