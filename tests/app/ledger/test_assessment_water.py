"""District water goals in the assessment, on a small store whose every share was computed by hand.

NH3-N alone decides each section's class (GB 3838-2002 Table 1: Ⅱ ≤ 0.5, Ⅲ ≤ 1.0, Ⅳ ≤ 1.5,
Ⅴ ≤ 2.0 mg/L, above: 劣Ⅴ); a section's class is that of its period mean (评价办法 §一(二)).
Monitoring data end on 28 February (the air), so a first-quarter review counts January and
February. Targets are the bindings' defaults (no published plan): 国考 80 %, 省考 92.2 %,
市考以上 劣Ⅴ 0 %.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from functools import partial

import pandas as pd
import pytest
from bs4 import BeautifulSoup
from openpyxl import load_workbook

from ecoplan.app.assessment.gather import period
from ecoplan.app.assessment.monitoring_inputs import MonitoringInputs
from ecoplan.app.assessment.service import review, rules_for
from ecoplan.app.db import unit_of_work
from ecoplan.assessment import ReportingStats
from ecoplan.monitoring.store import Store
from ecoplan.monitoring.synthetic import changzhou_stations

from assessment_store import two_districts_air

# section, district, level, NH3-N in January, NH3-N in February (None: no sample)
SECTIONS = [
    ("G1", "武进区", "国考", 0.3, None),   # Ⅱ
    ("G2", "武进区", "国考", 0.8, 1.6),    # Jan Ⅲ; mean 1.2 → Ⅳ
    ("G3", "武进区", "国考", 0.8, 0.9),    # 0.85 → Ⅲ
    ("G4", "武进区", "国考", 0.6, 1.2),    # 0.9 → Ⅲ (its February sample alone would be Ⅳ)
    ("S1", "武进区", "省考", 0.8, None),   # Ⅲ
    ("S2", "武进区", "省考", 0.4, None),   # Ⅱ
    ("M1", "武进区", "市考", None, None),  # registered, never sampled
    ("S3", "新北区", "省考", 0.8, None),   # Ⅲ
    ("S4", "新北区", "省考", 1.2, 1.4),    # 1.3 → Ⅳ
    ("S5", "新北区", "省考", 0.3, None),   # Ⅱ
    ("S6", "新北区", "省考", 0.4, None),   # Ⅱ
    ("S7", "新北区", "省考", 0.9, None),   # Ⅲ
    ("S8", "新北区", "省考", 1.0, None),   # Ⅲ (the limit itself)
    ("M2", "新北区", "市考", 2.5, 2.6),    # 劣Ⅴ
]


def _water(rows) -> tuple[pd.DataFrame, pd.DataFrame]:
    sections = pd.DataFrame({"section": [r[0] for r in rows], "section_name": [r[0] for r in rows],
                             "waterbody": "河", "waterbody_type": "河流",
                             "station_level": [r[2] for r in rows], "drinking": False,
                             "district": [r[1] for r in rows], "target_class": 3})
    samples = [(r[0], pd.Timestamp(f"2023-0{m}-10"), v) for r in rows
               for m, v in ((1, r[3]), (2, r[4])) if v is not None]
    return sections, pd.DataFrame(samples, columns=["section", "time", "nh3n"])


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    root = tmp_path_factory.mktemp("water")
    store = Store(root)
    registry = changzhou_stations()
    registry = registry[registry["district"].isin(["武进区", "新北区"])]
    store.write("stations", registry, synthetic=True)
    store.write("air_hourly", two_districts_air(registry), synthetic=True)
    sections, samples = _water(SECTIONS)
    store.write("sections", sections, synthetic=True)
    store.write("water", samples, synthetic=True)
    return root


class WithReports(MonitoringInputs):
    """Reporting fixed (two reports due, both on time and complete) to isolate the targets."""

    def reporting(self, *, start, end):
        return {d: ReportingStats(due=2, on_time=2, late=0, complete=2) for d in ("武进区", "新北区")}


WATER = ("国考优Ⅲ比例", "省考优Ⅲ比例", "市考以上劣Ⅴ比例")


def test_district_water_shares_by_level(db, people, store_dir):
    with unit_of_work(db) as s:
        results = MonitoringInputs(s, store_dir).target_results(
            start=dt.date(2023, 1, 1), end=dt.date(2023, 3, 31))
    got = {d: {m: (v[m].target, v[m].actual, v[m].applicable) for m in WATER}
           for d, v in results.items()}
    # 武进区 国考: G1, G3, G4 of 4 → 75 %; 省考 2 of 2 → 100 %; 市考以上: 6 evaluated (M1 has no
    # sample), none 劣Ⅴ. 新北区: no 国考 section → not applicable; 省考 5 of 6 = 83.33 → 83.3;
    # 市考以上 劣Ⅴ: M2, 1 of 7 = 14.29 → 14.3.
    assert got == {"武进区": {"国考优Ⅲ比例": (80, 75.0, True), "省考优Ⅲ比例": (92.2, 100.0, True),
                             "市考以上劣Ⅴ比例": (0, 0.0, True)},
                   "新北区": {"国考优Ⅲ比例": (80, None, False), "省考优Ⅲ比例": (92.2, 83.3, True),
                             "市考以上劣Ⅴ比例": (0, 14.3, True)}}
    assert results["武进区"]["市考优Ⅲ比例"].actual is None  # M1 registered, never sampled: no data


def test_water_points_and_not_applicable_scaling(db, people, store_dir):
    with unit_of_work(db) as s:
        source = WithReports(s, store_dir, today=dt.date(2023, 7, 10))
        r = review(s, rules=rules_for(store_dir, 2023), source=source, when=period(2023, 1))
    scores = {x.unit: x for x in r.scores["district"]}
    wujin, xinbei = scores["武进区"], scores["新北区"]
    # 武进区: PM2.5 40 → 15 − 4.5 = 10.5; good days 100 % → 10; 国考 75 < 80: 5 × 0.5 = 2.5 →
    # 5 − 2.5 = 2.5; 省考 100 % → 5; no 劣Ⅴ → 3; dust fall no data → 0; target completion no
    # statuses (no plan) → 0; 10 + 10 + 20. Total 71: 合格.
    assert [l.points for l in wujin.lines] == [Decimal("10.5"), 10, Decimal("2.5"), 5, 3, 0, 0,
                                               10, 10, 20]
    assert wujin.lines[2].number == "实际 75，差 5，扣 2.5 分"
    assert (wujin.full, wujin.total, wujin.grade) == (100, 71, "合格")
    # 新北区: PM2.5 48 → 6.5; good days 52.5: 27.5 × 0.25 = 6.88 → 3.12; 国考 不适用 (its 5
    # points leave the full score: 95); 省考 92.2 − 83.3 = 8.9 × 0.5 = 4.45 → 0.55; 劣Ⅴ 14.3 ×
    # 0.5 = 7.15 > 3 → 0 (扣完为止); dust fall 0; target completion 0; 40 for reporting and
    # ledger. 50.17 ÷ 95 × 100 = 52.810… → 52.81: 不合格.
    national = xinbei.lines[2]
    assert (national.points, national.max_points, national.applicable) == (0, None, False)
    assert national.number == "本区无国考断面，本项不适用，按其余项目折算"
    assert [l.points for l in xinbei.lines][3:5] == [Decimal("0.55"), 0]
    assert xinbei.lines[4].number == "实际 14.3，差 14.3，应扣 7.15 分，扣完为止，实扣 3 分"
    assert (xinbei.earned, xinbei.full, xinbei.total, xinbei.grade) == (
        Decimal("50.17"), 95, Decimal("52.81"), "不合格")
    assert xinbei.notes == ["折算为百分制：50.17 ÷ 95 × 100 = 52.81"]


def test_water_month_colours_and_summons(db, people, store_dir):
    with unit_of_work(db) as s:
        source = WithReports(s, store_dir, today=dt.date(2023, 7, 10))
        months = source.target_months(year=2023)
        r = review(s, rules=rules_for(store_dir, 2023), source=source, when=period(2023, 1))
    water = {(m.unit, m.metric, m.month): m.status for m in months if "断面" in m.metric}
    # January: 武进区 国考 G1–G4 all ≤ Ⅲ (G2 0.8, G4 0.6) → 100 % green; February: G2 Ⅳ → 75 %
    # red. 新北区 省考 83.3 % both months, M2 劣Ⅴ both months. No colour without a value (新北区
    # 国考) or for goals outside the rules (市考优Ⅲ比例).
    assert water == {("武进区", "国考断面优Ⅲ比例", "2023-01"): "green",
                     ("武进区", "国考断面优Ⅲ比例", "2023-02"): "red",
                     ("武进区", "省考断面优Ⅲ比例", "2023-01"): "green",
                     ("武进区", "省考断面优Ⅲ比例", "2023-02"): "green",
                     ("武进区", "市考以上断面劣Ⅴ类比例", "2023-01"): "green",
                     ("武进区", "市考以上断面劣Ⅴ类比例", "2023-02"): "green",
                     ("新北区", "省考断面优Ⅲ比例", "2023-01"): "red",
                     ("新北区", "省考断面优Ⅲ比例", "2023-02"): "red",
                     ("新北区", "市考以上断面劣Ⅴ类比例", "2023-01"): "red",
                     ("新北区", "市考以上断面劣Ⅴ类比例", "2023-02"): "red"}
    assert [p.title for p in r.summons] == ["约谈武进区：PM2.5浓度连续两个月红色预警",
                                            "约谈新北区：省考断面优Ⅲ比例连续两个月红色预警",
                                            "约谈新北区：市考以上断面劣Ⅴ类比例连续两个月红色预警"]


def test_no_section_registry_is_missing_data_not_not_applicable(db, people, tmp_path):
    store = Store(tmp_path)
    registry = changzhou_stations()
    store.write("stations", registry[registry["district"] == "武进区"], synthetic=True)
    store.write("air_hourly", two_districts_air(registry[registry["district"] == "武进区"]),
                synthetic=True)
    with unit_of_work(db) as s:
        results = MonitoringInputs(s, tmp_path).target_results(
            start=dt.date(2023, 1, 1), end=dt.date(2023, 3, 31))
    assert {m: (results["武进区"][m].actual, results["武进区"][m].applicable) for m in WATER} == {
        m: (None, True) for m in WATER}


def test_goals_come_from_the_published_plan(db, published, store_dir):
    with unit_of_work(db) as s:
        goals = MonitoringInputs(s, store_dir).goals(2023)
    national, provincial, worse = (goals[m] for m in WATER)
    # The seed plan: 国考、省考、市考断面优Ⅲ比例分别达80%、92.2%和92.4%; 市考以上消除劣Ⅴ.
    assert [(g["comparator"], g["value"]) for g in (national, provincial, worse)] == [
        (">=", 80), (">=", 92.2), ("==", 0)]
    assert all(g["target"] for g in (national, provincial, worse))  # plan uids, not defaults
    assert "国考" in national["text"] and provincial["text"] == "92.2%"
    assert (goals["市考优Ⅲ比例"]["value"], goals["省考优Ⅱ比例"]["value"]) == (92.4, 47.1)


def test_review_page_and_ranking_show_not_applicable(app, login_as, store_dir):
    app.state.assessment_inputs = partial(WithReports, data_dir=store_dir, today=dt.date(2023, 7, 10))
    admin = login_as("admin")
    page = admin.get("/assessment", params={"year": 2023, "quarter": 1})
    assert page.status_code == 200
    soup = BeautifulSoup(page.text, "lxml")
    xinbei = next(d for d in soup.select("#ranking-district details")
                  if d.summary.get_text(strip=True) == "新北区")
    rows = {r[0]: r[1:] for r in ([td.get_text(strip=True) for td in tr.select("td")]
                                  for tr in xinbei.select("table.explain tbody tr"))}
    assert rows["国考断面优Ⅲ比例"] == ["目标≥80，每差 1 个百分点 扣 0.5 分",
                                   "本区无国考断面，本项不适用，按其余项目折算", "不适用"]
    assert rows["省考断面优Ⅲ比例"][1:] == ["实际 83.3，差 8.9，扣 4.45 分", "0.55 / 5"]
    assert "折算为百分制：50.17 ÷ 95 × 100 = 52.81" in xinbei.get_text()
    sheet = load_workbook(io.BytesIO(admin.get("/assessment/ranking.xlsx",
                                               params={"year": 2023, "quarter": 1}).content))
    row = next(r for r in sheet.worksheets[0].iter_rows(values_only=True) if r[1] == "新北区")
    assert row[4] == 52.81
    assert "国考断面优Ⅲ比例：本区无国考断面，本项不适用，按其余项目折算；" in row[6]
