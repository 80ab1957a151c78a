"""HJ 633 air quality index (环境空气质量指数): IAQI, AQI, level, category, primary pollutant.

Both rule sets: HJ 633-2012 (试行) and HJ 633-2026 (in force from 2026-03-01); ``rules`` selects
one, per element if an array (see :mod:`ecoplan.standards.rulesets`). Concentrations are µg/m³,
CO mg/m³; NaN means missing, never zero. Clause → function table: ``docs/standards.md``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from ecoplan.standards import aqi_tables as T
from ecoplan.standards._checks import as_concentration, same_shape
from ecoplan.standards.aqi_iaqi import blocks, iaqi_validated, iaqi
from ecoplan.standards.rulesets import is_2026, label

__all__ = ["POLLUTANTS", "AqiResult", "aqi_level", "combine", "daily_aqi", "hourly_aqi", "iaqi"]

#: Pollutant keys of results (and of ``ecoplan aqi --format json``).
POLLUTANTS = ("so2", "no2", "pm10", "pm25", "co", "o3", "o3_8h")


@dataclass(frozen=True)
class AqiResult:
    """AQI of each record with its parts. Arrays share the records' shape.

    Attributes
    ----------
    aqi : float array, NaN = no AQI (nothing valid, or 2026 §5.3.1 withholding)
    iaqi : pollutant key → float IAQI array (NaN = missing or not used by the rule set)
    complete : bool array, every indicator of the rule set present
    rules : "2012", "2026" or the per-record array
    level, primary, exceeding, category, colour : derived on first access (see each)
    """

    aqi: np.ndarray
    iaqi: dict
    complete: np.ndarray
    rules: object
    is_2026: np.ndarray

    @functools.cached_property
    def level(self) -> np.ndarray:
        """Level 1-6 (0 = no AQI)."""
        return aqi_level(self.aqi)

    @functools.cached_property
    def primary(self) -> dict:
        """Key → bool array: 首要污染物, AQI > 50 and IAQI = AQI; ties are all primary
        (HJ 633-2012 §3.3, §4.4.2; HJ 633-2026 §3.3, §4.3.1)."""
        return {k: (a == self.aqi) & (self.aqi > 50) for k, a in self.iaqi.items()}

    @functools.cached_property
    def exceeding(self) -> dict:
        """Key → bool array: 超标污染物, IAQI > 100 (HJ 633-2012 §3.4; removed in 2026)."""
        return {k: (a > 100) & ~self.is_2026 for k, a in self.iaqi.items()}

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


# Level of each integer AQI 0 … 500, then 0 for a missing AQI.
_LEVELS = np.concatenate([np.searchsorted(T.LEVEL_UPPER_AQI, np.arange(501), side="left") + 1, [0]])


def aqi_level(aqi) -> np.ndarray:
    """Level 1-6 of an AQI (HJ 633-2012 Table 2; HJ 633-2026 Table 1); 0 where AQI is NaN."""
    aqi = np.asarray(aqi, dtype=float)
    index = np.asarray(np.minimum(np.ceil(aqi), 500.0))
    np.copyto(index, 501.0, where=np.isnan(index))
    return _LEVELS[index.astype(np.intp)]


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
    value = np.full(shape, np.nan)
    flat_value = value.reshape(-1)
    flats = [a.reshape(-1) for a in arrays.values()]
    for block in blocks(flat_value.size):
        part = flat_value[block]
        for flat in flats:
            np.fmax(part, flat[block], out=part)
    new = is_2026(rules, shape)
    complete = np.ones(shape, bool) if complete is None else np.broadcast_to(complete, shape)
    if withhold and new.any():
        value = np.where(new & ~complete & (value <= 100), np.nan, value)
    return AqiResult(value, arrays, np.asarray(complete), label(rules), new)


# Indicator (breakpoint column) of each pollutant key, per report type.
DAILY_COLUMNS: dict[str, str] = {"so2": "so2_24h", "no2": "no2_24h", "pm10": "pm10_24h",
                                 "pm25": "pm25_24h",
                                 "co": "co_24h", "o3": "o3_1h", "o3_8h": "o3_8h"}
"""Breakpoint column (``aqi_tables``) of each pollutant key of a daily AQI (日报, HJ 633-2012
§5.1.2): 24-h means, O3 daily maximum 1-h and 8-h values. Public: the Spark engine
(``monitoring.spark_period``) maps its day columns to the same IAQI tables by it."""
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
    iaqis = {k: iaqi_validated(c, DAILY_COLUMNS[k], rules) for k, c in conc.items()}
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
    iaqis = {k: iaqi_validated(c, _HOURLY_COLUMNS[k], rules) for k, c in conc.items()}
    if so2_24h is not None and "so2" in iaqis:
        # Under 2012 the 1-h IAQI is NaN exactly where a present value is above 800 (note b).
        over = np.isnan(iaqis["so2"]) & ~np.isnan(conc["so2"])
        iaqis["so2"] = np.where(over, iaqi(so2_24h, "so2_24h", rules), iaqis["so2"])
    complete = _all_present(conc, list(_HOURLY_COLUMNS), shape)
    return combine(iaqis, rules, complete, withhold=withhold_incomplete)


def _given_arrays(given: dict) -> dict:
    return {k: as_concentration(v, k) for k, v in given.items() if v is not None}


def _all_present(conc: dict, names: list, shape) -> np.ndarray:
    if any(name not in conc for name in names):
        return np.zeros(shape, bool)
    present = np.ones(shape, bool)
    flat_present = present.reshape(-1)
    flats = [np.broadcast_to(conc[name], shape).reshape(-1) for name in names]
    for block in blocks(flat_present.size):
        for flat in flats:
            flat_present[block] &= ~np.isnan(flat[block])
    return present
