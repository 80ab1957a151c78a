"""GB/T 8170-2008 numerical rounding (数值修约, 四舍六入五成双), vectorized.

Every air and water document of the project refers to GB/T 8170 for rounding concentrations
(HJ 633-2026 §2 and §4.2.2; see ``docs/standards.md``). Python's ``round`` and ``numpy.round``
work on the binary value of a float, so ``round(2.675, 2)`` gives 2.67 although the decimal
2.675 must give 2.68. :func:`round_half_even` works on the decimal value instead.
"""

from __future__ import annotations

import numpy as np

# A float is read as the decimal number with this many significant digits: every decimal
# literal of up to 15 significant digits round-trips exactly, and the binary noise of
# arithmetic (2.675 * 100 = 267.49999999999997) disappears.
SIGNIFICANT_DIGITS = 15


def round_half_even(values, decimals: int = 0):
    """Round to ``decimals`` places by GB/T 8170-2008 §3.3 (round half to even on the decimal value).

    Parameters
    ----------
    values : float, array_like or pandas.Series
        Values to round. NaN (missing) stays NaN, ±inf stays ±inf.
    decimals : int
        Number of decimal places to keep (negative: round to tens, hundreds, ...).

    Returns
    -------
    float or numpy.ndarray
        Same shape as ``values`` (a scalar for a scalar input), dtype float64.

    Notes
    -----
    GB/T 8170-2008 §3.3: a dropped part below 5 is dropped; above 5 (or 5 followed by non-zero
    digits) rounds up; exactly 5 rounds so that the kept last digit is even; negative numbers
    are rounded in absolute value (§3.3.5). Rounding is done once from the value given, never
    in steps (§3.4, 连续修约 not allowed).

    Each float is interpreted as the decimal number with 15 significant digits nearest to it,
    so decimal input is rounded exactly (2.675 → 2.68, 0.125 → 0.12, 0.175 → 0.18).

    Examples
    --------
    >>> round_half_even([2.675, 0.125, 15.4546, -2.675], 2)
    array([ 2.68,  0.12, 15.45, -2.68])
    >>> round_half_even(60.5)
    60.0
    """
    arr = np.asarray(values, dtype=np.float64)
    scalar = arr.ndim == 0
    arr = np.atleast_1d(arr)
    decimals = int(decimals)
    with np.errstate(over="ignore", invalid="ignore"):
        scaled = arr * 10.0**decimals if decimals >= 0 else arr / 10.0 ** -decimals
        out = np.rint(scaled)
        # Only values near a tie (…5 at the first dropped digit) or beyond exact float integers
        # need the decimal treatment; elsewhere rounding to nearest is unambiguous.
        delicate = (np.abs(np.abs(scaled - np.trunc(scaled)) - 0.5) < 1e-6) | (np.abs(scaled) >= 1e15)
        out = out / 10.0**decimals if decimals >= 0 else out * 10.0 ** -decimals
    out = np.where(np.isfinite(arr), out, arr)
    delicate &= np.isfinite(arr) & (arr != 0)
    if delicate.any():
        out[delicate] = _round_finite(arr[delicate], decimals)
    return float(out[0]) if scalar else out


def _round_finite(x: np.ndarray, decimals: int) -> np.ndarray:
    """Round finite non-zero values; see :func:`round_half_even`."""
    sign = np.sign(x)
    mag = np.abs(x)
    exponent = np.floor(np.log10(mag)).astype(np.int64)
    # Values below half a unit of the last kept place round to zero; handling them here keeps
    # the scale factors below finite.
    tiny = exponent < -decimals - 1
    exponent = np.where(tiny, -decimals - 1, exponent)
    shift = (SIGNIFICANT_DIGITS - 1) - exponent  # mantissa = mag * 10**shift, 15 digits
    mantissa = np.rint(_scale(mag, shift))
    drop = shift - decimals  # digits of the mantissa below the kept place
    result = np.where(drop <= 0, _scale(mantissa, -shift), 0.0)
    cut = (drop > 0) & ~tiny
    if cut.any():
        kept = _drop_digits(mantissa[cut], drop[cut])
        result[cut] = _scale(kept, np.full(kept.shape, -decimals))
    return np.where(tiny, 0.0, result) * sign


def _drop_digits(mantissa: np.ndarray, drop: np.ndarray) -> np.ndarray:
    """Integer ``mantissa`` (exact in float64) divided by 10**drop, rounded half to even."""
    divisor = 10.0 ** drop
    remainder = np.fmod(mantissa, divisor)  # fmod is exact on floats
    quotient = (mantissa - remainder) / divisor
    twice = 2.0 * remainder
    odd = np.mod(quotient, 2.0) == 1.0
    up = (twice > divisor) | ((twice == divisor) & odd)
    return quotient + up


def _scale(x: np.ndarray, exp: np.ndarray) -> np.ndarray:
    """x * 10**exp, dividing by the exact power 10**-exp when exp < 0 (one rounding only)."""
    power = 10.0 ** np.abs(exp)
    with np.errstate(over="ignore"):  # the branch not taken may overflow; it is discarded
        return np.where(exp >= 0, x * power, x / power)
