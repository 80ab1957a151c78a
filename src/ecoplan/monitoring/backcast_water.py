"""Back-cast of the water-section targets (优Ⅲ/优Ⅱ shares per level, no 劣Ⅴ, drinking sources ≤ Ⅲ).

A section's annual class is the class of its annual factor means (地表水环境质量评价办法（试行）
§一(二)3, :func:`ecoplan.standards.water_eval.period_means` and
:func:`ecoplan.standards.water.section_class`). Assumption (stated in every result): the usual
monthly sampling, one sample per factor in each month after the as-of month. A factor measured
``n`` times so far with sum ``S`` keeps its annual mean within the limit ``L`` of the ceiling
class (GB 3838-2002 Table 1, :func:`ecoplan.standards.water.limits_of`) exactly when the mean of
the ``r`` remaining samples is ≤ (L·(n + r) − S) / r (≥ for dissolved oxygen, whose limits are
floors). pH (a 6–9 range for every class) is not back-cast.

A section is *at risk* when a factor's recent level (mean of the last three months' samples)
is beyond what the rest of the year may have. The projection carries each factor's recent
level through the remaining months (近三个月水平外推) and classes the projected annual means.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from ecoplan.monitoring.store import Store
from ecoplan.standards.rounding import round_half_even
from ecoplan.standards.water import CLASS_LABELS, limits_of, resolve_factor, section_class
from ecoplan.standards.water_eval import period_means
from ecoplan.standards.water_limits import CLASS_FACTORS, DIRECTION, MAX, MIN

RECENT_MONTHS = 3
ASSUMPTION = "假定其余月份按常规每月监测一次（每个因子每月一个样）"


def _limits(factors: list[str], ceilings) -> pd.DataFrame:
    """Limit of each ceiling class per factor for rivers and lakes (at most 20 × 2 × 5 rows)."""
    rows = [(f, lake, int(c), float(limits_of(f, lake)[int(c) - 1]), DIRECTION[f])
            for f in factors for lake in (False, True) for c in sorted(set(ceilings))]
    return pd.DataFrame(rows, columns=["factor", "lake", "ceiling", "limit", "direction"])


def section_allowances(samples: pd.DataFrame, sections: pd.DataFrame, ceilings: pd.Series, as_of: date) -> pd.DataFrame:
    """Per section and back-cast factor: samples so far, year-to-date and recent mean, the allowed
    mean of the remaining samples, and whether the recent level breaks it (``at_risk``).
    ``ceilings``: the class each section must stay within, indexed by section."""
    remaining = 12 - as_of.month
    factors = [f for f in samples.columns if f in CLASS_FACTORS and DIRECTION[f] in (MAX, MIN) and samples[f].notna().any()]
    long = samples.melt(id_vars=["section", "time"], value_vars=factors, var_name="factor").dropna(subset=["value"])
    recent_from = pd.Timestamp(as_of.year, as_of.month, 1) - pd.DateOffset(months=RECENT_MONTHS - 1)
    long["recent"] = long["value"].where(long["time"] >= recent_from)
    table = long.groupby(["section", "factor"]).agg(n=("value", "size"), total=("value", "sum"), recent=("recent", "mean")).reset_index()
    lake = sections.set_index("section")["waterbody_type"].eq("湖库")
    table["lake"] = table["section"].map(lake).fillna(False).astype(bool)
    table["ceiling"] = table["section"].map(ceilings).astype(int)
    table = table.merge(_limits(factors, ceilings), on=["factor", "lake", "ceiling"], how="left")
    table["ytd_mean"] = table["total"] / table["n"]
    table["allowed"] = (table["limit"] * (table["n"] + remaining) - table["total"]) / remaining if remaining else np.nan
    floor = table["direction"].eq(MIN)
    table["at_risk"] = np.where(floor, table["recent"] < table["allowed"], table["recent"] > table["allowed"]) if remaining else False
    table["projected"] = (table["total"] + table["recent"].fillna(table["ytd_mean"]) * remaining) / (table["n"] + remaining)
    return table


def _classes(samples: pd.DataFrame, lake: pd.Series, table: pd.DataFrame | None = None) -> pd.Series:
    """Class of each section from its year-to-date means or, given the allowance ``table``, from
    its projected annual means (pH and factors not back-cast stay at their year-to-date means)."""
    factors = [f for f in samples.columns if f in CLASS_FACTORS]
    means = period_means(samples[factors], samples["section"].to_numpy())
    if table is not None:
        means.update(table.pivot(index="section", columns="factor", values="projected").reindex(means.index))
    return section_class(means, lake=lake.reindex(means.index).fillna(False).to_numpy())


def needed_sections(n: int, comparator: str, value: float, share: str) -> int:
    """Least number of sections within the ceiling class for the target to hold, with the share
    published to one decimal (GB/T 8170 half-even). ``share``: ``meeting`` (优Ⅲ/优Ⅱ share ≥ X),
    ``failing`` (劣Ⅴ share ≤ or == X) or ``all`` (every section, e.g. the worst class ≤ Ⅲ)."""
    if share == "all" or n == 0:
        return n
    shares = round_half_even(100.0 * np.arange(n + 1) / n, 1)
    if share == "meeting":
        ok = shares > value if comparator == ">" else shares >= value
        return int(np.argmax(ok)) if ok.any() else n + 1
    ok = shares < value if comparator == "<" else shares <= value
    return n - int(np.flatnonzero(ok).max()) if ok.any() else n + 1


def choose_sections(sections: pd.DataFrame, level: str | None, drinking: bool) -> pd.DataFrame:
    if drinking:
        return sections[sections["drinking"].astype(bool)]
    return sections if level in (None, "市考以上") else sections[sections["station_level"] == level]


def backcast_water(store: Store, *, ceiling: int | None, comparator: str, value: float, year: int, as_of: date,
                   level: str | None = None, drinking: bool = False, share: str = "meeting") -> dict:
    """What the rest of ``year`` must achieve for the sections' share (or every section) to stay
    within class ``ceiling`` (None: each section's registered target class): per-section allowed
    remaining means, sections needed, at risk, projection."""
    if not (store.has("water") and store.has("sections")):
        return {"metric": "water", "year": year, "status": "无数据", "note": "数据目录中没有断面水质数据"}
    chosen = choose_sections(store.table("sections"), level, drinking)
    samples = store.connect().execute("SELECT * FROM water WHERE time::DATE BETWEEN ? AND ? AND section IN (SELECT unnest(?))",
                                      [date(year, 1, 1), as_of, list(chosen["section"])]).df()
    if samples.empty:
        return {"metric": "water", "year": year, "status": "无数据", "note": f"{year} 年没有这些断面的水质数据"}
    lake = chosen.set_index("section")["waterbody_type"].eq("湖库")
    ceilings = chosen.set_index("section")["target_class"] if ceiling is None else pd.Series(ceiling, index=chosen["section"])
    table = section_allowances(samples, chosen, ceilings, as_of)
    current, projected = _classes(samples, lake), _classes(samples, lake, table)
    label = "各断面目标" if ceiling is None else CLASS_LABELS[ceiling]
    n, remaining = int(current.notna().sum()), 12 - as_of.month
    needed = needed_sections(n, comparator, float(value), share)
    ceilings = ceilings.reindex(current.index)
    meeting, will_meet = int((current <= ceilings).sum()), int((projected <= ceilings).sum())
    impossible = table.loc[table["direction"].eq(MAX) & (table["allowed"] < 0), "section"].unique()
    status = _status(will_meet >= needed, n - len(impossible) < needed, remaining)
    return {"metric": "water", "year": year, "as_of": as_of.isoformat(), "remaining_samples": remaining,
            "assumption": ASSUMPTION, "ceiling_class": label, "level": "饮用水水源地" if drinking else level or "市考以上",
            "target": {"comparator": comparator, "value": value, "share": share},
            "sections": n, "sections_meeting": meeting, "sections_needed": needed,
            "sections_at_risk": sorted(table.loc[table["at_risk"].astype(bool), "section"].unique().tolist()),
            "sections_impossible": sorted(impossible.tolist()),
            "achievable": {"possible": n - len(impossible) >= needed,
                           "text": f"{len(impossible)} 个断面剩余时段无论如何都无法达到{label}类" if len(impossible)
                           else "各断面剩余时段均仍可能达到要求"},
            "projection": {"sections_meeting": will_meet, "share": _share(will_meet, n),
                           "value": _in_target_terms(projected, ceilings, share),
                           "basis": "各因子近三个月均值外推至年底，其余月份每月一样"},
            "per_section": _per_section(table, current, ceilings), "status": status}


def _share(count: int, n: int) -> float | None:
    return float(round_half_even(100.0 * count / n, 1)) if n else None


def _in_target_terms(classes: pd.Series, ceilings: pd.Series, share: str):
    """The projection as the target states it: share within the ceiling (meeting), share beyond
    it (failing, e.g. 劣Ⅴ), or the worst class (all)."""
    graded = classes.dropna()
    if graded.empty:
        return None
    if share == "all":
        return int(graded.max())
    beyond = int((graded > ceilings.reindex(graded.index)).sum())
    return _share(len(graded) - beyond if share == "meeting" else beyond, len(graded))


def _per_section(table: pd.DataFrame, current: pd.Series, ceilings: pd.Series) -> dict:
    """Each section's current class and, per factor, the allowed mean of the remaining samples."""
    rounded = table.assign(**{c: round_half_even(table[c].to_numpy(dtype=float), 3) for c in ("ytd_mean", "recent", "allowed")})
    rounded = rounded.replace({np.nan: None})
    factors = {code: part.set_index("factor")[["direction", "ytd_mean", "recent", "allowed", "at_risk"]].to_dict("index")
               for code, part in rounded.groupby("section")}
    return {code: {"class": CLASS_LABELS.get(int(c)) if not np.isnan(c) else None,
                   "target_class": CLASS_LABELS[int(ceilings[code])], "meets": bool(c <= ceilings[code]),
                   "factors": factors.get(code, {})} for code, c in current.items()}


def _status(holds: bool, impossible: bool, remaining: int) -> str:
    if impossible:
        return "无法完成"
    return ("已完成" if holds else "未完成") if remaining == 0 else ("预计完成" if holds else "有风险")
