"""Full annual air evaluation of a province: 1,700 stations × 8,760 synthetic hours (issue 3 item 6).

Generates realistic-looking hourly SO2, NO2, PM10, PM2.5, CO and O3 with 3 % missing hours,
runs ``evaluate_hourly`` (daily means with validity, O3 MDA8, daily AQI, annual means and
percentiles, validity, good-day ratio, levels, compliance, composite index) in one call, and
prints the wall time (target < 10 s on the 2-core machine) and the peak memory.

Run: ``PYTHONPATH=src python bench/air_annual_bench.py [n_stations]``
"""

from __future__ import annotations

import resource
import sys
import time
import tracemalloc

import numpy as np

from ecoplan.standards.air_evaluation import evaluate_hourly

SCALES = {"so2": 6.0, "no2": 14.0, "pm10": 30.0, "pm25": 18.0, "o3": 35.0}


def synthetic_year(n_stations: int, seed: int = 0) -> dict:
    rng = np.random.default_rng(seed)
    shape = (n_stations, 365, 24)
    daily_cycle = 1 + 0.3 * np.sin(np.linspace(0, 2 * np.pi, 24, endpoint=False))
    hourly = {}
    for key, scale in SCALES.items():
        values = np.rint(rng.gamma(2.0, scale, shape) * daily_cycle)
        values[rng.random(shape) < 0.03] = np.nan
        hourly[key] = values
    co = np.round(rng.gamma(2.0, 0.35, shape), 1)
    co[rng.random(shape) < 0.03] = np.nan
    hourly["co"] = co
    return hourly


def _peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**10


def main(n_stations: int = 1700) -> None:
    dates = np.arange(np.datetime64("2025-01-01"), np.datetime64("2026-01-01"))
    t0 = time.perf_counter()
    hourly = synthetic_year(n_stations)
    t1 = time.perf_counter()
    rss_before = _peak_rss_mib()
    start = time.perf_counter()
    result = evaluate_hourly(hourly, dates=dates)
    elapsed = time.perf_counter() - start
    rss_after = _peak_rss_mib()
    # A second, traced run measures the evaluation's own allocations (tracemalloc slows it).
    tracemalloc.start()
    evaluate_hourly(hourly, dates=dates)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    input_mb = sum(v.nbytes for v in hourly.values()) / 2**20
    print(f"stations × hours: {n_stations} × {dates.size * 24} ({n_stations * dates.size * 24:,} per pollutant)")
    print(f"synthetic data generated in {t1 - t0:.1f} s; input arrays {input_mb:,.0f} MiB")
    print(f"annual evaluation: {elapsed:.2f} s (target < 10 s)")
    print(f"peak memory allocated by the evaluation: {peak / 2**20:,.0f} MiB (tracemalloc, second run)")
    print(f"peak resident set size of the process: {rss_after:,.0f} MiB (before the evaluation: {rss_before:,.0f} MiB)")
    print(f"example station 0: PM2.5 {result.concentration['pm25'][0]:g}, good-day ratio "
          f"{result.good_day_ratio[0]:g} %, composite index {result.composite.total[0]:g}, rules {result.rules}")
    print("PASS" if elapsed < 10 else "SLOWER THAN 10 s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1700)
