"""Changing an obligation: the office sets where one target's figure comes from, from the
current plan version on. Keyword-only, takes the session, never commits; audited."""

from __future__ import annotations


from sqlalchemy import select
from sqlalchemy.orm import Session

from ecoplan.app.core import clock
from ecoplan.app.audit.service import record
from ecoplan.app.forms import check_fresh
from ecoplan.app.obligations import store
from ecoplan.app.obligations.models import AGGREGATIONS, FREQUENCIES, SOURCES, ObligationRow
from ecoplan.app.obligations.rules import PROJECT_MEASURES
from ecoplan.app.plans.models import PlanVersion
from ecoplan.app.units.models import Unit
from ecoplan.errors import InputError


def _unit_id(session: Session, name: str, field: str) -> int:
    found = session.scalar(select(Unit.id).where(Unit.name == name.strip()))
    if found is None:
        raise InputError(f"没有名为「{name}」的单位", field=field)
    return found


def clean(session: Session, values: dict) -> dict:
    """Checked values of an obligation (names of units → ids); a clear message otherwise."""
    source = values.get("source")
    if source not in SOURCES:
        raise InputError("数据来源应为 monitoring、report、contributions、survey 或 projects",
                         field="数据来源")
    frequency = values.get("frequency") or "monthly"
    if frequency not in FREQUENCIES:
        raise InputError("报送频次应为 monthly、quarterly、half_yearly 或 yearly", field="报送频次")
    try:
        first = int(values.get("first_month") or 1)
    except ValueError:
        raise InputError("首次报送月份应为 1—12", field="首次报送月份") from None
    if not 1 <= first <= 12:
        raise InputError("首次报送月份应为 1—12", field="首次报送月份")
    out = {"source": source, "frequency": frequency, "first_month": first, "owner_id": None,
           "aggregation": None, "contributions": [], "indicator": values.get("indicator") or None,
           "projects": None, "note": str(values.get("note") or "")[:2000]}
    if source == "report" and values.get("owner"):
        out["owner_id"] = _unit_id(session, values["owner"], "报送单位")
    if source == "contributions":
        out["aggregation"] = values.get("aggregation")
        if out["aggregation"] not in AGGREGATIONS:
            raise InputError("汇总方式应为 sum、mean、min、all_met 或 share_met", field="汇总方式")
        out["contributions"] = _contributions(session, values.get("contributions") or [])
    if source == "projects":
        out["projects"] = _projects(values)
    return out


def _projects(values: dict) -> dict:
    """The project aggregate a ``projects`` obligation counts (measure; category and district
    optional, empty: all)."""
    measure = str(values.get("project_measure") or "").strip()
    if measure not in PROJECT_MEASURES:
        raise InputError("统计口径应为 " + "、".join(PROJECT_MEASURES), field="统计口径")
    out = {"measure": measure}
    for key, label in (("project_category", "项目类别"), ("project_district", "所在地区")):
        text = str(values.get(key) or "").strip()
        if len(text) > 60:
            raise InputError("不能超过 60 字", field=label)
        out[key.removeprefix("project_")] = text
    return out


def _contributions(session: Session, parts: list[dict]) -> list[dict]:
    out, seen = [], set()
    for n, part in enumerate(parts, start=1):
        unit_id = _unit_id(session, str(part.get("unit") or ""), f"分解单位第{n}行")
        if unit_id in seen:
            raise InputError(f"「{part['unit']}」重复", field=f"分解单位第{n}行")
        seen.add(unit_id)
        quota = part.get("quota")
        try:
            quota = None if quota in (None, "") else float(quota)
        except ValueError:
            raise InputError(f"「{quota}」不是数字", field=f"分解单位第{n}行额度") from None
        out.append({"unit_id": unit_id, "quota": quota})
    if not out:
        raise InputError("分解汇总至少要有一个单位", field="分解单位")
    return out


def set_obligation(session: Session, *, actor, version: PlanVersion, target_uid: str,
                   values: dict, row_version=None) -> ObligationRow:
    """Set the obligation of ``target_uid`` from ``version`` on (a stale ``row_version`` of the
    row in force is refused)."""
    if target_uid not in {t.uid for t in version.targets}:
        raise InputError("该方案版本中没有这个目标", field="目标")
    clean_values = clean(session, values)
    current = store.office_rows(session, version).get(target_uid)
    if current is not None and row_version not in (None, ""):
        check_fresh(current, row_version, what="该报送责任")
    before = store.of(version, session)[target_uid]
    row = current if current is not None and current.from_version == version.number else None
    if row is None:
        row = ObligationRow(plan_id=version.plan_id, from_version=version.number,
                            target_uid=target_uid)
        session.add(row)
    for key, value in clean_values.items():
        setattr(row, key, value)
    row.updated_by = getattr(actor, "username", None) or "system"
    row.updated_at = clock.utcnow()
    session.flush()
    store.forget(session)
    record(session, actor=actor, action="obligation.update", object_type="obligation",
           object_id=f"{version.plan_id}:{target_uid}",
           before=_describe(before), after={**row.snapshot(), "plan_version": version.number})
    return row


def _describe(ob) -> dict:
    return {"source": ob.source, "owner": ob.owner, "frequency": ob.frequency,
            "first_month": ob.first_month, "aggregation": ob.aggregation,
            "contributions": [{"unit": c.unit, "quota": c.quota} for c in ob.contributions],
            "projects": ob.projects, "origin": ob.origin}
