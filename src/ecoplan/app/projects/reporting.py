"""Monthly project reports (项目月报): the owner unit's reporter drafts and submits, the unit's
leader approves (four eyes, as for targets: ``progress.service``'s rule and the calendar's
``self_approval``) or returns; an approved report updates the project (investment done, actual
milestone dates), audited, so its status and the roll-ups move. Never commits."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecoplan.app.audit.service import record
from ecoplan.app.auth.models import User
from ecoplan.app.core import clock
from ecoplan.app.permissions import POLICY, can
from ecoplan.app.progress import periods
from ecoplan.app.progress.service import calendar
from ecoplan.app.projects.fields import CellError, date, money, row_problems
from ecoplan.app.projects.importing import save
from ecoplan.app.projects.models import MILESTONES, Project, ProjectReport, to_money
from ecoplan.errors import InputError

EDITABLE = ("draft", "returned")
FIELDS = {"invest_done": "累计完成投资（万元）", "start_actual": "实际开工日期",
          "main_actual": "实际主体完工日期", "ops_actual": "实际投运日期"}


def check_values(project: Project, form: dict, *, year: int) -> dict:
    """The report's values from a form, or an :class:`InputError` naming the field."""
    period = str(form.get("period") or "").strip()
    periods.check_in_year(period, "monthly", year)
    values: dict = {"period": period, "narrative": str(form.get("narrative") or "").strip()}
    for name, label in FIELDS.items():
        try:
            values[name] = (money if name == "invest_done" else date)(form.get(name) or None)
        except CellError as err:
            raise InputError(str(err), field=label) from None
    if values["invest_done"] is None:
        raise InputError("不能为空", field=FIELDS["invest_done"])
    if values["invest_done"] < (project.invest_done or 0):
        raise InputError(f"累计完成投资不能少于已审核的 {float(project.invest_done):g} 万元",
                         field=FIELDS["invest_done"])
    end = periods.end(period, "monthly") - dt.timedelta(days=1)
    merged = {f"{k}_actual": values[f"{k}_actual"] or getattr(project, f"{k}_actual")
              for k, _ in MILESTONES}
    for key, label in MILESTONES:
        if values[f"{key}_actual"] and values[f"{key}_actual"] > end:  # reached after it
            raise InputError(f"实际{label}日期晚于报告期末 {end}", field=f"实际{label}日期")
    problems = row_problems({"invest_planned": project.invest_planned, **merged})
    if problems:
        raise InputError(problems[0][1], field=problems[0][0])
    if len(values["narrative"]) > 4000:
        raise InputError("不能超过 4000 字", field="进展情况")
    values["invest_done"] = to_money(values["invest_done"])
    return values


def save_report(session: Session, *, actor, project: Project, values: dict) -> ProjectReport:
    """Create or change the draft (or returned) report of ``values['period']``."""
    report = session.scalars(select(ProjectReport).where(
        ProjectReport.project_id == project.id, ProjectReport.period == values["period"])).first()
    if report is not None and report.state not in EDITABLE:
        raise InputError(f"{values['period']} 的月报已提交，不能再修改", field="报告期")
    now = clock.utcnow()
    before = report.snapshot() if report is not None else None
    if report is None:
        report = ProjectReport(project=project, project_id=project.id, created_at=now,
                               state="draft", return_comment="", **values, updated_at=now)
        session.add(report)
    else:
        for name, value in values.items():
            setattr(report, name, value)
        report.updated_at = now
    session.flush()
    _audit(session, actor, "project_report.saved", report, before)
    return report


def submit(session: Session, *, actor, report: ProjectReport) -> None:
    if report.state not in EDITABLE:
        raise InputError("该月报已提交，不能重复提交")
    if not report.narrative:
        raise InputError("提交前请填写进展情况", field="进展情况")
    before = report.snapshot()
    report.state, report.submitted_by = "submitted", getattr(actor, "id", None)
    report.updated_at = clock.utcnow()
    _audit(session, actor, "project_report.submitted", report, before)


def _may_approve_own(session: Session, actor, project: Project) -> bool:
    if not calendar(session).self_approval:
        return False
    approvers = session.scalars(select(User.id).join(User.unit).where(
        User.active.is_(True), User.role.in_(POLICY["projects.approve"]),
        User.unit.has(name=project.owner))).all()
    return set(approvers) <= {getattr(actor, "id", None)}


def approve(session: Session, *, actor, report: ProjectReport) -> None:
    """Approve a submitted report and carry its figures into the project."""
    if report.state != "submitted":
        raise InputError("只有待审核的月报可以审核通过")
    if report.submitted_by == getattr(actor, "id", None) and \
            not _may_approve_own(session, actor, report.project):
        raise InputError("不能审核本人提交的月报，请由本单位其他负责人审核")
    before = report.snapshot()
    report.state, report.approved_by = "approved", getattr(actor, "id", None)
    report.return_comment, report.updated_at = "", clock.utcnow()
    project = report.project
    changes = {"invest_done": float(report.invest_done)}
    changes.update({f"{k}_actual": getattr(report, f"{k}_actual") for k, _ in MILESTONES
                    if getattr(report, f"{k}_actual") and not getattr(project, f"{k}_actual")})
    save(session, changes, actor=actor, existing=project)
    _audit(session, actor, "project_report.approved", report, before)


def return_report(session: Session, *, actor, report: ProjectReport, comment: str) -> None:
    if report.state != "submitted":
        raise InputError("只有待审核的月报可以退回")
    if not (comment or "").strip():
        raise InputError("请填写退回意见", field="退回意见")
    before = report.snapshot()
    report.state, report.return_comment = "returned", comment.strip()
    report.updated_at = clock.utcnow()
    _audit(session, actor, "project_report.returned", report, before)


def _audit(session, actor, action, report, before) -> None:
    record(session, actor=actor, action=action, object_type="project_report",
           object_id=report.id, before=before, after=report.snapshot())


def reports_seen(session: Session, user, project: Project) -> list[ProjectReport]:
    """The project's reports: all for its owner unit, the approved ones for anyone else."""
    rows = session.scalars(select(ProjectReport).where(ProjectReport.project_id == project.id)
                           .order_by(ProjectReport.period.desc()))
    own = can(user, "projects.report", project) or can(user, "projects.approve", project)
    return [r for r in rows if own or r.state == "approved"]
