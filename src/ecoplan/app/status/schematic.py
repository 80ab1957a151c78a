"""A schematic map of the city's districts and towns (示意图): tiles placed roughly where the
districts lie (north up), each town a small square inside its district. It is drawn from names
only, with no boundary data: it says where a district lies relative to the others, not its
shape or extent, and the page says so. No tile server, nothing fetched at run time.

Towns come from the monitoring registry (each town station's district and town), so the map
shows the towns the city's data knows; a district of another city (a gazetteer of one's own)
goes into a row below the known layout.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

CELL = 110
"""Pixels of one grid unit of the layout."""
GAP = 6
LABEL = 24
"""Height of a tile's name strip."""
LAYOUT = {"新北区": (1, 0, 2, 1), "金坛区": (0, 1, 1, 2), "钟楼区": (1, 1, 1, 1),
          "天宁区": (2, 1, 1, 1), "常州经开区": (3, 1, 1, 1), "武进区": (1, 2, 3, 1),
          "溧阳市": (0, 3, 2, 1)}
"""Changzhou's districts as (column, row, columns, rows) of a 4 × 4 grid: 新北区 north of the
centre (钟楼区 west, 天宁区 east), 常州经开区 east, 武进区 south, 金坛区 west, 溧阳市 south-west."""


@dataclass(frozen=True)
class Town:
    name: str
    x: float
    y: float
    size: float


@dataclass(frozen=True)
class District:
    name: str
    x: float
    y: float
    w: float
    h: float
    towns: tuple[Town, ...] = field(default=())


def _towns(names: list[str], x: float, y: float, w: float, h: float) -> tuple[Town, ...]:
    """``names`` as squares filling the tile's area below its name, row by row."""
    if not names:
        return ()
    top, width, height = y + LABEL, w - 2 * GAP, h - LABEL - GAP
    columns = max(1, math.ceil(math.sqrt(len(names) * width / height)))
    rows = math.ceil(len(names) / columns)
    size = min(width / columns, height / rows) - 3
    return tuple(Town(n, x + GAP + (i % columns) * (size + 3), top + (i // columns) * (size + 3), size)
                 for i, n in enumerate(names))


def layout(districts: list[str], towns: dict[str, list[str]]) -> dict:
    """Tiles for ``districts`` (in the known layout, others in rows below) with their towns;
    ``{"width", "height", "districts": [District]}``."""
    placed, spare = [], [d for d in districts if d not in LAYOUT]
    rows_used = max((r + h for d, (_, r, _, h) in LAYOUT.items() if d in districts), default=0)
    for name in districts:
        if name in LAYOUT:
            col, row, cols, rows = LAYOUT[name]
        else:
            n = spare.index(name)
            col, row, cols, rows = n % 4, rows_used + n // 4, 1, 1
        x, y = col * CELL + GAP / 2, row * CELL + GAP / 2
        w, h = cols * CELL - GAP, rows * CELL - GAP
        placed.append(District(name, x, y, w, h, _towns(towns.get(name, []), x, y, w, h)))
    height = max((d.y + d.h for d in placed), default=0) + GAP / 2
    return {"width": 4 * CELL, "height": height, "districts": placed}


def towns_by_district(stations: pd.DataFrame | None) -> dict[str, list[str]]:
    """District → its towns (sorted) from the station registry's ``district`` and ``town``."""
    if stations is None or not {"district", "town"} <= set(stations.columns):
        return {}
    rows = stations[["district", "town"]].dropna()
    rows = rows[(rows["district"] != "") & (rows["town"] != "")].drop_duplicates()
    return {d: sorted(group["town"]) for d, group in rows.groupby("district")}
