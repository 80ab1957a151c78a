"""HJ 633-2012 / HJ 633-2026 IAQI and AQI: published tables, breakpoints, special cases."""

import math
from fractions import Fraction

import numpy as np
import pytest

from ecoplan.standards import aqi_tables
from ecoplan.standards.aqi import aqi_level, combine, daily_aqi, hourly_aqi, iaqi

STEPS = [0, 50, 100, 150, 200, 300, 400, 500]
# HJ 633-2012 Table 1 as published (spec §2.1), None = row not defined.
TABLE_2012 = {
    "so2_24h": [0, 50, 150, 475, 800, 1600, 2100, 2620],
    "so2_1h": [0, 150, 500, 650, 800, None, None, None],
    "no2_24h": [0, 40, 80, 180, 280, 565, 750, 940],
    "no2_1h": [0, 100, 200, 700, 1200, 2340, 3090, 3840],
    "pm10_24h": [0, 50, 150, 250, 350, 420, 500, 600],
    "co_24h": [0, 2, 4, 14, 24, 36, 48, 60],
    "co_1h": [0, 5, 10, 35, 60, 90, 120, 150],
    "o3_1h": [0, 160, 200, 300, 400, 800, 1000, 1200],
    "o3_8h": [0, 100, 160, 215, 265, 800, None, None],
    "pm25_24h": [0, 35, 75, 115, 150, 250, 350, 500],
}
# HJ 633-2026 Table 3: two cells change.
TABLE_2026 = {k: list(v) for k, v in TABLE_2012.items()}
TABLE_2026["pm10_24h"][2] = 120
TABLE_2026["pm25_24h"][2] = 60
TABLES = {"2012": TABLE_2012, "2026": TABLE_2026}


def _reference_iaqi(conc: Fraction, column: list) -> int:
    """Eq. 1 in exact fractions, then the ceiling (HJ 633-2012 §6.2)."""
    rows = [(bp, step) for bp, step in zip(column, STEPS) if bp is not None]
    for (lo, ilo), (hi, ihi) in zip(rows, rows[1:]):
        if conc <= hi:
            return math.ceil(Fraction(ihi - ilo, 1) / (hi - lo) * (conc - lo) + ilo)
    return 500


@pytest.mark.parametrize("rules", ["2012", "2026"])
def test_module_tables_equal_the_published_tables(rules):
    module = aqi_tables.BREAKPOINTS_2012 if rules == "2012" else aqi_tables.BREAKPOINTS_2026
    assert set(module) == set(TABLES[rules])
    for name, column in TABLES[rules].items():
        expected = [np.nan if v is None else v for v in column]
        np.testing.assert_array_equal(module[name], expected)


def _breakpoint_cases():
    for rules, table in TABLES.items():
        for name, column in table.items():
            unit = Fraction(1, 10) if name.startswith("co") else Fraction(1)
            for bp in column:
                if bp is None:
                    continue
                for conc in (bp - unit, Fraction(bp), bp + unit):
                    if conc >= 0:
                        yield rules, name, conc


@pytest.mark.parametrize(("rules", "name", "conc"), list(_breakpoint_cases()))
def test_every_breakpoint_and_one_unit_either_side(rules, name, conc):
    column = TABLES[rules][name]
    top = max(v for v in column if v is not None)
    if name.startswith("co") and conc > 150:  # beyond the CO scale: taken as a unit error
        with pytest.raises(ValueError, match="µg/m³"):
            iaqi(float(conc), name, rules)
        return
    got = float(iaqi(float(conc), name, rules))
    if conc > top and name in ("so2_1h", "o3_8h"):
        assert math.isnan(got) if rules == "2012" else got == {"so2_1h": 200, "o3_8h": 300}[name]
    else:
        assert got == _reference_iaqi(conc, column)


def test_value_on_a_breakpoint_is_the_step_exactly():
    assert iaqi(75, "pm25_24h", "2012") == 100
    assert iaqi(60, "pm25_24h", "2026") == 100
    assert iaqi(4.0, "co_24h") == 100
    assert iaqi(0, "no2_1h") == 0


@pytest.mark.parametrize(
    ("conc", "name", "v2012", "v2026"),
    [  # spec §2.6 (check value C4)
        (36, "pm25_24h", 52, 52), (75, "pm25_24h", 100, 114), (76, "pm25_24h", 102, 115),
        (61, "pm25_24h", 83, 101), (151, "pm10_24h", 101, 112), (121, "pm10_24h", 86, 101),
        (161, "o3_8h", 101, 101), (4.1, "co_24h", 101, 101), (151, "so2_24h", 101, 101),
    ],
)
def test_spec_derived_values(conc, name, v2012, v2026):
    assert iaqi(conc, name, "2012") == v2012
    assert iaqi(conc, name, "2026") == v2026


def test_concentration_is_rounded_before_the_iaqi():
    # 2026 §4.2.2: 60.5 → 60 (half-even) → 100; 60.6 → 61 → 101.
    np.testing.assert_array_equal(iaqi([60.5, 60.6, 61.5], "pm25_24h", "2026"), [100, 101, 102])
    assert iaqi(4.05, "co_24h") == 100  # 4.05 → 4.0


def test_special_cases_so2_and_o3_above_800():
    assert np.isnan(iaqi(900, "so2_1h", "2012"))
    assert iaqi(900, "so2_1h", "2026") == 200
    assert np.isnan(iaqi(900, "o3_8h", "2012"))
    assert iaqi(900, "o3_8h", "2026") == 300
    # 2012 note b: the SO2 24-h IAQI replaces the 1-h one.
    r = hourly_aqi(so2=[900.0, 100.0], so2_24h=[200.0, 100.0], rules="2012")
    np.testing.assert_array_equal(r.iaqi["so2"], [iaqi(200, "so2_24h"), iaqi(100, "so2_1h")])
    assert hourly_aqi(so2=[900.0], so2_24h=[200.0], rules="2026").iaqi["so2"][0] == 200
    # 2012 note c: O3 1-h IAQI stands in for the 8-h one.
    d = daily_aqi(o3=[850.0], o3_8h=[900.0], rules="2012")
    assert np.isnan(d.iaqi["o3_8h"][0]) and d.aqi[0] == iaqi(850, "o3_1h")
    assert daily_aqi(o3=[850.0], o3_8h=[900.0], rules="2026").aqi[0] == 300


def test_above_the_table_is_capped_at_500():
    assert iaqi(600, "pm25_24h") == 500
    assert iaqi(2000, "o3_1h") == 500


def test_missing_is_nan_never_zero():
    assert np.isnan(iaqi(np.nan, "pm25_24h"))
    r = daily_aqi(pm25=[np.nan, 10.0], pm10=[np.nan, np.nan])
    assert np.isnan(r.aqi[0]) and r.level[0] == 0 and r.category[0] == ""
    assert r.aqi[1] == iaqi(10, "pm25_24h")


@pytest.mark.parametrize(
    ("aqi", "level", "category", "colour"),
    [(0, 1, "优", "#00E400"), (50, 1, "优", "#00E400"), (51, 2, "良", "#FFFF00"), (100, 2, "良", "#FFFF00"),
     (101, 3, "轻度污染", "#FF7E00"), (150, 3, "轻度污染", "#FF7E00"), (151, 4, "中度污染", "#FF0000"),
     (200, 4, "中度污染", "#FF0000"), (201, 5, "重度污染", "#99004C"), (300, 5, "重度污染", "#99004C"),
     (301, 6, "严重污染", "#7E0023"), (500, 6, "严重污染", "#7E0023")],
)
def test_levels_categories_colours(aqi, level, category, colour):
    assert aqi_level(aqi) == level
    r = combine({"pm25": np.array([float(aqi)])})
    assert r.level[0] == level and r.category[0] == category and r.colour[0] == colour


def test_primary_pollutant_only_above_50_and_ties_are_all_primary():
    r = combine({"pm25": np.array([50.0, 120.0, 80.0]), "o3_8h": np.array([50.0, 120.0, 60.0])})
    assert r.primary_names(0) == []
    assert r.primary_names(1) == ["pm25", "o3_8h"]
    assert r.primary_names(2) == ["pm25"]


def test_exceeding_pollutants_exist_only_under_2012():
    iaqis = {"pm25": np.array([120.0]), "no2": np.array([101.0]), "so2": np.array([100.0])}
    assert combine(iaqis, "2012").exceeding_names(0) == ["pm25", "no2"]
    assert combine(iaqis, "2026").exceeding_names(0) == []


def test_2026_incomplete_aqi_published_only_above_100():
    r = daily_aqi(pm25=[50.0, 100.0], pm10=[40.0, 40.0], rules="2026")
    assert not r.complete.any()
    assert np.isnan(r.aqi[0]) and r.aqi[1] == iaqi(100, "pm25_24h", "2026")
    full = daily_aqi(so2=[5.0], no2=[20.0], pm10=[40.0], pm25=[30.0], co=[0.6], o3_8h=[90.0], rules="2026")
    assert full.complete[0] and full.aqi[0] == 45


def test_2026_daily_aqi_ignores_o3_1h():
    r = daily_aqi(pm25=[30.0, 30.0], o3=[350.0, 350.0], rules=["2012", "2026"])
    assert r.aqi[0] == iaqi(350, "o3_1h") and np.isnan(r.iaqi["o3"][1])


def test_rules_per_element_and_label():
    r = daily_aqi(pm25=[75.0, 75.0], rules=np.array(["2012", "2026"]))
    np.testing.assert_array_equal(r.aqi, [100, 114])
    assert list(r.rules) == ["2012", "2026"]
    assert daily_aqi(pm25=[75.0], rules="2026").rules == "2026"


def test_shape_is_kept_for_cubes():
    cube = np.full((3, 4, 24), 80.0)
    assert iaqi(cube, "pm10_24h").shape == (3, 4, 24)
    assert hourly_aqi(pm10=cube, pm25=cube).aqi.shape == (3, 4, 24)


def test_per_day_rules_on_an_hourly_cube():
    cube = np.full((2, 3, 24), 70.0)
    rules = np.array(["2012", "2026", "2026"])[:, None]
    r = hourly_aqi(pm25=cube, rules=rules)
    assert (r.aqi[:, 0, :] == 94).all() and (r.aqi[:, 1:, :] == 110).all()
