"""GB 3838-2002 water-quality classes of factors and sections (single-factor method).

Classes are coded 1…6 for Ⅰ, Ⅱ, Ⅲ, Ⅳ, Ⅴ and 劣Ⅴ; NaN means "not evaluated" (missing input).
Inputs are a scalar, an array, a Series (one factor) or a DataFrame / mapping of arrays (many
sections × factors, column names in Chinese or English, see :data:`water_limits.ALIASES`).
NaN always means missing, never zero.

Sources: GB 3838-2002 §4 and Table 1; 地表水环境质量评价办法（试行）(环办〔2011〕22号) §一(一),
§二(一). Limits and names live in :mod:`ecoplan.standards.water_limits`.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from ecoplan.standards.water_limits import (
    ALIASES, CHINESE, CLASS_FACTORS, DIRECTION, LIMITS, MIN, NO_MULTIPLE, RANGE, TP_LAKE_LIMITS,
)

CLASS_LABELS = {1: "Ⅰ", 2: "Ⅱ", 3: "Ⅲ", 4: "Ⅳ", 5: "Ⅴ", 6: "劣Ⅴ"}
WORSE_THAN_V = 6
# 评价办法 §二(一)1 table: class → qualitative grade (水质状况).
CLASS_GRADES = {1: "优", 2: "优", 3: "良好", 4: "轻度污染", 5: "中度污染", 6: "重度污染"}


def resolve_factor(name: str) -> str:
    """Canonical id of a factor name (Chinese, English or alias; case-insensitive).

    Raises
    ------
    ValueError
        The name is not a GB 3838-2002 Table 1 basic item with class limits.
    """
    key = str(name).strip().lower()
    if key not in ALIASES:
        raise ValueError(f"factor: unknown water-quality factor {name!r}")
    return ALIASES[key]


def _check_values(values, field: str) -> np.ndarray:
    """Float array of concentrations; strings, booleans, negatives and infinities are refused."""
    arr = np.asarray(values)
    if arr.dtype.kind not in "fiu":
        flat = pd.Series(arr.ravel(), dtype=object)
        wrong_type = flat.map(lambda v: isinstance(v, (str, bytes, bool, np.bool_)))
        if wrong_type.any():
            raise ValueError(f"{field}: not a number: {flat[wrong_type].iloc[0]!r}")
        numbers = pd.to_numeric(flat, errors="coerce")
        unknown = numbers.isna() & flat.notna()
        if unknown.any():
            raise ValueError(f"{field}: not a number: {flat[unknown].iloc[0]!r}")
        arr = numbers.to_numpy(dtype=float).reshape(arr.shape)
    arr = arr.astype(float)
    wrong = np.isinf(arr) | (arr < 0)
    if wrong.any():
        raise ValueError(f"{field}: concentration must be finite and ≥ 0, got {float(arr[wrong][0])!r}")
    if field == "pH" and (arr > 14).any():
        raise ValueError(f"{field}: pH must be within 0–14, got {float(arr[arr > 14][0])!r}")
    return arr


def limits_of(factor: str, lake: bool = False) -> np.ndarray:
    """The five class limits Ⅰ…Ⅴ of a factor (GB 3838-2002 Table 1; item 8 lake TP if ``lake``)."""
    factor = resolve_factor(factor)
    if factor == "tp" and lake:
        return np.asarray(TP_LAKE_LIMITS)
    return np.asarray(LIMITS[factor])


def _classes(values: np.ndarray, factor: str, lake: bool) -> np.ndarray:
    limits = limits_of(factor, lake)
    direction = DIRECTION[factor]
    if direction == RANGE:
        cls = np.where((values >= limits[0]) & (values <= limits[1]), 1.0, float(WORSE_THAN_V))
    elif direction == MIN:
        # "≥": a value equal to a limit meets it; equal limits resolve to the better class.
        cls = np.searchsorted(-limits, -values, side="left") + 1.0
    else:
        cls = np.searchsorted(limits, values, side="left") + 1.0
    return np.where(np.isnan(values), np.nan, cls)


def factor_class(values, factor: str, *, lake=False):
    """Class (1…6) of each concentration of one factor, GB 3838-2002 §4 and Table 1.

    Parameters
    ----------
    values : float, array_like or pandas.Series
        Concentrations [mg/L; pH dimensionless; fecal coliform 个/L]. NaN = missing.
    factor : str
        Factor name, e.g. ``"氨氮"``, ``"NH3-N"``, ``"nh3n"``.
    lake : bool or array_like of bool
        Lake/reservoir (湖、库): total phosphorus uses the lake limits of Table 1 item 8.

    Returns
    -------
    Same shape as ``values`` (float): 1…5 = Ⅰ…Ⅴ, 6 = 劣Ⅴ, NaN where the value is missing.
    Limits are inclusive ("≤", DO "≥"); equal limits of adjacent classes give the better class;
    pH 6–9 is class Ⅰ (it meets every class), outside it 劣Ⅴ.
    """
    factor = resolve_factor(factor)
    arr = _check_values(values, CHINESE[factor])
    lake_arr = np.broadcast_to(np.asarray(lake, dtype=bool), arr.shape)
    cls = _classes(arr, factor, False)
    if factor == "tp" and lake_arr.any():
        cls = np.where(lake_arr, _classes(arr, factor, True), cls)
    if isinstance(values, pd.Series):
        return pd.Series(cls, index=values.index, name=values.name)
    return cls if np.ndim(values) else float(cls)


def as_factor_frame(data) -> pd.DataFrame:
    """DataFrame with canonical factor columns and float values from a DataFrame or mapping.

    Raises ValueError for an unknown factor, a factor given twice, arrays of different lengths,
    strings, negative or infinite values (the message names the field and the value).
    """
    if not isinstance(data, pd.DataFrame):
        if not isinstance(data, Mapping):
            raise ValueError(f"factors: expected a DataFrame or a mapping, got {type(data).__name__}")
        lengths = {name: np.size(v) for name, v in data.items()}
        if len(set(lengths.values())) > 1:
            raise ValueError(f"factors: mismatched lengths {lengths}")
        data = pd.DataFrame({k: np.atleast_1d(np.asarray(v, dtype=object)) for k, v in data.items()})
    names = {col: resolve_factor(col) for col in data.columns}
    seen: dict[str, str] = {}
    for col, factor in names.items():
        if factor in seen:
            raise ValueError(f"{col}: factor given twice (also as {seen[factor]!r})")
        seen[factor] = col
    return pd.DataFrame(
        {names[c]: _check_values(data[c].to_numpy(), CHINESE[names[c]]) for c in data.columns},
        index=data.index,
    )


def factor_classes(data, *, lake=False) -> pd.DataFrame:
    """Class (1…6, NaN missing) of every factor of every section; columns are canonical ids."""
    frame = as_factor_frame(data)
    return pd.DataFrame(
        {f: factor_class(frame[f].to_numpy(), f, lake=lake) for f in frame.columns}, index=frame.index
    )


def section_class(data, *, lake=False) -> pd.Series:
    """Class of each section: the worst class of its evaluated factors (单因子评价法).

    评价办法 §一(一)1 and §二(一)1: the class uses the Table 1 items other than water
    temperature, total nitrogen and fecal coliform (TN of lakes is graded separately, see
    :func:`factor_classes`). Missing factors are skipped; NaN when no factor was evaluated.
    """
    classes = factor_classes(data, lake=lake)
    used = [c for c in classes.columns if c in CLASS_FACTORS]
    return classes[used].max(axis=1, skipna=True).rename("class")


def class_label(classes):
    """Roman label (Ⅰ…Ⅴ, 劣Ⅴ) of each class code; None for NaN."""
    codes = pd.Series(np.atleast_1d(classes), dtype=float)
    labels = codes.map(CLASS_LABELS).astype(object).where(codes.notna(), None)
    return labels.tolist() if np.ndim(classes) else labels.iloc[0]


def class_grade(classes):
    """Qualitative grade 水质状况 of each class (评价办法 §二(一)1): 优/良好/轻度/中度/重度污染."""
    codes = pd.Series(np.atleast_1d(classes), dtype=float)
    grades = codes.map(CLASS_GRADES).astype(object).where(codes.notna(), None)
    return grades.tolist() if np.ndim(classes) else grades.iloc[0]


def exceedance_multiples(data, *, lake=False, target=3) -> pd.DataFrame:
    """Exceedance multiple (C − S) / S of every factor above its standard, else NaN.

    评价办法 §二(一)3: S is the class-Ⅲ limit, or the limit of the section's target class
    (``target``: an int or one int per section, 1…5). Not computed for pH and DO (method), and
    for factors not above the standard. Unrounded; present it with the factor's decimals.
    """
    frame = as_factor_frame(data)
    target_arr = _target_array(target, len(frame))
    out = {}
    for factor in frame.columns:
        if factor in NO_MULTIPLE:
            continue
        values = frame[factor].to_numpy()
        river, lake_lim = limits_of(factor, False), limits_of(factor, True)
        lake_arr = np.broadcast_to(np.asarray(lake, dtype=bool), values.shape)
        limit = np.where(lake_arr, lake_lim[target_arr - 1], river[target_arr - 1])
        multiple = (values - limit) / limit
        out[factor] = np.where(values > limit, multiple, np.nan)
    return pd.DataFrame(out, index=frame.index)


def _target_array(target, n: int) -> np.ndarray:
    arr = np.broadcast_to(np.asarray(target), (n,))
    if not np.isin(arr, [1, 2, 3, 4, 5]).all():
        bad = arr[~np.isin(arr, [1, 2, 3, 4, 5])][0]
        raise ValueError(f"target: target class must be 1…5, got {bad!r}")
    return arr.astype(int)
