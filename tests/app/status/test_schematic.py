"""The schematic map: every district a tile inside the picture, no two tiles overlapping, every
town a square inside its district's tile, towns read from the station registry."""

from __future__ import annotations

import itertools

import pandas as pd

from ecoplan.app.plans.queries import DISTRICTS
from ecoplan.app.status.schematic import LABEL, layout, towns_by_district

TOWNS = {"溧阳市": 10, "金坛区": 9, "武进区": 16, "新北区": 10, "天宁区": 7, "钟楼区": 7, "常州经开区": 4}


def _inside(inner, outer) -> bool:
    x, y, w, h = inner
    return outer[0] <= x and outer[1] <= y and x + w <= outer[0] + outer[2] and y + h <= outer[1] + outer[3]


def test_tiles_do_not_overlap_and_towns_sit_inside():
    towns = {d: [f"{d[:2]}{k:02d}镇" for k in range(1, n + 1)] for d, n in TOWNS.items()}
    m = layout(list(DISTRICTS) + ["某某县"], towns)
    assert [d.name for d in m["districts"]] == list(DISTRICTS) + ["某某县"]
    boxes = {d.name: (d.x, d.y, d.w, d.h) for d in m["districts"]}
    for a, b in itertools.combinations(boxes.values(), 2):
        assert a[0] + a[2] <= b[0] or b[0] + b[2] <= a[0] or a[1] + a[3] <= b[1] or b[1] + b[3] <= a[1]
    for d in m["districts"]:
        assert _inside(boxes[d.name], (0, 0, m["width"], m["height"]))
        assert [t.name for t in d.towns] == towns.get(d.name, [])
        for t in d.towns:
            assert t.size >= 10 and _inside((t.x, t.y, t.size, t.size),
                                           (d.x, d.y + LABEL, d.w, d.h - LABEL))
    assert boxes["新北区"][1] < boxes["天宁区"][1] < boxes["武进区"][1] < boxes["溧阳市"][1]  # north up
    assert boxes["金坛区"][0] < boxes["钟楼区"][0] < boxes["天宁区"][0] < boxes["常州经开区"][0]


def test_towns_from_the_registry():
    stations = pd.DataFrame({"district": ["武进区", "武进区", "武进区", "新北区", None],
                             "town": ["湖塘镇", "牛塘镇", "湖塘镇", "", "某镇"]})
    assert towns_by_district(stations) == {"武进区": ["湖塘镇", "牛塘镇"]}
    assert towns_by_district(None) == {} and towns_by_district(pd.DataFrame({"x": [1]})) == {}
