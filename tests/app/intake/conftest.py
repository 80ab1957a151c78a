"""Files for the intake tests: the national station list (Beijing and Changzhou, committed under
tests/monitoring/data) and a city platform's hourly export written here."""

from __future__ import annotations

from pathlib import Path

import pytest

REGISTRY = Path(__file__).parents[2] / "monitoring" / "data" / "NewSiteList_beijing_changzhou.csv"


@pytest.fixture
def registry_bytes() -> bytes:
    return REGISTRY.read_bytes()
