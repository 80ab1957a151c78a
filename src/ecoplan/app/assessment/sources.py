"""Where the assessment gets what other parts of the platform measure: an adapter.

Progress reporting (timeliness, completeness), target status by month and indicator values are
built by other parts. Reporting comes from the progress reports
(:class:`~ecoplan.app.assessment.progress_inputs.ProgressInputs`); target values and monthly
status answer "no data" (:class:`Unavailable`) until a part provides them by setting an object
with these methods on ``app.state.assessment_inputs``; the scores say so item by item
(无报送记录 / 无监测数据). Tests pass fakes.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from ecoplan.app.supervision.proposals import TargetMonth
from ecoplan.assessment import ReportingStats, TargetResult


class PlatformInputs(Protocol):
    def target_results(self, *, start: dt.date, end: dt.date) -> dict[str, dict[str, TargetResult]]:
        """unit name → metric (as in the rules file) → target and value reached in the period."""

    def reporting(self, *, start: dt.date, end: dt.date) -> dict[str, ReportingStats]:
        """unit name → progress reports due, on time, late and complete in the period."""

    def target_months(self, *, year: int) -> list[TargetMonth]:
        """Each target's status (green/yellow/red) per responsible unit and month."""

    def grants(self, *, year: int) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
        """unit name → (bonus ids, veto ids) the office recorded for the year."""

    def data_until(self, *, year: int) -> dt.date | None:
        """The last day of ``year`` with monitoring data (None: none, or not known)."""


class Unavailable:
    """No reporting, status or indicator data yet: every such item is scored as missing."""

    def target_results(self, *, start, end):
        return {}

    def reporting(self, *, start, end):
        return {}

    def target_months(self, *, year):
        return []

    def grants(self, *, year):
        return {}

    def data_until(self, *, year):
        return None
