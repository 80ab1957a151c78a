"""Both engines on a synthetic province: 5-minute data → hourly → station-day → every city's figures.

    PYTHONPATH=src python bench/spark_bench.py [--stations 1000] [--days 14] [--workdir DIR]

A province of ``--stations`` stations (5 per city) with 5-minute values of the six pollutants
(2 % missing at random) for ``--days`` days from 2025-01-01, written once as Parquet. Each engine
then runs in a fresh process: the hourly means (GB 3095 Table 4: ≥ 45 minutes, i.e. ≥ 9 of the
12 five-minute values), the store's hourly layout, the station-day values and the air figures
of every city for the period. Printed per engine: wall and CPU time, 5-minute rows per second
of wall time and per CPU-second, peak RSS (the process tree sampled every 0.5 s: Spark's JVM
included), and the ratio. A year (``--days 365``, ≈ 105 M rows for 1,000 stations) is the issue's
size (about 6 min to generate, 3.5 min DuckDB, 8–12 min Spark on the shared 2-core machine at load
~10: docs/monitoring.md); the default is two weeks.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

POLLUTANTS = {"pm25": 35.0, "pm10": 60.0, "so2": 8.0, "no2": 30.0, "co": 0.8, "o3": 90.0}
START = np.datetime64("2025-01-01T00:00")


def generate(path: Path, stations: int, days: int, seed: int = 7) -> int:
    """5-minute rows (station, time = start of the 5 minutes, pollutants), one row group per day."""
    rng = np.random.default_rng(seed)
    codes = np.array([f"{9000 + i // 10:04d}{chr(65 + i % 10)}" for i in range(stations)], dtype=object)
    level = rng.uniform(0.5, 1.5, stations)
    writer, rows = None, 0
    for day in range(days):
        minutes = np.arange(288) * 5
        stamp = START + np.timedelta64(day, "D") + minutes.astype("timedelta64[m]")
        diurnal = 1 + 0.3 * np.sin(2 * np.pi * (minutes / 1440.0 - 0.25))
        columns = {"station": np.repeat(codes, 288), "time": np.tile(stamp, stations).astype("datetime64[ms]")}
        for name, mean in POLLUTANTS.items():
            value = mean * level[:, None] * diurnal[None, :] * rng.lognormal(0, 0.25, (stations, 288))
            value = np.round(value, 1 if name == "co" else 0).reshape(-1)
            value[rng.random(value.size) < 0.02] = np.nan
            columns[name] = pa.array(value, from_pandas=True)  # NaN → null (missing)
        table = pa.table(columns)
        writer = writer or pq.ParquetWriter(path, table.schema, compression="zstd")
        writer.write_table(table)
        rows += table.num_rows
    writer.close()
    return rows


def registry(stations: int):
    import pandas as pd

    codes = [f"{9000 + i // 10:04d}{chr(65 + i % 10)}" for i in range(stations)]
    return pd.DataFrame({"station": codes, "name": codes, "city": [f"市{i // 5:03d}" for i in range(stations)]})


HOURLY_SQL = """
SELECT station, CAST(time_trunc AS DATE) AS day, CAST(hour(time_trunc) AS TINYINT) AS hour, {columns}, false AS synthetic
FROM (SELECT station, time_trunc, {sums}
      FROM (SELECT *, date_trunc('hour', time) AS time_trunc FROM {source}) GROUP BY station, time_trunc)
"""


def hourly_sums() -> str:
    """Per pollutant and hour: the sum of the 5-minute values in their last decimal's units (exact
    integers: the values carry 0 or 1 decimals) and their count."""
    return ", ".join(f"sum(CAST(floor({p} * {_unit(p)} + 0.5) AS BIGINT)) AS s_{p}, count({p}) AS n_{p}" for p in POLLUTANTS)


def hourly_columns(spark: bool) -> str:
    """1-h mean of each pollutant where ≥ 9 of the 12 five-minute values exist (GB 3095 Table 4),
    rounded half to even (GB/T 8170) in integer arithmetic: q = s div n, r = s mod n, up when
    2r > n or (2r = n and q odd). The same value as ``round_even(CAST(avg AS DECIMAL(38,10)), d)``
    without a JVM BigDecimal per value and hour (what the decimal cast costs in Spark)."""
    div = "div" if spark else "//"
    parts = []
    for p in POLLUTANTS:
        q, r, n = f"(s_{p} {div} n_{p})", f"(s_{p} % n_{p})", f"n_{p}"
        up = f"CASE WHEN 2 * {r} > {n} OR (2 * {r} = {n} AND {q} % 2 = 1) THEN 1 ELSE 0 END"
        parts.append(f"CASE WHEN {n} >= 9 THEN CAST({q} + {up} AS DOUBLE) / {_unit(p)} END AS {p}")
    return ", ".join(parts)


def _unit(pollutant: str) -> str:
    return "10.0" if pollutant == "co" else "1.0"


def run_duckdb(workdir: Path, stations: int, days: int) -> None:
    import duckdb
    import pandas as pd

    from ecoplan.monitoring.indicators import air_for
    from ecoplan.monitoring.store import Store

    store = Store(workdir / "duckdb")
    sql = HOURLY_SQL.format(columns=hourly_columns(False), sums=hourly_sums(), source=f"read_parquet('{workdir / 'fivemin.parquet'}')")
    hourly = duckdb.sql(sql).df()
    hourly["day"] = pd.to_datetime(hourly["day"]).astype("datetime64[ms]")
    store.write("air_hourly", hourly)  # station-day values by the standards engine, month by month
    _figures(lambda groups, period: air_for(store, groups, period, None), stations, days)


def run_spark(workdir: Path, stations: int, days: int) -> None:
    from ecoplan.monitoring.spark_daily import SHUFFLE_PARTITIONS, session
    from ecoplan.monitoring.spark_period import air_for_spark
    from ecoplan.monitoring.store import Store

    spark = session()
    spark.read.parquet(str(workdir / "fivemin.parquet")).createOrReplaceTempView("fivemin")
    hourly = spark.sql(HOURLY_SQL.format(columns=hourly_columns(True), sums=hourly_sums(), source="fivemin"))
    store = Store(workdir / "spark")
    # ~9 M station-hours a year: more shuffle partitions than the session's 4 (small area-periods)
    # keep each aggregation task's hash map in memory; adaptive execution merges small ones
    spark.conf.set("spark.sql.shuffle.partitions", max(4, days // 12))
    hourly.selectExpr("*", "year(day) AS year", "date_format(day, 'MM') AS month").withColumn("day", hourly["day"].cast("timestamp_ntz")) \
        .write.mode("overwrite").partitionBy("year", "month").parquet(str(store.root / "air_hourly"))
    spark.conf.set("spark.sql.shuffle.partitions", SHUFFLE_PARTITIONS)
    _figures(lambda groups, period: air_for_spark(store, groups, period, None), stations, days)


def _figures(air_for, stations: int, days: int) -> None:
    from ecoplan.monitoring.areas import Period

    table = registry(stations)
    groups = {city: list(members) for city, members in table.groupby("city")["station"]}
    start = START.astype("datetime64[D]").item()
    period = Period(start, (START.astype("datetime64[D]") + days - 1).item(), "bench")
    out, _ = air_for(groups, period)
    print(json.dumps({"cities": len(out), "pm25_first": next(iter(out.values()))["pm25"]}))


def _tree(root: int) -> list[int]:
    """``root`` and its descendants (from /proc: Spark's JVM is a grandchild)."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    out, frontier = [root], [root]
    while frontier:
        frontier = [pid for pid, parent in parents.items() if parent in frontier]
        out += frontier
    return out


def _sample(pids: list[int]) -> tuple[int, dict]:
    """RSS bytes of ``pids`` now, and each one's CPU seconds so far."""
    rss, cpu = 0, {}
    tick = os.sysconf("SC_CLK_TCK")
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        rss += int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        cpu[pid] = (int(fields[11]) + int(fields[12])) / tick
    return rss, cpu


def measure(engine: str, workdir: Path, stations: int, days: int) -> dict:
    """Run one engine in a fresh process; wall time, CPU and peak RSS of its whole process tree."""
    code = f"import sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); import spark_bench as b; " \
           f"b.run_{engine}(__import__('pathlib').Path({str(workdir)!r}), {stations}, {days})"
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak, cpu = 0, {}
    while proc.poll() is None:
        rss, now = _sample(_tree(proc.pid))
        peak, cpu = max(peak, rss), {**cpu, **now}
        time.sleep(0.5)
    out, err = proc.communicate()
    if proc.returncode:
        raise SystemExit(f"{engine} failed:\n{err[-3000:]}")
    return {"wall": time.perf_counter() - started, "cpu": sum(cpu.values()), "rss_gib": peak / 2**30,
            "result": out.strip().splitlines()[-1]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stations", type=int, default=1000)
    parser.add_argument("--days", type=int, default=14)
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="ecoplan-spark-bench-"))
    started = time.perf_counter()
    rows = generate(workdir / "fivemin.parquet", args.stations, args.days)
    print(f"{args.stations} stations × {args.days} days of 5-minute data: {rows:,} rows in {time.perf_counter() - started:.1f} s "
          f"(load {os.getloadavg()[0]:.1f})")
    results = {engine: measure(engine, workdir, args.stations, args.days) for engine in ("duckdb", "spark")}
    for engine, r in results.items():
        print(f"{engine:7s} wall {r['wall']:7.1f} s  CPU {r['cpu']:7.1f} s  {rows / r['wall']:12,.0f} rows/s  "
              f"{rows / max(r['cpu'], 1e-9):12,.0f} rows/CPU-s  "
              f"peak RSS {r['rss_gib']:.2f} GiB  {r['result']}")
    print(f"spark / duckdb wall time: {results['spark']['wall'] / results['duckdb']['wall']:.2f}×  "
          f"(load {os.getloadavg()[0]:.1f})")


if __name__ == "__main__":
    main()
