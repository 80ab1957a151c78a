"""Parts of the water back-cast's result: each section's factors, and the evaluation method that
applies to the group of sections (the minimum-sections rule)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ecoplan.monitoring.water_allowance import BASES, in_factor_units, ph_range
from ecoplan.standards.rounding import round_half_even
from ecoplan.standards.water import CLASS_LABELS
from ecoplan.standards.water_eval import MIN_SECTIONS_FOR_SHARES, basin_grade
from ecoplan.standards.water_limits import MAX, MIN, RANGE

RULE = "地表水环境质量评价办法（试行）（环办〔2011〕22号）二(二)2"
SHOWN = ("direction", "ytd_mean", "recent", "seasonal", "expected", "basis", "years", "years_meeting",
         "allowed", "at_risk", "impossible", "projected")
NUMBERS = ("ytd_mean", "recent", "seasonal", "expected", "allowed", "projected")


def _label(code) -> str | None:
    return None if pd.isna(code) else CLASS_LABELS[int(code)]


def _factor_rows(table: pd.DataFrame) -> pd.DataFrame:
    """The table in each factor's own units (pH in pH), rounded to 3 decimals, ``allowed`` the one
    bound of a one-sided factor and ``allowed_range`` ({min, max} pH) for pH, ``basis`` in Chinese."""
    shown = in_factor_units(table, ("ytd_mean", "recent", "seasonal", "expected", "projected"))
    shown["allowed"] = np.select([shown["direction"].eq(MAX), shown["direction"].eq(MIN)],
                                 [shown["allowed_high"], shown["allowed_low"]], np.nan)
    ph = ph_range(table)
    shown = shown.assign(**{c: round_half_even(shown[c].to_numpy(dtype=float), 3) for c in NUMBERS},
                         ph_min=round_half_even(ph["ph_min"].to_numpy(), 2), ph_max=round_half_even(ph["ph_max"].to_numpy(), 2))
    shown["basis"] = shown["basis"].map(BASES)
    shown = shown.astype(object).where(shown.notna(), None)
    is_ph = shown["direction"].eq(RANGE)
    shown["allowed_range"] = pd.Series([{"min": lo, "max": hi} for lo, hi in zip(shown["ph_min"], shown["ph_max"])],
                                       index=shown.index).where(is_ph, None)
    return shown


def per_section(table: pd.DataFrame, current: pd.Series, projected: pd.Series, ceilings: pd.Series) -> dict:
    """Each section's current and projected class and, per factor, the year-to-date, recent and
    seasonal levels, the allowance of the remaining samples and the basis of the expectation
    (``allowed_range`` only for pH: ``min`` None = impossible, ``max`` None = no upper bound)."""
    factors: dict[str, dict] = {}
    # one pass over the records: a group-by with a frame per section costs ~8 ms a section
    for row in _factor_rows(table)[["section", "factor", *SHOWN, "allowed_range"]].to_dict("records"):
        if row["allowed_range"] is None:
            del row["allowed_range"]
        factors.setdefault(row.pop("section"), {})[row.pop("factor")] = row
    return {code: {"class": _label(c), "target_class": CLASS_LABELS[int(ceilings[code])], "meets": bool(c <= ceilings[code]),
                   "projected_class": _label(projected.get(code)), "factors": factors.get(code, {})}
            for code, c in current.items()}


def evaluation_method(now: pd.DataFrame, then: pd.DataFrame, lake: pd.Series, ceilings: pd.Series, share: str) -> dict | None:
    """The method's rule on how many sections a share needs (评价办法 二(二)2): a river or basin
    with fewer than :data:`~ecoplan.standards.water_eval.MIN_SECTIONS_FOR_SHARES` sections is
    evaluated by the class of its sections' mean concentrations, not by class shares
    (:func:`ecoplan.standards.water_eval.basin_grade`). The plan's target is a share, so the share
    and the status stand; with fewer sections the class of the mean concentrations, now and
    projected, is given beside it. None for targets that are not shares (the worst class) and
    when no section could be classed."""
    flags = lake.reindex(now.index).fillna(False).to_numpy()
    graded = [basin_grade(m, np.zeros(len(m), dtype=int), lake=flags) for m in (now, then)]
    if share == "all" or graded[0].empty:  # not a share, or no section graded
        return None
    graded = [g.iloc[0] for g in graded]
    n = int(graded[0]["n"])
    out = {"rule": RULE, "min_sections": MIN_SECTIONS_FOR_SHARES, "sections": n,
           "method": "mean" if n < MIN_SECTIONS_FOR_SHARES else "shares"}
    if out["method"] == "shares":
        return {**out, "text": f"{n} 个断面（不少于 {MIN_SECTIONS_FOR_SHARES} 个）：按断面水质类别比例法评价（{RULE}），与目标的比例口径一致"}
    classes = [_label(g["class"]) for g in graded]
    ceiling = ceilings.dropna().unique()
    meets = [None if len(ceiling) != 1 or pd.isna(g["class"]) else bool(g["class"] <= ceiling[0]) for g in graded]
    return {**out, "mean_class": classes[0], "mean_class_projected": classes[1], "mean_meets": meets[0],
            "mean_meets_projected": meets[1],
            "text": (f"仅 {n} 个断面（少于 {MIN_SECTIONS_FOR_SHARES} 个）：{RULE}规定按各断面评价指标浓度的算术平均值评价"
                     f"（目前 {classes[0] or '—'} 类，预计 {classes[1] or '—'} 类）；目标按断面比例表述，比例与状态照算，均值类别供参考")}
