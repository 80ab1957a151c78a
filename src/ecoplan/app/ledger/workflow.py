"""The rectification workflow (整改销号) as a pure state machine: who may move an item where.

交办 (assigned) → 整改中 (rectifying) → 申请销号 (closure requested, evidence required) →
已销号 (closed); the office may 退回 (return) a request with a reason, and a 回头看 (follow-up
check) on a closed item either confirms it or reopens it, again with a reason. Responsible
units and the item's district move their own items forward (``ledger.act`` with its object rule
in ``permissions.OBJECT_RULES``); only the office (``ledger.manage``) approves, returns and
re-checks. Every refusal is a :class:`WorkflowError` with a message for the user.
"""

from __future__ import annotations

from dataclasses import dataclass

from ecoplan.app.core.actor import Actor
from ecoplan.app.core.choices import Choices
from ecoplan.app.permissions import can
from ecoplan.errors import InputError


class State(Choices):
    ASSIGNED = "assigned", "已交办"
    RECTIFYING = "rectifying", "整改中"
    REQUESTED = "requested", "申请销号"
    CLOSED = "closed", "已销号"


ASSIGNED, RECTIFYING, REQUESTED, CLOSED = State.values()
STATES, STATE_LABELS = State.values(), State.labels()

START, REQUEST, APPROVE, RETURN, CONFIRM, REOPEN = (
    "start", "request", "approve", "return", "confirm", "reopen")
ACTION_LABELS = {START: "开始整改", REQUEST: "申请销号", APPROVE: "同意销号", RETURN: "退回",
                 CONFIRM: "回头看：整改到位", REOPEN: "回头看：重新整改"}

# action → (states it may start from, state it leads to, who: "responsible" or "office")
MOVES: dict[str, tuple[tuple[str, ...], str, str]] = {
    START: ((ASSIGNED,), RECTIFYING, "responsible"),
    REQUEST: ((RECTIFYING,), REQUESTED, "responsible"),
    APPROVE: ((REQUESTED,), CLOSED, "office"),
    RETURN: ((REQUESTED,), RECTIFYING, "office"),
    CONFIRM: ((CLOSED,), CLOSED, "office"),
    REOPEN: ((CLOSED,), RECTIFYING, "office"),
}
NEEDS_REASON = (RETURN, REOPEN)


class WorkflowError(InputError):
    """A move the workflow does not allow (shown to the user as it is)."""


class NotYours(WorkflowError):
    """The actor may not move this item at all (another district's or unit's, or office only)."""


@dataclass(frozen=True)
class ItemFacts:
    """What the workflow needs to know about an item."""

    state: str
    district: str
    units: tuple[str, ...]


def is_office(actor: Actor) -> bool:
    return can(actor, "ledger.manage")


def may(actor: Actor, action: str, item: ItemFacts) -> bool:
    """Who may make ``action`` on ``item`` at all: office moves need ``ledger.manage``; the
    others ``ledger.act`` on this item (``permissions.responsible_unit``)."""
    if MOVES[action][2] == "office":
        return is_office(actor)
    return can(actor, "ledger.act", item)


def _check_actor(action: str, actor: Actor, item: ItemFacts) -> None:
    if may(actor, action, item):
        return
    if MOVES[action][2] == "office":
        raise NotYours(f"只有生态文明建设办公室可以{ACTION_LABELS[action]}")
    if actor.role == "district" and item.district:
        raise NotYours(f"该事项属于{item.district}，{actor.unit_name or '您'}不能处理其他辖市区的整改事项")
    raise NotYours("您所在单位不是该事项的责任单位，不能处理")


def transition(item: ItemFacts, action: str, *, actor: Actor, evidence: str = "",
               reason: str = "") -> str:
    """The state after ``actor`` does ``action`` on ``item``, or a :class:`WorkflowError`.

    ``evidence`` (整改佐证) is required to request closure; ``reason`` to return or reopen.
    """
    if action not in MOVES:
        raise WorkflowError(f"未知操作：{action}")
    sources, target, _ = MOVES[action]
    if item.state not in sources:
        allowed = "、".join(STATE_LABELS[s] for s in sources)
        raise WorkflowError(f"事项当前为“{STATE_LABELS[item.state]}”，不能{ACTION_LABELS[action]}"
                            f"（仅限“{allowed}”的事项）")
    _check_actor(action, actor, item)
    if action == REQUEST and not evidence.strip():
        raise WorkflowError("申请销号必须提交整改佐证材料", field="佐证材料")
    if action in NEEDS_REASON and not reason.strip():
        raise WorkflowError(f"{ACTION_LABELS[action]}必须说明理由", field="理由")
    return target


def allowed_actions(item: ItemFacts, actor: Actor) -> list[str]:
    """The actions ``actor`` may take on ``item`` now (for the buttons a page shows)."""
    return [action for action, (sources, _, _) in MOVES.items()
            if item.state in sources and may(actor, action, item)]
