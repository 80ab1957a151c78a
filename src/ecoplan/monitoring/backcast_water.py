"""Back-cast of the water-section targets (优Ⅲ/优Ⅱ shares per level, no 劣Ⅴ, drinking sources ≤ Ⅲ).

A section's annual class is the class of its annual factor means (地表水环境质量评价办法（试行）
§一(二)3, :func:`ecoplan.standards.water_eval.period_means` and
:func:`ecoplan.standards.water.section_class`). Assumption (stated in every result): the usual
monthly sampling, one sample per factor in each month after the as-of month. Per section and
factor, :mod:`ecoplan.monitoring.water_allowance` gives the mean the remaining samples may have
(an interval for pH) and the level they are expected to have: the same calendar months of
earlier years in the store when there are any (:mod:`ecoplan.monitoring.water_seasonal`), else
the last three months, else the year to date — each factor says which (``basis``).

A section is *at risk* when a factor's expected level is beyond its allowance; the projection
carries the expected levels through the remaining months and classes the projected annual means.
A share over fewer than five sections is flagged with the method's rule for such groups
(:mod:`ecoplan.monitoring.backcast_water_detail`).
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from ecoplan.monitoring.backcast_water_detail import evaluation_method, per_section
from ecoplan.monitoring.store import Store
from ecoplan.monitoring.water_allowance import BASES, backcast_factors, in_factor_units, section_allowances
from ecoplan.monitoring.water_seasonal import monthly_history
from ecoplan.standards.rounding import round_half_even
from ecoplan.standards.water import CLASS_LABELS, section_class
from ecoplan.standards.water_eval import period_means
from ecoplan.standards.water_limits import CLASS_FACTORS

ASSUMPTION = "假定其余月份按常规每月监测一次（每个因子每月一个样）"


def section_means(samples: pd.DataFrame, table: pd.DataFrame | None = None) -> pd.DataFrame:
    """Each section's year-to-date means or, given the allowance ``table``, its projected annual
    means (factors outside the table stay at their year-to-date means); pH in pH units."""
    factors = [f for f in CLASS_FACTORS if f in samples.columns]
    means = period_means(samples[factors], samples["section"].to_numpy())
    if table is not None and not table.empty:
        projected = in_factor_units(table, ("projected",)).pivot(index="section", columns="factor", values="projected")
        means.update(projected.reindex(means.index))
    return means


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
    remaining means, sections needed, at risk, projection, comparison with earlier years."""
    if not (store.has("water") and store.has("sections")):
        return {"metric": "water", "year": year, "status": "无数据", "note": "数据目录中没有断面水质数据"}
    chosen = choose_sections(store.table("sections"), level, drinking)
    con = store.connect()
    samples = con.execute("SELECT * FROM water WHERE time::DATE BETWEEN ? AND ? AND section IN (SELECT unnest(?))",
                          [date(year, 1, 1), as_of, list(chosen["section"])]).df()
    if samples.empty or not backcast_factors(samples):
        return {"metric": "water", "year": year, "status": "无数据",
                "note": f"{year} 年没有这些断面的水质数据" if samples.empty else f"{year} 年这些断面没有参与水质类别评价的因子"}
    ceilings = chosen.set_index("section")["target_class"] if ceiling is None else pd.Series(ceiling, index=chosen["section"])
    monthly = monthly_history(con, sorted(samples["section"].unique()), backcast_factors(samples), year, as_of.month)
    table = section_allowances(samples, chosen, ceilings, as_of, monthly)
    lake = chosen.set_index("section")["waterbody_type"].eq("湖库")
    now, then = section_means(samples), section_means(samples, table)
    current, projected = (section_class(m, lake=lake.reindex(m.index).fillna(False).to_numpy()) for m in (now, then))
    label = "各断面目标" if ceiling is None else CLASS_LABELS[ceiling]
    n, remaining = int(current.notna().sum()), 12 - as_of.month
    needed = needed_sections(n, comparator, float(value), share)
    ceilings = ceilings.reindex(current.index)
    meeting, will_meet = int((current <= ceilings).sum()), int((projected <= ceilings).sum())
    impossible = table.loc[table["impossible"], "section"].unique()
    earlier = _earlier_years(table, monthly)
    return {"metric": "water", "year": year, "as_of": as_of.isoformat(), "remaining_samples": remaining,
            "assumption": ASSUMPTION, "ceiling_class": label, "level": "饮用水水源地" if drinking else level or "市考以上",
            "target": {"comparator": comparator, "value": value, "share": share},
            "sections": n, "sections_meeting": meeting, "sections_needed": needed,
            "sections_at_risk": sorted(table.loc[table["at_risk"], "section"].unique().tolist()),
            "sections_impossible": sorted(impossible.tolist()),
            "achievable": _achievable(n - len(impossible) >= needed, len(impossible), label, earlier),
            "projection": {"sections_meeting": will_meet, "share": _share(will_meet, n),
                           "value": _in_target_terms(projected, ceilings, share), "basis": _basis_text(table, monthly)},
            "earlier_years": earlier,
            "evaluation_method": evaluation_method(now, then, lake, ceilings, share),
            "per_section": per_section(table, current, projected, ceilings),
            "status": _status(will_meet >= needed, n - len(impossible) < needed, remaining)}


def _basis_text(table: pd.DataFrame, monthly: pd.DataFrame) -> str:
    counts = table["basis"].value_counts()
    years = sorted(monthly["year"].unique().tolist())
    span = "" if not years else f"（{years[0]} 年）" if len(years) == 1 else f"（{years[0]}–{years[-1]} 年）"
    names = {**BASES, "seasonal": f"往年同期{span}同月份"}
    parts = [f"{names[k]}均值 {int(counts[k])} 项" for k in BASES if k in counts]
    return f"各断面各因子其余月份按{'、'.join(parts)}外推至年底，其余月份每月一样"


def _earlier_years(table: pd.DataFrame, monthly: pd.DataFrame) -> dict:
    """Which earlier years were compared, how many section factors rest on each basis, and the
    sections with a factor that no earlier year's remaining months would have kept within bounds."""
    never = table["years"].gt(0) & table["years_meeting"].eq(0)
    return {"years": sorted(int(y) for y in monthly["year"].unique()),
            "basis_counts": {k: int(v) for k, v in table["basis"].value_counts().items()},
            "sections_never_met": sorted(table.loc[never, "section"].unique().tolist())}


def _achievable(possible: bool, impossible: int, label: str, earlier: dict) -> dict:
    """Whether the ceiling can still be kept and, as the air back-cast does, how the same months
    of earlier years compare with what the rest of the year must achieve."""
    text = f"{impossible} 个断面剩余时段无论如何都无法达到{label}类" if impossible else "各断面剩余时段均仍可能达到要求"
    if earlier["years"]:
        never = len(earlier["sections_never_met"])
        text += (f"；往年同期 {never} 个断面有因子每年都超出剩余时段允许值" if never
                 else "；往年同期各断面均至少有一年达到剩余时段所需水平")
    return {"possible": possible, "text": text}


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


def _status(holds: bool, impossible: bool, remaining: int) -> str:
    if impossible:
        return "无法完成"
    return ("已完成" if holds else "未完成") if remaining == 0 else ("预计完成" if holds else "有风险")
