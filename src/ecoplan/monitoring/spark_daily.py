"""The province-scale engine, part 1: a local (or cluster) Spark session, and station-day and
area-day values computed with Spark SQL from the same Parquet layout (``air_hourly``).

Same definitions as the embedded path (``air_daily`` + ``air_cube``), written as DataFrame
expressions, never per-row Python:

* 24-h means of SO2, NO2, PM10, PM2.5, CO: ≥ 20 valid hours (GB 3095-2012 / -2026 Table 4);
* O3 daily max 1-h: any valid hour (GB 3095 Table 4 gives no count; docs/standards.md);
* O3 MDA8: the 17 windows ending at 08:00 … 24:00 of the natural day, each with ≥ 6 valid hours,
  the day with ≥ 14 valid windows or a maximum above 160 µg/m³ (HJ 663-2013 / -2026 §6.1.2);
* where those miss, the national centre's own day value (``centre_*``, docs/monitoring.md);
* area-day value: the mean of its stations' values of the same statistic (点位平均, decision D1);
* rounding GB/T 8170 (round half to even on the decimal value): ``bround`` of the value as a
  DECIMAL(38, 10), which drops the binary noise of float sums as the standards engine's
  15-significant-digit reading does.
"""

from __future__ import annotations

import functools
from pathlib import Path

from ecoplan.errors import InputError
from ecoplan.monitoring.air_daily import CENTRE_BITS
from ecoplan.monitoring.columns import AIR_POLLUTANTS, CENTRE_COLUMNS
from ecoplan.standards.air_evaluation import DAILY_KEYS, MEAN_POLLUTANTS
from ecoplan.standards.air_validity import (
    MDA8_WINDOWS, MIN_HOURS_8H, MIN_HOURS_DAILY, MIN_WINDOWS_MDA8, O3_MDA8_LIMIT, POLLUTANT_DECIMALS,
)

SHUFFLE_PARTITIONS = 4
"""Small on purpose: an area-period is thousands of rows, not billions; a cluster sets its own."""

LOCAL_JVM_OPTIONS = "-XX:+UseParallelGC -XX:-DontCompileHugeMethods"
"""The local JVM's options: the throughput collector (no concurrent G1 threads competing for two
cores), and JIT compilation of methods above 8,000 bytecodes, which the JVM otherwise leaves
interpreted (Spark's generated code for wide projections such as the 17 MDA8 windows can be)."""


@functools.cache
def session(master: str = "local[2]"):
    """The one Spark session of this process (local mode unless ``master`` names a cluster)."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:  # the optional extra is not installed
        raise InputError("--engine spark 需要 pyspark（pip install 'ecoplan[spark]'）和 Java 17", field="engine") from None
    try:
        spark = (SparkSession.builder.master(master).appName("ecoplan-indicators")
                 .config("spark.sql.shuffle.partitions", SHUFFLE_PARTITIONS)
                 .config("spark.ui.enabled", "false")
                 .config("spark.sql.session.timeZone", "UTC")
                 .config("spark.sql.execution.arrow.pyspark.enabled", "true")  # small results to pandas in columns
                 .config("spark.driver.extraJavaOptions", LOCAL_JVM_OPTIONS)
                 .getOrCreate())
    except Exception as exc:  # no Java, or it cannot start
        raise InputError(f"Spark 无法启动（需要 Java 17，见 scripts/system-deps.sh）：{exc}", field="engine") from None
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def rounded(column, key: str):
    """GB/T 8170 rounding of a concentration column to its published decimals (``o3_8h`` as O3)."""
    from pyspark.sql import functions as F

    decimals = POLLUTANT_DECIMALS[key]
    return F.bround(column.cast("decimal(38,10)"), decimals).cast("double")


HOURLY_SCHEMA = ", ".join(["station string", "day timestamp_ntz", "hour tinyint"]
                          + [f"{p} double" for p in AIR_POLLUTANTS + CENTRE_COLUMNS] + ["synthetic boolean"])
"""The stored hourly columns (``store.Store.write``), given so Spark reads no footers to infer them;
a month stored before a column existed reads it as null."""


def hourly_folders(root: Path, start, end) -> list[str]:
    """The stored month folders of ``air_hourly`` that the days ``start`` … ``end`` touch."""
    base = root / "air_hourly"
    months = [(y, m) for y in range(start.year, end.year + 1) for m in range(1, 13)
              if (start.year, start.month) <= (y, m) <= (end.year, end.month)]
    return [str(base / f"year={y}" / f"month={m:02d}") for y, m in months if (base / f"year={y}" / f"month={m:02d}").is_dir()]


def read_hourly(spark, root: Path, start, end):
    """``air_hourly`` rows of the days ``start`` … ``end``: only the month folders of the period
    are listed (partition pruning by path)."""
    from pyspark.sql import functions as F

    folders = hourly_folders(root, start, end)
    if not folders:
        return spark.createDataFrame([], HOURLY_SCHEMA).withColumn("day", F.col("day").cast("date"))
    frame = spark.read.schema(HOURLY_SCHEMA).option("basePath", str(root / "air_hourly")).parquet(*folders)
    return frame.withColumn("day", F.col("day").cast("date")).where(F.col("day").between(F.lit(start), F.lit(end)))


def station_days(hourly):
    """Station-day values (station, day, so2 … o3_8h, centre bit mask, synthetic) from hourly rows."""
    from pyspark.sql import functions as F

    hour_o3 = [F.max(F.when(F.col("hour") == h, F.col("o3"))).alias(f"o3_h{h}") for h in range(24)]
    aggregates = ([F.count(p).alias(f"n_{p}") for p in AIR_POLLUTANTS]
                  + [F.avg(p).alias(f"mean_{p}") for p in MEAN_POLLUTANTS] + [F.max("o3").alias("max_o3")] + hour_o3
                  + [F.max(F.when(F.col("hour") == 23, F.col(c))).alias(c) for c in CENTRE_COLUMNS]
                  + [F.max(F.coalesce(F.col("synthetic").cast("int"), F.lit(0))).alias("synthetic")])
    grouped = hourly.groupBy("station", "day").agg(*aggregates)
    ours = {p: F.when(F.col(f"n_{p}") >= MIN_HOURS_DAILY, rounded(F.col(f"mean_{p}"), p)) for p in MEAN_POLLUTANTS}
    ours["o3"] = F.when(F.col("n_o3") >= 1, rounded(F.col("max_o3"), "o3"))
    ours["o3_8h"] = _mda8()
    # our values first, as columns: written into the next step's two uses (value and centre bit)
    # they made the generated aggregation code exceed the JVM's 64 KB method limit (Spark then
    # logged a compile error and ran the stage without code generation)
    step = grouped.select("station", "day", "synthetic", *CENTRE_COLUMNS, *[ours[k].alias(f"ours_{k}") for k in DAILY_KEYS])
    values = [F.coalesce(F.col(f"ours_{k}"), F.col(f"centre_{k}")).alias(k) for k in DAILY_KEYS]
    bits = [F.when(F.col(f"ours_{k}").isNull() & F.col(f"centre_{k}").isNotNull(), F.lit(CENTRE_BITS[k])).otherwise(F.lit(0))
            for k in DAILY_KEYS]
    mask = functools.reduce(lambda a, b: a.bitwiseOR(b), bits).cast("short").alias("centre")
    out = step.select("station", "day", *values, mask, (F.col("synthetic") > 0).alias("synthetic"))
    return out.where(functools.reduce(lambda a, b: a | b, [F.col(k).isNotNull() for k in DAILY_KEYS]))


def _mda8():
    """HJ 663 §6.1.2 MDA8 of the day from the 24 hourly columns ``o3_h0`` … ``o3_h23``."""
    from pyspark.sql import functions as F

    windows = []
    for end in range(24 - MDA8_WINDOWS, 24):  # windows ending at slot 7 (08:00) … 23 (24:00)
        hours = [F.col(f"o3_h{h}") for h in range(end - 7, end + 1)]
        count = functools.reduce(lambda a, b: a + b, [h.isNotNull().cast("int") for h in hours])
        total = functools.reduce(lambda a, b: a + b, [F.coalesce(h, F.lit(0.0)) for h in hours])
        windows.append(F.when(count >= MIN_HOURS_8H, total / count))
    valid = functools.reduce(lambda a, b: a + b, [w.isNotNull().cast("int") for w in windows])
    best = rounded(F.greatest(*windows), "o3")
    return F.when((valid >= MIN_WINDOWS_MDA8) | (best > O3_MDA8_LIMIT), best)


def area_days(daily, members, dust_days=None):
    """Area-day values: ``members`` (group, station) joined to station-days, the mean of the
    stations' values of each statistic, rounded; per key the number of station values that
    came from the centre (``centre_<key>``); dust days' PM10/PM2.5 removed (环办监测〔2016〕120号)."""
    from pyspark.sql import functions as F

    joined = daily.join(F.broadcast(members), "station")
    aggregates = ([F.avg(k).alias(k) for k in DAILY_KEYS]
                  + [F.sum(((F.col("centre").bitwiseAND(CENTRE_BITS[k])) != 0).cast("int")).alias(f"centre_{k}") for k in DAILY_KEYS]
                  + [F.sum((F.col("centre") != 0).cast("int")).alias("centre_any"), F.max(F.col("synthetic").cast("int")).alias("synthetic")])
    grouped = joined.groupBy("group", "day").agg(*aggregates)
    dust = F.col("day").isin([F.lit(d) for d in dust_days]) if dust_days else F.lit(False)
    values = [F.when(~dust | F.lit(k not in ("pm10", "pm25")), rounded(F.col(k), "o3" if k == "o3_8h" else k)).alias(k)
              for k in DAILY_KEYS]
    return grouped.select("group", "day", *values, *[f"centre_{k}" for k in DAILY_KEYS], "centre_any", "synthetic")
