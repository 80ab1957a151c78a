"""IAQI + AQI over 10 million hourly records vs python-aqi used the obvious way (issue 3 item 6).

ecoplan: one vectorized ``hourly_aqi`` call over six arrays of 10,000,000 1-h concentrations.
python-aqi (PyPI ``python-aqi``, algorithm ``aqi.ALGO_MEP``): ``aqi.to_aqi`` called once per record
in a Python loop. Looping over 10 million records would take hours, so the loop is timed on a
sample and extrapolated linearly (the loop's cost per record does not depend on n); the printout
says so. Both are checked to agree on the sample.

Run: ``PYTHONPATH=src python bench/aqi_bench.py [n_records] [sample]``
"""

from __future__ import annotations

import sys
import time

import aqi as python_aqi
from aqi import constants as python_aqi_names
import numpy as np

from ecoplan.standards.aqi import hourly_aqi

PYTHON_AQI_KEYS = {
    "so2": python_aqi_names.POLLUTANT_SO2_1H, "no2": python_aqi_names.POLLUTANT_NO2_1H,
    "pm10": python_aqi_names.POLLUTANT_PM10, "pm25": python_aqi_names.POLLUTANT_PM25,
    "co": python_aqi_names.POLLUTANT_CO_1H, "o3": python_aqi_names.POLLUTANT_O3_1H,
}


def synthetic_hours(n: int, seed: int = 0) -> dict:
    """Integer 1-h concentrations (CO one decimal), as the national centre publishes them."""
    rng = np.random.default_rng(seed)
    data = {key: np.minimum(np.rint(rng.gamma(2.0, scale, n)), cap)
            for key, scale, cap in (("so2", 8, 790), ("no2", 20, 3000), ("pm10", 40, 600),
                                    ("pm25", 30, 500), ("o3", 40, 1200))}
    data["co"] = np.minimum(np.round(rng.gamma(2.0, 0.4, n), 1), 150)
    return data


def python_aqi_loop(data: dict, n: int) -> list:
    out = []
    for i in range(n):
        pairs = [(PYTHON_AQI_KEYS[k], str(v[i])) for k, v in data.items()]
        out.append(int(python_aqi.to_aqi(pairs, algo=python_aqi_names.ALGO_MEP)))
    return out


def _timed(func, repeats: int) -> tuple:
    """Best wall and CPU seconds over ``repeats`` runs, and the last result."""
    walls, cpus = [], []
    for _ in range(repeats):
        wall, cpu = time.perf_counter(), time.process_time()
        result = func()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return min(walls), min(cpus), result


def main(n: int = 10_000_000, sample: int = 20_000) -> None:
    data = synthetic_hours(n)
    ours_wall, ours_cpu, result = _timed(lambda: hourly_aqi(**data, rules="2012").aqi, 3)
    their_wall, their_cpu, theirs = _timed(lambda: python_aqi_loop(data, sample), 1)
    scale = n / sample
    same = np.asarray(theirs) == result[:sample]
    near = np.abs(np.asarray(theirs) - result[:sample]) <= 1
    print(f"records: {n:,} hours × 6 pollutants (SO2, NO2, PM10, PM2.5, CO, O3 1-h means)")
    print(f"ecoplan hourly_aqi, one vectorized call (best of 3): {ours_wall:.2f} s wall, {ours_cpu:.2f} s CPU")
    print(f"python-aqi, to_aqi in a loop: {their_wall:.2f} s wall / {their_cpu:.2f} s CPU for a sample of "
          f"{sample:,} records, extrapolated linearly to {n:,}: {their_wall * scale:,.0f} s wall, "
          f"{their_cpu * scale:,.0f} s CPU")
    print(f"speed-up: {their_wall * scale / ours_wall:,.0f}× wall, {their_cpu * scale / ours_cpu:,.0f}× CPU "
          f"(need ≥ 100×; the machine is shared, CPU time is the steadier figure)")
    print(f"same AQI on the sample: {same.mean():.2%}; within 1: {near.mean():.2%} — python-aqi rounds the "
          f"IAQI to the nearest integer, HJ 633-2012 §6.2 rounds up (进位)")


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:]]
    main(*args)
