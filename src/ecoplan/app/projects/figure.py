"""The key-project ledger as a target's figure (obligation source ``projects``, task 31's 93
projects and 175亿元): how many projects had reached a milestone by the evaluation day, the
investment they had done by then, or done ÷ planned, optionally of one category and district.

Dates reached count when on or before the evaluation day (the office's one clock). The
investment done by that day is each project's latest approved monthly report whose month had
ended by then; a project without any approved report counts with its ledger figure (imported or
entered by the office); one whose approved reports are all for later months counts 0 (its ledger
figure is newer than the day). A :class:`~ecoplan.app.core.manifest.FigureSource`, so the status
never imports this feature.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecoplan.app.core.manifest import FigureSource
from ecoplan.app.obligations.rules import PROJECT_MEASURES
from ecoplan.app.progress import periods
from ecoplan.app.projects.models import Project, ProjectReport, to_money
from ecoplan.app.projects.service import reached

MILESTONE_OF = {"started": "start", "main_done": "main", "operating": "ops"}
UNITS = {"started": "个", "main_done": "个", "operating": "个", "invest_done": "万元",
         "invest_rate": "%"}


def _matching(session: Session, binding: dict) -> list[Project]:
    query = select(Project).order_by(Project.code)
    if binding.get("category"):
        query = query.where(Project.category == binding["category"])
    if binding.get("district"):
        district = "" if binding["district"] == "市级" else binding["district"]
        query = query.where(Project.district == district)
    return list(session.scalars(query))


def done_by(session: Session, projects: list[Project], day: dt.date) -> tuple[dict, int]:
    """Project id → investment done (万元) by ``day``, and how many came from a report."""
    ids = [p.id for p in projects]
    rows = session.execute(select(ProjectReport.project_id, ProjectReport.period,
                                  ProjectReport.invest_done)
                           .where(ProjectReport.project_id.in_(ids),
                                  ProjectReport.state == "approved")
                           .order_by(ProjectReport.period)).all() if ids else []
    latest: dict[int, Decimal] = {}
    reported: set[int] = set()
    for project_id, period, amount in rows:
        reported.add(project_id)
        if periods.end(period, "monthly") <= day + dt.timedelta(days=1):  # the month is over
            latest[project_id] = to_money(amount)
    out = {p.id: latest.get(p.id, Decimal("0") if p.id in reported else to_money(p.invest_done))
           for p in projects}
    return out, len(latest)


def measure(session: Session, binding: dict, day: dt.date) -> dict:
    """The aggregate ``binding`` names on ``day``: ``{value, unit, n, reports, planned}``."""
    found = _matching(session, binding)
    kind = binding["measure"]
    out = {"unit": UNITS[kind], "n": len(found), "reports": 0}
    if kind in MILESTONE_OF:
        key = MILESTONE_OF[kind]
        out["value"] = float(sum(reached(getattr(p, f"{key}_actual"), day) for p in found))
        return out
    done, out["reports"] = done_by(session, found, day)
    total = sum(done.values(), Decimal("0"))
    planned = sum((to_money(p.invest_planned) for p in found), Decimal("0"))
    out["planned"] = float(planned)
    if kind == "invest_done":
        out["value"] = float(total)
    else:
        out["value"] = round(100 * float(total) / float(planned), 2) if planned > 0 else None
    return out


def _scope(binding: dict) -> str:
    parts = [binding.get("district") or "", binding.get("category") or ""]
    return "".join(p for p in parts if p) or "全部"


def target_figure(session: Session, ob, year: int, as_of: dt.date) -> dict | None:
    """The figure of a target bound to the project ledger (None: no binding)."""
    binding = ob.projects or {}
    if binding.get("measure") not in PROJECT_MEASURES:
        return None
    found = measure(session, binding, as_of)
    label = PROJECT_MEASURES[binding["measure"]]
    from_reports = (f"，其中{found['reports']}个取自已审核月报"
                    if binding["measure"] in ("invest_done", "invest_rate") else "")
    return {**found, "measure": binding["measure"], "measure_label": label,
            "scope": _scope(binding),
            "span": f"截至{as_of:%Y年%m月%d日}重点工程项目台账（{_scope(binding)}，"
                    f"项目{found['n']}个{from_reports}）",
            "method": [f"统计口径：{label}；范围：{_scope(binding)}",
                       "开工、主体完工、投运以实际日期不晚于评价日计",
                       "完成投资取评价日前已结束月份的最新已审核月报；没有月报的项目取台账数"]}


SOURCE = FigureSource("projects", ("projects", "project_reports"), target_figure)
"""Task 31's targets measured from the project ledger."""
