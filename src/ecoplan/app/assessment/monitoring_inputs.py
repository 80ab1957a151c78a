"""Target results and monthly target status per district, from the monitoring data.

Each district is measured on its own evaluation stations (国控 + 省控, as
:mod:`ecoplan.monitoring.areas` defines) against the plan's city goals (各辖市区 carry the
city's air targets). Values are those of the monthly air circular: cumulative from 1 January to
the end of the assessed period (or the last day with data, when earlier), rounded as the
standards say, so a quarter's value is comparable with the annual target. Dust fall (降尘) is the mean monthly value of the
district's towns, as :func:`ecoplan.monitoring.indicators_water.dustfall` computes it.

Water goals are per assessment level (国考、省考、市考断面优Ⅲ比例分别达80%、92.2%和92.4%): a water
measure (``国考优Ⅲ比例``) is the share of the district's own sections of that level, each
classed on its period means over the same cumulative period
(:func:`ecoplan.monitoring.indicators_water.level_shares`), against the plan's goal for that
level. A district with no section of the level is not applicable (不适用); one whose sections
have no sample in the period has no data (无监测数据).

A month's colour is the cumulative value at that month's end against the goal: green when it
meets it, red when not (目前达标 / 目前未达标 of :mod:`ecoplan.monitoring.targets`), for the
target items of the year's rules. The per-district back-cast would cost one pass over the
history per district and month (46 s for the demo's seven districts and six months), so it is
kept for the city goals on the dashboards.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import numpy as np
from sqlalchemy.orm import Session

from ecoplan.app.assessment.progress_inputs import ProgressInputs
from ecoplan.app.assessment.service import rules_for
from ecoplan.app.plans.queries import DISTRICTS
from ecoplan.app.plans.snapshot import typed_goals
from ecoplan.app.progress import todo
from ecoplan.app.status import environment
from ecoplan.app.status.cache import cached, store_key
from ecoplan.app.status.status import meets
from ecoplan.app.supervision.proposals import TargetMonth
from ecoplan.assessment import TargetResult
from ecoplan.errors import InputError
from ecoplan.monitoring import targets as monitoring_targets
from ecoplan.monitoring.areas import parse_period, resolve_area
from ecoplan.monitoring.indicators import air_for
from ecoplan.monitoring.indicators_water import dustfall, level_shares
from ecoplan.monitoring.store import Store

RULE_METRICS = {"PM2.5": "pm25", "优良天数比率": "good_day_ratio", "降尘": "dustfall"}
"""Metric names of the assessment rules files → the binding (and indicator) that measures them."""
WATER_SHARES = {"i_iii": "优Ⅲ比例", "i_ii": "优Ⅱ比例", "worse_v": "劣Ⅴ比例"}
"""Share of :func:`~ecoplan.monitoring.indicators_water.level_shares` → rules metric; a binding
measuring ``water.shares.<level>.<share>`` gives the rules measure ``<level><metric>``."""
_WATER_BINDING = re.compile(r"water\.shares\.(?P<level>[^.]+)\.(?P<share>\w+)")


def _month_ends(year: int, last: dt.date) -> list[dt.date]:
    ends = [dt.date(year + m // 12, m % 12 + 1, 1) - dt.timedelta(days=1) for m in range(1, 13)]
    return [d for d in ends if d <= last]


def _source(bound: dict) -> tuple[str, ...] | None:
    """Where a binding's value is found in a district's values: ("air", key) for the keys of
    its air summary (with dust fall), ("water", level, share) for a section share; None for
    what is not measured per district (drinking sources)."""
    if bound["id"] in RULE_METRICS.values():
        return ("air", bound["id"])
    found = _WATER_BINDING.fullmatch(bound["indicator"]["metric"])
    if found and found["share"] in WATER_SHARES:
        return ("water", found["level"], found["share"])
    return None


def _measure(source: tuple[str, ...]) -> str:
    if source[0] == "air":
        return next(m for m, key in RULE_METRICS.items() if key == source[1])
    return f"{source[1]}{WATER_SHARES[source[2]]}"


def measured(goal: dict, values: dict) -> tuple[float | None, bool]:
    """(value, applicable) of ``goal`` in one district's values: not applicable when the
    district has no section of a water goal's level (known only with a section registry)."""
    if goal["source"][0] == "air":
        return values.get(goal["source"][1]), True
    _, level, share = goal["source"]
    if values["water"] is None:
        return None, True
    row = values["water"].get(level)
    if row is None:
        return None, False
    return (None if np.isnan(row[share]) else float(row[share])), True


def colour(goal: dict, values: dict) -> str | None:
    """green when the cumulative value meets the goal, red when not; None without a value."""
    value, _ = measured(goal, values)
    if value is None:
        return None
    return "green" if meets(goal["comparator"], float(goal["value"]), value) else "red"


class MonitoringInputs(ProgressInputs):
    """Reporting from the progress reports; district targets from the monitoring store."""

    def __init__(self, session: Session, data_dir: Path, today: dt.date | None = None) -> None:
        super().__init__(session, today)
        self.data_dir = Path(data_dir)
        self.store = Store(data_dir)

    def goals(self, year: int) -> dict[str, dict]:
        """Rules measure → the plan's goal (comparator, value, uid, label, ``source`` of the
        value); the bindings' defaults when the published plan is of another year or lacks it."""
        version = todo.published(self.session)
        goals = typed_goals(version) if version is not None and version.plan.year == year else []
        out = {}
        for bound in monitoring_targets.bind(goals, monitoring_targets.load_bindings()):
            if (source := _source(bound)) is not None:
                out[_measure(source)] = {**bound, "source": source}
        return out

    def _districts(self) -> dict[str, list[str]]:
        stations = self.store.table("stations")
        out = {}
        for name in DISTRICTS:
            try:
                out[name] = list(resolve_area(name, stations).stations)
            except InputError:
                continue
        return out

    def _values(self, first: dt.date, until: dt.date, districts: dict) -> dict[str, dict]:
        """Each district's air summary from ``first`` to ``until`` (one query for all), with
        ``dustfall`` (the mean monthly dust fall of its towns, None without data) and ``water``
        (level → shares of its sections; None without a section registry or water data)."""
        period = parse_period(f"{first.isoformat()}..{until.isoformat()}")
        key = ("district_values", *store_key(self.store), period.text)
        return cached(key, lambda: self._compute(period, districts))

    def _compute(self, period, districts: dict) -> dict[str, dict]:
        air, synthetic = air_for(self.store, districts, period, None)
        stations = self.store.table("stations")
        con = self.store.connect()
        sections = self.store.table("sections")
        water = None
        if sections is not None and self.store.has("water"):
            water = level_shares(con, sections, period, by="district")
        with_dust = self.store.has("dustfall")
        for name in districts:
            towns = sorted(set(stations.loc[stations["district"] == name, "town"].dropna()) - {""})
            dust = dustfall(con, towns, period) if with_dust and towns else None
            air[name]["dustfall"] = dust["mean"] if dust else None
            inside = water is not None and name in water.index.get_level_values(0)
            air[name]["water"] = None if water is None else (
                water.loc[name].to_dict("index") if inside else {})
            air[name]["synthetic"] = bool(synthetic)
        return air

    def data_until(self, *, year: int) -> dt.date | None:
        return environment.last_data_day(self.store, year)

    def synthetic(self, *, start: dt.date, end: dt.date) -> bool:
        """Whether the values :meth:`target_results` gives for the period are synthetic."""
        last = environment.last_data_day(self.store, start.year)
        districts = self._districts()
        if last is None or last < start or not districts:
            return False
        values = self._values(dt.date(start.year, 1, 1), min(end, last), districts)
        return any(v.get("synthetic") for v in values.values())

    def target_results(self, *, start: dt.date, end: dt.date) -> dict[str, dict[str, TargetResult]]:
        last = environment.last_data_day(self.store, start.year)
        districts = self._districts()
        if last is None or last < start or not districts:
            return {}
        values = self._values(dt.date(start.year, 1, 1), min(end, last), districts)
        goals = self.goals(start.year)
        return {name: {measure: TargetResult(measure, float(goal["value"]),
                                             *measured(goal, values[name]))
                       for measure, goal in goals.items()}
                for name in districts}

    def _coloured(self, year: int, goals: dict) -> dict[str, dict]:
        """The goals of the year's target items (the air goals when the year has no rules)."""
        try:
            wanted = {i.measure for i in rules_for(self.data_dir, year).items if i.kind == "target"}
        except InputError:  # no rules that year: nothing is assessed, the air goals still watched
            wanted = set(RULE_METRICS)
        return {m: g for m, g in goals.items() if m in wanted}

    def target_months(self, *, year: int) -> list[TargetMonth]:
        last = environment.last_data_day(self.store, year)
        districts = self._districts()
        if last is None or not districts:
            return []
        out, goals = [], self._coloured(year, self.goals(year))
        for end in _month_ends(year, last):
            values = self._values(dt.date(year, 1, 1), end, districts)
            for goal in goals.values():
                label = goal["label"].removeprefix("全市")
                out += [TargetMonth(goal["target"] or goal["id"], label, name,
                                    f"{year}-{end.month:02d}", status)
                        for name in districts if (status := colour(goal, values[name]))]
        return out
