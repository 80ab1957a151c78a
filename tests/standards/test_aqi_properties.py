"""Hypothesis properties: IAQI monotone in concentration; AQI = max IAQI."""

import numpy as np
from hypothesis import given, settings, strategies as st

from ecoplan.standards.aqi import daily_aqi, hourly_aqi, iaqi
from ecoplan.standards.aqi_tables import BREAKPOINTS_2012

COLUMNS = sorted(BREAKPOINTS_2012)
rules_st = st.sampled_from(["2012", "2026"])


@settings(max_examples=300)
@given(st.sampled_from(COLUMNS), rules_st,
       st.floats(0, 150, allow_nan=False), st.floats(0, 150, allow_nan=False))
def test_iaqi_monotone(column, rules, a, b):
    scale = 1 if column.startswith("co") else 20  # cover each column's whole range
    lo, hi = sorted((a * scale, b * scale))
    v_lo, v_hi = iaqi([lo, hi], column, rules)
    if not np.isnan(v_hi):  # 2012: SO2 1-h / O3 8-h above 800 have no IAQI
        assert v_lo <= v_hi
        assert 0 <= v_lo <= 500 and float(v_hi).is_integer()


conc = st.one_of(st.none(), st.floats(0, 600, allow_nan=False))


@settings(max_examples=200)
@given(rules_st, conc, conc, conc, conc, st.one_of(st.none(), st.floats(0, 30)), conc, conc)
def test_daily_aqi_is_max_iaqi(rules, so2, no2, pm10, pm25, co, o3, o3_8h):
    values = dict(so2=so2, no2=no2, pm10=pm10, pm25=pm25, co=co, o3=o3, o3_8h=o3_8h)
    r = daily_aqi(**{k: [np.nan if v is None else v] for k, v in values.items()}, rules=rules)
    iaqis = [v[0] for v in r.iaqi.values() if not np.isnan(v[0])]
    if not iaqis:
        assert np.isnan(r.aqi[0])
    elif np.isnan(r.aqi[0]):  # 2026 §5.3.1: incomplete and ≤ 100 is withheld
        assert rules == "2026" and not r.complete[0] and max(iaqis) <= 100
    else:
        assert r.aqi[0] == max(iaqis)
        assert r.primary_names(0) == ([k for k, v in r.iaqi.items() if v[0] == r.aqi[0]] if r.aqi[0] > 50 else [])


@settings(max_examples=100)
@given(rules_st, st.lists(st.floats(0, 400, allow_nan=False), min_size=6, max_size=6))
def test_hourly_aqi_is_max_iaqi(rules, v):
    r = hourly_aqi(so2=[v[0]], no2=[v[1]], pm10=[v[2]], pm25=[v[3]], co=[v[4] / 40], o3=[v[5]], rules=rules)
    assert r.aqi[0] == max(x[0] for x in r.iaqi.values())
