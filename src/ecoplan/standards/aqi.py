"""HJ 633 air quality index (环境空气质量指数): IAQI, AQI, level, category, primary pollutant.

Both rule sets: HJ 633-2012 (试行) and HJ 633-2026 (in force from 2026-03-01); ``rules`` selects
one, per element if an array (see :mod:`ecoplan.standards.rulesets`). Concentrations are µg/m³,
CO mg/m³; NaN means missing, never zero. Clause → function table: ``docs/standards.md``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ecoplan.standards import aqi_tables as T
from ecoplan.standards._checks import as_concentration, same_shape
from ecoplan.standards.rounding import round_half_even
from ecoplan.standards.rulesets import is_2026, label

#: Pollutant keys of results (and of ``ecoplan aqi --format json``).
POLLUTANTS = ("so2", "no2", "pm10", "pm25", "co", "o3", "o3_8h")


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
    conc = as_concentration(concentration, indicator)
    conc = _round_concentration(conc, T.CONCENTRATION_DECIMALS[indicator])
    new = is_2026(rules)
    shape = np.broadcast_shapes(conc.shape, new.shape)
    old_value = None if new.all() else _iaqi_table(conc, indicator, T.BREAKPOINTS_2012, T.ABOVE_TABLE_2012)
    new_value = None if not new.any() else _iaqi_table(conc, indicator, T.BREAKPOINTS_2026, T.ABOVE_TABLE_2026)
    if new_value is None:
        return np.broadcast_to(old_value, shape).copy()
    if old_value is None:
        return np.broadcast_to(new_value, shape).copy()
    return np.where(new, new_value, old_value)


def _round_concentration(conc: np.ndarray, decimals: int) -> np.ndarray:
    scaled = conc * 10**decimals
    finite = scaled[np.isfinite(scaled)]
    if np.array_equal(finite, np.rint(finite)):  # already on the grid (the usual case): skip
        return conc
    return np.asarray(round_half_even(conc, decimals))


def _iaqi_table(conc: np.ndarray, indicator: str, table: dict, above_table: dict) -> np.ndarray:
    """Eq. 1 on one breakpoint column, in integer units of the last kept decimal."""
    scale = 10 ** T.CONCENTRATION_DECIMALS[indicator]
    column = table[indicator]
    defined = np.rint(column[~np.isnan(column)] * scale)
    steps = T.IAQI_STEPS[: defined.size].astype(float)
    c = np.rint(conc * scale)
    idx = np.clip(np.searchsorted(defined, c, side="left"), 1, defined.size - 1)
    bp_lo, bp_hi = defined[idx - 1], defined[idx]
    i_lo, i_hi = steps[idx - 1], steps[idx]
    # Numerator and denominator are integers far below 2**53: the quotient is an exact integer
    # when it should be, so the ceiling cannot jump (100.00000001 → 101 is impossible).
    value = i_lo + np.ceil((i_hi - i_lo) * (c - bp_lo) / (bp_hi - bp_lo))
    value = np.where(c > defined[-1], above_table.get(indicator, 500.0), value)
    return np.where(np.isnan(c), np.nan, value)


@dataclass(frozen=True)
class AqiResult:
    """AQI of each record with its parts. Arrays share the records' shape.

    Attributes
    ----------
    aqi : float array, NaN = no AQI (nothing valid, or 2026 §5.3.1 withholding)
    iaqi : pollutant key → float IAQI array (NaN = missing or not used by the rule set)
    level : int array, 1-6 (0 = no AQI)
    primary : pollutant key → bool array, 首要污染物 (AQI > 50, IAQI = AQI; ties all primary)
    exceeding : pollutant key → bool array, 超标污染物 IAQI > 100 (2012 only; removed in 2026)
    complete : bool array, every indicator of the rule set present
    rules : "2012", "2026" or the per-record array
    """

    aqi: np.ndarray
    iaqi: dict
    level: np.ndarray
    primary: dict
    exceeding: dict
    complete: np.ndarray
    rules: object

    @property
    def category(self) -> np.ndarray:
        """类别 (优, 良, 轻度污染, …; "" without AQI), HJ 633-2012 Table 2 / 2026 Table 1."""
        return T.CATEGORIES[self.level]

    @property
    def colour(self) -> np.ndarray:
        """Colour hex of Appendix A ("" without AQI)."""
        return T.COLOURS_HEX[self.level]

    def primary_names(self, index=()) -> list[str]:
        """Primary pollutant keys of one record (``index`` into the arrays; () for scalars)."""
        return [name for name, mask in self.primary.items() if bool(np.asarray(mask)[index])]

    def exceeding_names(self, index=()) -> list[str]:
        """Exceeding pollutant keys of one record."""
        return [name for name, mask in self.exceeding.items() if bool(np.asarray(mask)[index])]


def aqi_level(aqi) -> np.ndarray:
    """Level 1-6 of an AQI (HJ 633-2012 Table 2; HJ 633-2026 Table 1); 0 where AQI is NaN."""
    aqi = np.asarray(aqi, dtype=float)
    level = np.searchsorted(T.LEVEL_UPPER_AQI, aqi, side="left") + 1
    return np.where(np.isnan(aqi), 0, level)


def combine(iaqis: dict, rules="2012", complete=None, *, withhold: bool = True) -> AqiResult:
    """AQI = max IAQI (HJ 633-2012 §4.4.1 Eq. 2; 2026 §4.2.4 Eq. 2) with its parts.

    Parameters
    ----------
    iaqis : dict of pollutant key → IAQI array (NaN = missing), all the same shape
    rules : rule set(s), broadcast against the records
    complete : bool array, optional
        Whether every indicator of the rule set was present. Under 2026 an incomplete AQI is
        published only if > 100 (HJ 633-2026 §5.3.1); otherwise it is NaN (``NA``).
    withhold : bool
        False: do not apply §5.3.1 (the AQI over the pollutants given).
    """
    arrays = {k: np.asarray(v, dtype=float) for k, v in iaqis.items()}
    shape = same_shape(arrays)
    stack = np.stack(list(arrays.values())) if arrays else np.full((1,) + shape, np.nan)
    value = np.fmax.reduce(stack, axis=0)
    new = is_2026(rules, shape)
    complete = np.ones(shape, bool) if complete is None else np.broadcast_to(complete, shape)
    if withhold:
        value = np.where(new & ~complete & (value <= 100), np.nan, value)
    primary = {k: (a == value) & (value > 50) for k, a in arrays.items()}
    exceeding = {k: (a > 100) & ~new for k, a in arrays.items()}
    return AqiResult(value, arrays, aqi_level(value), primary, exceeding, np.asarray(complete), label(rules))


# Indicator (breakpoint column) of each pollutant key, per report type.
_DAILY_COLUMNS = {"so2": "so2_24h", "no2": "no2_24h", "pm10": "pm10_24h", "pm25": "pm25_24h",
                  "co": "co_24h", "o3": "o3_1h", "o3_8h": "o3_8h"}
_HOURLY_COLUMNS = {"so2": "so2_1h", "no2": "no2_1h", "pm10": "pm10_24h", "pm25": "pm25_24h",
                   "co": "co_1h", "o3": "o3_1h"}


def daily_aqi(*, so2=None, no2=None, pm10=None, pm25=None, co=None, o3=None, o3_8h=None,
              rules="2012", withhold_incomplete: bool = True) -> AqiResult:
    """Daily AQI (日报), HJ 633-2012 §5.1.2 / HJ 633-2026 §4.2.2.

    Parameters
    ----------
    so2, no2, pm10, pm25, co : array_like, optional
        Daily (24-h) means [µg/m³; CO mg/m³]; NaN = invalid day for that pollutant.
    o3 : array_like, optional
        O3 daily maximum 1-h value [µg/m³]. An AQI input under 2012 only (2026 dropped it).
    o3_8h : array_like, optional
        O3 daily maximum 8-h moving mean [µg/m³]. Above 800: no 8-h IAQI under 2012 (Table 1
        note c: the O3 1-h IAQI stands in), IAQI 300 under 2026.
    rules : rule set(s), broadcast against the day arrays.
    withhold_incomplete : bool
        Apply HJ 633-2026 §5.3.1 (an incomplete AQI ≤ 100 is not published → NaN). False gives
        the AQI over the pollutants given (for a quick look, e.g. ``ecoplan aqi``).

    Returns
    -------
    AqiResult
        ``iaqi["o3"]`` is NaN for 2026 records. ``complete``: all 7 (2012) / 6 (2026)
        indicators present.
    """
    given = {"so2": so2, "no2": no2, "pm10": pm10, "pm25": pm25, "co": co, "o3": o3, "o3_8h": o3_8h}
    conc = _given_arrays(given)
    shape = same_shape(conc)
    new = is_2026(rules, shape)
    iaqis = {k: iaqi(c, _DAILY_COLUMNS[k], rules) for k, c in conc.items()}
    if "o3" in iaqis:
        iaqis["o3"] = np.where(new, np.nan, iaqis["o3"])
    needed_2012 = list(POLLUTANTS)
    needed_2026 = [k for k in POLLUTANTS if k != "o3"]
    complete = np.where(new, _all_present(conc, needed_2026, shape), _all_present(conc, needed_2012, shape))
    return combine(iaqis, rules, complete, withhold=withhold_incomplete)


def hourly_aqi(*, so2=None, no2=None, pm10=None, pm25=None, co=None, o3=None, so2_24h=None,
               rules="2012", withhold_incomplete: bool = True) -> AqiResult:
    """Hourly (real-time, 实时报) AQI, HJ 633-2012 §5.1.3 / HJ 633-2026 §4.2.3.

    Six 1-h means enter: SO2, NO2, CO, O3 on their 1-h columns, PM10 and PM2.5 on the daily
    columns (HJ 633-2026 §4.2.4). For 2012 the same six are used (decision D2): this reproduces
    every hourly AQI the national centre published for the whole country on 2019-07-15 (see
    ``docs/standards.md``), whereas adding the O3 8-h or PM 24-h moving means does not.

    Parameters
    ----------
    so2, no2, pm10, pm25, co, o3 : array_like, optional
        1-h means [µg/m³; CO mg/m³]; NaN = missing.
    so2_24h : array_like, optional
        SO2 24-h (moving) mean: under 2012 its 24-h IAQI replaces the SO2 IAQI when the 1-h
        value exceeds 800 (Table 1 note b). Under 2026 SO2 1-h > 800 gives IAQI 200.
    rules : rule set(s), broadcast against the hour arrays.
    withhold_incomplete : bool
        As in :func:`daily_aqi` (HJ 633-2026 §5.3.1).
    """
    given = {"so2": so2, "no2": no2, "pm10": pm10, "pm25": pm25, "co": co, "o3": o3}
    conc = _given_arrays(given)
    shape = same_shape(conc | _given_arrays({"so2_24h": so2_24h}))
    iaqis = {k: iaqi(c, _HOURLY_COLUMNS[k], rules) for k, c in conc.items()}
    if so2_24h is not None and "so2" in iaqis:
        fallback = iaqi(so2_24h, "so2_24h", rules)
        over = np.round(conc["so2"]) > 800
        iaqis["so2"] = np.where(over & ~is_2026(rules, shape), fallback, iaqis["so2"])
    complete = _all_present(conc, list(_HOURLY_COLUMNS), shape)
    return combine(iaqis, rules, complete, withhold=withhold_incomplete)


def _given_arrays(given: dict) -> dict:
    return {k: as_concentration(v, k) for k, v in given.items() if v is not None}


def _all_present(conc: dict, names: list, shape) -> np.ndarray:
    present = np.ones(shape, bool)
    for name in names:
        present = present & ~np.isnan(conc[name]) if name in conc else np.zeros(shape, bool)
    return present
