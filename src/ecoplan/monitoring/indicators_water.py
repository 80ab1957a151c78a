"""Water and dust-fall indicators of an area and period.

Water (地表水环境质量评价办法（试行）, via ``ecoplan.standards``): each section's class from the
period means of its samples (lakes with the lake TP limits); shares at Ⅰ–Ⅲ, Ⅰ–Ⅱ and 劣Ⅴ per
assessment level (国考/省考/市考, each section counted at the level it is registered with) and
for all sections (市考以上); drinking-water sources in compliance (class ≤ Ⅲ); lake trophic state
(TLI). Dust fall: town means of the monthly values against 2.3 t/(km²·month).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ecoplan.monitoring.areas import Period
from ecoplan.standards.rounding import round_half_even
from ecoplan.standards.trophic import trophic_state
from ecoplan.standards.water import CLASS_LABELS, section_class
from ecoplan.standards.water_eval import class_shares, period_means

DUSTFALL_LIMIT = 2.3
"""t/(km²·month): the Changzhou plan's ceiling for every town (2023 plan, task 11)."""
FACTORS = ("ph", "do", "codmn", "cod", "bod5", "nh3n", "tp", "tn", "chla", "sd")
TROPHIC_ONLY = ("chla", "sd")
LEVEL_ALL = "市考以上"
"""Every section of the area, whatever its assessment level."""
SHARE_KEYS = ("i_iii", "i_ii", "worse_v")


def _share_dict(shares: pd.DataFrame, name: str) -> dict:
    row = shares.loc[name]
    return {"sections": int(row["n"]), **{k: float(round_half_even(row[k], 1)) for k in SHARE_KEYS}}


def _evaluate(con, sections: pd.DataFrame, period: Period):
    """(samples, period means, registry rows, lake flags, class) of the sections sampled in the
    period, one row per section; None without samples."""
    samples = con.execute("SELECT * FROM water WHERE time::DATE BETWEEN ? AND ? AND section IN (SELECT unnest(?))",
                          [period.start, period.end, list(sections["section"])]).df()
    if samples.empty:
        return None
    factors = [f for f in FACTORS if f in samples and samples[f].notna().any()]
    gb3838 = [f for f in factors if f not in TROPHIC_ONLY]
    means = period_means(samples[gb3838], samples["section"].to_numpy())
    # chla and SD are not GB 3838 items: plain period means (评价办法 §一(二)) for the TLI only.
    extra = samples.groupby("section")[[f for f in factors if f in TROPHIC_ONLY]].mean()
    info = sections.set_index("section").reindex(means.index)
    lake = (info["waterbody_type"] == "湖库").to_numpy()
    return samples, means.join(extra), info, lake, section_class(means, lake=lake)


def water(con, sections: pd.DataFrame, period: Period) -> dict | None:
    """Classes, shares per level, drinking sources and trophic state; None without water data."""
    evaluated = _evaluate(con, sections, period)
    if evaluated is None:
        return None
    samples, means, info, lake, classes = evaluated
    shares = class_shares(classes.to_numpy(), info["station_level"].to_numpy())
    total = class_shares(classes.to_numpy())
    drinking = classes[info["drinking"].astype(bool).to_numpy()]
    return {
        "sections": {code: CLASS_LABELS.get(int(c)) if not np.isnan(c) else None for code, c in classes.items()},
        "shares": {**{level: _share_dict(shares, level) for level in shares.index}, LEVEL_ALL: _share_dict(total, "all")},
        "drinking_sources": {"total": int(len(drinking)), "compliant": int((drinking <= 3).sum()),
                             "worst_class": int(drinking.max()) if drinking.notna().any() else None},
        "lakes": _lakes(means[lake], info[lake]),
        "synthetic": bool(samples["synthetic"].any()) if "synthetic" in samples else False,
    }


def level_shares(con, sections: pd.DataFrame, period: Period, by: str = "district") -> pd.DataFrame:
    """Shares [%] at Ⅰ–Ⅲ, Ⅰ–Ⅱ and 劣Ⅴ of each group's sections per assessment level.

    The sections of each value of the registry column ``by`` (a district) are counted at the
    level they are registered with (国考/省考/市考) and all together (市考以上); each section's
    class is that of its period means, as :func:`water` gives it (评价办法 §一(二), shares §二(二)2,
    rounded to 0.1 % by GB/T 8170). One row per (group, level) with a registered section:
    ``registered`` sections, ``evaluated`` those with a class in the period, and the shares
    (NaN when none was evaluated).
    """
    evaluated = _evaluate(con, sections, period)
    known = evaluated[-1] if evaluated is not None else pd.Series(dtype=float)
    classes = known.reindex(sections["section"]).to_numpy(dtype=float)
    levels = sections["station_level"].fillna("").to_numpy()
    keys = pd.MultiIndex.from_arrays([np.tile(sections[by].fillna("").to_numpy(), 2),
                                      np.concatenate([levels, np.full(len(levels), LEVEL_ALL)])])
    registered = pd.Series(0, index=keys).groupby(level=[0, 1]).size()
    shares = class_shares(np.tile(classes, 2), keys.to_flat_index().to_numpy())
    shares = shares.reindex(registered.index.to_flat_index()).set_axis(registered.index)
    out = pd.DataFrame({"registered": registered, "evaluated": shares["n"].fillna(0).astype(int)})
    for key in SHARE_KEYS:
        out[key] = round_half_even(shares[key].to_numpy(dtype=float), 1)
    return out


def _lakes(means: pd.DataFrame, info: pd.DataFrame) -> dict:
    params = [p for p in ("chla", "tp", "tn", "sd", "codmn") if p in means]
    if means.empty or not params:
        return {}
    state = trophic_state(means[params])
    return {code: {"tli": float(round_half_even(row["tli"], 2)) if not np.isnan(row["tli"]) else None, "grade": row["grade"]}
            for code, row in state.iterrows()}


def dustfall(con, towns: list[str] | None, period: Period) -> dict | None:
    """Mean monthly dust fall per town and for the area; towns above 2.3 t/(km²·month)."""
    rows = con.execute("SELECT town, avg(dustfall) AS value, count(*) AS months, bool_or(synthetic) AS synthetic "
                       "FROM dustfall WHERE month::DATE BETWEEN ? AND ? GROUP BY town", [period.start.replace(day=1), period.end]).df()
    if towns is not None:
        rows = rows[rows["town"].isin(towns)]
    if rows.empty:
        return None
    rows = rows.assign(value=round_half_even(rows["value"].to_numpy(), 2)).sort_values(["value", "town"])
    return {"limit": DUSTFALL_LIMIT, "mean": float(round_half_even(rows["value"].mean(), 2)), "towns": int(len(rows)),
            "towns_above": rows.loc[rows["value"] > DUSTFALL_LIMIT, "town"].tolist(),
            "best10": rows.head(10)[["town", "value"]].to_dict("records"),
            "worst10": rows.tail(10).iloc[::-1][["town", "value"]].to_dict("records"),
            "synthetic": bool(rows["synthetic"].any())}
