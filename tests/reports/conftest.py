"""Fixtures for document tests: the sample circular of ``sample_documents`` as data and as .docx."""

from __future__ import annotations

import pytest

from ecoplan.reports.official import OfficialDocument
from ecoplan.reports.official_docx import write_official_docx
from sample_documents import build_sample_circular


@pytest.fixture(scope="session")
def sample_circular() -> OfficialDocument:
    return build_sample_circular()


@pytest.fixture(scope="session")
def sample_docx(sample_circular, tmp_path_factory):
    path = tmp_path_factory.mktemp("docx") / "circular.docx"
    write_official_docx(sample_circular, path)
    return path


SYNTHETIC_PM25_LEVEL = {2018: 56.0, 2019: 55.0}
"""Annual level of the synthetic district and town stations; June comes out near the real city's 31."""


@pytest.fixture(scope="session")
def circular_store(shared_dir, tmp_path_factory):
    """Real Changzhou 2019 (the city's 12 national stations) plus what the real data lacks: synthetic
    district (省控) and town (市控) stations with January–June of 2018 and 2019, stored as synthetic.

    The real stations are registered as 国控 (NewSiteList is the national list), so the city is
    evaluated on them alone and districts on their synthetic 省控 pair.
    """
    from ecoplan.monitoring import synthetic
    from ecoplan.monitoring.importer import import_files
    from ecoplan.monitoring.store import Store

    cnemc = shared_dir / "data" / "air" / "cnemc_2019"
    store = Store(tmp_path_factory.mktemp("circular"))
    report = import_files(store, [cnemc / "NewSiteList.csv", cnemc / "china_sites_2019_changzhou.csv"])
    assert not report.failed
    stations = store.table("stations")
    real = stations[(stations["prefecture"] == "常州市") & ~stations["background"].astype(bool)]
    store.write("stations", real.drop(columns="synthetic").assign(station_level="国控"), synthetic=False)
    members = synthetic.changzhou_stations()
    members["station_level"] = members["station_level"].replace({"国控": "省控"})
    store.write("stations", members, synthetic=True)
    for year, level in SYNTHETIC_PM25_LEVEL.items():
        days, cubes = synthetic.hourly_cubes(len(members), year, seed=2019, level=level)
        frame = synthetic.cubes_to_frame(list(members["station"]), days, cubes)
        store.write("air_hourly", frame[frame["day"] < f"{year}-07-01"], synthetic=True)
    return store
