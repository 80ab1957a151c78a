"""Comprehensive trophic state index TLI(Σ) of lakes and reservoirs (综合营养状态指数).

Source: 湖泊(水库)富营养化评价方法及分级技术规定 (中国环境监测总站, 总站生字〔2001〕090号),
applied by 地表水环境质量评价办法（试行）(环办〔2011〕22号) §一(一)2 and §二(三).
TLI(Σ) = Σ W_j · TLI(j), W_j = r_ij² / Σ_{j=1..m} r_ij², chlorophyll a being the reference
parameter (r = 1); m = the number of parameters evaluated. Units: chla mg/m³ (= µg/L), SD m,
TP/TN/CODMn mg/L. Decisions on doubts (D11 missing parameters, D12 grade boundaries) are in
``docs/standards.md`` (## Water).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import numpy as np
import pandas as pd

# parameter: (r_ij with chla, a, b) with TLI(j) = 10 · (a + b · ln x); the table of the rule.
_PARAMETERS = {
    "chla": (1.0, 2.5, 1.086),
    "tp": (0.84, 9.436, 1.624),
    "tn": (0.82, 5.453, 1.694),
    "sd": (-0.83, 5.118, -1.94),
    "codmn": (0.83, 0.109, 2.661),
}
PARAMETERS: tuple[str, ...] = tuple(_PARAMETERS)
R_SQUARED = MappingProxyType({k: round(v[0] ** 2, 4) for k, v in _PARAMETERS.items()})

_ALIASES = {
    "chla": ["chla", "chl-a", "chl_a", "chlorophyll_a", "叶绿素a", "叶绿素α", "叶绿素"],
    "tp": ["tp", "总磷", "total_phosphorus"],
    "tn": ["tn", "总氮", "total_nitrogen"],
    "sd": ["sd", "透明度", "secchi_depth", "transparency"],
    "codmn": ["codmn", "cod_mn", "高锰酸盐指数", "化学需氧量(codmn)", "permanganate_index"],
}
ALIASES = MappingProxyType({a.lower(): k for k, names in _ALIASES.items() for a in names})

# Grade boundaries of the rule (§3): < 30; 30–50 inclusive; (50, 60]; (60, 70]; > 70.
GRADE_EDGES = (30.0, 50.0, 60.0, 70.0)
GRADES = ("贫营养", "中营养", "轻度富营养", "中度富营养", "重度富营养")


def _parameter(name: str) -> str:
    key = str(name).strip().lower()
    if key not in ALIASES:
        raise ValueError(f"parameter: unknown trophic-state parameter {name!r}")
    return ALIASES[key]


def _positive(values, field: str) -> np.ndarray:
    arr = np.asarray(values)
    if arr.dtype.kind not in "fiu":
        bad = next(v for v in arr.ravel() if not isinstance(v, (int, float)) or isinstance(v, bool))
        raise ValueError(f"{field}: not a number: {bad!r}")
    arr = arr.astype(float)
    wrong = (arr <= 0) | np.isinf(arr)
    if wrong.any():
        raise ValueError(f"{field}: must be finite and > 0 (logarithm), got {float(arr[wrong][0])!r}")
    return arr


def tli_single(values, parameter: str):
    """TLI(j) of one parameter, 10 · (a + b · ln x), from the rule's formulas (1)–(5).

    NaN stays NaN (missing); values ≤ 0 raise ValueError (ln undefined).
    """
    name = _parameter(parameter)
    _, a, b = _PARAMETERS[name]
    arr = _positive(values, name)
    out = 10.0 * (a + b * np.log(arr))
    if isinstance(values, pd.Series):
        return pd.Series(out, index=values.index, name=values.name)
    return out if np.ndim(values) else float(out)


def _as_parameter_frame(data) -> pd.DataFrame:
    if isinstance(data, Mapping):
        lengths = {k: np.size(v) for k, v in data.items()}
        if len(set(lengths.values())) > 1:
            raise ValueError(f"parameters: mismatched lengths {lengths}")
        data = pd.DataFrame({k: np.atleast_1d(v) for k, v in data.items()})
    if not isinstance(data, pd.DataFrame):
        raise ValueError(f"parameters: expected a DataFrame or a mapping, got {type(data).__name__}")
    renamed = {c: _parameter(c) for c in data.columns}
    if len(set(renamed.values())) < len(renamed):
        raise ValueError(f"parameters: a parameter is given twice in {list(data.columns)}")
    return data.rename(columns=renamed)


def trophic_state(data, *, partial: bool = False) -> pd.DataFrame:
    """TLI(j) of each given parameter, TLI(Σ), the number m used and the grade.

    Parameters
    ----------
    data : DataFrame or mapping of arrays
        Columns among chla, TP, TN, SD, CODMn (Chinese names accepted). The parameters given
        are the m parameters of the rule: weights are r_ij² normalised over them.
    partial : bool
        A missing (NaN) value of a given parameter makes TLI(Σ) NaN for that row (default), or,
        if True, the weights are normalised over the parameters present in that row.
    """
    frame = _as_parameter_frame(data)
    single = pd.DataFrame({f"tli_{p}": tli_single(frame[p].to_numpy(), p) for p in frame.columns},
                          index=frame.index)
    r2 = np.array([R_SQUARED[p] for p in frame.columns])
    values = single.to_numpy()
    present = ~np.isnan(values)
    weights = np.where(present, r2, 0.0)
    weight_sum = weights.sum(axis=1)
    weighted = np.nansum(np.where(present, values, 0.0) * weights, axis=1)
    total = np.divide(weighted, weight_sum, out=np.full(len(frame), np.nan), where=weight_sum > 0)
    used = present.sum(axis=1)
    complete = used == len(frame.columns)
    out = single.copy()
    out["tli"] = np.where((complete | partial) & (used > 0), total, np.nan)
    out["m"] = np.where(np.isnan(out["tli"]), 0, used)
    out["grade"] = tli_grade(out["tli"].to_numpy())
    return out


def tli(data, *, partial: bool = False) -> np.ndarray:
    """TLI(Σ) only; see :func:`trophic_state`."""
    return trophic_state(data, partial=partial)["tli"].to_numpy()


def tli_grade(values):
    """Trophic grade of TLI(Σ) (rule §3): 贫营养 < 30 ≤ 中营养 ≤ 50 < 轻度 ≤ 60 < 中度 ≤ 70 < 重度."""
    arr = np.asarray(values, dtype=float)
    # side="left": a value equal to an edge belongs to the lower grade, except 30 (中营养).
    idx = np.searchsorted(GRADE_EDGES, arr, side="left")
    idx = np.where(arr == GRADE_EDGES[0], 1, idx)
    grades = np.asarray(GRADES, dtype=object)[np.minimum(idx, len(GRADES) - 1)]
    grades = np.where(np.isnan(arr), None, grades)
    return grades if grades.ndim else grades.item()
