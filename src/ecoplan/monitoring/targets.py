"""Plan targets bound to indicators: current value, back-cast and status of each bound goal.

The bindings (``bindings/<city>.yaml``) say which indicator measures which target; the plan
(``ecoplan.plan/1``, read once into the contract's typed models) gives each target's comparator
and value. Values are year to date; air
targets also get the back-cast of :mod:`ecoplan.monitoring.backcast`, dust fall and water that
of :mod:`~ecoplan.monitoring.backcast_dust` and :mod:`~ecoplan.monitoring.backcast_water`.
"""

from __future__ import annotations

import copy
import functools
import json
import re
from collections.abc import Iterable
from datetime import date
from importlib import resources
from pathlib import Path

import yaml

from ecoplan import clock
from ecoplan.errors import InputError
from ecoplan.plan import contract
from ecoplan.monitoring.backcast import backcast
from ecoplan.monitoring.backcast_dust import backcast_dustfall
from ecoplan.monitoring.backcast_water import backcast_water
from ecoplan.monitoring.indicators import indicators
from ecoplan.monitoring.store import Store

COMPARE = {"<=": lambda a, b: a <= b, "<": lambda a, b: a < b, ">=": lambda a, b: a >= b,
           ">": lambda a, b: a > b, "==": lambda a, b: a == b}


def load_bindings(city: str = "changzhou") -> dict:
    """The city's bindings of plan targets to monitoring indicators (a fresh copy each call: the
    file is read and parsed once per process)."""
    return copy.deepcopy(_parsed_bindings(city))


@functools.lru_cache(maxsize=8)
def _parsed_bindings(city: str) -> dict:
    text = resources.files("ecoplan.monitoring").joinpath("bindings", f"{city}.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def load_plan(path: str | Path) -> contract.PlanData:
    """An ``ecoplan.plan/1`` JSON file, or a plan document parsed by ``ecoplan.plan.build``, as
    the contract's typed models (checked field by field: :func:`ecoplan.plan.contract.load`).
    A document whose year cannot be read is measured in this year's data."""
    path = Path(path)
    if not path.is_file():
        raise InputError("文件不存在", file=str(path))
    if path.suffix.lower() == ".json":
        try:
            plan = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as err:
            raise InputError(f"不是有效的 JSON: {err.msg}", file=path.name, row=err.lineno) from None
        return contract.load(plan, file=path.name)
    from ecoplan.plan.build import read_file

    plan = read_file(path)
    plan.document.year = plan.document.year or clock.today().year
    return contract.checked(plan, file=path.name)


def bind(targets: Iterable[contract.Target], bindings: dict) -> list[dict]:
    """Each binding with the plan target it measures (or its default when the plan has none)."""
    targets = list(targets)
    out = []
    for binding in bindings["bindings"]:
        pattern = re.compile(binding["match"])
        found = [t for t in targets if pattern.search(t.metric or "")]
        nth = binding.get("occurrence", 1)
        target = found[nth - 1] if len(found) >= nth else None
        source = {"target": target.id, "text": target.text} if target else {"target": None, "text": "方案中未找到，用默认值"}
        rule = ({"comparator": target.comparator, "value": target.value, "unit": target.unit}
                if target else dict(binding["default"]))
        out.append({"id": binding["id"], "label": binding["label"], "indicator": binding["indicator"], **rule, **source})
    return out


def _pick(result: dict, path: str):
    value = result
    for part in path.split("."):
        if not isinstance(value, dict) or value.get(part) is None:
            return None
        value = value[part]
    return value


def status(store: Store, plan: contract.PlanData, *, as_of: date | None = None,
           bindings: dict | None = None) -> dict:
    """Every bound target of ``plan`` with its year-to-date value, back-cast and status."""
    bindings = bindings or load_bindings()
    year, area = plan.document.year, plan.document.region or bindings["area"]
    as_of = as_of or _last_data_day(store, year)
    if as_of is None:
        raise InputError(f"数据目录中没有 {year} 年的监测数据", field="data-dir")
    current = indicators(store, area, f"{year}-01-01..{as_of.isoformat()}")
    rows = []
    for bound in bind(plan.targets, bindings):
        value = _pick(current, bound["indicator"]["metric"])
        row = {**bound, "current": value, "as_of": as_of.isoformat()}
        if kind := bound["indicator"].get("backcast"):
            row["backcast"] = _backcast(store, kind, bound, area=area, year=year, as_of=as_of)
            row["status"] = row["backcast"]["status"]
        else:
            row["status"] = "无数据" if value is None else ("目前达标" if COMPARE[bound["comparator"]](value, bound["value"]) else "目前未达标")
        rows.append(row)
    return {"area": area, "year": year, "as_of": as_of.isoformat(), "synthetic": current["synthetic"], "targets": rows}


def _backcast(store: Store, kind: str, bound: dict, *, area: str, year: int, as_of: date) -> dict:
    """The back-cast named by a binding's ``backcast`` key (air: pm25, good_day_ratio; dustfall; water)."""
    rule = {"comparator": bound["comparator"], "value": bound["value"], "year": year}
    if kind == "dustfall":
        return backcast_dustfall(store, **rule, as_of_month=as_of.month if as_of.year == year else None)
    if kind == "water":
        spec = bound["indicator"]
        return backcast_water(store, **rule, as_of=as_of, ceiling=int(spec["ceiling"]), level=spec.get("level"),
                              drinking=bool(spec.get("drinking")), share=spec.get("share", "meeting"))
    return backcast(store, area=area, metric=kind, **rule, as_of=as_of)


def _last_data_day(store: Store, year: int) -> date | None:
    row = store.connect().execute("SELECT max(day)::DATE FROM air_daily WHERE year = ?", [year]).fetchone()
    return row[0] if row and row[0] else None
