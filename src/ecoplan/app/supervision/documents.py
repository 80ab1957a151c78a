"""The official document each issued item produces (交办单 / 督办通知 / 约谈通知书 / 通报 / 督查通知),
as an :class:`~ecoplan.reports.official.OfficialDocument` laid out by ``ecoplan.reports`` in the
GB/T 9704-2012 layout, with the circulars' signing options (seal choice, issuing offices)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecoplan.app.seals.head import CircularHead
from ecoplan.app.ledger.models import LedgerItem
from ecoplan.app.plans.models import Target, Task
from ecoplan.app.supervision.models import DOCUMENT_LABELS, KIND_LABELS, SupervisionItem
from ecoplan.app.core.clock import BEIJING
from ecoplan.reports.official import Heading, OfficialDocument, Paragraph

REQUIREMENTS = {
    "assignment": "现将上述事项交由你单位办理。请收到后及时签收，{due}将办理情况及佐证材料"
                  "通过生态文明建设工作平台反馈市生态文明建设工作领导小组办公室。",
    "supervise": "请你单位高度重视，明确责任人和完成时限，{due}将办理情况及佐证材料"
                 "通过生态文明建设工作平台反馈。逾期未办结的，将予以通报。",
    "inspection": "请你单位对照督查发现的问题逐项整改，{due}将整改情况及佐证材料通过生态文明建设工作平台反馈。",
    "summons": "请你单位主要负责同志按要求接受约谈，并于约谈前将有关情况及整改措施书面报送；"
               "{due}将整改落实情况通过生态文明建设工作平台反馈。",
    "circular": "现予通报。请你单位认真剖析原因，举一反三抓好整改，{due}将整改情况通过生态文明建设工作平台反馈。"
                "对整改不力的，将予以约谈。",
    "exposure": "上述问题已被媒体曝光，请你单位立即核查处置，{due}将核查处置情况及佐证材料"
                "通过生态文明建设工作平台反馈。",
}


def basis_text(session: Session, item: SupervisionItem) -> str:
    """What the item rests on, in words (the task's number and title, the target's metric, …)."""
    ref = item.basis_ref
    if item.basis == "task":
        task = session.scalars(select(Task).where(Task.uid == ref).order_by(Task.version_id.desc())).first()
        return f"工作方案第{task.number}项任务：{task.title}" if task else f"任务 {ref}"
    if item.basis == "target":
        target = session.scalars(select(Target).where(Target.uid == ref)
                                 .order_by(Target.version_id.desc())).first()
        return f"工作目标：{target.metric}" if target else f"目标 {ref}"
    if item.basis == "ledger":
        led = session.scalar(select(LedgerItem).where(LedgerItem.code == ref))
        return f"整改事项 {ref}：{led.description}" if led else f"整改事项 {ref}"
    if item.basis == "assessment":
        return f"考评结果：{ref}"
    return ref if item.basis == "other" else ""


def _topic(item: SupervisionItem) -> str:
    _, sep, rest = item.title.partition("：")
    return rest if sep and rest else item.title


def _body(session: Session, item: SupervisionItem) -> list:
    due = f"请于{item.due.year}年{item.due.month}月{item.due.day}日前" if item.due else "请及时"
    blocks = [Heading(1, "有关情况"), Paragraph(item.content or item.title)]
    basis = basis_text(session, item)
    if basis:
        blocks.append(Paragraph(f"依据：{basis}。"))
    if item.link:
        blocks.append(Paragraph(f"曝光链接：{item.link}"))
    blocks += [Heading(1, "办理要求"), Paragraph(REQUIREMENTS[item.kind].format(due=due))]
    return blocks


def issue_date(item: SupervisionItem) -> dt.date:
    return item.issued_at.astimezone(BEIJING).date() if item.issued_at.tzinfo else item.issued_at.date()


def build_notice(session: Session, item: SupervisionItem, *, head: CircularHead = CircularHead(),
                 doc_number: str = "", date: dt.date | None = None) -> OfficialDocument:
    """The item's document; ``head`` carries the issuing office(s) and the seal choice as the
    circulars' form does. The library refuses a malformed 发文字号 or head element."""
    label = DOCUMENT_LABELS[item.kind]
    return OfficialDocument(
        issuer=head.issuer, co_issuers=head.co_issuers, issuer_suffix=head.issuer_suffix,
        doc_number=(doc_number or item.doc_number).strip(),
        title=f"关于{_topic(item)}的{label}", recipients=[item.unit.name if item.unit else "有关单位"],
        body=_body(session, item), signature=head.issuer, co_signatures=head.co_issuers,
        date=date or issue_date(item), copy_number=head.copy_number, security=head.security,
        secrecy_term=head.secrecy_term, urgency=head.urgency, sealed=head.sealed, seals=head.seals,
        note=f"（{KIND_LABELS[item.kind]}事项编号：{item.id}）")
