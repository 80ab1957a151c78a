"""Project fixtures: the five projects of ``projects_data`` and the office's evaluation day
set to 2023-07-10."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from ecoplan.app.db import unit_of_work
from ecoplan.app.projects.importing import save
from ecoplan.app.projects.models import Project
from projects_data import DAY, PROJECTS, set_day


@pytest.fixture
def projects(db, people) -> dict[str, int]:
    """The five projects (code → id), evaluated on :data:`DAY`."""
    with unit_of_work(db) as session:
        for values in PROJECTS:
            save(session, dict(values), actor="test")
        ids = {p.code: p.id for p in session.scalars(select(Project))}
    set_day(db, DAY)
    return ids
