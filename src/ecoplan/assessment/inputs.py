"""What the engine scores: plain values per unit, gathered by whoever calls it.

The web app fills these from the plan, the ledger, progress reports and indicator values; tests
build them by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class TargetResult:
    """A target's value for the period and the value actually reached.

    ``actual`` is None when there is no measurement (the item then scores nothing and says so).
    ``applicable`` is False when the unit has nothing the item could measure (a district without
    国考 sections for a 国考 water item): the item is then left out of the unit's full score,
    which is scaled to 100 on the remaining items, instead of scoring 0.
    """

    metric: str
    target: float
    actual: float | None
    applicable: bool = True


@dataclass(frozen=True)
class ReportingStats:
    """Progress reports due in the period: how many came on time, late, or complete.

    ``missing`` is what is neither on time nor late; ``complete`` counts submitted reports with
    every required field and evidence.
    """

    due: int
    on_time: int
    late: int
    complete: int

    @property
    def missing(self) -> int:
        return max(self.due - self.on_time - self.late, 0)


@dataclass(frozen=True)
class LedgerStats:
    """Rectification items (整改事项) of the unit whose deadline fell in the period."""

    due: int
    closed: int
    overdue: int


WORK_STATUSES = ("done", "on_pace", "behind", "far_behind", "overdue", "missing", "not_due")
"""The one status's codes (``ecoplan.app.status``): 已完成, 按序时推进, 滞后, 严重滞后, 逾期未完成,
未报送, 未到报送期."""
DEADLINE_RESULTS = ("met", "late", "missed")


@dataclass(frozen=True)
class WorkItem:
    """One task a unit leads, or one target it owns or was given a quota of, as the platform's
    one status judged it on the evaluation day.

    ``deadline``: None when the item's deadline did not fall in the assessed period (by the
    evaluation day); else ``met`` (done by its deadline), ``late`` (done, after it) or
    ``missed`` (not done).
    """

    kind: str
    """``task`` or ``target``."""
    name: str
    status: str
    deadline: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in ("task", "target"):
            raise ValueError(f"work item kind {self.kind!r}")
        if self.status not in WORK_STATUSES:
            raise ValueError(f"work item status {self.status!r}")
        if self.deadline is not None and self.deadline not in DEADLINE_RESULTS:
            raise ValueError(f"work item deadline {self.deadline!r}")


@dataclass(frozen=True)
class PublicReportStats:
    """Reports from the public (公众举报) assigned to the unit whose time limit to close fell in
    the period: answered by it (按时), answered after it (逾期答复), or not answered."""

    due: int
    on_time: int
    late: int

    @property
    def unanswered(self) -> int:
        return max(self.due - self.on_time - self.late, 0)


@dataclass(frozen=True)
class UnitInputs:
    """Everything known about one assessed unit (a district or a lead department)."""

    unit: str
    kind: str
    """``district`` or ``department``: rules apply to one kind or both."""
    targets: dict[str, TargetResult] = field(default_factory=dict)
    """measure → result: the rules file's metric, after its section level for water items
    (``PM2.5``, ``国考优Ⅲ比例``; :attr:`ecoplan.assessment.rules.Item.measure`)."""
    reporting: ReportingStats | None = None
    ledger: LedgerStats | None = None
    work: tuple[WorkItem, ...] | None = None
    """The tasks it leads and the targets it owns or has a quota of, with their status; None
    when the platform has no statuses (completion items then score nothing and say so)."""
    public_reports: PublicReportStats | None = None
    bonuses: tuple[str, ...] = ()
    """ids of the rules' bonuses the office granted."""
    vetoes: tuple[str, ...] = ()
    """ids of the rules' vetoes that apply (一票否决)."""
