"""Obligations as the rest of the app reads them, and how contributions add up. Pure.

An :class:`Obligation` says where one target's figure comes from: ``monitoring`` (an indicator),
``report`` (one owner unit reports the city figure) or ``contributions`` (named units each report
their part, with an optional quota, and an aggregation rule makes the city figure) or ``survey``
(the public satisfaction survey naming the target measures it: its combined index) or ``projects``
(an aggregate of the key-project ledger, :data:`PROJECT_MEASURES`, optionally of one category or
district). It is due at the end of each of its periods (``frequency``) from ``first_month`` on.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from ecoplan.app.core.choices import Choices

FREQUENCY_MONTHS = {"monthly": tuple(range(1, 13)), "quarterly": (3, 6, 9, 12),
                    "half_yearly": (6, 12), "yearly": (12,)}


class Source(Choices):
    MONITORING = "monitoring", "监测数据"
    REPORT = "report", "单位报送"
    CONTRIBUTIONS = "contributions", "分解汇总"
    SURVEY = "survey", "满意度调查"
    PROJECTS = "projects", "重点工程项目"


class Frequency(Choices):
    MONTHLY = "monthly", "每月"
    QUARTERLY = "quarterly", "每季度"
    HALF_YEARLY = "half_yearly", "每半年"
    YEARLY = "yearly", "每年"


SOURCE_LABELS, FREQUENCY_LABELS = Source.labels(), Frequency.labels()
PROJECT_MEASURES = {"started": "已开工项目数", "main_done": "主体完工项目数",
                    "operating": "已投运项目数", "invest_done": "累计完成投资",
                    "invest_rate": "投资完成率"}
"""What a ``projects`` obligation counts: projects past a milestone (开工/主体完工/投运) by the
evaluation day, the investment done (万元, in the target's money unit), or done ÷ planned in %."""
AGGREGATION_LABELS = {"sum": "求和", "mean": "平均", "min": "取最小值", "all_met": "全部达标",
                      "share_met": "达标单位占比"}


@dataclass(frozen=True)
class Contribution:
    unit_id: int
    unit: str
    quota: float | None = None


@dataclass(frozen=True)
class Obligation:
    target_uid: str
    source: str
    frequency: str = "monthly"
    first_month: int = 1
    owner_id: int | None = None
    owner: str | None = None
    aggregation: str | None = None
    contributions: tuple[Contribution, ...] = ()
    indicator: str | None = None
    flags: tuple[str, ...] = field(default=())
    """What the office must look at (no path, a collective phrase, a guessed owner)."""
    origin: str = "default"
    """``default`` (derived from the plan) or ``office`` (set on the review page)."""
    note: str = ""
    projects: dict | None = None
    """``{"measure", "category", "district"}`` (``projects`` only; filters may be empty)."""

    @property
    def months(self) -> tuple[int, ...]:
        """The months (1–12) at whose end the figure is due."""
        return tuple(m for m in FREQUENCY_MONTHS[self.frequency] if m >= self.first_month)

    def due_in(self, last_month: int, span: int = 1) -> bool:
        """Whether a period ending in ``last_month`` and ``span`` months long asks for it."""
        return any(last_month - span < m <= last_month for m in self.months)

    @property
    def has_path(self) -> bool:
        if self.source == "monitoring":
            return self.indicator is not None
        if self.source == "report":
            return self.owner_id is not None
        if self.source == "survey":
            return True
        if self.source == "projects":
            return (self.projects or {}).get("measure") in PROJECT_MEASURES
        return bool(self.contributions) and self.aggregation is not None

    def reporters(self) -> tuple[int, ...]:
        """Units that report a number for this target."""
        if self.source == "report":
            return (self.owner_id,) if self.owner_id else ()
        if self.source == "contributions":
            return tuple(c.unit_id for c in self.contributions)
        return ()

    def quota_of(self, unit_id: int) -> float | None:
        return next((c.quota for c in self.contributions if c.unit_id == unit_id), None)


COMPARE = {"<=": lambda a, b: a <= b, "<": lambda a, b: a < b, ">=": lambda a, b: a >= b,
           ">": lambda a, b: a > b, "==": lambda a, b: math.isclose(a, b, abs_tol=1e-9)}


@dataclass(frozen=True)
class CityFigure:
    """The city figure made from contributions, and what it is compared with."""

    value: float | None
    comparator: str
    target: float
    reported: int
    expected: int

    @property
    def complete(self) -> bool:
        return self.reported == self.expected


def aggregate(rule: str, parts: list[tuple[float | None, float | None]], *, comparator: str,
              target: float) -> CityFigure:
    """The city figure from ``parts`` (value reported or None, quota or None) by ``rule``.

    ``sum`` / ``mean`` / ``min`` of the values reported (a missing part adds nothing: the figure
    is then incomplete); ``all_met``: how many parts meet their quota (the target's comparator;
    the city target becomes "all of them"); ``share_met``: that count in % of all parts, against
    the target's own value.
    """
    values = [v for v, _ in parts if v is not None]
    n = len(parts)
    if rule in ("all_met", "share_met"):
        met = sum(v is not None and COMPARE[comparator](v, target if q is None else q)
                  for v, q in parts)
        if rule == "all_met":
            return CityFigure(float(met) if values else None, ">=", float(n), len(values), n)
        share = round(100.0 * met / n, 2) if n and values else None
        return CityFigure(share, comparator if comparator != "==" else ">=", target,
                          len(values), n)
    if not values:
        return CityFigure(None, comparator, target, 0, n)
    if rule == "sum":
        value = math.fsum(values)
    elif rule == "mean":
        value = math.fsum(values) / len(values)
    elif rule == "min":
        value = min(values)
    else:
        raise ValueError(f"unknown aggregation {rule!r}")
    return CityFigure(round(value, 6), comparator, target, len(values), n)


def is_cumulative(comparator: str, target: float, unit: str) -> bool:
    """A count or amount to reach (≥ 40 家), not a level to hold (≤ 31, ≥ 80 %)."""
    return comparator in (">=", ">") and target > 0 and unit not in ("%", "类", "")
