"""Rules that PROPOSE the next supervision step; the office confirms or ignores each one.

Nothing here acts: :func:`propose` returns :class:`Proposal` values; a confirmed proposal is
recorded as a supervision action carrying its ``key``, and a proposal whose key was recorded is
not proposed again. Rules (issue 7): a target red two months running → 约谈 (summons) of its
responsible unit; a ledger item overdue → 交办 (assignment) to its district or unit; a unit
graded 不合格 in the assessment → 约谈 (the plan: 对考核等级不合格的地区予以约谈). Issued items
that go unanswered escalate (issue 16): a 交办 or 督办 still open after its due date → 通报; a
通报 still open after its due date → 约谈 (the office's usual 交办 → 通报 → 约谈 ladder).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

RED = "red"


@dataclass(frozen=True)
class TargetMonth:
    """A target's status for one responsible unit in one month (``2023-05``)."""

    target_uid: str
    metric: str
    unit: str
    month: str
    status: str
    """``green`` / ``yellow`` / ``red`` as the status part computes it."""


@dataclass(frozen=True)
class OverdueItem:
    code: str
    description: str
    district: str
    units: tuple[str, ...]
    deadline: dt.date


@dataclass(frozen=True)
class LateItem:
    """An issued item still owed by its unit after its due date."""

    id: int
    kind: str
    unit: str
    title: str
    due: dt.date
    basis: str
    basis_ref: str


# kind of the late item → (kind proposed next, its label)
ESCALATION = {"assignment": ("circular", "通报"), "supervise": ("circular", "通报"),
              "circular": ("summons", "约谈")}
KIND_NAMES = {"assignment": "交办", "supervise": "督办", "circular": "通报"}


@dataclass(frozen=True)
class Proposal:
    key: str
    kind: str
    subject: str
    subject_ref: str
    unit: str
    title: str
    reason: str


def _next_month(month: str) -> str:
    year, mon = (int(p) for p in month.split("-"))
    return f"{year + mon // 12}-{mon % 12 + 1:02d}"


def red_two_months(months: list[TargetMonth]) -> list[Proposal]:
    """约谈 for each (target, unit) whose two latest months are consecutive and both red."""
    series: dict[tuple[str, str], list[TargetMonth]] = {}
    for m in months:
        series.setdefault((m.target_uid, m.unit), []).append(m)
    out = []
    for (uid, unit), rows in sorted(series.items()):
        rows.sort(key=lambda r: r.month)
        if len(rows) < 2:
            continue
        before, last = rows[-2], rows[-1]
        if before.status == last.status == RED and _next_month(before.month) == last.month:
            out.append(Proposal(
                key=f"summons:target:{uid}:{unit}:{last.month}", kind="summons", subject="target",
                subject_ref=uid, unit=unit, title=f"约谈{unit}：{last.metric}连续两个月红色预警",
                reason=f"{last.metric} {before.month}、{last.month} 连续两个月为红色"))
    return out


def overdue_items(items: list[OverdueItem]) -> list[Proposal]:
    """交办 for each overdue ledger item, to its district (or its first responsible unit)."""
    return [Proposal(
        key=f"assignment:ledger:{i.code}:{i.deadline.isoformat()}", kind="assignment",
        subject="ledger", subject_ref=i.code, unit=i.district or i.units[0],
        title=f"交办{i.district or i.units[0]}：整改事项 {i.code} 逾期未销号",
        reason=f"整改时限 {i.deadline.isoformat()} 已过，尚未销号：{i.description[:40]}")
        for i in items if i.district or i.units]


def failing_grades(units: list[tuple[str, str]], *, period: str) -> list[Proposal]:
    """约谈 for each (unit, grade) whose grade the rules summon (不合格) in ``period`` (e.g.
    ``2023年``)."""
    return [Proposal(key=f"summons:grade:{unit}:{period}", kind="summons", subject="unit",
                     subject_ref=unit, unit=unit, title=f"约谈{unit}：{period}考评等次{grade}",
                     reason=f"{period}综合考评等次为{grade}")
            for unit, grade in units]


def escalations(items: list[LateItem]) -> list[Proposal]:
    """The next step for each late 交办/督办 (通报) and late 通报 (约谈), on the same basis."""
    out = []
    for i in items:
        if i.kind not in ESCALATION:
            continue
        kind, label = ESCALATION[i.kind]
        out.append(Proposal(
            key=f"{kind}:item:{i.id}", kind=kind, subject=i.basis, subject_ref=i.basis_ref,
            unit=i.unit, title=f"{label}{i.unit}：{KIND_NAMES[i.kind]}事项逾期未办结",
            reason=f"{KIND_NAMES[i.kind]}“{i.title}”办结时限 {i.due.isoformat()} 已过，尚未办结"))
    return out


def propose(*, target_months: list[TargetMonth], overdue: list[OverdueItem],
            failing: list[Proposal] = (), late: list[LateItem] = (),
            done: set[str] = frozenset()) -> list[Proposal]:
    """Every proposal not yet confirmed (``done``: keys already issued)."""
    found = [*red_two_months(target_months), *overdue_items(overdue), *failing,
             *escalations(late)]
    return [p for p in found if p.key not in done]
