"""The satisfaction and participation survey (满意度和参与度调查, task 35): questionnaires the
office designs and opens for a period, and the answers (one per device)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (JSON, Date, DateTime, ForeignKey, Integer, String, Text,
                        UniqueConstraint)
from sqlalchemy.orm import Mapped, mapped_column

from ecoplan.app.core.choices import Choices
from ecoplan.app.db import Base



class State(Choices):
    DRAFT = "draft", "草稿"
    OPEN = "open", "调查中"
    CLOSED = "closed", "已结束"


STATES, STATE_LABELS = State.values(), State.labels()
KINDS = ("single", "multiple", "scale", "text")
KIND_LABELS = {"single": "单选", "multiple": "多选", "scale": "五级量表", "text": "文字"}
INDICES = ("satisfaction", "participation")
INDEX_LABELS = {"satisfaction": "满意度", "participation": "参与度"}


class Survey(Base):
    """One questionnaire; ``questions`` is a list of {id, kind, text, options, index, scores}."""

    __tablename__ = "surveys"
    __table_args__ = (State.check("state"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    intro: Mapped[str] = mapped_column(Text, default="")
    questions: Mapped[list] = mapped_column(JSON, default=list)
    opens_on: Mapped[dt.date] = mapped_column(Date)
    closes_on: Mapped[dt.date] = mapped_column(Date)
    state: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    target_uid: Mapped[str] = mapped_column(String(64), default="")
    """The plan's goal this survey measures (满意度和参与度), when it is its source."""
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer, default=1)

    def snapshot(self) -> dict:
        return {"title": self.title, "state": self.state, "opens_on": str(self.opens_on),
                "closes_on": str(self.closes_on), "questions": len(self.questions or []),
                "target_uid": self.target_uid}


class SurveyResponse(Base):
    """One device's answers: question id → choice index, list of indices, 1–5, or text."""

    __tablename__ = "survey_responses"
    __table_args__ = (UniqueConstraint("survey_id", "device", name="one_per_device"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id"), index=True)
    device: Mapped[str] = mapped_column(String(64))
    """A hash of the device's anonymous cookie (never the cookie itself)."""
    district: Mapped[str] = mapped_column(String(40))
    answers: Mapped[dict] = mapped_column(JSON, default=dict)
    submitted_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
