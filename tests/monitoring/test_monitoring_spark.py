"""``--engine spark`` gives exactly the embedded (DuckDB + standards engine) results.

Real data: Changzhou, August 2019 (committed slice, real gaps and the centre's day values), and
with ``shared/`` the whole year; rankings on the synthetic city (districts). One local Spark
session for the whole test session (``spark_daily.session`` is cached), 4 shuffle partitions.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

pytest.importorskip("pyspark", reason="pyspark (the 'spark' extra) is not installed")
if not shutil.which("java"):
    pytest.skip("no Java runtime (scripts/system-deps.sh installs openjdk-17-jre-headless)", allow_module_level=True)

from ecoplan.monitoring import spark_daily  # noqa: E402
from ecoplan.monitoring.importer import import_files  # noqa: E402
from ecoplan.monitoring.indicators import indicators  # noqa: E402
from ecoplan.monitoring.ranking import ranking  # noqa: E402
from ecoplan.monitoring.store import Store  # noqa: E402
from ecoplan.standards.air_evaluation import DAILY_KEYS  # noqa: E402

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def august(tmp_path_factory):
    store = Store(tmp_path_factory.mktemp("august"))
    report = import_files(store, [DATA / "NewSiteList_beijing_changzhou.csv", DATA / "china_sites_201908_changzhou.csv"])
    assert not report.failed
    return store


def test_station_days_equal_the_stored_ones(august):
    spark = spark_daily.session()
    hourly = spark_daily.read_hourly(spark, august.root, date(2019, 8, 1), date(2019, 8, 31))
    ours = spark_daily.station_days(hourly).toPandas()
    stored = august.connect().sql("SELECT * EXCLUDE (year, month) FROM air_daily WHERE day BETWEEN DATE '2019-08-01' AND DATE '2019-08-31'").df()
    key = ["station", "day"]
    ours["day"] = pd.to_datetime(ours["day"])
    stored["day"] = pd.to_datetime(stored["day"])
    ours, stored = (f.sort_values(key).reset_index(drop=True) for f in (ours, stored))
    assert len(ours) == len(stored) > 300
    assert (ours["station"] == stored["station"]).all() and (ours["day"] == stored["day"]).all()
    for column in DAILY_KEYS:
        np.testing.assert_array_equal(ours[column].to_numpy(float), stored[column].to_numpy(float), err_msg=column)
    assert (ours["centre"].to_numpy() == stored["centre"].to_numpy()).all() and stored["centre"].sum() > 0


def test_indicators_equal_on_real_data(august):
    assert indicators(august, "常州市", "2019-08", engine="spark") == indicators(august, "常州市", "2019-08")


def test_indicators_equal_with_2026_rules_strict_and_dust_days(august):
    dust = [date(2019, 8, d) for d in (1, 2, 3)]
    args = dict(rules="2026", strict=True, dust_days=dust)
    duck = indicators(august, "常州市", "2019-08", **args)
    assert duck["air"]["pm25"] is None  # dust days leave PM2.5 below 27 valid days: strict null
    assert indicators(august, "常州市", "2019-08", engine="spark", **args) == duck


def test_ranking_equal_on_the_synthetic_city(synthetic_store):
    duck = ranking(synthetic_store, city="常州市", level="district", period_text="2023-05", metric="good_day_ratio")
    assert len(duck["rows"]) >= 5
    assert ranking(synthetic_store, city="常州市", level="district", period_text="2023-05", metric="good_day_ratio",
                   engine="spark") == duck


@pytest.mark.slow
def test_indicators_equal_on_the_real_2019_year(changzhou_store):
    assert indicators(changzhou_store, "常州市", "2019", engine="spark") == indicators(changzhou_store, "常州市", "2019")
