"""District annual reports: drafting from the platform's figures, saving the district's text
(version-checked), the document. Never commits."""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecoplan.app.annualreports.content import gather
from ecoplan.app.annualreports.document import build_report, check_text, default_text
from ecoplan.app.annualreports.models import DistrictReport
from ecoplan.app.assessment.gather import period
from ecoplan.app.assessment.service import review
from ecoplan.app.audit.service import record
from ecoplan.app.core import clock
from ecoplan.app.permissions import can
from ecoplan.app.plans.models import PlanVersion
from ecoplan.app.units.models import Unit
from ecoplan.errors import InputError


def districts(session: Session) -> list[Unit]:
    return list(session.scalars(select(Unit).where(Unit.kind == "district").order_by(Unit.id)))


def visible(session: Session, user, *, year: int) -> list[DistrictReport]:
    rows = session.scalars(select(DistrictReport).where(DistrictReport.year == year)
                           .order_by(DistrictReport.unit_id))
    return [x for x in rows if can(user, "annualreports.view", x)]


def assessment_of(session: Session, *, rules, source, year: int, unit: str) -> dict | None:
    """The district's line in the year's comprehensive assessment (None without rules)."""
    result = review(session, rules=rules, source=source, when=period(year, None))
    ranked = result.scores.get("district", [])
    mine = next((s for s in ranked if s.unit == unit), None)
    if mine is None:
        return None
    return {"total": str(mine.total), "grade": mine.grade, "rank": mine.rank, "of": len(ranked),
            "provisional": result.provisional}


def draft(session: Session, *, actor, version: PlanVersion, unit: Unit,
          assessment: dict | None) -> DistrictReport:
    """The district's report for the plan's year drafted, or its figures gathered anew (the
    district's text is kept once it has saved one: only a new report gets the first draft)."""
    if unit.kind != "district":
        raise InputError(f"{unit.name}不是辖市区：年度工作情况报告由辖市区报送", field="单位")
    year = version.plan.year
    report = session.scalars(select(DistrictReport).where(
        DistrictReport.unit_id == unit.id, DistrictReport.year == year)).first()
    content, now = gather(session, version, unit, assessment), clock.utcnow()
    before = report.snapshot() if report is not None else None
    if report is None:
        report = DistrictReport(unit=unit, unit_id=unit.id, year=year, text=default_text(content),
                                doc_number=f"{unit.name}〔{clock.today().year}〕1号",
                                version=0, drafted_at=now)
        session.add(report)
    report.content, report.updated_at = content, now
    report.version += 1
    session.flush()
    record(session, actor=actor, action="annualreport.drafted", object_type="annualreport",
           object_id=report.id, before=before, after=report.snapshot())
    return report


_YEAR = re.compile(r"〔(\d{4})〕")


def parse_dated(value: str, year: int) -> dt.date | None:
    """The 成文日期 from the form (empty: None), not before the report's year."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"成文日期“{value}”不是有效日期（格式如 {year + 1}-01-15）",
                         field="成文日期") from None
    if day.year < year:
        raise InputError(f"成文日期不能早于{year}年：这是{year}年度的报告", field="成文日期")
    return day


def dated(report: DistrictReport) -> dt.date:
    """The report's 成文日期: the district's, else the day it was last changed (Beijing)."""
    if report.dated is not None:
        return report.dated
    return clock.as_utc(report.updated_at).astimezone(clock.BEIJING).date()


def check_number_year(doc_number: str, day: dt.date) -> None:
    """The year in the 发文字号 is the year the report is issued (GB/T 9704-2012 7.2.4: 发文字号
    = 发文机关代字、年份、发文顺序号), the year of its 成文日期 (7.3.5.1)."""
    found = _YEAR.search(doc_number or "")
    if found and int(found.group(1)) != day.year:
        raise InputError(f"发文字号的年份〔{found.group(1)}〕与成文日期（{day.year}年{day.month}月"
                         f"{day.day}日）的年份不一致：发文字号中的年份为发文年份，请修改其一",
                         field="发文字号")


def save(session: Session, *, actor, report: DistrictReport, version: str, text: str,
         doc_number: str, signer: str, dated_on: str = "") -> None:
    """The district's edit, refused when the form was opened on an older version."""
    if str(version).strip() != str(report.version):
        raise InputError("报告已被他人修改或重新生成，请刷新页面后再编辑", field="版本")
    signer = (signer or "").strip()
    if len(signer) > 60:
        raise InputError("签发人最多 60 字", field="签发人")
    if len((doc_number or "").strip()) > 60:
        raise InputError("发文字号最多 60 字", field="发文字号")
    before = report.snapshot()
    report.text, report.signer = check_text(text), signer
    report.doc_number = (doc_number or "").strip()
    report.dated, report.updated_at = parse_dated(dated_on, report.year), clock.utcnow()
    check_number_year(report.doc_number, dated(report))
    document(report)  # the 发文字号 checked by the document library before it is stored
    report.version += 1
    record(session, actor=actor, action="annualreport.saved", object_type="annualreport",
           object_id=report.id, before=before, after=report.snapshot())


def document(report: DistrictReport, *, need_signer: bool = False):
    """The report's document, dated its 成文日期 (:func:`dated`); ``need_signer``: the copy to
    send, which also needs the 发文字号's year to be the 成文日期's."""
    if need_signer and not report.signer.strip():
        raise InputError("请先填写签发人（上行文须标注签发人）", field="签发人")
    if need_signer:
        check_number_year(report.doc_number, dated(report))
    return build_report(report.content, text=report.text, doc_number=report.doc_number,
                        signer=report.signer, date=dated(report))
