"""Completion items: the work itself, scored from the platform's one status of each item.

``task_completion`` looks at the tasks a unit leads, ``target_completion`` at the targets it owns
(reports the city figure of) or was given a quota of (a contribution, judged on its own quota).
Each item carries the one status of the evaluation day (:class:`~ecoplan.assessment.inputs.WorkItem`):

* share: ``weight × (已完成 + on_pace_credit × 按序时推进) ÷ items judged``; an item 未到报送期
  is not judged yet (left out of the count), every other status (滞后, 严重滞后, 逾期未完成,
  未报送) earns nothing;
* deadlines: for each item whose deadline fell in the assessed period, ``per_deadline_late``
  is deducted when it was done after its deadline, ``per_deadline_missed`` when it is not done.

A unit with no such item is not scored on it (不适用: its weight leaves the unit's full score);
with no statuses at all (``UnitInputs.work`` None) the item scores nothing and says so.
"""

from __future__ import annotations

from decimal import Decimal

from ecoplan.assessment.explain import Line, dec, fmt
from ecoplan.assessment.inputs import UnitInputs, WorkItem
from ecoplan.assessment.items import ZERO, approx, cents, deducted, line_for
from ecoplan.assessment.rules import Item

WHAT = {"task_completion": ("task", "牵头任务"), "target_completion": ("target", "承担目标")}
STATUS_WORDS = (("done", "已完成"), ("on_pace", "按序时推进"), ("behind", "滞后"),
                ("far_behind", "严重滞后"), ("overdue", "逾期未完成"), ("missing", "未报送"))


def _rule(item: Item) -> str:
    credit = dec(item.on_pace_credit)
    worked = "已完成项数" + (f" + {fmt(credit)} × 按序时推进项数" if credit else "")
    rule = f"得分 = {fmt(item.weight)} × ({worked}) ÷ 应评项数（未到报送期的不计）"
    parts = []
    if item.per_deadline_late:
        parts.append(f"逾期完成每项扣 {fmt(item.per_deadline_late)} 分")
    if item.per_deadline_missed:
        parts.append(f"到期未完成每项扣 {fmt(item.per_deadline_missed)} 分")
    return rule + ("；本期到期事项" + "，".join(parts) if parts else "")


def _counts(work: list[WorkItem]) -> dict[str, int]:
    return {code: sum(w.status == code for w in work) for code, _ in STATUS_WORDS + (("not_due", ""),)}


def _share(item: Item, counts: dict[str, int], noun: str) -> tuple[Decimal, str]:
    judged = sum(n for code, n in counts.items() if code != "not_due")
    listed = "、".join(f"{label} {counts[code]}" for code, label in STATUS_WORDS if counts[code])
    head = f"{noun} {judged + counts['not_due']} 项"
    if counts["not_due"]:
        head += f"（未到报送期 {counts['not_due']} 项不计）"
    if not judged:
        return dec(item.weight), f"{head}，均未到报送期，得满分"
    credit = dec(item.on_pace_credit)
    credited = counts["done"] + credit * counts["on_pace"]
    exact = dec(item.weight) * credited / judged
    worked = f"{counts['done']} + {fmt(credit)} × {counts['on_pace']}" if credit else str(counts["done"])
    return exact, (f"{head}：{listed}；{fmt(item.weight)} × ({worked}) ÷ {judged} "
                   f"{approx(exact)} {fmt(exact)} 分")


def _deadlines(item: Item, work: list[WorkItem], earned: Decimal) -> tuple[Decimal, str]:
    due = [w for w in work if w.deadline is not None]
    if not due:
        return ZERO, ""
    late = sum(w.deadline == "late" for w in due)
    missed = sum(w.deadline == "missed" for w in due)
    text = f"；本期到期 {len(due)} 项：按期完成 {len(due) - late - missed}"
    text += f"、逾期完成 {late}" if late else ""
    text += f"、未完成 {missed}" if missed else ""
    deduction = late * dec(item.per_deadline_late) + missed * dec(item.per_deadline_missed)
    if late or missed:
        text += f"，{deducted(deduction, earned)}"
    return deduction, text


def score_completion(item: Item, inputs: UnitInputs) -> Line:
    kind, noun = WHAT[item.kind]
    rule = _rule(item)
    if inputs.work is None:
        return line_for(item, rule, "无任务和目标状态数据，本项不得分", ZERO)
    work = [w for w in inputs.work if w.kind == kind]
    if not work:
        return Line(item.name, rule, f"本单位没有{noun}，本项不适用，按其余项目折算", ZERO, None,
                    applicable=False)
    exact, number = _share(item, _counts(work), noun)
    earned = cents(exact)
    deduction, text = _deadlines(item, work, earned)
    return line_for(item, rule, number + text, earned - deduction)
