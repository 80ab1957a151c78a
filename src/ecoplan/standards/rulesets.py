"""Which air rule set applies: 2012 (GB 3095-2012, HJ 633-2012, HJ 663-2013) or 2026.

GB 3095-2026, HJ 633-2026 and HJ 663-2026 took effect on 2026-03-01 (forewords; HJ 633-2026
repeals HJ 633-2012 that day). By default each day is evaluated under the rules in force on its
date; a caller may instead pass one rule set for a whole period (同口径 comparison).

Every function of the air modules takes ``rules``: ``"2012"``, ``"2026"`` or an array of those
strings that broadcasts against the function's *output* (one entry per day for daily results).
"""

from __future__ import annotations

import datetime as dt

import numpy as np

RULES_2012 = "2012"
RULES_2026 = "2026"
RULE_SETS = (RULES_2012, RULES_2026)
EFFECTIVE_2026 = dt.date(2026, 3, 1)


def rules_in_force(dates) -> np.ndarray:
    """Rule set in force on each date: ``"2026"`` from 2026-03-01, else ``"2012"``.

    Parameters
    ----------
    dates : date, str 'YYYY-MM-DD', numpy datetime64 or array_like of those

    Returns
    -------
    numpy.ndarray of str
        Same shape as ``dates``.
    """
    days = np.asarray(dates, dtype="datetime64[D]")
    return np.where(days >= np.datetime64(EFFECTIVE_2026), RULES_2026, RULES_2012)


def is_2026(rules, shape=None) -> np.ndarray:
    """Boolean mask "evaluated under the 2026 rules", broadcast to ``shape`` when given.

    Raises
    ------
    ValueError
        If a rule set is neither ``"2012"`` nor ``"2026"``.
    """
    arr = np.asarray(rules).astype(str)
    unknown = ~np.isin(arr, RULE_SETS)
    if unknown.any():
        raise ValueError(f"rules: unknown rule set {arr[unknown].flat[0]!r} (expected 2012 or 2026)")
    mask = arr == RULES_2026
    return np.broadcast_to(mask, shape) if shape is not None else mask


def label(rules) -> str | np.ndarray:
    """The rule-set label(s) to store with a result: a str when uniform, else the array."""
    arr = np.asarray(rules).astype(str)
    is_2026(arr)
    uniform = np.unique(arr)
    return str(uniform[0]) if uniform.size == 1 else arr
