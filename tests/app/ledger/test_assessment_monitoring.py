"""District targets in the assessment from a small monitoring store, computed by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from ecoplan.app.assessment.gather import period
from ecoplan.app.assessment.monitoring_inputs import MonitoringInputs
from ecoplan.app.assessment.service import review, rules_for
from ecoplan.app.db import unit_of_work
from ecoplan.assessment import ReportingStats
from ecoplan.monitoring.store import Store
from ecoplan.monitoring.synthetic import changzhou_stations

from assessment_store import two_districts_air

@pytest.fixture(scope="module")
def store_dir(tmp_path_factory) -> dict:
    """武进区: PM2.5 40 every hour of January and February 2023 (AQI 57, good); dust fall of
    two towns 2.0, 2.2 and 2.6, 2.8. 新北区: 20 in January (good), 80 in February (IAQI 107,
    not good); no dust fall. Town stations are registered but measure nothing."""
    root = tmp_path_factory.mktemp("monitoring")
    store = Store(root)
    registry = changzhou_stations()
    registry = registry[registry["district"].isin(["武进区", "新北区"])]
    store.write("stations", registry, synthetic=True)
    towns = sorted(registry.loc[registry["district"] == "武进区", "town"].unique())[1:3]
    store.write("dustfall", pd.DataFrame({
        "town": np.repeat(towns, 2), "month": pd.to_datetime(["2023-01-01", "2023-02-01"] * 2),
        "dustfall": [2.0, 2.2, 2.6, 2.8]}), synthetic=True)
    store.write("air_hourly", two_districts_air(registry), synthetic=True)
    return root


class WithReports(MonitoringInputs):
    """Reporting fixed (two reports due, both on time and complete) to isolate the targets."""

    def reporting(self, *, start, end):
        return {d: ReportingStats(due=2, on_time=2, late=0, complete=2) for d in ("武进区", "新北区")}


def test_first_quarter_scores_computed_by_hand(db, people, store_dir):
    with unit_of_work(db) as s:
        source = WithReports(s, store_dir, today=dt.date(2023, 7, 10))
        results = source.target_results(start=dt.date(2023, 1, 1), end=dt.date(2023, 3, 31))
        r = review(s, rules=rules_for(store_dir, 2023), source=source, when=period(2023, 1))
    # 武进区: 59 days at 40 → PM2.5 40, 100 % good. 新北区: (31×20 + 28×80)/59 = 48.47 → 48;
    # 31 good days of 59 = 52.54 % → 52.5 (GB/T 8170). Targets: the plan's defaults 31 and 80.0.
    assert {d: (v["PM2.5"].actual, v["优良天数比率"].actual, v["降尘"].actual)
            for d, v in results.items()} == {"武进区": (40, 100.0, 2.4), "新北区": (48, 52.5, None)}
    scores = {x.unit: x for x in r.scores["district"]}
    wujin, xinbei = scores["武进区"], scores["新北区"]
    # 武进区 PM2.5 (15 points): (40 − 31) × 0.5 = 4.5 → 10.5; good days met → 10; the three water
    # items (国考 5, 省考 5, 劣Ⅴ 3) no data → 0 (no section registry: missing data, not 不适用);
    # dust fall (2.1 + 2.7) / 2 = 2.4 against 2.3: 0.1 × 2 = 0.2 → 6.8; target completion: no
    # plan published, no statuses → 0; timeliness 10, completeness 10, ledger nothing due → 20.
    # Total 67.3: 合格.
    assert [line.points for line in wujin.lines] == [Decimal("10.5"), 10, 0, 0, 0, Decimal("6.8"),
                                                     0, 10, 10, 20]
    assert wujin.lines[0].number == "实际 40，差 9，扣 4.5 分"
    assert wujin.lines[2].number == "无监测数据，本项不得分" and wujin.full == 100
    assert wujin.lines[5].number == "实际 2.4，差 0.1，扣 0.2 分"
    assert (wujin.total, wujin.grade) == (Decimal("67.3"), "合格")
    # 新北区 PM2.5: 17 × 0.5 = 8.5 → 6.5; good days (10): 27.5 points × 0.25 = 6.875 → 6.88
    # → 3.12; 40 for reporting and ledger → 49.62.
    assert [line.points for line in xinbei.lines][:2] == [Decimal("6.5"), Decimal("3.12")]
    assert xinbei.lines[1].number == "实际 52.5，差 27.5，扣 6.88 分"
    assert (xinbei.total, xinbei.grade) == (Decimal("49.62"), "不合格")
    assert scores["溧阳市"].lines[0].number == "无监测数据，本项不得分"
    # Monthly colours: 武进区 PM2.5 red in January and February → 约谈; 新北区 red in February only.
    assert [p.title for p in r.summons] == ["约谈武进区：PM2.5浓度连续两个月红色预警"]
    assert r.missing == ["该年度没有已发布的工作方案：无牵头部门排名与滞后任务",
                         "监测数据截至 2023-02-28：目标类项目按年初至该日累计值计"]


def test_annual_on_part_of_the_year_is_provisional(db, people, store_dir):
    with unit_of_work(db) as s:
        source = WithReports(s, store_dir, today=dt.date(2024, 1, 10))
        r = review(s, rules=rules_for(store_dir, 2023), source=source, when=period(2023, None))
    assert r.provisional and r.criticise == [] and r.commend == []
    # The red January–February streak is the first quarter's proposal, not the year's.
    assert r.summons == []


def test_monthly_colours(db, people, store_dir):
    with unit_of_work(db) as s:
        months = MonitoringInputs(s, store_dir).target_months(year=2023)
    colours = {(m.unit, m.metric, m.month): m.status for m in months}
    assert colours == {("武进区", "PM2.5浓度", "2023-01"): "red", ("武进区", "PM2.5浓度", "2023-02"): "red",
                       ("武进区", "优良天数比率", "2023-01"): "green",
                       ("武进区", "优良天数比率", "2023-02"): "green",
                       ("新北区", "PM2.5浓度", "2023-01"): "green", ("新北区", "PM2.5浓度", "2023-02"): "red",
                       ("新北区", "优良天数比率", "2023-01"): "green",
                       ("新北区", "优良天数比率", "2023-02"): "red",
                       ("武进区", "降尘", "2023-01"): "green", ("武进区", "降尘", "2023-02"): "red"}


def test_no_data_for_the_year(db, people, store_dir):
    with unit_of_work(db) as s:
        source = MonitoringInputs(s, store_dir)
        assert source.target_results(start=dt.date(2024, 1, 1), end=dt.date(2024, 3, 31)) == {}
        assert source.target_months(year=2024) == []
