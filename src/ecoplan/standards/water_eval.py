"""Surface-water evaluation beyond one sample: period means, main pollution indicators, class
shares and the qualitative grade of a river, basin or group of lakes.

Source: 地表水环境质量评价办法（试行）(环办〔2011〕22号), cited by clause below; the pH mean is
from 《地表水环境质量监测数据统计技术规定（试行）》 (2020). Decisions on doubtful points are
recorded in ``docs/standards.md`` (## Water).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ecoplan.standards.water import (
    CLASS_GRADES, WORSE_THAN_V, as_factor_frame, exceedance_multiples, factor_classes,
    section_class,
)
from ecoplan.standards.water_limits import CLASS_FACTORS, PRIORITY_FACTORS

# 评价办法 §二(二)2: fewer than five sections → classify the mean concentrations instead.
MIN_SECTIONS_FOR_SHARES = 5


def period_means(data, keys, *, min_count: int = 1) -> pd.DataFrame:
    """Arithmetic mean of each factor per group (section × period), 评价办法 §一(二).

    ``keys``: one array (or a list of arrays) of group labels, as long as ``data``. pH is averaged
    as hydrogen-ion concentration, −log10(mean(10^−pH)) (2020 statistics rule). A factor with fewer
    than ``min_count`` valid values in a group gives NaN (missing values are skipped, never zero).
    The annual class of a section is :func:`section_class` of its annual means.
    """
    frame = as_factor_frame(data)
    several = isinstance(keys, (list, tuple)) and len(keys) > 0 and np.ndim(keys[0]) > 0
    key_list = list(keys) if several else [keys]
    for key in key_list:
        if len(key) != len(frame):
            raise ValueError(f"keys: {len(key)} labels for {len(frame)} rows")
    work = frame.copy()
    if "ph" in work:
        work["ph"] = 10.0 ** (-work["ph"])
    grouped = work.groupby([np.asarray(k) for k in key_list], sort=True)
    means = grouped.mean().where(grouped.count() >= min_count)
    if "ph" in means:
        means["ph"] = -np.log10(means["ph"])
    return means


def _stable_order(keys: list[np.ndarray]) -> np.ndarray:
    """Row-wise lexicographic descending order over 2-D keys, most significant key first."""
    order = np.broadcast_to(np.arange(keys[0].shape[1]), keys[0].shape)
    for key in reversed(keys):
        ranked = np.take_along_axis(key, order, axis=1)
        order = np.take_along_axis(order, np.argsort(-ranked, axis=1, kind="stable"), axis=1)
    return order


def main_pollutants(data, *, lake=False, top: int = 3) -> pd.Series:
    """Main pollution indicators 主要污染指标 of each section (评价办法 §二(一)3).

    None for sections of class Ⅲ or better; otherwise the (at most) ``top`` factors worse than
    class Ⅲ, worst class first, ties ranked by exceedance multiple over the class-Ⅲ limit;
    cyanide and heavy metals that exceed come first. Returns a Series of lists of factor ids.
    """
    classes = factor_classes(data, lake=lake)
    classes = classes[[c for c in classes.columns if c in CLASS_FACTORS]]
    multiples = exceedance_multiples(as_factor_frame(data)[classes.columns], lake=lake)
    multiples = multiples.reindex(columns=classes.columns)
    cls = classes.to_numpy()
    exceeding = np.nan_to_num(cls) > 3
    priority = exceeding & np.isin(classes.columns, list(PRIORITY_FACTORS))[None, :]
    order = _stable_order([
        priority.astype(float), np.nan_to_num(cls), np.nan_to_num(multiples.to_numpy(), nan=0.0),
    ])
    names = np.asarray(classes.columns)[order]
    keep = np.take_along_axis(exceeding, order, axis=1)
    lists = [list(n[k][:top]) for n, k in zip(names, keep)]
    return pd.Series(lists, index=classes.index, name="main_pollutants", dtype=object)


def class_shares(classes, groups=None) -> pd.DataFrame:
    """Shares [%] of sections at Ⅰ–Ⅲ, Ⅰ–Ⅱ and 劣Ⅴ (评价办法 §二(二)2), unrounded.

    ``classes``: section classes 1…6 (NaN = not evaluated, left out of the count ``n``);
    ``groups``: optional labels (river, basin) → one row per group, else a single row.
    """
    codes = pd.Series(np.asarray(classes, dtype=float))
    labels = np.full(len(codes), "all") if groups is None else np.asarray(groups)
    if len(labels) != len(codes):
        raise ValueError(f"groups: {len(labels)} labels for {len(codes)} classes")
    valid = codes.notna()
    flags = pd.DataFrame({
        "i_iii": codes <= 3, "i_ii": codes <= 2, "worse_v": codes == WORSE_THAN_V,
    })[valid.to_numpy()]
    grouped = flags.groupby(labels[valid.to_numpy()])
    shares = grouped.mean() * 100.0
    shares.insert(0, "n", grouped.size())
    return shares


def share_grade(i_iii, worse_v):
    """Qualitative grade of a river/basin from its class shares [%] (评价办法 §二(二)2 table).

    ≥ 90 % Ⅰ–Ⅲ 优; 75–90 % 良好; below 75 %: 劣Ⅴ < 20 % 轻度污染, 20–40 % 中度污染, ≥ 40 %
    重度污染 (docs/standards.md, doubt D9). Vectorized; NaN shares give None.
    """
    good = np.asarray(i_iii, dtype=float)
    bad = np.asarray(worse_v, dtype=float)
    grade = np.select(
        [good >= 90, good >= 75, bad < 20, bad < 40, bad >= 40],
        ["优", "良好", "轻度污染", "中度污染", "重度污染"], default="",
    ).astype(object)
    grade[np.isnan(good) | np.isnan(bad)] = None
    return grade if grade.ndim else grade.item()


def basin_grade(data, groups, *, lake=False) -> pd.DataFrame:
    """Grade of each river / basin (河流、流域（水系）) from its sections' concentrations.

    评价办法 §二(二)2: with ≥ 5 sections the class-share method (:func:`share_grade`); with fewer,
    the class of the mean concentrations over all sections (``method`` says which was used).
    """
    frame = as_factor_frame(data)
    labels = np.asarray(groups)
    shares = class_shares(section_class(frame, lake=lake).to_numpy(), labels)
    lake_arr = np.broadcast_to(np.asarray(lake, dtype=bool), (len(frame),))
    lake_by_group = pd.Series(lake_arr).groupby(labels).all()
    means = period_means(frame, labels)
    mean_class = section_class(means, lake=lake_by_group.reindex(means.index).to_numpy())
    few = shares["n"] < MIN_SECTIONS_FOR_SHARES
    out = shares.copy()
    out["method"] = np.where(few, "mean", "shares")
    out["class"] = np.where(few, mean_class.reindex(out.index), np.nan)
    by_shares = share_grade(out["i_iii"].to_numpy(), out["worse_v"].to_numpy())
    by_mean = out["class"].map(CLASS_GRADES).to_numpy()
    out["grade"] = np.where(few, by_mean, by_shares)
    return out
