"""Demo step: two responsibility letters (合成数据): 武进区's issued (the demo district account
has one to sign), 溧阳市's signed.

SYNTHETIC: the letters are drawn from the demo obligations like any other; the "signed copy" of
溧阳市's is the letter's own .docx, named as synthetic (no real signature exists). Both are
marked ``synthetic`` in their content: the page and the document say 合成数据.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecoplan.app.letters import service
from ecoplan.app.letters.models import ResponsibilityLetter
from ecoplan.app.progress import todo
from ecoplan.app.units.models import Unit
from ecoplan.config import MAX_UPLOAD_BYTES
from ecoplan.reports.official_docx import write_official_docx

ISSUED, SIGNED = "武进区", "溧阳市"


def _letter(session: Session, version, name: str) -> ResponsibilityLetter | None:
    unit = session.scalar(select(Unit).where(Unit.name == name))
    if unit is None:
        return None
    letter = service.draft(session, actor=None, version=version, unit=unit)
    letter.content = {**letter.content, "synthetic": True}
    service.issue(session, actor=None, letter=letter, doc_number="")
    return letter


def load_demo_letters(session: Session, report) -> None:
    version = todo.published(session)
    if version is None:
        report.lines.append("目标责任书：全市工作方案尚未发布，未生成演示责任书")
        return
    if session.scalar(select(ResponsibilityLetter.id).where(
            ResponsibilityLetter.plan_id == version.plan_id)):
        report.lines.append("目标责任书：已有责任书，未重复生成")
        return
    issued = _letter(session, version, ISSUED)
    signed = _letter(session, version, SIGNED)
    if signed is not None and report.data_dir is not None:
        service.attach_signed(session, actor=None, letter=signed,
                              file_name=f"{SIGNED}目标责任书签订件（合成数据）.docx",
                              data=write_official_docx(service.document(signed)),
                              data_dir=report.data_dir, max_bytes=MAX_UPLOAD_BYTES)
    made = [x.owner + ("已签订" if x.state == "signed" else "已下达")
            for x in (issued, signed) if x is not None]
    report.lines.append(f"目标责任书（合成数据）：{'，'.join(made)}")
