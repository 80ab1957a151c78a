"""Hourly air rows for the small monitoring stores of the assessment tests."""

from __future__ import annotations

import numpy as np
import pandas as pd

OTHER = {"pm10": 40.0, "so2": 5.0, "no2": 20.0, "co": 0.5, "o3": 50.0}
"""Every other pollutant well inside grade I, so a day's AQI is PM2.5's IAQI."""


def hours(station: str, days: pd.DatetimeIndex, pm25: float) -> pd.DataFrame:
    """Every hour of ``days`` at ``station`` with PM2.5 ``pm25`` and the others in grade I."""
    n = len(days) * 24
    return pd.DataFrame({"station": station, "day": np.repeat(days.values, 24).astype("datetime64[ms]"),
                         "hour": np.tile(np.arange(24, dtype=np.int8), len(days)),
                         "pm25": np.full(n, pm25), **{k: np.full(n, v) for k, v in OTHER.items()}})


def two_districts_air(registry: pd.DataFrame) -> list[pd.DataFrame]:
    """武进区 40 every hour of January and February 2023; 新北区 20 in January, 80 in February."""
    stations = registry[registry["station_level"].isin(["国控", "省控"])]
    jan, feb = pd.date_range("2023-01-01", "2023-01-31"), pd.date_range("2023-02-01", "2023-02-28")
    frames = []
    for code, district in zip(stations["station"], stations["district"]):
        if district == "武进区":
            frames.append(hours(code, jan.append(feb), 40.0))
        else:
            frames += [hours(code, jan, 20.0), hours(code, feb, 80.0)]
    return frames
