"""The supervision life-cycle as a table: every move from every state by every kind of actor."""

from __future__ import annotations

import datetime as dt

import pytest

from ecoplan.app.supervision import workflow as wf

UNIT_ID, OTHER_ID = 7, 8
DUE = dt.date(2023, 7, 31)
ACTORS = {
    "office": wf.Actor(role="admin", unit_id=1),
    "reporter": wf.Actor(role="reporter", unit_id=UNIT_ID), "leader": wf.Actor(role="leader", unit_id=UNIT_ID),
    "district": wf.Actor(role="district", unit_id=UNIT_ID),
    "other unit": wf.Actor(role="district", unit_id=OTHER_ID), "viewer": wf.Actor(role="viewer", unit_id=UNIT_ID),
}
UNIT_SIDE = ("reporter", "leader", "district")
GOOD = {wf.RESPOND: wf.Move("已完成整改"), wf.RETURN: wf.Move("佐证不足"),
        wf.EXTEND: wf.Move("汛期施工受限", dt.date(2023, 9, 30))}

# (action, state it may start from → state it leads to, who may make it); every other
# (action, state) pair is illegal for everyone.
LEGAL = [
    (wf.SIGN, wf.ISSUED, wf.SIGNED, UNIT_SIDE),
    (wf.RESPOND, wf.SIGNED, wf.RESPONDED, UNIT_SIDE),
    (wf.RESPOND, wf.RETURNED, wf.RESPONDED, UNIT_SIDE),
    (wf.ACCEPT, wf.RESPONDED, wf.CLOSED, ("office",)),
    (wf.RETURN, wf.RESPONDED, wf.RETURNED, ("office",)),
    *[(wf.EXTEND, s, s, UNIT_SIDE) for s in wf.OPEN_STATES],
    *[(wf.REMIND, s, s, ("office",)) for s in wf.OPEN_STATES],
]
LEGAL_PAIRS = {(a, s): (to, who) for a, s, to, who in LEGAL}


def _facts(state, pending=False):
    return wf.ItemFacts(state, UNIT_ID, DUE, dt.date(2023, 8, 31) if pending else None)


@pytest.mark.parametrize("action", [a for a in wf.MOVES if a not in (wf.GRANT, wf.REFUSE)])
@pytest.mark.parametrize("state", wf.STATES)
@pytest.mark.parametrize("who", ACTORS)
def test_every_move_from_every_state_by_everyone(action, state, who):
    item, actor, move = _facts(state), ACTORS[who], GOOD.get(action, wf.Move())
    legal = LEGAL_PAIRS.get((action, state))
    if legal and who in legal[1]:
        assert wf.transition(item, action, actor=actor, move=move) == legal[0]
        assert action in wf.allowed_actions(item, actor)
    else:
        with pytest.raises(wf.WorkflowError):
            wf.transition(item, action, actor=actor, move=move)
        assert action not in wf.allowed_actions(item, actor)


@pytest.mark.parametrize("who", ACTORS)
@pytest.mark.parametrize("state", wf.STATES)
@pytest.mark.parametrize("action", [wf.GRANT, wf.REFUSE])
def test_extension_decisions_need_a_pending_request_and_the_office(action, state, who):
    item = _facts(state, pending=True)
    if who == "office" and state in wf.OPEN_STATES:
        assert wf.transition(item, action, actor=ACTORS[who]) == state
    else:
        with pytest.raises(wf.WorkflowError):
            wf.transition(item, action, actor=ACTORS[who])
    with pytest.raises(wf.WorkflowError):  # nothing pending: nothing to decide
        wf.transition(_facts(state), action, actor=ACTORS["office"])


@pytest.mark.parametrize("action, move, message", [
    (wf.RESPOND, wf.Move("  "), "必须填写办理情况"),
    (wf.RETURN, wf.Move(""), "必须填写退回意见"),
    (wf.EXTEND, wf.Move("", dt.date(2023, 9, 30)), "必须说明理由"),
    (wf.EXTEND, wf.Move("汛期"), "延至的日期"),
    (wf.EXTEND, wf.Move("汛期", DUE), "须晚于现办结时限 2023-07-31"),
])
def test_moves_refuse_missing_input(action, move, message):
    state = {wf.RESPOND: wf.SIGNED, wf.RETURN: wf.RESPONDED, wf.EXTEND: wf.SIGNED}[action]
    actor = ACTORS["office" if action == wf.RETURN else "district"]
    with pytest.raises(wf.WorkflowError, match=message):
        wf.transition(_facts(state), action, actor=actor, move=move)


def test_a_second_extension_request_waits_for_the_first():
    with pytest.raises(wf.WorkflowError, match="等待办公室答复"):
        wf.transition(_facts(wf.SIGNED, pending=True), wf.EXTEND, actor=ACTORS["leader"],
                      move=GOOD[wf.EXTEND])


def test_refusals_say_why():
    with pytest.raises(wf.NotYours, match="只有生态文明建设办公室可以办结"):
        wf.transition(_facts(wf.RESPONDED), wf.ACCEPT, actor=ACTORS["leader"])
    with pytest.raises(wf.NotYours, match="不是交给您所在单位的"):
        wf.transition(_facts(wf.ISSUED), wf.SIGN, actor=ACTORS["other unit"])
    with pytest.raises(wf.WorkflowError, match="事项当前为“已办结”，不能签收"):
        wf.transition(_facts(wf.CLOSED), wf.SIGN, actor=ACTORS["district"])


@pytest.mark.parametrize("state, due, day, late", [
    (wf.ISSUED, DUE, DUE, False), (wf.ISSUED, DUE, DUE + dt.timedelta(days=1), True),
    (wf.RETURNED, DUE, dt.date(2023, 8, 15), True), (wf.RESPONDED, DUE, dt.date(2023, 8, 15), False),
    (wf.CLOSED, DUE, dt.date(2023, 8, 15), False), (wf.SIGNED, None, dt.date(2030, 1, 1), False),
])
def test_overdue_means_still_owed_after_the_due_day(state, due, day, late):
    assert wf.is_overdue(wf.ItemFacts(state, UNIT_ID, due), day) is late


def test_who_may_move_an_item_is_the_permission_policy(monkeypatch):
    """The workflow asks ``permissions.can`` (one policy, one object rule): changing the rule
    in ``OBJECT_RULES`` or the roles in ``POLICY`` changes who may move an item."""
    from ecoplan.app import permissions

    item, other = _facts(wf.ISSUED), ACTORS["other unit"]
    assert not wf.may(other, wf.SIGN, item) and wf.may(ACTORS["reporter"], wf.SIGN, item)
    monkeypatch.setitem(permissions.OBJECT_RULES, "supervision.handle", lambda user, obj: True)
    assert wf.may(other, wf.SIGN, item)
    assert wf.transition(item, wf.SIGN, actor=other) == wf.SIGNED
    monkeypatch.setitem(permissions.OBJECT_RULES, "supervision.handle", lambda user, obj: False)
    assert not wf.may(ACTORS["reporter"], wf.SIGN, item)
    monkeypatch.setitem(permissions.POLICY, "supervision.manage", frozenset({"viewer"}))
    assert wf.may(ACTORS["viewer"], wf.REMIND, item) and not wf.may(ACTORS["office"], wf.REMIND, item)
