"""Benchmark of issue 4 item 7: a year of hourly data for 1,700 stations imported (≤ 60 s) and
fully evaluated (≤ 10 s) on this machine, with peak memory, against the obvious alternatives.

    PYTHONPATH=src python bench/monitoring_bench.py [--stations 1700] [--workdir DIR]

Data: 365 files in the national centre's ``china_sites_YYYYMMDD.csv`` layout written by
``ecoplan.monitoring.synthetic`` (340 cities of 5 stations, 3 districts each), plus the station
list. Each phase runs in a fresh process so its peak RSS is its own.
Alternatives: import = pandas ``read_csv`` + ``melt`` + ``pivot_table`` per file (the usual
notebook approach); evaluation = one query and one evaluation per city (a loop over cities).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

STATIONS_PER_CITY = 5
YEAR = 2023
SAMPLE = 20


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def registry(n: int) -> pd.DataFrame:
    codes = [f"{i + 1:04d}B" for i in range(n)]
    city = [f"城市{i // STATIONS_PER_CITY + 1:03d}" for i in range(n)]
    return pd.DataFrame({"监测点编码": codes, "监测点名称": [f"站点{i + 1}" for i in range(n)], "城市": city,
                         "所属区县": [f"{c}第{(i % STATIONS_PER_CITY) % 3 + 1}区" for i, c in enumerate(city)],
                         "经度": 120.0, "纬度": 31.0, "对照点": "N", "省级行政区": "某省", "地级行政区": [c + "市" for c in city]})


def generate(workdir: Path, n: int) -> None:
    from ecoplan.monitoring.synthetic import hourly_cubes, write_cnemc_files

    workdir.mkdir(parents=True, exist_ok=True)
    reg = registry(n)
    reg.to_csv(workdir / "stations.csv", index=False)
    days, cubes = hourly_cubes(n, YEAR, seed=1700)
    write_cnemc_files(list(reg["监测点编码"]), days, cubes, workdir / "files")


def phase_import(workdir: Path) -> dict:
    from ecoplan.monitoring.importer import import_files
    from ecoplan.monitoring.store import Store

    files = sorted((workdir / "files").glob("*.csv"))
    started = time.perf_counter()
    report = import_files(Store(workdir / "store"), [workdir / "stations.csv", *files])
    seconds = time.perf_counter() - started
    assert not report.failed, report.failed[:1]
    t0 = time.perf_counter()
    for path in files[:SAMPLE]:
        raw = pd.read_csv(path)
        long = raw.melt(id_vars=["date", "hour", "type"], var_name="station")
        long.pivot_table(index=["station", "date", "hour"], columns="type", values="value")
    naive = (time.perf_counter() - t0) / SAMPLE * len(files)
    return {"seconds": seconds, "rows": report.rows, "files": len(files), "naive_seconds_estimate": naive, "peak_mib": peak_mib()}


def phase_evaluate(workdir: Path) -> dict:
    from ecoplan.monitoring.areas import parse_period
    from ecoplan.monitoring.indicators import air_for
    from ecoplan.monitoring.store import Store

    store = Store(workdir / "store")
    stations = store.table("stations")
    cities = {name: list(g["station"]) for name, g in stations.groupby("prefecture")}
    districts = {name: list(g["station"]) for name, g in stations.groupby("district")}
    period = parse_period(str(YEAR))
    started = time.perf_counter()
    results, _ = air_for(store, {**cities, **districts}, period, None)
    seconds = time.perf_counter() - started
    t0 = time.perf_counter()
    for name in list(cities)[:SAMPLE]:
        air_for(store, {name: cities[name]}, period, None)
    loop = (time.perf_counter() - t0) / SAMPLE * len(cities)
    pm = np.array([results[c]["pm25"] for c in cities], dtype=float)
    return {"seconds": seconds, "cities": len(cities), "districts": len(districts), "loop_seconds_estimate": loop,
            "peak_mib": peak_mib(), "pm25_median": float(np.nanmedian(pm)), "good_day_ratio_city1": results[next(iter(cities))]["good_day_ratio"]}


def run_phase(name: str, workdir: Path) -> dict:
    out = subprocess.run([sys.executable, __file__, "--phase", name, "--workdir", str(workdir)],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--stations", type=int, default=1700)
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--phase", choices=["import", "evaluate"], default=None)
    args = parser.parse_args()
    if args.phase:
        print(json.dumps((phase_import if args.phase == "import" else phase_evaluate)(args.workdir)))
        return
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="ecoplan-bench-"))
    if len(list((workdir / "files").glob("*.csv"))) == 365 and len(pd.read_csv(workdir / "stations.csv")) == args.stations:
        print(f"reusing the generated files in {workdir}")
    else:
        t0 = time.perf_counter()
        generate(workdir, args.stations)
        print(f"generated {args.stations} stations × 365 days in {time.perf_counter() - t0:.1f} s → {workdir}")
    shutil.rmtree(workdir / "store", ignore_errors=True)
    print(f"load average before: {os.getloadavg()[0]:.1f} (2 cores)")
    imp = run_phase("import", workdir)
    print(f"import:   {imp['files']} files, {imp['rows']:,} rows in {imp['seconds']:.1f} s "
          f"({imp['rows'] / imp['seconds']:,.0f} rows/s; budget 60 s); peak RSS {imp['peak_mib']:.0f} MiB; "
          f"pandas melt/pivot per file ≈ {imp['naive_seconds_estimate']:.1f} s (ratio {imp['naive_seconds_estimate'] / imp['seconds']:.1f}×)")
    ev = run_phase("evaluate", workdir)
    print(f"evaluate: {ev['cities']} cities + {ev['districts']} districts, every air indicator of the year, in "
          f"{ev['seconds']:.1f} s (budget 10 s); peak RSS {ev['peak_mib']:.0f} MiB; one query per city ≈ "
          f"{ev['loop_seconds_estimate']:.1f} s (ratio {ev['loop_seconds_estimate'] / ev['seconds']:.1f}×); "
          f"median city PM2.5 {ev['pm25_median']:.0f} µg/m³")


if __name__ == "__main__":
    main()
