"""Bad input is a ValueError naming the field and the value (issue 3 item 7)."""

import numpy as np
import pytest

from ecoplan.standards.air_validity import daily_mean
from ecoplan.standards.aqi import daily_aqi, iaqi
from ecoplan.standards.rulesets import is_2026


def test_negative_concentration():
    with pytest.raises(ValueError, match=r"pm25.*negative.*-3"):
        daily_aqi(pm25=[10.0, -3.0])


@pytest.mark.parametrize("value", [["12", "abc"], ["abc"], [1.0, "x"]])
def test_strings(value):
    with pytest.raises(ValueError, match=r"no2.*not a number"):
        daily_aqi(no2=value)


def test_mismatched_lengths():
    with pytest.raises(ValueError, match=r"mismatched lengths.*pm10.*pm25"):
        daily_aqi(pm10=[1.0, 2.0], pm25=[1.0, 2.0, 3.0])


def test_unknown_pollutant():
    with pytest.raises(ValueError, match=r"indicator.*'pm1_24h'"):
        iaqi([1.0], "pm1_24h")
    with pytest.raises(TypeError):
        daily_aqi(nox=[1.0])


def test_co_in_micrograms():
    with pytest.raises(ValueError, match=r"co.*800.*µg/m³"):
        daily_aqi(co=[0.8, 800.0])


def test_unknown_rule_set():
    with pytest.raises(ValueError, match=r"rules.*'2018'"):
        is_2026("2018")


def test_hourly_needs_24_hours():
    with pytest.raises(ValueError, match=r"so2.*24 hours"):
        daily_mean(np.zeros((3, 23)), "so2")


def test_none_is_missing_not_an_error():
    assert np.isnan(daily_aqi(pm25=[None, 10.0]).aqi[0])
