"""The rectification workflow: every legal move and every illegal one, with its message."""

from __future__ import annotations

import itertools

import pytest

from ecoplan.app.ledger.workflow import (MOVES, STATES, Actor, ItemFacts, WorkflowError,
                                         allowed_actions, transition)

OFFICE = Actor(role="admin", unit_name="市生态环境局")
WUJIN = Actor(role="district", unit_name="武进区")
XINBEI = Actor(role="district", unit_name="新北区")
BUREAU = Actor(role="reporter", unit_name="市生态环境局")
OTHER_DEPT = Actor(role="leader", unit_name="市发展和改革委员会")
VIEWER = Actor(role="viewer", unit_name=None)
ACTORS = {"office": OFFICE, "wujin": WUJIN, "xinbei": XINBEI, "bureau": BUREAU,
          "other": OTHER_DEPT, "viewer": VIEWER}

# (state, action) → next state, written out by hand from the workflow in issue 7.
LEGAL = {
    ("assigned", "start"): "rectifying",
    ("rectifying", "request"): "requested",
    ("requested", "approve"): "closed",
    ("requested", "return"): "rectifying",
    ("closed", "confirm"): "closed",
    ("closed", "reopen"): "rectifying",
}
OFFICE_ONLY = {"approve", "return", "confirm", "reopen"}
# Who counts as responsible for an item of 武进区 with 市生态环境局 responsible.
RESPONSIBLE = {"office", "wujin", "bureau"}


def _item(state):
    return ItemFacts(state=state, district="武进区", units=("市生态环境局",))


@pytest.mark.parametrize("state, action, who", list(itertools.product(STATES, MOVES, ACTORS)))
def test_every_move(state, action, who):
    actor = ACTORS[who]
    legal = (state, action) in LEGAL and (
        who == "office" or (action not in OFFICE_ONLY and who in RESPONSIBLE))
    kwargs = {"evidence": "整改报告", "reason": "复查发现反弹"}
    if legal:
        assert transition(_item(state), action, actor=actor, **kwargs) == LEGAL[state, action]
        assert action in allowed_actions(_item(state), actor)
    else:
        with pytest.raises(WorkflowError):
            transition(_item(state), action, actor=actor, **kwargs)
        assert action not in allowed_actions(_item(state), actor)


def test_closing_without_evidence():
    with pytest.raises(WorkflowError) as info:
        transition(_item("rectifying"), "request", actor=WUJIN, evidence="  ")
    assert info.value.message == "申请销号必须提交整改佐证材料"


def test_another_districts_item():
    with pytest.raises(WorkflowError) as info:
        transition(_item("assigned"), "start", actor=XINBEI)
    assert info.value.message == "该事项属于武进区，新北区不能处理其他辖市区的整改事项"


def test_reopen_and_return_need_a_reason():
    for state, action in (("closed", "reopen"), ("requested", "return")):
        with pytest.raises(WorkflowError, match="必须说明理由"):
            transition(_item(state), action, actor=OFFICE, reason="")


def test_wrong_state_and_office_only_messages():
    with pytest.raises(WorkflowError) as info:
        transition(_item("assigned"), "approve", actor=OFFICE)
    assert info.value.message == "事项当前为“已交办”，不能同意销号（仅限“申请销号”的事项）"
    with pytest.raises(WorkflowError, match="只有生态文明建设办公室可以同意销号"):
        transition(_item("requested"), "approve", actor=WUJIN)
    with pytest.raises(WorkflowError, match="不是该事项的责任单位"):
        transition(_item("assigned"), "start", actor=OTHER_DEPT)
    with pytest.raises(WorkflowError, match="未知操作"):
        transition(_item("assigned"), "delete", actor=OFFICE)
