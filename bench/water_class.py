"""Section classes of many samples: vectorized ``section_class`` vs the obvious per-row loop.

Synthetic data (generated here): N samples × the five automatic-station factors, a share of
them lake points. Prints both timings, the ratio, and checks that the results agree.

    PYTHONPATH=src /work/venv/bin/python bench/water_class.py [N]
"""

from __future__ import annotations

import sys
import time

import numpy as np
import pandas as pd

from ecoplan.standards.water import section_class
from ecoplan.standards.water_limits import LIMITS, TP_LAKE_LIMITS

LOOP_ROWS = 20_000  # the loop is timed on a slice and scaled


def synthetic(n: int, seed: int = 0) -> tuple[pd.DataFrame, np.ndarray]:
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame({
        "ph": rng.uniform(5.5, 9.5, n), "do": rng.uniform(0.5, 12, n),
        "codmn": rng.lognormal(1.3, 0.5, n), "nh3n": rng.lognormal(-1.5, 1.0, n),
        "tp": rng.lognormal(-2.5, 0.8, n),
    })
    frame = frame.mask(rng.random(frame.shape) < 0.02)  # 2 % missing
    return frame, rng.random(n) < 0.1


def _one_class(value: float, limits, minimum: bool) -> int:
    for k, limit in enumerate(limits):
        if (value >= limit) if minimum else (value <= limit):
            return k + 1
    return 6


def loop_classes(frame: pd.DataFrame, lake: np.ndarray) -> list[float]:
    """The obvious way: a Python loop over rows and factors."""
    out = []
    for row, is_lake in zip(frame.itertuples(index=False), lake):
        worst = np.nan
        for factor, value in row._asdict().items():
            if value != value:
                continue
            if factor == "ph":
                cls = 1 if 6 <= value <= 9 else 6
            else:
                limits = TP_LAKE_LIMITS if factor == "tp" and is_lake else LIMITS[factor]
                cls = _one_class(value, limits, factor == "do")
            worst = cls if worst != worst else max(worst, cls)
        out.append(worst)
    return out


def main(n: int) -> None:
    frame, lake = synthetic(n)
    section_class(frame.iloc[:100], lake=lake[:100])  # warm-up: imports and first-call costs
    start = time.perf_counter()
    fast = section_class(frame, lake=lake).to_numpy()
    t_fast = time.perf_counter() - start
    m = min(n, LOOP_ROWS)
    start = time.perf_counter()
    slow = np.array(loop_classes(frame.iloc[:m], lake[:m]), dtype=float)
    t_slow = (time.perf_counter() - start) * n / m
    same = np.array_equal(fast[:m], slow, equal_nan=True)
    print(f"rows: {n:,}  vectorized: {t_fast:.3f} s  loop (scaled from {m:,}): {t_slow:.2f} s  "
          f"ratio: {t_slow / t_fast:.0f}x  results agree: {same}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
