"""Demo step: a topic meeting and a help visit (合成数据) whose decisions became supervision
items (交办) of 武进区 and 市住房和城乡建设局.

SYNTHETIC: dates, chairs, minutes and decisions are invented for the demo; each record's title
and minutes say 合成数据, and so does every item issued from them (its text names the meeting). The items are dated the
day of the meeting (the demo's year), as the office would have issued them then.
"""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecoplan.app.supervision.models import SupervisionItem

from ecoplan.app.meetings import service
from ecoplan.app.meetings.models import Meeting

MEETINGS = (
    {"kind": "topic", "title": "城乡污水收集处理提升工程推进专题会议（合成数据）",
     "held_on": "2023-06-16", "chair": "市政府分管副市长",
     "attendees": "武进区、市住房和城乡建设局、市生态环境局、市水利局",
     "minutes": "合成数据：演示用会议纪要。会议听取了城乡污水收集处理提升工程上半年推进情况汇报，"
                "分析了污水处理厂扩建和管网建设滞后的原因，研究部署下阶段工作。",
     "decisions": "武进区｜加快武南污水处理厂四期扩建工程进度，7月底前完成主体结构｜2023-07-31\n"
                  "市住房和城乡建设局｜牵头排查城中村雨污混接点位，形成整改清单｜2023-08-31"},
    {"kind": "help", "title": "赴武进区帮扶指导农村生活污水治理（合成数据）",
     "held_on": "2023-06-28", "chair": "市生态环境局水生态环境处",
     "attendees": "武进区、市农业农村局",
     "minutes": "合成数据：演示用帮扶记录。现场检查雪堰、礼嘉两镇农村生活污水治理设施 12 处，"
                "发现部分农户未接管、设施运维记录不全。",
     "decisions": "武进区｜对帮扶中发现的农户未接管问题逐一整改并建立运维台账｜2023-09-30"},
)


def _date_items(session: Session, meeting: Meeting) -> None:
    """The meeting's items issued on its day (10:00 Beijing), their 文号 of that year."""
    at = dt.datetime.combine(meeting.held_on, dt.time(2, 0), tzinfo=dt.timezone.utc)
    for decision in meeting.decisions:
        item = session.get(SupervisionItem, decision.supervision_item_id)
        item.issued_at = at
        item.doc_number = re.sub(r"〔\d{4}〕", f"〔{at.year}〕", item.doc_number or "")


def load_demo_meetings(session: Session, report) -> None:
    if session.scalar(select(Meeting.id).where(Meeting.title == MEETINGS[0]["title"])):
        report.lines.append("会议帮扶：演示会议已存在，未重复生成")
        return
    made = [service.record_meeting(session, actor=None, form=dict(form)) for form in MEETINGS]
    for meeting in made:
        _date_items(session, meeting)
    decisions = sum(len(m.decisions) for m in made)
    report.lines.append(f"会议帮扶（合成数据）：专题会议、帮扶指导各 1 次，议定事项 {decisions} 项已交办")
