"""In-app notices to one person or to everyone of a unit (督办催办, 报告退回), besides the
reporting reminders (``progress_notices``)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ecoplan.app.core.choices import Choices
from ecoplan.app.db import Base



class NoticeKind(Choices):
    SUPERVISION = "supervision", "督办事项"
    REMIND = "remind", "催办"
    RETURNED = "returned", "报告退回"
    MONITORING = "monitoring", "监测数据导入"


NOTICE_KINDS, NOTICE_LABELS = NoticeKind.values(), NoticeKind.labels()


class InboxNotice(Base):
    """A notice addressed to a user (``user_id``) or to every user of a unit (``unit_id``)."""

    __tablename__ = "inbox_notices"
    __table_args__ = (NoticeKind.check("kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    message: Mapped[str] = mapped_column(Text)
    link: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    emailed_to: Mapped[list] = mapped_column(JSON, default=list)
    read_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
