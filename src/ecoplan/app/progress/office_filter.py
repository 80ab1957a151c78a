"""Finding reports on the office's list: by unit, task, target, district, state and text, and
the .xlsx of exactly what the list shows (every page of it)."""

from __future__ import annotations

from dataclasses import dataclass

from ecoplan.app.plans.queries import DISTRICTS
from ecoplan.app.progress import todo
from ecoplan.app.progress.models import ProgressReport
from ecoplan.app.progress.present import STATE_LABELS
from ecoplan.reports.xlsx import Sheet

OFFICE_STATES = ("approved", "returned")
FIELDS = ("unit", "task", "target", "district", "state", "q")


@dataclass(frozen=True)
class ReportFilter:
    unit: str = ""
    task: str = ""
    target: str = ""
    district: str = ""
    state: str = ""
    q: str = ""

    @classmethod
    def of(cls, query) -> "ReportFilter":
        values = {f: (query.get(f, "") or "").strip()[:100] for f in FIELDS}
        if values["state"] not in OFFICE_STATES:
            values["state"] = ""
        if values["district"] not in DISTRICTS:
            values["district"] = ""
        return cls(**values)

    @property
    def active(self) -> bool:
        return any(getattr(self, f) for f in FIELDS)

    def query_string(self) -> str:
        from urllib.parse import urlencode

        return urlencode({f: getattr(self, f) for f in FIELDS if getattr(self, f)})


def _text(report: ProgressReport, subject, unit_name: str) -> str:
    title = subject.title if subject else ""
    return " ".join((unit_name, title, report.narrative or "", report.problems or "",
                     report.next_steps or ""))


def matches(flt: ReportFilter, report: ProgressReport, subject, unit_name: str) -> bool:
    """Whether a report (with its to-do item ``subject`` and unit name) passes the filter."""
    if flt.unit and flt.unit not in unit_name:
        return False
    if flt.district and unit_name != flt.district:
        return False
    if flt.state and report.state != flt.state:
        return False
    if flt.task and (subject is None or subject.number != flt.task.rstrip("、.")):
        return False
    if flt.target and (report.item_kind != "target" or subject is None
                       or flt.target not in subject.title):
        return False
    return not flt.q or all(word in _text(report, subject, unit_name) for word in flt.q.split())


def rows(version, reports: list[ProgressReport], names: dict[int, str], flt: ReportFilter):
    """(report, subject, unit name) of ``reports`` that pass ``flt``, in their order."""
    out = []
    for r in reports:
        subject, name = todo.describe(version, r), names.get(r.unit_id, "")
        if matches(flt, r, subject, name):
            out.append((r, subject, name))
    return out


def sheet(found, period: str) -> Sheet:
    """The list as one worksheet (the same rows the page shows, all pages)."""
    data = [[name, subject.number if subject else "", subject.title if subject else r.item_uid,
             r.value_to_date, r.value_unit if r.value_to_date is not None else "",
             STATE_LABELS.get(r.state, r.state), r.narrative, r.problems, r.next_steps]
            for r, subject, name in found]
    return Sheet(title=f"{period}已审核报告", columns=["单位", "任务", "事项", "完成值", "计量单位", "状态",
                                                   "工作进展", "存在问题", "下一步计划"],
                 rows=data, wrap={2, 6, 7, 8})
