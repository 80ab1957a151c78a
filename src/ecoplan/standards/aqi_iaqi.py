"""HJ 633 individual AQI (空气质量分指数, IAQI): exact, vectorized, both rule sets.

Part of :mod:`ecoplan.standards.aqi` (which re-exports :func:`iaqi`); the breakpoint tables are in
:mod:`ecoplan.standards.aqi_tables`.
"""

from __future__ import annotations

import functools

import numpy as np

from ecoplan.standards import aqi_tables as T
from ecoplan.standards._checks import as_concentration
from ecoplan.standards.rounding import round_half_even
from ecoplan.standards.rulesets import is_2026


def iaqi(concentration, indicator: str, rules="2012") -> np.ndarray:
    """Individual AQI (空气质量分指数) of one indicator, HJ 633-2012 §4.2 Eq. 1 / HJ 633-2026 §4.2.4.

    Parameters
    ----------
    concentration : float or array_like
        Concentration [µg/m³; CO mg/m³]. NaN = missing → NaN.
    indicator : str
        Column of the breakpoint table: ``so2_24h so2_1h no2_24h no2_1h pm10_24h co_24h co_1h
        o3_1h o3_8h pm25_24h`` (PM 1-h values use the ``*_24h`` columns, HJ 633-2026 §4.2.4).
    rules : {"2012", "2026"} or array_like of those
        Rule set, broadcast against ``concentration``.

    Returns
    -------
    numpy.ndarray of float
        Integer-valued IAQI (ceiling, HJ 633-2012 §6.2, HJ 633-2026 §4.2.6), NaN where missing or
        not defined: SO2 1-h > 800 and O3 8-h > 800 under 2012 (Table 1 notes b, c: the caller
        uses the SO2 24-h / O3 1-h IAQI instead). Under 2026 those give 200 and 300 (Table 3
        notes). Above the table's last row the IAQI is capped at 500 (decision D4).

    Notes
    -----
    The concentration is first rounded by GB/T 8170 to an integer (CO: 1 decimal) as HJ 633-2026
    §4.2.2 prescribes; for 2012 we do the same (decision D3). The interpolation is then exact
    (integer arithmetic), so a result of exactly 100 never ceils to 101.
    """
    if indicator not in T.BREAKPOINTS_2012:
        raise ValueError(f"indicator: unknown pollutant {indicator!r} (known: {sorted(T.BREAKPOINTS_2012)})")
    return iaqi_validated(as_concentration(concentration, indicator), indicator, rules)


# Elements per block: the temporaries of one block stay in the CPU cache.
_BLOCK = 1 << 15


def iaqi_validated(conc: np.ndarray, indicator: str, rules) -> np.ndarray:
    """:func:`iaqi` of a float array already checked by ``_checks.as_concentration``."""
    new = is_2026(rules)
    shape = np.broadcast_shapes(conc.shape, new.shape)
    if not new.any() or new.all():
        value = _iaqi_one_set(conc, indicator, "2026" if new.all() else "2012")
        return value if value.shape == shape else np.broadcast_to(value, shape).copy()
    return np.where(new, _iaqi_one_set(conc, indicator, "2026"), _iaqi_one_set(conc, indicator, "2012"))


def _iaqi_one_set(conc: np.ndarray, indicator: str, rules: str) -> np.ndarray:
    table = lookup_table(indicator, rules)
    flat = conc.ravel()
    out = np.empty(flat.shape)
    for block in blocks(flat.size):
        out[block] = table[_lut_index(_grid_units(flat[block], indicator), indicator)]
    return out.reshape(conc.shape)


def blocks(n: int):
    """Slices of at most :data:`_BLOCK` elements covering ``range(n)``."""
    return (slice(start, start + _BLOCK) for start in range(0, n, _BLOCK))


def _grid_units(conc: np.ndarray, indicator: str) -> np.ndarray:
    """Concentrations in integer units of the last kept decimal, rounded by GB/T 8170."""
    decimals = T.CONCENTRATION_DECIMALS[indicator]
    scaled = conc * 10**decimals if decimals else conc
    units = np.rint(scaled)
    # Values within float noise of the grid (0.3 * 10 = 3.0000000000000004) are on it already;
    # the tolerance is far below the 0.5 that decides a rounding (units stay below 10**5).
    gap = np.asarray(units - scaled)
    np.abs(gap, out=gap)
    if (gap > 1e-6).any():
        units = np.rint(np.asarray(round_half_even(conc, decimals)) * 10**decimals)
    return units


def _lut_index(units: np.ndarray, indicator: str) -> np.ndarray:
    """Index into :func:`lookup_table`: the unit itself, ``top + 1`` above the table, NaN last."""
    top = int(top_unit(indicator))
    index = np.asarray(np.minimum(units, top + 1.0))
    np.copyto(index, top + 2.0, where=np.isnan(index))
    return index.astype(np.intp)


def top_unit(indicator: str) -> float:
    """The highest breakpoint of ``indicator`` in HJ 633-2012 Table 1, in integer units of its
    last kept decimal (``CONCENTRATION_DECIMALS``): the last row of :func:`lookup_table` below
    the above-table entry.

    Parameters
    ----------
    indicator : str
        A breakpoint column of ``aqi_tables.BREAKPOINTS_2012`` (``"pm25_24h"``, ``"o3_8h"`` …).

    Returns
    -------
    float
        E.g. 500 for ``pm25_24h`` (500 µg/m³, no decimals), 600 for ``co_24h`` (60 mg/m³ in
        tenths). A concentration unit above it takes the table's above-table IAQI.

    Public so that other engines (the Spark indicators, ``monitoring.spark_period``) evaluate the
    same table rather than a copy of it.
    """
    column = T.BREAKPOINTS_2012[indicator]
    return np.nanmax(column) * 10 ** T.CONCENTRATION_DECIMALS[indicator]


@functools.cache
def lookup_table(indicator: str, rules: str) -> np.ndarray:
    """IAQI of every concentration unit 0 … top, then the above-table value, then NaN
    (HJ 633-2012 Eq. 1 and Table 1; HJ 633-2026 Table 1 for ``rules="2026"``).

    Eq. 1 in integer units: numerator and denominator are integers far below 2**53, so the
    quotient is an exact integer when it should be and the ceiling cannot jump (100 stays 100).

    Parameters
    ----------
    indicator : str
        A breakpoint column (``"so2_24h"``, ``"pm25_24h"``, ``"o3_8h"`` …).
    rules : {"2012", "2026"}
        The rule set's breakpoints.

    Returns
    -------
    numpy.ndarray
        Length ``top_unit(indicator) + 3``: index ``u`` (0 … top) holds the IAQI of a
        concentration of ``u`` units of the last kept decimal (rounded by GB/T 8170 first);
        index ``top + 1`` the above-table IAQI (500; O3 8-h: NaN under 2012, Table 1 note c —
        the 1-h IAQI stands in — and 300 under 2026); the last entry NaN, for a missing
        concentration. Cached; callers must not modify it.

    Public (with :func:`top_unit` and ``aqi.DAILY_COLUMNS``) so that the Spark engine joins on
    this very table (``monitoring.spark_period``) and the two engines cannot drift apart.
    """
    table = T.BREAKPOINTS_2012 if rules == "2012" else T.BREAKPOINTS_2026
    above = (T.ABOVE_TABLE_2012 if rules == "2012" else T.ABOVE_TABLE_2026).get(indicator, 500.0)
    scale = 10 ** T.CONCENTRATION_DECIMALS[indicator]
    column = table[indicator]
    defined = np.rint(column[~np.isnan(column)] * scale)
    steps = T.IAQI_STEPS[: defined.size].astype(float)
    c = np.arange(int(defined[-1]) + 1, dtype=float)
    idx = np.clip(np.searchsorted(defined, c, side="left"), 1, defined.size - 1)
    bp_lo, bp_hi = defined[idx - 1], defined[idx]
    i_lo, i_hi = steps[idx - 1], steps[idx]
    value = i_lo + np.ceil((i_hi - i_lo) * (c - bp_lo) / (bp_hi - bp_lo))
    return np.concatenate([value, [above, np.nan]])
