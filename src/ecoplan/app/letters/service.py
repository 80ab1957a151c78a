"""Responsibility letters: drafting from obligations, issuing, the signed copy. Never commits."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecoplan.app.audit.service import record
from ecoplan.app.core import clock
from ecoplan.app.letters.content import gather
from ecoplan.app.letters.document import build_letter
from ecoplan.app.letters.models import ResponsibilityLetter
from ecoplan.app.permissions import can
from ecoplan.app.plans.models import PlanVersion
from ecoplan.app.progress import todo
from ecoplan.app.progress.evidence import safe_name, sniff_upload
from ecoplan.errors import InputError

SIGNED_DIR = "letters"
SIGNED_TYPES = ("pdf", "png", "jpeg", "docx")
"""What a signed copy may be (by content): a scan (PDF, image) or the signed Word file."""


def default_number(version: PlanVersion, letter_id: int) -> str:
    return f"常生态责〔{version.plan.year}〕{letter_id}号"


def visible(session: Session, user, *, plan_id: int) -> list[ResponsibilityLetter]:
    letters = session.scalars(select(ResponsibilityLetter)
                              .where(ResponsibilityLetter.plan_id == plan_id)
                              .order_by(ResponsibilityLetter.id))
    return [x for x in letters if can(user, "letters.view", x)]


def owing_units(session: Session, version: PlanVersion) -> list:
    """Units with something to answer for in ``version`` (a to-do item), by name."""
    return [unit for unit, _ in todo.reporting_units(session, version)]


def draft(session: Session, *, actor, version: PlanVersion, unit) -> ResponsibilityLetter:
    """The unit's letter drafted (or, while still a draft, redrawn) from its obligations now."""
    letter = session.scalars(select(ResponsibilityLetter).where(
        ResponsibilityLetter.unit_id == unit.id,
        ResponsibilityLetter.plan_id == version.plan_id)).first()
    if letter is not None and letter.state != "drafted":
        raise InputError(f"{unit.name}的目标责任书已下达，不能重新拟定")
    before = letter.snapshot() if letter is not None else None
    content, now = gather(session, version, unit), clock.utcnow()
    if letter is None:
        letter = ResponsibilityLetter(unit=unit, unit_id=unit.id, plan_id=version.plan_id,
                                      state="drafted", content=content, drafted_at=now)
        session.add(letter)
    letter.content, letter.drafted_at = content, now
    session.flush()
    letter.doc_number = letter.doc_number or default_number(version, letter.id)
    record(session, actor=actor, action="letter.drafted", object_type="letter",
           object_id=letter.id, before=before, after=letter.snapshot())
    return letter


def document(letter: ResponsibilityLetter):
    """The letter's document, dated the day it was issued (a draft: the day it was drawn)."""
    day = letter.issued_at or letter.drafted_at
    day = day if day.tzinfo else day.replace(tzinfo=dt.timezone.utc)  # SQLite keeps UTC naive
    return build_letter(letter.content, doc_number=letter.doc_number,
                        date=day.astimezone(clock.BEIJING).date())


def issue(session: Session, *, actor, letter: ResponsibilityLetter, doc_number: str) -> None:
    """下达: the letter's 发文字号 set (checked by the document library) and its content frozen."""
    if letter.state != "drafted":
        raise InputError("只有拟定状态的责任书可以下达")
    before = letter.snapshot()
    letter.doc_number = (doc_number or "").strip() or letter.doc_number
    letter.issued_at = clock.utcnow()
    document(letter)
    letter.state = "issued"
    record(session, actor=actor, action="letter.issued", object_type="letter",
           object_id=letter.id, before=before, after=letter.snapshot())


def attach_signed(session: Session, *, actor, letter: ResponsibilityLetter, file_name: str,
                  data: bytes, data_dir: Path, max_bytes: int) -> None:
    """The signed copy (PDF, image or .docx, judged by content) returned: the letter is signed."""
    if letter.state not in ("issued", "signed"):
        raise InputError("责任书下达后才能上传签订件", field="签订件")
    kind = sniff_upload(file_name, data, max_bytes, "签订件")
    if kind not in SIGNED_TYPES:
        raise InputError("签订件须为 PDF、PNG/JPEG 图片或 Word(.docx) 文件（按内容识别）",
                         file=file_name, field="签订件")
    folder = Path(data_dir) / SIGNED_DIR
    folder.mkdir(parents=True, exist_ok=True)
    stored = secrets.token_hex(16)
    (folder / stored).write_bytes(data)
    before = letter.snapshot()
    letter.signed_file, letter.signed_stored, letter.signed_type = safe_name(file_name), stored, kind
    letter.signed_sha256, letter.signed_at = hashlib.sha256(data).hexdigest(), clock.utcnow()
    letter.state = "signed"
    record(session, actor=actor, action="letter.signed", object_type="letter",
           object_id=letter.id, before=before, after=letter.snapshot())


def return_signed(session: Session, *, actor, letter: ResponsibilityLetter, reason: str) -> None:
    """The office returns a signed copy it cannot accept (back to 已下达, reason audited)."""
    if letter.state != "signed":
        raise InputError("只有已签订的责任书可以退回签订件")
    if not (reason or "").strip():
        raise InputError("请填写退回理由", field="退回理由")
    before = letter.snapshot()
    letter.state, letter.signed_at = "issued", None
    record(session, actor=actor, action="letter.returned", object_type="letter",
           object_id=letter.id, before=before, after={**letter.snapshot(), "reason": reason.strip()})


def read_signed(letter: ResponsibilityLetter, data_dir: Path) -> bytes:
    path = Path(data_dir) / SIGNED_DIR / letter.signed_stored
    if not letter.signed_stored or not path.is_file():
        raise InputError("签订件文件已丢失，请联系管理员", field="签订件")
    return path.read_bytes()
