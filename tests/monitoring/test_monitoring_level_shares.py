"""Shares of a district's sections per assessment level (level_shares), computed by hand."""

import math

import pandas as pd

from ecoplan.monitoring.areas import parse_period
from ecoplan.monitoring.indicators_water import level_shares
from ecoplan.monitoring.store import Store

# section, district, level, type, (month, NH3-N, TP) samples
SECTIONS = [
    ("A1", "甲区", "国考", "河流", [(1, 0.3, 0.1), (2, 0.9, 0.1)]),    # NH3-N 0.6: Ⅲ
    ("A2", "甲区", "国考", "湖库", [(1, 0.3, 0.1)]),                   # lake TP 0.1 > 0.05: Ⅳ
    ("A3", "甲区", "省考", "河流", [(1, 2.4, 0.1), (3, 2.6, 0.1)]),    # 2.5 > 2.0: 劣Ⅴ (March out)
    ("A4", "甲区", "市考", "河流", []),                                # registered, never sampled
    ("B1", "乙区", "省考", "河流", [(2, 0.2, 0.05)]),                  # Ⅱ
]


def _store(tmp_path) -> Store:
    store = Store(tmp_path)
    store.write("sections", pd.DataFrame(
        {"section": [s[0] for s in SECTIONS], "district": [s[1] for s in SECTIONS],
         "station_level": [s[2] for s in SECTIONS], "waterbody_type": [s[3] for s in SECTIONS],
         "section_name": [s[0] for s in SECTIONS], "waterbody": "w", "drinking": False,
         "target_class": 3}))
    store.write("water", pd.DataFrame(
        [(s[0], pd.Timestamp(f"2023-{m:02d}-10"), nh3n, tp) for s in SECTIONS for m, nh3n, tp in s[4]],
        columns=["section", "time", "nh3n", "tp"]))
    return store


def test_level_shares_by_district(tmp_path):
    store = _store(tmp_path)
    out = level_shares(store.connect(), store.table("sections"), parse_period("2023-01-01..2023-02-28"))
    rows = {key: (r.registered, r.evaluated, r.i_iii, r.i_ii, r.worse_v) for key, r in out.iterrows()}
    # 甲区 国考: A1 Ⅲ, A2 Ⅳ (a river would be Ⅲ with TP 0.1) → 50 % Ⅰ–Ⅲ; 省考: A3 劣Ⅴ; 市考: A4
    # unsampled; 市考以上: 3 evaluated of 4, 1 Ⅲ → 33.3 %, 1 劣Ⅴ → 33.3 %. 乙区: B1 Ⅱ.
    assert {k: v for k, v in rows.items() if k != ("甲区", "市考")} == {
        ("甲区", "国考"): (2, 2, 50.0, 0.0, 0.0), ("甲区", "省考"): (1, 1, 0.0, 0.0, 100.0),
        ("甲区", "市考以上"): (4, 3, 33.3, 0.0, 33.3),
        ("乙区", "省考"): (1, 1, 100.0, 100.0, 0.0), ("乙区", "市考以上"): (1, 1, 100.0, 100.0, 0.0)}
    registered, evaluated, *shares = rows[("甲区", "市考")]
    assert (registered, evaluated) == (1, 0) and all(math.isnan(s) for s in shares)


def test_no_sample_in_the_period(tmp_path):
    store = _store(tmp_path)
    out = level_shares(store.connect(), store.table("sections"), parse_period("2022"))
    assert out["registered"].to_dict() == {
        ("甲区", "国考"): 2, ("甲区", "省考"): 1, ("甲区", "市考"): 1, ("甲区", "市考以上"): 4,
        ("乙区", "省考"): 1, ("乙区", "市考以上"): 1}
    assert out["evaluated"].eq(0).all()
    assert out[["i_iii", "i_ii", "worse_v"]].isna().all().all()
