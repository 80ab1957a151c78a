"""The reporting workflow every report shares — a unit's report on a task or target
(:mod:`.service`), a key project's monthly report (``projects.reporting``): draft → submitted →
approved, returned on the way. One place for its rules, so the flows cannot drift apart:

- only a draft or a returned report is edited or submitted, and only with its text written;
- a form carries the version it was opened on: an older one is refused (409), never overwritten;
- four eyes: the person who submitted a report does not approve it, unless the reporting
  calendar allows it (``self_approval``) and nobody else of the unit may approve (then it is
  marked as such in the history and the audit log);
- the unit's leader returns a submitted report, the office (admin) an approved one, with a
  comment.

Pure checks: the callers change their rows, keep the history and audit each step.
"""

from __future__ import annotations

from typing import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecoplan.app.auth.models import User
from ecoplan.app.forms import check_fresh
from ecoplan.app.permissions import POLICY
from ecoplan.errors import InputError

EDITABLE_STATES = ("draft", "returned")
STATE_WORDS = {"submitted": "已提交待审核", "approved": "已审核"}


def check_editable(report, *, noun: str = "报告") -> None:
    """A report is changed or submitted only while a draft or returned."""
    if report.state not in EDITABLE_STATES:
        raise InputError(f"该{noun}{STATE_WORDS.get(report.state, report.state)}，不能再修改")


def check_version(report, version, *, noun: str = "报告") -> None:
    """A stale form (opened on an older version) is refused, one without a version too;
    None: the caller checks none (a script, the demo)."""
    if version is not None:
        check_fresh(report, version, what=f"该{noun}")


def check_submit(report, *, text: str, field: str, version=None, noun: str = "报告") -> None:
    """What a submission needs: an editable, current report whose text (``field``) is written."""
    check_editable(report, noun=noun)
    check_version(report, version, noun=noun)
    if not (text or "").strip():
        raise InputError(f"提交前请填写{field}", field=field)


def approver_ids(session: Session, *, permission: str, unit_id: int | None = None,
                 unit_name: str | None = None) -> list[int]:
    """The active users of the unit (by id or name) whose role has ``permission``."""
    query = select(User.id).where(User.active.is_(True), User.role.in_(POLICY[permission]))
    if unit_id is not None:
        query = query.where(User.unit_id == unit_id)
    else:
        query = query.join(User.unit).where(User.unit.has(name=unit_name))
    return list(session.scalars(query))


def may_approve_own(self_approval: bool, actor, approvers: Iterable[int]) -> bool:
    """Self-approval is allowed by the calendar and ``actor`` is the unit's only approver."""
    return self_approval and set(approvers) <= {getattr(actor, "id", None)}


def check_approve(report, *, own: bool, may_own: bool, version=None,
                  noun: str = "报告") -> None:
    """A submitted, current report, approved by someone else than its submitter (``own``)
    unless ``may_own`` (:func:`may_approve_own`)."""
    if report.state != "submitted":
        raise InputError(f"只有待审核的{noun}可以审核通过")
    check_version(report, version, noun=noun)
    if own and not may_own:
        raise InputError(f"不能审核本人提交的{noun}，请由本单位其他负责人审核"
                         "（单人单位可由生态办在报送日历中允许本人审核）")


def check_return(report, *, actor, comment: str, version=None, noun: str = "报告",
                 office_returns_approved: bool = True) -> str:
    """The cleaned comment of a return: the leader returns a submitted report, the office an
    approved one (when the flow allows it: ``office_returns_approved``)."""
    office = office_returns_approved and getattr(actor, "role", None) == "admin"
    expected = "approved" if office else "submitted"
    if report.state != expected:
        raise InputError(f"生态办只能退回已审核的{noun}" if office
                         else f"只有待审核的{noun}可以退回")
    check_version(report, version, noun=noun)
    comment = (comment or "").strip()
    if not comment:
        raise InputError("请填写退回意见", field="退回意见")
    return comment
