"""Expected pace (序时进度): the share of an item that should be done by a given day.

Pure functions, no database. Two ways, as offices compute it:

* time-proportional (按时间序时): the share of the item's span [start, deadline] elapsed;
* milestones (按时间节点): the task's own dated steps; the n-th of N steps is due at n/N, and
  the pace runs linearly between consecutive steps (from 0 at the start).

Days are counted inclusively: on the deadline itself the expected pace is 100 %.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np

from ecoplan.app.core.choices import Choices


class PaceMode(Choices):
    """How the expected pace (序时进度) is computed."""

    TIME = "time", "按时间均匀推进"
    MILESTONES = "milestones", "按任务时间节点"


TIME, MILESTONES = PaceMode.values()
PACE_MODES = PaceMode.labels()


@dataclass(frozen=True)
class Pace:
    """What should be done by ``as_of``: ``share`` in [0, 1], and how it was found."""

    share: float
    mode: str
    start: dt.date
    deadline: dt.date
    as_of: dt.date
    milestones: tuple[dt.date, ...] = field(default=())

    @property
    def percent(self) -> float:
        return round(100.0 * self.share, 1)

    def explain(self) -> dict:
        """The numbers behind the pace, for pages and the API."""
        passed = sum(m <= self.as_of for m in self.milestones)
        return {"mode": self.mode, "mode_label": PACE_MODES[self.mode],
                "start": self.start.isoformat(), "deadline": self.deadline.isoformat(),
                "as_of": self.as_of.isoformat(), "expected_percent": self.percent,
                "milestones": [m.isoformat() for m in self.milestones],
                "milestones_passed": passed}


def _ordinal(day: dt.date) -> int:
    return day.toordinal()


def time_share(start: dt.date, deadline: dt.date, as_of: dt.date) -> float:
    """Elapsed share of [start, deadline], both days counted: 0 before ``start``, 1 from
    ``deadline`` on. A deadline before the start is due at once."""
    if deadline < start:
        return 1.0 if as_of >= deadline else 0.0
    total = _ordinal(deadline) - _ordinal(start) + 1
    elapsed = _ordinal(as_of) - _ordinal(start) + 1
    return float(np.clip(elapsed / total, 0.0, 1.0))


def milestone_share(start: dt.date, milestones: list[dt.date], as_of: dt.date) -> float:
    """Piecewise-linear pace through ``milestones`` (all on or after ``start``; step n of N due
    at n/N). The line starts at 0 on the day before ``start``, so a single milestone gives the
    same pace as :func:`time_share`."""
    steps = sorted(set(milestones))
    xs = np.array([_ordinal(start) - 1, *map(_ordinal, steps)], dtype=float)
    return float(np.interp(_ordinal(as_of), xs, np.linspace(0.0, 1.0, len(xs))))


def expected_pace(*, start: dt.date, deadline: dt.date, as_of: dt.date,
                  milestones: list[dt.date] | tuple = (), mode: str = MILESTONES) -> Pace:
    """The expected pace of an item: by its milestones when ``mode`` is "milestones" and it
    has some within [start, deadline], else time-proportional over [start, deadline]."""
    steps = tuple(sorted({m for m in milestones if m is not None and start <= m <= deadline}))
    if mode == MILESTONES and steps:
        if steps[-1] != deadline:
            steps = (*steps, deadline)
        return Pace(milestone_share(start, list(steps), as_of), MILESTONES, start, deadline,
                    as_of, steps)
    return Pace(time_share(start, deadline, as_of), TIME, start, deadline, as_of)
