"""Target results and monthly target status per district, from the monitoring data.

Each district is measured on its own evaluation stations (国控 + 省控, as
:mod:`ecoplan.monitoring.areas` defines) against the plan's city goals (各辖市区 carry the
city's air targets). Values are those of the monthly air circular: cumulative from 1 January to
the end of the assessed period (or the last day with data, when earlier), rounded as the
standards say, so a quarter's value is comparable with the annual target. Dust fall (降尘) is the mean monthly value of the
district's towns, as :func:`ecoplan.monitoring.indicators_water.dustfall` computes it.

A month's colour is the cumulative value at that month's end against the goal: green when it
meets it, red when not (目前达标 / 目前未达标 of :mod:`ecoplan.monitoring.targets`). The
per-district back-cast would cost one pass over the history per district and month (46 s for the
demo's seven districts and six months), so it is kept for the city goals on the dashboards.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy.orm import Session

from ecoplan.app.assessment.progress_inputs import ProgressInputs
from ecoplan.app.plans.queries import DISTRICTS
from ecoplan.app.progress import todo
from ecoplan.app.status import environment
from ecoplan.app.status.status import meets
from ecoplan.app.supervision.proposals import TargetMonth
from ecoplan.assessment import TargetResult
from ecoplan.errors import InputError
from ecoplan.monitoring import targets as monitoring_targets
from ecoplan.monitoring.areas import parse_period, resolve_area
from ecoplan.monitoring.indicators import air_for
from ecoplan.monitoring.indicators_water import dustfall
from ecoplan.monitoring.store import Store

RULE_METRICS = {"PM2.5": "pm25", "优良天数比率": "good_day_ratio", "降尘": "dustfall"}
"""Metric names of the assessment rules files → the binding (and indicator) that measures them."""


def _month_ends(year: int, last: dt.date) -> list[dt.date]:
    ends = [dt.date(year + m // 12, m % 12 + 1, 1) - dt.timedelta(days=1) for m in range(1, 13)]
    return [d for d in ends if d <= last]


def colour(goal: dict, air: dict) -> str:
    """green when the cumulative value meets the goal, red when it does not."""
    return "green" if meets(goal["comparator"], float(goal["value"]), air[goal["id"]]) else "red"


class MonitoringInputs(ProgressInputs):
    """Reporting from the progress reports; district targets from the monitoring store."""

    def __init__(self, session: Session, data_dir: Path, today: dt.date | None = None) -> None:
        super().__init__(session, today)
        self.store = Store(data_dir)

    def goals(self, year: int) -> dict[str, dict]:
        """Rules metric → the plan's goal (comparator, value, uid, label); the bindings'
        defaults when the published plan is of another year or lacks the goal."""
        version = todo.published(self.session)
        plan = {"targets": []}
        if version is not None and version.plan.year == year:
            plan = environment._plan_dict(version, [t for t in version.targets if t.task_id is None])
        bound = {b["id"]: b for b in monitoring_targets.bind(plan, monitoring_targets.load_bindings())}
        return {metric: bound[key] for metric, key in RULE_METRICS.items() if key in bound}

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
        ``dustfall``: the mean monthly dust fall of its towns (None without data)."""
        period = parse_period(f"{first.isoformat()}..{until.isoformat()}")
        key = ("district_values", str(self.store.root.resolve()),
               environment._data_version(self.store), period.text)
        return environment._cached(key, lambda: self._compute(period, districts))

    def _compute(self, period, districts: dict) -> dict[str, dict]:
        air = air_for(self.store, districts, period, None)[0]
        stations = self.store.table("stations")
        con = self.store.connect() if self.store.has("dustfall") else None
        for name in districts:
            towns = sorted(set(stations.loc[stations["district"] == name, "town"].dropna()) - {""})
            dust = dustfall(con, towns, period) if con is not None and towns else None
            air[name]["dustfall"] = dust["mean"] if dust else None
        return air

    def data_until(self, *, year: int) -> dt.date | None:
        return environment.last_data_day(self.store, year)

    def target_results(self, *, start: dt.date, end: dt.date) -> dict[str, dict[str, TargetResult]]:
        last = environment.last_data_day(self.store, start.year)
        districts = self._districts()
        if last is None or last < start or not districts:
            return {}
        air = self._values(dt.date(start.year, 1, 1), min(end, last), districts)
        goals = self.goals(start.year)
        return {name: {metric: TargetResult(metric, float(goal["value"]),
                                            air[name].get(RULE_METRICS[metric]))
                       for metric, goal in goals.items()}
                for name in districts}

    def target_months(self, *, year: int) -> list[TargetMonth]:
        last = environment.last_data_day(self.store, year)
        districts = self._districts()
        if last is None or not districts:
            return []
        out, goals = [], self.goals(year)
        for end in _month_ends(year, last):
            air = self._values(dt.date(year, 1, 1), end, districts)
            for metric, goal in goals.items():
                out += [TargetMonth(goal["target"] or goal["id"], goal["label"].removeprefix("全市"), name,
                                    f"{year}-{end.month:02d}", colour(goal, air[name]))
                        for name in districts if air[name].get(RULE_METRICS[metric]) is not None]
        return out
