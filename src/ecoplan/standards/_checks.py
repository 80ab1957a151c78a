"""Input checks shared by the air functions: every error is a ValueError naming field and value."""

from __future__ import annotations

import numpy as np

# CO is in mg/m³. HJ 633's CO scale ends at 150 mg/m³ (1-h, IAQI 500); a value above it is
# almost surely a µg/m³ figure (typical urban CO is 300-2,000 µg/m³).
CO_MAX_PLAUSIBLE_MG = 150.0


def as_concentration(values, field: str) -> np.ndarray:
    """Float array of concentrations; NaN (or None) means missing.

    Raises
    ------
    ValueError
        For strings or other non-numeric values, negative values, or (field ``co…``) values that
        look like µg/m³ instead of mg/m³.
    """
    arr = np.asarray(values)
    if arr.dtype == object:
        bad = [v for v in arr.ravel() if v is not None and not _is_number(v)]
        if bad:
            raise ValueError(f"{field}: not a number: {bad[0]!r}")
        arr = np.array([np.nan if v is None else v for v in arr.ravel()], dtype=np.float64)
        arr = arr.reshape(np.shape(values))
    elif arr.dtype.kind not in "iuf":
        raise ValueError(f"{field}: not a number: {arr.ravel()[0]!r}")
    out = arr.astype(np.float64, copy=False)
    # fmin/fmax reductions skip NaN and allocate nothing: one cheap pass over big cubes.
    if out.size and np.fmin.reduce(out, axis=None) < 0:
        raise ValueError(f"{field}: negative concentration {float(out[out < 0].flat[0])!r}")
    if field.startswith("co") and out.size and np.fmax.reduce(out, axis=None) > CO_MAX_PLAUSIBLE_MG:
        high = out > CO_MAX_PLAUSIBLE_MG
        if high.any():
            raise ValueError(
                f"{field}: {float(out[high].flat[0])!r} is not plausible in mg/m³ "
                f"(CO is given in mg/m³; this looks like µg/m³)"
            )
    return out


def same_shape(arrays: dict[str, np.ndarray]) -> tuple[int, ...]:
    """The common shape of the given arrays; ValueError naming the fields when they differ."""
    shapes = {name: a.shape for name, a in arrays.items()}
    distinct = set(shapes.values())
    if len(distinct) > 1:
        raise ValueError(f"mismatched lengths: {shapes}")
    return distinct.pop() if distinct else ()


def _is_number(value) -> bool:
    if isinstance(value, (str, bytes)):
        return False
    try:
        float(value)
    except (TypeError, ValueError):
        return False
    return True
