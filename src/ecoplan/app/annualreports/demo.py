"""Demo step: 武进区's annual report drafted from the demo's figures (合成数据), for the demo
district account to edit, sign off (签发人) and download.

SYNTHETIC: every figure comes from the demo data (synthetic projects, demo obligations and
reports); the draft's first line and its page say 合成数据. The assessment is left out (the
demo year is not over: the report says no result yet).

Dated as the report on year Y would be issued: early in year Y + 1, after the year it reports
on (成文日期 15 January; the 发文字号's year is the year of issue, so 武进区〔Y+1〕1号), not on
the day the demo was built.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecoplan.app.annualreports import service
from ecoplan.app.annualreports.models import DistrictReport
from ecoplan.app.progress import todo
from ecoplan.app.units.models import Unit

DISTRICT = "武进区"
NOTE = "（合成数据：演示用报告草稿，数据来自演示数据。）"


def load_demo_annual_report(session: Session, report) -> None:
    version, unit = todo.published(session), session.scalar(
        select(Unit).where(Unit.name == DISTRICT))
    if version is None or unit is None:
        report.lines.append("年度报告：缺少全市工作方案或武进区，未生成演示报告")
        return
    if session.scalar(select(DistrictReport.id).where(DistrictReport.unit_id == unit.id,
                                                      DistrictReport.year == version.plan.year)):
        report.lines.append("年度报告：武进区报告已存在，未重复生成")
        return
    draft = service.draft(session, actor=None, version=version, unit=unit, assessment=None)
    draft.content = {**draft.content, "synthetic": True}
    draft.text = f"{NOTE}\n{draft.text}"
    issued = dt.date(version.plan.year + 1, 1, 15)
    draft.dated, draft.doc_number = issued, f"{DISTRICT}〔{issued.year}〕1号"
    report.lines.append(f"年度报告（合成数据）：{DISTRICT}{version.plan.year}年度工作情况报告草稿，"
                        "待辖市区修改、填写签发人后下载")
