"""Statuses of plan items, units and districts, each with the numbers behind it. Pure.

An item (a task or a target of a task) is classified in this order:

1. 已完成 (done): its achieved share reached 100 %, or it is marked done;
2. 未报送 (missing): no approved report for the latest period already due;
3. 逾期未完成 (overdue): its deadline has passed and it is not done;
4. 按序时推进 / 滞后 / 严重滞后: by how many percentage points the achieved share trails the
   expected pace (序时进度), against the thresholds ``lag_points`` and ``severe_points``
   (settings). An item without a quantitative value is on pace once its report is in.

Targets are judged from their figure instead (:mod:`ecoplan.app.status.verdict`, :mod:`.figures`).
A unit or district takes the most serious status among its items, with the counts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

DONE, ON_PACE, BEHIND, FAR_BEHIND, OVERDUE, MISSING, NOT_DUE = (
    "done", "on_pace", "behind", "far_behind", "overdue", "missing", "not_due")
LABELS = {DONE: "已完成", ON_PACE: "按序时推进", BEHIND: "滞后", FAR_BEHIND: "严重滞后",
          OVERDUE: "逾期未完成", MISSING: "未报送", NOT_DUE: "未到报送期"}
SEVERITY = (OVERDUE, FAR_BEHIND, MISSING, BEHIND, ON_PACE, NOT_DUE, DONE)
"""Most serious first: what a unit or district shows when its items differ."""


@dataclass(frozen=True)
class Thresholds:
    """Percentage points by which the achieved share may trail the expected pace."""

    lag_points: float = 10.0
    """Up to this gap: 按序时推进; above it: 滞后."""
    severe_points: float = 25.0
    """Above this gap: 严重滞后."""


@dataclass(frozen=True)
class Status:
    code: str
    why: dict = field(default_factory=dict)
    """The numbers behind the status and ``text``, one sentence saying why."""

    @property
    def label(self) -> str:
        return LABELS[self.code]

    def as_dict(self) -> dict:
        return {"code": self.code, "label": self.label, "why": self.why}


def meets(comparator: str, target: float, value: float) -> bool:
    return {"<=": value <= target, "<": value < target, ">=": value >= target,
            ">": value > target, "==": value == target}[comparator]


def classify(*, expected: float, achieved: float | None, reported: bool, done: bool,
             overdue: bool, thresholds: Thresholds, facts: dict | None = None) -> Status:
    """The status of one item. ``expected`` and ``achieved`` are shares in [0, 1]
    (``achieved`` None: no quantitative value); ``facts`` (pace, report, values) go into
    the explanation as they are."""
    why = {**(facts or {}), "expected_percent": round(100 * expected, 1),
           "achieved_percent": None if achieved is None else round(100 * achieved, 1),
           "lag_points": thresholds.lag_points, "severe_points": thresholds.severe_points}
    if done or (achieved is not None and achieved >= 1.0):
        return Status(DONE, {**why, "text": "已达到目标值或已标记完成"})
    if not reported:
        return Status(MISSING, {**why, "text": "最近一个已到期的报告期没有经审核的报告"})
    if overdue:
        return Status(OVERDUE, {**why, "text": "已过完成时限，尚未完成"})
    if achieved is None:
        return Status(ON_PACE, {**why, "gap_points": None,
                                "text": "已按期报送；无量化完成值，按报送情况视为按序时推进"})
    gap = round(100 * (expected - achieved), 1)
    why["gap_points"] = gap
    if gap <= thresholds.lag_points:
        return Status(ON_PACE, {**why, "text": f"完成{why['achieved_percent']}%，序时进度"
                                               f"{why['expected_percent']}%，差距不超过{thresholds.lag_points:g}个百分点"})
    code = FAR_BEHIND if gap > thresholds.severe_points else BEHIND
    limit = thresholds.severe_points if code == FAR_BEHIND else thresholds.lag_points
    return Status(code, {**why, "text": f"完成{why['achieved_percent']}%，落后序时进度{gap:g}个百分点"
                                        f"（超过{limit:g}个百分点）"})


def aggregate(statuses: list[Status]) -> Status:
    """A unit's or district's status: the most serious of its items', with the counts."""
    counts = {code: 0 for code in SEVERITY}
    for s in statuses:
        counts[s.code] += 1
    if not statuses:
        return Status(ON_PACE, {"counts": counts, "item_count": 0, "text": "没有需要报送的事项"})
    worst = next(code for code in SEVERITY if counts[code])
    parts = "，".join(f"{LABELS[c]}{n}项" for c, n in counts.items() if n)
    return Status(worst, {"counts": counts, "item_count": len(statuses),
                          "text": f"共{len(statuses)}项：{parts}；取最严重的状态"})
