"""GB/T 8170 round-half-even on the decimal value (spec §1.1)."""

from decimal import ROUND_HALF_EVEN, Decimal

import numpy as np
import pytest
from hypothesis import given, strategies as st

from ecoplan.standards.rounding import round_half_even


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (2.675, 2, 2.68),  # binary 2.67499999... must not win
        (0.125, 2, 0.12),  # exact tie, kept digit even
        (0.135, 2, 0.14),
        (0.175, 2, 0.18),
        (15.4546, 2, 15.45),  # no chained rounding (15.455 -> 15.46 would be wrong)
        (15.4546, 3, 15.455),
        (2.5, 0, 2.0),
        (3.5, 0, 4.0),
        (-2.5, 0, -2.0),
        (-0.125, 2, -0.12),
        (60.5, 0, 60.0),
        (60.6, 0, 61.0),
        (0.0501, 1, 0.1),  # 5 followed by non-zero digits rounds up
        (1234.5, -1, 1230.0),
        (1e-9, 2, 0.0),
        (0.0, 1, 0.0),
    ],
)
def test_published_rule_examples(value, decimals, expected):
    assert round_half_even(value, decimals) == expected


def test_vectorized_keeps_shape_nan_and_inf():
    arr = np.array([[2.675, np.nan], [np.inf, -np.inf]])
    out = round_half_even(arr, 2)
    assert out.shape == (2, 2)
    assert out[0, 0] == 2.68 and np.isnan(out[0, 1])
    assert out[1, 0] == np.inf and out[1, 1] == -np.inf


def test_scalar_in_scalar_out():
    assert isinstance(round_half_even(1.25, 1), float)


@given(
    st.decimals(min_value=-10**6, max_value=10**6, places=6, allow_nan=False, allow_infinity=False),
    st.integers(min_value=0, max_value=4),
)
def test_equals_decimal_quantize_on_decimal_input(value, decimals):
    expected = float(value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_EVEN))
    assert round_half_even(float(value), decimals) == expected
