"""Seasonal history of the water back-cast: one DuckDB query over all sections vs the obvious
per-section loop (one query per section, then a pandas group-by).

Synthetic data (generated here, ``ecoplan.monitoring.synthetic.water_samples``): N sections
sampled monthly for six years (five earlier years and the current one). Prints the time of
both ways, their ratio, checks that the expectations agree, and times the whole back-cast.

    PYTHONPATH=src /work/venv/bin/python bench/water_backcast_history.py [N] [--workdir DIR]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import date

import numpy as np
import pandas as pd

from ecoplan.monitoring.backcast_water import backcast_water
from ecoplan.monitoring.store import Store
from ecoplan.monitoring.synthetic import water_samples
from ecoplan.monitoring.water_seasonal import monthly_history, seasonal_expectation

YEAR, AS_OF = 2023, date(2023, 6, 30)
FACTORS = ["do", "codmn", "nh3n", "tp"]


def build(root: str, n: int) -> tuple[Store, list[str]]:
    rng = np.random.default_rng(n)
    codes = [f"B{k:05d}" for k in range(n)]
    sections = pd.DataFrame({"section": codes, "section_name": "断面（合成）", "waterbody": "河（合成）",
                             "waterbody_type": np.where(rng.random(n) < 0.1, "湖库", "河流"), "station_level": "国考",
                             "drinking": False, "district": "天宁区", "target_class": 3,
                             "typical": rng.choice(4, size=n)})
    store = Store(root)
    store.write("sections", sections.drop(columns="typical"), synthetic=True)
    samples = [water_samples(sections, y, n)[["section", "time", *FACTORS]] for y in range(YEAR - 5, YEAR + 1)]
    frame = pd.concat(samples, ignore_index=True)
    store.write("water", frame[frame["time"] <= pd.Timestamp(AS_OF)], synthetic=True)
    return store, codes


def per_section_loop(store: Store, codes: list[str]) -> pd.DataFrame:
    """The obvious way: one query per section, month climatology in pandas."""
    con, parts = store.connect(), []
    for code in codes:
        rows = con.execute("SELECT * FROM water WHERE section = ? AND year BETWEEN ? AND ? AND month(time) > ?",
                           [code, YEAR - 5, YEAR - 1, AS_OF.month]).df()
        rows["month"] = rows["time"].dt.month
        for factor in FACTORS:
            by_month = rows.groupby([rows["time"].dt.year, "month"])[factor].mean().groupby("month").mean().dropna()
            if len(by_month):
                parts.append((code, factor, by_month.mean()))
    return pd.DataFrame(parts, columns=["section", "factor", "seasonal"])


def main(n: int, workdir: str | None) -> None:
    with tempfile.TemporaryDirectory(dir=workdir) as root:
        store, codes = build(root, n)
        start = time.perf_counter()
        one = seasonal_expectation(monthly_history(store.connect(), codes, FACTORS, YEAR, AS_OF.month))
        batched = time.perf_counter() - start
        start = time.perf_counter()
        loop = per_section_loop(store, codes)
        looped = time.perf_counter() - start
        joined = one.merge(loop, on=["section", "factor"], suffixes=("", "_loop"))
        assert len(joined) == len(one) == len(loop) and np.allclose(joined["seasonal"], joined["seasonal_loop"])
        start = time.perf_counter()
        result = backcast_water(store, ceiling=3, comparator=">=", value=80, year=YEAR, as_of=AS_OF, level="国考")
        whole = time.perf_counter() - start
    print(f"{n} sections × {len(FACTORS)} factors, 5 earlier years monthly; expectations agree ({len(one)} rows)")
    print(f"one query: {batched:.3f} s; per-section loop: {looped:.3f} s; ratio {looped / batched:.1f}×")
    print(f"whole back-cast: {whole:.3f} s ({result['sections_needed']} of {result['sections']} sections needed, "
          f"{len(result['sections_at_risk'])} at risk)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=2000, help="number of sections")
    parser.add_argument("--workdir", help="folder for the temporary store")
    args = parser.parse_args()
    main(args.n, args.workdir)
