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
