"""Money per task/target by source: the office's entry (checked), the rows of a task page,
totals by source, the export. Never commits."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecoplan.app.audit.service import record
from ecoplan.app.core import clock
from ecoplan.app.funding.models import ItemFunding
from ecoplan.app.plans.models import PlanVersion, Target, Task
from ecoplan.app.projects.models import CENT, SOURCES
from ecoplan.app.units.models import Unit
from ecoplan.errors import InputError

LIMIT = Decimal("999999999999.99")
"""The largest amount Numeric(14, 2) holds (万元)."""


def amount(raw, field: str) -> Decimal:
    """A form's amount in 万元: blank is 0; a number ≥ 0 with at most two decimals."""
    text = (raw or "").strip().replace(",", "").replace("，", "")
    if not text:
        return Decimal("0.00")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise InputError(f"应为数字（万元），而不是“{text}”", field=field) from None
    if not value.is_finite() or value < 0 or value > LIMIT:
        raise InputError(f"应在 0 至 {LIMIT} 万元之间", field=field)
    if value != value.quantize(CENT):
        raise InputError("最多两位小数（万元）", field=field)
    return value.quantize(CENT)


def find_item(version: PlanVersion, kind: str, uid: str) -> Task | Target:
    items = {"task": version.tasks, "target": version.targets}
    if kind not in items:
        raise InputError("请选择任务或目标", field="事项")
    found = next((x for x in items[kind] if x.uid == uid), None)
    if found is None:
        raise InputError(f"工作方案中没有该{'任务' if kind == 'task' else '目标'}", field="事项")
    return found


def check_unit(session: Session, name: str) -> str:
    """The 承担单位's name as stored: empty (市级统筹) or a unit of the platform."""
    name = (name or "").strip()
    if name and session.scalar(select(Unit.id).where(Unit.name == name)) is None:
        raise InputError(f"没有名为“{name}”的单位", field="承担单位")
    return name


def save(session: Session, *, actor, version: PlanVersion, kind: str, uid: str, source: str,
         planned: str, spent: str, note: str, unit: str = "") -> ItemFunding | None:
    """Set one item's amounts from one source for one unit (empty: 市级统筹); both 0 and no
    note removes the row."""
    find_item(version, kind, uid)
    if source not in SOURCES:
        raise InputError(f"资金来源只能是{'、'.join(SOURCES)}", field="资金来源")
    unit = check_unit(session, unit)
    plan_amount, spent_amount = amount(planned, "计划金额"), amount(spent, "已支出金额")
    note = (note or "").strip()
    if len(note) > 500:
        raise InputError("说明最多 500 字", field="说明")
    row = session.scalars(select(ItemFunding).where(
        ItemFunding.plan_id == version.plan_id, ItemFunding.item_kind == kind,
        ItemFunding.item_uid == uid, ItemFunding.source == source,
        ItemFunding.unit == unit)).first()
    before = row.snapshot() if row is not None else None
    if not plan_amount and not spent_amount and not note:
        if row is not None:
            session.delete(row)
            record(session, actor=actor, action="funding.saved", object_type="funding",
                   object_id=row.id, before=before, after=None)
        return None
    if row is None:
        row = ItemFunding(plan_id=version.plan_id, item_kind=kind, item_uid=uid, source=source,
                          unit=unit)
        session.add(row)
    row.planned, row.spent, row.note, row.updated_at = plan_amount, spent_amount, note, clock.utcnow()
    session.flush()
    record(session, actor=actor, action="funding.saved", object_type="funding",
           object_id=row.id, before=before, after=row.snapshot())
    return row


def rows(session: Session, plan_id: int) -> list[ItemFunding]:
    return list(session.scalars(select(ItemFunding).where(ItemFunding.plan_id == plan_id)
                                .order_by(ItemFunding.item_kind, ItemFunding.item_uid,
                                          ItemFunding.unit, ItemFunding.id)))


def totals(funding: list[ItemFunding]) -> dict[str, dict[str, Decimal]]:
    """Source → {planned, spent}, in ``SOURCES`` order, plus ``合计``."""
    out = {s: {"planned": Decimal("0.00"), "spent": Decimal("0.00")} for s in SOURCES}
    for row in funding:
        out[row.source]["planned"] += Decimal(row.planned)
        out[row.source]["spent"] += Decimal(row.spent)
    out["合计"] = {k: sum((out[s][k] for s in SOURCES), Decimal("0.00")) for k in ("planned", "spent")}
    return {s: {k: v.quantize(CENT) for k, v in amounts.items()} for s, amounts in out.items()}


def labels(version: PlanVersion) -> dict[tuple[str, str], str]:
    """(kind, uid) → how a row names its item: 任务12 / 任务12 目标：…"""
    found: dict[tuple[str, str], str] = {}
    for task in version.tasks:
        found[("task", task.uid)] = f"任务{task.number} {task.title}"
    for g in version.targets:
        where = f"任务{g.task.number}" if g.task is not None else "工作目标"
        found[("target", g.uid)] = f"{where} 目标：{g.metric}"
    return found
