"""Demo step: a draft satisfaction and participation questionnaire the office can open."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecoplan.app.surveys import service
from ecoplan.app.surveys.models import Survey

TITLE = "公众生态环境满意度和参与度调查（演示问卷）"


def create_demo_survey(session: Session, report) -> None:
    """Once: a draft survey of the demo's year (opened by the office when it wants)."""
    if session.scalar(select(Survey.id).where(Survey.title == TITLE)):
        return
    from ecoplan.app.surveys.views import EXAMPLE

    service.create(session, service.Design(
        title=TITLE, questions=EXAMPLE, opens_on=dt.date(2023, 11, 1),
        closes_on=dt.date(2023, 11, 30),
        intro="匿名填写，约需 2 分钟。结果用于评估“公众对生态文明建设的满意度和参与度”目标。"),
        actor=None)
    report.lines.append(f"满意度调查：新建草稿“{TITLE}”")
