"""The province-scale engine, part 2: period figures of every area in Spark SQL, shaped as the
embedded path's ``air`` summaries (``indicators.air_for``), so ``--engine spark`` prints the same.

From the area-day values (:mod:`spark_daily`):

* period means of SO2, NO2, PM10, PM2.5 and the CO 24-h p95 / O3 MDA8 p90 with HJ 663-2013
  Appendix A's linear percentile (Spark's exact ``percentile`` is the same formula), GB/T 8170
  rounding; validity by GB 3095 Table 4 from the valid days per month;
* daily AQI (HJ 633-2012 §5.1.2 / HJ 633-2026 §4.2.2): each daily value's IAQI by a join with the
  standards engine's own lookup table (``aqi_iaqi.lookup_table``: the breakpoints evaluated at
  every concentration unit), AQI = the maximum; a day counts when its AQI is complete or above
  100 (HJ 633-2026 §5.3.1, ``indicators_air.counted_aqi``);
* good days, valid days, ratio (1 decimal), heavy days (AQI > 200), days by level;
* the composite index of the six collected figures by the standards engine's own
  ``air_period.composite_index`` (环办监测〔2018〕19号; six numbers per area).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ecoplan.monitoring.air_daily import CENTRE_BITS
from ecoplan.monitoring.areas import Period
from ecoplan.monitoring.indicators_air import CONCENTRATIONS, LEVEL_NAMES, invalid_reason, plain, summary_notes
from ecoplan.monitoring.spark_daily import area_days, hourly_folders, read_hourly, rounded, session, station_days
from ecoplan.standards.air_evaluation import DAILY_KEYS
from ecoplan.standards.air_period import (
    MIN_DAYS_FEBRUARY, MIN_DAYS_MONTH, MIN_DAYS_YEAR, PERIOD_PERCENTILES, composite_index,
)
from ecoplan.standards.aqi import DAILY_COLUMNS
from ecoplan.standards.aqi_iaqi import lookup_table, top_unit
from ecoplan.standards.rulesets import EFFECTIVE_2026, rules_in_force

LEVEL_UPPER = (50, 100, 150, 200, 300)


def air_for_spark(store, groups: dict[str, list[str]], period: Period, rules: str | None, strict: bool = False,
                  dust_days=None) -> tuple[dict, bool]:
    """``indicators.air_for`` on Spark: ``{group: air summary}`` and whether any row is synthetic."""
    days = np.arange(np.datetime64(period.start), np.datetime64(period.end) + 1)
    if hourly_folders(store.root, period.start, period.end):
        spark = session()
        members = spark.createDataFrame([(g, s) for g, stations in groups.items() for s in stations] or [("", "")],
                                        "group string, station string")
        area = area_days(station_days(read_hourly(spark, store.root, period.start, period.end)), members, dust_days).cache()
        figures, months, aqi, centre = _collect(spark, area, rules)
        area.unpersist()
    else:  # nothing stored for the period (last year's, often): no job to run
        figures = months = aqi = centre = pd.DataFrame(columns=["group"])
    synthetic = bool(len(centre) and centre["synthetic"].fillna(0).max())
    day_rules = rules_in_force(days) if rules is None else np.full(days.shape, rules)
    out = {g: _summary(g, figures, months, aqi, centre, days, str(day_rules[-1]), strict) for g in groups}
    for summary in out.values():
        summary["rules"] = sorted(set(day_rules.tolist()))
    return out, synthetic


def _collect(spark, area, rules):
    """The small results (per group and key; per group and month), as pandas frames."""
    from pyspark.sql import functions as F

    long = area.selectExpr("group", "day", f"stack({len(DAILY_KEYS)}, "
                           + ", ".join(f"'{k}', {k}" for k in DAILY_KEYS) + ") AS (key, value)").where("value IS NOT NULL")
    figures = _figures(long).toPandas()
    months = long.selectExpr("group", "key", "date_format(day, 'yyyy-MM') AS month").groupBy("group", "key", "month").count().toPandas()
    aqi = _aqi_stats(spark, long, rules).toPandas()
    centre = area.groupBy("group").agg(*[_centre_counts(k) for k in list(DAILY_KEYS) + ["any"]],
                                       F.max("synthetic").alias("synthetic")).toPandas()
    return figures, months, aqi, centre


def _centre_counts(key: str):
    from pyspark.sql import functions as F

    column = F.col(f"centre_{key}")
    return F.struct(F.sum((column > 0).cast("int")).alias("days"), F.sum(column).alias("station_days")).alias(key)


def _figures(long):
    """Per group and key: the period figure over its valid days (mean or percentile, rounded)."""
    from pyspark.sql import functions as F

    grouped = long.groupBy("group", "key").agg(F.avg("value").alias("mean"), F.count("value").alias("n"),
                                               F.expr(f"percentile(value, {PERIOD_PERCENTILES['co'] / 100.0})").alias("p_co"),
                                               F.expr(f"percentile(value, {PERIOD_PERCENTILES['o3_8h'] / 100.0})").alias("p_o3_8h"))
    figure = F.lit(None).cast("double")
    for key in DAILY_KEYS:
        raw = F.col(f"p_{key}") if key in PERIOD_PERCENTILES else F.col("mean")
        figure = F.when(F.col("key") == key, rounded(raw, key)).otherwise(figure)
    return grouped.select("group", "key", "n", figure.alias("figure"))


def iaqi_table(spark):
    """The standards engine's IAQI of every concentration unit, per daily indicator and rule set
    (unit ``top + 1``: above the table), as a DataFrame to join with."""
    rows = []
    for key, indicator in DAILY_COLUMNS.items():
        for rule_set in ("2012", "2026"):
            table = lookup_table(indicator, rule_set)[:-1]  # the last entry is for NaN input
            rows.append(pd.DataFrame({"key": key, "rules": rule_set, "unit": np.arange(len(table), dtype=np.int32),
                                      "iaqi": table}))
    frame = pd.concat(rows, ignore_index=True)
    frame = frame[frame["iaqi"].notna() & ~((frame["key"] == "o3") & (frame["rules"] == "2026"))]
    return spark.createDataFrame(frame)


def _aqi_stats(spark, long, rules):
    """Per group: counted AQI days (HJ 633-2026 §5.3.1), good, heavy and days per level."""
    from pyspark.sql import functions as F

    rule = F.lit(rules) if rules else F.when(F.col("day") >= F.lit(EFFECTIVE_2026), "2026").otherwise("2012")
    scale = F.when(F.col("key") == "co", F.lit(10.0)).otherwise(F.lit(1.0))
    top = F.lit(None).cast("int")
    for key, indicator in DAILY_COLUMNS.items():
        top = F.when(F.col("key") == key, F.lit(int(top_unit(indicator)) + 1)).otherwise(top)
    units = F.least(F.bround((F.col("value") * scale).cast("decimal(38,10)"), 0).cast("int"), top)
    keyed = long.withColumn("rules", rule).withColumn("unit", units)
    joined = keyed.join(F.broadcast(iaqi_table(spark)), ["key", "rules", "unit"], "left")
    needed = F.when((F.col("key") != "o3") | (F.col("rules") == "2012"), 1).otherwise(0)
    daily = joined.groupBy("group", "day", "rules").agg(F.max("iaqi").alias("aqi"), F.sum(needed).alias("present"))
    complete = F.col("present") == F.when(F.col("rules") == "2012", len(DAILY_KEYS)).otherwise(len(DAILY_KEYS) - 1)
    counted = daily.select("group", F.when(complete | (F.col("aqi") > 100), F.col("aqi")).alias("aqi"))
    lower = (None,) + LEVEL_UPPER
    levels = [F.sum(((F.col("aqi") > lo if lo is not None else F.lit(True)) & (F.col("aqi") <= hi if hi else F.lit(True))
                     & F.col("aqi").isNotNull()).cast("int")).alias(f"level{i}")
              for i, (lo, hi) in enumerate(zip(lower, LEVEL_UPPER + (None,)))]
    valid, good = F.count("aqi"), F.sum((F.col("aqi") <= 100).cast("int"))
    return counted.groupBy("group").agg(valid.alias("valid"), good.alias("good"),
                                        F.sum((F.col("aqi") > 200).cast("int")).alias("heavy"), *levels) \
        .withColumn("ratio", F.bround((F.col("good") * 100.0 / F.col("valid")).cast("decimal(38,10)"), 1).cast("double"))


def period_valid(counts: dict[str, int], days: np.ndarray) -> bool:
    """GB 3095 Table 4 validity of a period from valid days per month, as
    ``air_evaluation._period_valid``: one month ≥ 27 (February 25); a calendar year ≥ 324 and
    every month ≥ 27 (25); any other period at least one valid day."""
    months = [str(m) for m in np.unique(days.astype("datetime64[M]"))]
    need = {m: MIN_DAYS_FEBRUARY if m.endswith("-02") else MIN_DAYS_MONTH for m in months}
    if len(months) == 1:
        return counts.get(months[0], 0) >= need[months[0]]
    if len(np.unique(days.astype("datetime64[Y]"))) == 1 and days.size >= 365:
        return sum(counts.values()) >= MIN_DAYS_YEAR and all(counts.get(m, 0) >= need[m] for m in months)
    return sum(counts.values()) > 0


def _summary(group, figures, months, aqi, centre, days, period_rules: str, strict: bool) -> dict:
    """One group's ``air`` summary in the embedded path's shape and note order."""
    notes, air, invalid = [], {}, False
    for key, name in CONCENTRATIONS.items():
        row = figures[(figures["group"] == group) & (figures["key"] == name)] if len(figures) else figures
        value = float(row["figure"].iloc[0]) if len(row) else np.nan
        chosen = months[(months["group"] == group) & (months["key"] == name)] if len(months) else months
        counts = dict(zip(chosen.get("month", []), map(int, chosen.get("count", []))))
        if not period_valid(counts, days):
            invalid = True
            reason = invalid_reason(counts, days)
            if strict or np.isnan(value):
                notes.append(f"{key}: {reason}")
                value = np.nan
            else:
                notes.append(f"{key}: {reason}；按现有有效日计算，仅供参考")
        air[key] = plain(value, 1 if name == "co" else 0)
    stats = aqi[aqi["group"] == group] if len(aqi) else aqi
    stat = stats.iloc[0] if len(stats) else None
    air.update(good_days=int(stat["good"]) if stat is not None else 0, valid_days=int(stat["valid"]) if stat is not None else 0,
               good_day_ratio=plain(float(stat["ratio"]), 1) if stat is not None and stat["valid"] else None,
               heavy_days=int(stat["heavy"]) if stat is not None else 0, composite_index=_composite(air, strict and invalid))
    air["days_by_level"] = dict(zip(LEVEL_NAMES, [int(stat[f"level{i}"]) if stat is not None else 0 for i in range(6)]))
    air["notes"] = notes + summary_notes(air, period_rules)
    air["from_centre"] = _from_centre(centre, group)
    return air


def _composite(air: dict, withheld: bool):
    """Composite index of the shown figures by the standards engine's own function (six numbers
    per area, collected: 环办监测〔2018〕19号, each C/S to 2 decimals, then summed)."""
    given = {"so2": air["so2"], "no2": air["no2"], "pm10": air["pm10"], "pm25": air["pm25"], "co": air["co_p95"],
             "o3_8h": air["o3_8h_p90"]}
    if withheld:
        return None
    values = {k: np.array([np.nan if v is None else float(v)]) for k, v in given.items()}
    return plain(float(composite_index(**values).total[0]), 2)


def _from_centre(centre, group: str) -> dict:
    rows = centre[centre["group"] == group] if len(centre) else centre
    if not len(rows):
        return {}
    row = rows.iloc[0]
    counts = {k: {"days": int(row[k]["days"] or 0), "station_days": int(row[k]["station_days"] or 0)}
              for k in CENTRE_BITS if row[k]["station_days"]}
    if counts:
        counts["aqi"] = {"days": int(row["any"]["days"]), "station_days": int(row["any"]["station_days"])}
    return counts


def spark_rank(names: list[str], values: list, lower_is_better: bool) -> list[int | None]:
    """Rank of each value, ties sharing the lowest (Spark SQL ``rank()``); None without a value."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    frame = session().createDataFrame([(n, None if v is None else float(v)) for n, v in zip(names, values)],
                                      "name string, value double")
    order = F.col("value").asc() if lower_is_better else F.col("value").desc()
    ranked = frame.where("value IS NOT NULL").withColumn("rank", F.rank().over(Window.orderBy(order)))
    ranks = {row["name"]: row["rank"] for row in ranked.collect()}
    return [ranks.get(n) for n in names]
