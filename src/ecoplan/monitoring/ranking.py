"""Rankings of the districts or towns of a city, as in the monthly air circular.

Each member's value is compared with the city's: worse than the city average → ``yellow``;
worse than the same period last year → ``red`` (deterioration). Ranked by PM2.5 (ascending),
ties share a rank (并列).
"""

from __future__ import annotations

import pandas as pd

from ecoplan.errors import InputError
from ecoplan.monitoring.areas import Area, evaluation_stations, parse_period, resolve_area
from ecoplan.monitoring.indicators import air_for
from ecoplan.monitoring.store import Store

LEVEL_COLUMNS = {"district": ("district", "city"), "town": ("town",)}


def member_groups(stations: pd.DataFrame, city: Area, level: str) -> dict[str, list[str]]:
    """Stations of a city grouped by district (or by the registry's county ``城市``) or by town;
    a district keeps its national and provincial stations when the registry gives levels."""
    prefecture = stations.loc[stations["station"].isin(city.stations), "prefecture"].dropna().unique()
    members = stations[stations["prefecture"].isin(prefecture) & ~stations["background"].astype(bool)]
    for column in LEVEL_COLUMNS[level]:
        named = members[members[column].fillna("") != ""]
        if named[column].nunique() > 1:
            return {name: list(evaluation_stations(group, level)["station"]) for name, group in named.groupby(column)}
    raise InputError(f"站点名录没有{'辖市区' if level == 'district' else '镇（街道）'}信息，无法排名", field="level")


def ranking(store: Store, *, city: str, level: str, period_text: str, metric: str = "pm25", rules: str | None = None,
            engine: str = "duckdb") -> dict:
    """Members ranked by ``metric`` (ties share the lowest rank, 并列); ``engine`` as in ``air_for``
    (with ``spark`` the ranks come from Spark SQL's ``rank()`` too)."""
    area = resolve_area(city, store.table("stations"))
    period = parse_period(period_text)
    groups = member_groups(store.table("stations"), area, level)
    groups_all = {**groups, area.name: list(area.stations)}
    now, synthetic = air_for(store, groups_all, period, rules, engine=engine)
    before, _ = air_for(store, groups_all, period.year_before(), rules, engine=engine)
    city_value = now[area.name][metric]
    lower_is_better = metric != "good_day_ratio"
    rows = []
    for name in groups:
        value, last = now[name][metric], before[name][metric]
        worse_than_city = _worse(value, city_value, lower_is_better)
        deteriorated = _worse(value, last, lower_is_better)
        rows.append({"name": name, "value": value, "last_year": last, "good_day_ratio": now[name]["good_day_ratio"],
                     "yellow": worse_than_city, "red": deteriorated})
    ranked = pd.DataFrame(rows)
    if engine == "spark":
        from ecoplan.monitoring.spark_period import spark_rank

        ranked["rank"] = pd.array(spark_rank(ranked["name"].tolist(), ranked["value"].tolist(), lower_is_better), dtype="Int64")
    else:
        ranked["rank"] = ranked["value"].rank(method="min", ascending=lower_is_better).astype("Int64")
    ranked = ranked.sort_values(["rank", "name"])
    rows = ranked.astype(object).where(ranked.notna(), None).to_dict("records")
    ranked_rows = [r for r in rows if r["value"] is not None]
    return {"city": area.name, "level": level, "period": period.text, "metric": metric, "city_value": city_value,
            "synthetic": synthetic, "rows": rows, "best10": [r["name"] for r in ranked_rows[:10]],
            "worst10": [r["name"] for r in ranked_rows[::-1][:10]]}


def _worse(value, reference, lower_is_better: bool) -> bool | None:
    if value is None or reference is None:
        return None
    return value > reference if lower_is_better else value < reference
