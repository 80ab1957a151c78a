"""Words and formats the progress pages share, and the period a page is about."""

from __future__ import annotations

from fastapi import Request
from sqlalchemy.orm import Session

from ecoplan.app.core import clock
from ecoplan.app.plans.present import ROLE_LABELS, number
from ecoplan.app.progress import periods
from ecoplan.app.progress.models import Frequency, ItemKind, NoticeKind, State
from ecoplan.app.templating import render

STATE_LABELS = {**State.labels(), None: "未填报"}
STATE_BADGES = {"draft": "muted", "submitted": "warn", "approved": "ok", "returned": "warn",
                None: "muted"}
EVENT_LABELS = {"save": "保存", "submit": "提交审核", "approve": "审核通过",
                "approve_own": "本人审核通过（单人单位）", "return": "退回",
                "evidence": "上传佐证材料", "import": "Excel 导入",
                "delete": "删除（报告期无效）"}
NOTICE_LABELS = NoticeKind.labels()
FREQUENCY_LABELS = Frequency.labels()
KIND_LABELS = ItemKind.labels()

HELPERS = {
    "state_labels": STATE_LABELS, "state_badges": STATE_BADGES, "event_labels": EVENT_LABELS,
    "notice_labels": NOTICE_LABELS, "frequency_labels": FREQUENCY_LABELS,
    "role_labels_plan": ROLE_LABELS, "item_kind_labels": KIND_LABELS, "fmt_number": number,
    "period_label": periods.label,
}


def page(request: Request, name: str, context: dict | None = None, *, status_code: int = 200):
    return render(request, name, {**HELPERS, **(context or {})}, status_code=status_code)


def chosen_period(request: Request, session: Session, calendar, year: int) -> str:
    """The ``period`` query parameter when it is valid for the calendar, else the default: the
    period being reported on at the office's evaluation day (评估日期, as the reminders and the
    statuses use), or today when none is set."""
    asked = request.query_params.get("period", "")
    if asked in periods.periods_of_year(year, calendar.frequency):
        return asked
    return periods.default_period(calendar, year, clock.evaluation_day(session))
