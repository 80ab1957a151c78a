"""The life-cycle of a supervision item as a pure state machine: who may move it where.

下发 (issued) → 签收 (signed) → 反馈办理情况 (responded, with evidence) → 办结 (closed, the
office accepts) or 退回 (returned: the unit responds again). While an item is open the unit may
ask for an extension (延期申请, with a reason and a date) that the office grants (the due date
moves) or refuses; the office may send a reminder (催办). Only the addressed unit's users
(reporter, leader, district) move their unit's items; only the office (admin) accepts, returns,
decides extensions and reminds. Every refusal is a :class:`WorkflowError` for the user.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ecoplan.app.core.actor import Actor
from ecoplan.app.core.choices import Choices
from ecoplan.app.permissions import can
from ecoplan.errors import InputError


class State(Choices):
    ISSUED = "issued", "已下发"
    SIGNED = "signed", "已签收"
    RESPONDED = "responded", "已反馈"
    CLOSED = "closed", "已办结"
    RETURNED = "returned", "已退回"


ISSUED, SIGNED, RESPONDED, CLOSED, RETURNED = State.values()
STATES, STATE_LABELS = State.values(), State.labels()
OPEN_STATES = (ISSUED, SIGNED, RETURNED)
"""States in which the unit still owes something (and the item can be overdue)."""

SIGN, RESPOND, ACCEPT, RETURN = "sign", "respond", "accept", "return"
EXTEND, GRANT, REFUSE, REMIND = "extend", "grant", "refuse", "remind"
ACTION_LABELS = {SIGN: "签收", RESPOND: "反馈办理情况", ACCEPT: "办结", RETURN: "退回",
                 EXTEND: "申请延期", GRANT: "同意延期", REFUSE: "不同意延期", REMIND: "催办"}
UNIT, OFFICE = "unit", "office"

# action → (states it may start from, state it leads to (None: stays), who may do it)
MOVES: dict[str, tuple[tuple[str, ...], str | None, str]] = {
    SIGN: ((ISSUED,), SIGNED, UNIT),
    RESPOND: ((SIGNED, RETURNED), RESPONDED, UNIT),
    ACCEPT: ((RESPONDED,), CLOSED, OFFICE),
    RETURN: ((RESPONDED,), RETURNED, OFFICE),
    EXTEND: (OPEN_STATES, None, UNIT),
    GRANT: (OPEN_STATES, None, OFFICE),
    REFUSE: (OPEN_STATES, None, OFFICE),
    REMIND: (OPEN_STATES, None, OFFICE),
}


class WorkflowError(InputError):
    """A move the life-cycle does not allow (shown to the user as it is)."""


class NotYours(WorkflowError):
    """The actor may not make this move on this item at all."""


@dataclass(frozen=True)
class ItemFacts:
    state: str
    unit_id: int | None
    due: dt.date | None = None
    extension_due: dt.date | None = None
    """A pending extension request's date (None: none pending)."""


@dataclass(frozen=True)
class Move:
    """What the actor sends with a move: 办理情况 / 退回意见 / reason, and a date."""

    text: str = ""
    date: dt.date | None = None
    files: int = 0


def may(actor: Actor, action: str, item: ItemFacts) -> bool:
    """Who may make ``action`` on ``item`` at all (whatever its state): office moves need
    ``supervision.manage``; the unit's ``supervision.handle`` on this item (the policy's object
    rule, ``permissions.OBJECT_RULES``: the item is addressed to the actor's unit)."""
    if MOVES[action][2] == OFFICE:
        return can(actor, "supervision.manage")
    return can(actor, "supervision.handle", item)


def _check_state(action: str, item: ItemFacts) -> None:
    sources = MOVES[action][0]
    if item.state not in sources:
        allowed = "、".join(STATE_LABELS[s] for s in sources)
        raise WorkflowError(f"事项当前为“{STATE_LABELS[item.state]}”，不能{ACTION_LABELS[action]}"
                            f"（仅限“{allowed}”的事项）")
    pending = item.extension_due is not None
    if action == EXTEND and pending:
        raise WorkflowError("已有一份延期申请等待办公室答复")
    if action in (GRANT, REFUSE) and not pending:
        raise WorkflowError("该事项没有待答复的延期申请")


def _check_input(action: str, item: ItemFacts, move: Move) -> None:
    if action == RESPOND and not move.text.strip():
        raise WorkflowError("反馈办理情况必须填写办理情况", field="办理情况")
    if action == RETURN and not move.text.strip():
        raise WorkflowError("退回必须填写退回意见", field="退回意见")
    if action == EXTEND:
        if not move.text.strip():
            raise WorkflowError("申请延期必须说明理由", field="延期理由")
        if move.date is None:
            raise WorkflowError("请填写申请延至的日期", field="延至日期")
        if item.due is not None and move.date <= item.due:
            raise WorkflowError(f"申请延至的日期须晚于现办结时限 {item.due.isoformat()}",
                                field="延至日期")


def transition(item: ItemFacts, action: str, *, actor: Actor, move: Move = Move()) -> str:
    """The state after ``actor`` makes ``action`` on ``item``, or a :class:`WorkflowError`."""
    if action not in MOVES:
        raise WorkflowError(f"未知操作：{action}")
    if not may(actor, action, item):
        if MOVES[action][2] == OFFICE:
            raise NotYours(f"只有生态文明建设办公室可以{ACTION_LABELS[action]}")
        raise NotYours("该事项不是交给您所在单位的，不能办理")
    _check_state(action, item)
    _check_input(action, item, move)
    return MOVES[action][1] or item.state


def allowed_actions(item: ItemFacts, actor: Actor) -> list[str]:
    """The actions ``actor`` may take on ``item`` now (the buttons a page shows)."""
    out = []
    for action in MOVES:
        try:
            _check_state(action, item)
        except WorkflowError:
            continue
        if may(actor, action, item):
            out.append(action)
    return out


def is_overdue(item: ItemFacts, day: dt.date) -> bool:
    """Still owed by the unit after its due date (judged on the evaluation ``day``)."""
    return item.state in OPEN_STATES and item.due is not None and item.due < day
