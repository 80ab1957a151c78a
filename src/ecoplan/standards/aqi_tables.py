"""HJ 633 tables as module constants: IAQI breakpoints, levels, categories, colours.

Sources: HJ 633-2012 Table 1 and Table 2 (+ Appendix A); HJ 633-2026 Table 3 and Table 1
(+ Appendix A). Units µg/m³, CO mg/m³. See ``docs/standards.md`` § Air.
"""

from __future__ import annotations

import numpy as np

#: IAQI values of the breakpoint rows (HJ 633-2012 Table 1 / HJ 633-2026 Table 3, first column).
IAQI_STEPS = np.array([0, 50, 100, 150, 200, 300, 400, 500])

_NA = np.nan  # a row the table does not define (notes b, c)

#: HJ 633-2012 Table 1: indicator → concentrations at IAQI 0, 50, 100, 150, 200, 300, 400, 500.
BREAKPOINTS_2012 = {
    "so2_24h": np.array([0, 50, 150, 475, 800, 1600, 2100, 2620], dtype=float),
    "so2_1h": np.array([0, 150, 500, 650, 800, _NA, _NA, _NA]),
    "no2_24h": np.array([0, 40, 80, 180, 280, 565, 750, 940], dtype=float),
    "no2_1h": np.array([0, 100, 200, 700, 1200, 2340, 3090, 3840], dtype=float),
    "pm10_24h": np.array([0, 50, 150, 250, 350, 420, 500, 600], dtype=float),
    "co_24h": np.array([0, 2, 4, 14, 24, 36, 48, 60], dtype=float),
    "co_1h": np.array([0, 5, 10, 35, 60, 90, 120, 150], dtype=float),
    "o3_1h": np.array([0, 160, 200, 300, 400, 800, 1000, 1200], dtype=float),
    "o3_8h": np.array([0, 100, 160, 215, 265, 800, _NA, _NA]),
    "pm25_24h": np.array([0, 35, 75, 115, 150, 250, 350, 500], dtype=float),
}

#: HJ 633-2026 Table 3: only PM10 and PM2.5 at IAQI 100 change (150 → 120, 75 → 60).
BREAKPOINTS_2026 = {name: bp.copy() for name, bp in BREAKPOINTS_2012.items()}
BREAKPOINTS_2026["pm10_24h"][2] = 120
BREAKPOINTS_2026["pm25_24h"][2] = 60

#: Indicators whose table column ends before IAQI 500, with what applies above the last row.
#: 2012: notes b and c, "no IAQI" (the caller falls back: SO2 to 24 h, O3 to 1 h) → NaN.
#: 2026: notes b and c, fixed IAQI 200 (SO2 1 h > 800) and 300 (O3 8 h > 800).
ABOVE_TABLE_2012 = {"so2_1h": np.nan, "o3_8h": np.nan}
ABOVE_TABLE_2026 = {"so2_1h": 200.0, "o3_8h": 300.0}

#: Decimals a concentration is rounded to (GB/T 8170) before its IAQI (HJ 633-2026 §4.2.2).
CONCENTRATION_DECIMALS = {name: (1 if name.startswith("co") else 0) for name in BREAKPOINTS_2012}

#: Upper AQI of levels 1-5 (HJ 633-2012 Table 2; HJ 633-2026 Table 1); level 6 is above 300.
LEVEL_UPPER_AQI = np.array([50, 100, 150, 200, 300])

#: Index = level (0 = no AQI). 类别 / colour name / hex of Appendix A.
CATEGORIES = np.array(["", "优", "良", "轻度污染", "中度污染", "重度污染", "严重污染"], dtype=object)
LEVEL_NAMES = np.array(["", "一级", "二级", "三级", "四级", "五级", "六级"], dtype=object)
COLOURS = np.array(["", "绿色", "黄色", "橙色", "红色", "紫色", "褐红色"], dtype=object)
COLOURS_HEX = np.array(
    ["", "#00E400", "#FFFF00", "#FF7E00", "#FF0000", "#99004C", "#7E0023"], dtype=object
)
COLOURS_RGB = ((0, 0, 0), (0, 228, 0), (255, 255, 0), (255, 126, 0), (255, 0, 0), (153, 0, 76), (126, 0, 35))
