"""Monitoring fixtures: one session-scoped import of the real Changzhou year (a second or so)."""

from __future__ import annotations

import pytest

from ecoplan.monitoring.importer import import_files
from ecoplan.monitoring.store import Store


@pytest.fixture(scope="session")
def cnemc_dir(shared_dir):
    return shared_dir / "data" / "air" / "cnemc_2019"


@pytest.fixture(scope="session")
def changzhou_store(cnemc_dir, tmp_path_factory):
    store = Store(tmp_path_factory.mktemp("changzhou"))
    report = import_files(store, [cnemc_dir / "NewSiteList.csv", cnemc_dir / "china_sites_2019_changzhou.csv"])
    assert not report.failed
    return store


@pytest.fixture
def registry_store(cnemc_dir, tmp_path):
    store = Store(tmp_path)
    import_files(store, [cnemc_dir / "NewSiteList.csv"])
    return store


def _write_slice(source, target, lines: int):
    with open(source, encoding="utf-8") as fh:
        target.write_text("".join(next(fh) for _ in range(lines)), encoding="utf-8")
    return target


@pytest.fixture(scope="session")
def write_slice():
    """``write_slice(source, target, lines)``: the first lines of a real file (header included)."""
    return _write_slice


@pytest.fixture(scope="session")
def synthetic_store(tmp_path_factory):
    """Synthetic Changzhou 2022 and the first half of 2023 (district and town stations, water, dust)."""
    from ecoplan.monitoring.synthetic import seed_changzhou

    store = Store(tmp_path_factory.mktemp("synthetic"))
    seed_changzhou(store, years=(2022, 2023), until="2023-06-30")
    return store


@pytest.fixture(scope="session")
def seed_plan(seed_plan_path):
    from ecoplan.plan.build import parse_file

    return parse_file(seed_plan_path)
