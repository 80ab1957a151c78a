"""Monthly project reports (项目月报): the owner unit's reporter drafts and submits, the unit's
leader approves or returns — the same workflow as the reports on targets
(:mod:`ecoplan.app.progress.workflow`: editable states, version checks, four eyes with the
calendar's ``self_approval``, return with a comment); an approved report updates the project
(investment done, actual milestone dates), audited, so its status, the roll-ups and the targets
measured from the ledger move. Never commits.

A project report keeps its own row (money as exact decimals, three milestone dates) rather than
being a progress report (a float value on a plan item by a unit): what they share is the flow."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecoplan.app.audit.service import record
from ecoplan.app.core import clock
from ecoplan.app.permissions import can
from ecoplan.app.progress import periods, workflow
from ecoplan.app.progress.service import calendar
from ecoplan.app.projects.fields import CellError, date, money, row_problems
from ecoplan.app.projects.importing import save
from ecoplan.app.projects.models import MILESTONES, Project, ProjectReport, to_money
from ecoplan.errors import InputError

NOUN = "月报"
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


def save_report(session: Session, *, actor, project: Project, values: dict,
                version=None) -> ProjectReport:
    """Create or change the draft (or returned) report of ``values['period']`` (``version``:
    the one the form was opened on, ``0`` for a report that did not exist yet)."""
    report = session.scalars(select(ProjectReport).where(
        ProjectReport.project_id == project.id, ProjectReport.period == values["period"])).first()
    if report is not None and report.state not in workflow.EDITABLE_STATES:
        raise InputError(f"{values['period']} 的月报已提交，不能再修改", field="报告期")
    now = clock.utcnow()
    before = report.snapshot() if report is not None else None
    if report is None:
        report = ProjectReport(project=project, project_id=project.id, created_at=now,
                               state="draft", return_comment="", version=0, **values,
                               updated_at=now)
        session.add(report)
    else:
        workflow.check_version(report, version, noun=NOUN)
        for name, value in values.items():
            setattr(report, name, value)
    _step(session, actor, "project_report.saved", report, before)
    return report


def submit(session: Session, *, actor, report: ProjectReport, version=None) -> None:
    workflow.check_submit(report, text=report.narrative, field="进展情况", version=version,
                          noun=NOUN)
    before = report.snapshot()
    report.state, report.submitted_by = "submitted", getattr(actor, "id", None)
    _step(session, actor, "project_report.submitted", report, before)


def _may_approve_own(session: Session, actor, project: Project) -> bool:
    return workflow.may_approve_own(
        calendar(session).self_approval, actor,
        workflow.approver_ids(session, permission="projects.approve", unit_name=project.owner))


def approve(session: Session, *, actor, report: ProjectReport, version=None) -> None:
    """Approve a submitted report and carry its figures into the project."""
    own = report.submitted_by == getattr(actor, "id", None)
    workflow.check_approve(report, own=own,
                           may_own=own and _may_approve_own(session, actor, report.project),
                           version=version, noun=NOUN)
    before = report.snapshot()
    report.state, report.approved_by = "approved", getattr(actor, "id", None)
    report.return_comment = ""
    project = report.project
    changes = {"invest_done": float(report.invest_done)}
    changes.update({f"{k}_actual": getattr(report, f"{k}_actual") for k, _ in MILESTONES
                    if getattr(report, f"{k}_actual") and not getattr(project, f"{k}_actual")})
    save(session, changes, actor=actor, existing=project)
    _step(session, actor, "project_report.approved", report, before)


def return_report(session: Session, *, actor, report: ProjectReport, comment: str,
                  version=None) -> None:
    """The leader sends a submitted report back (an approved one has moved the ledger: the
    office corrects the project instead)."""
    comment = workflow.check_return(report, actor=actor, comment=comment, version=version,
                                    noun=NOUN, office_returns_approved=False)
    before = report.snapshot()
    report.state, report.return_comment = "returned", comment[:4000]
    _step(session, actor, "project_report.returned", report, before)


def _step(session, actor, action, report, before) -> None:
    """Bump the report's version, stamp it and audit the step (the audit log is its history)."""
    report.version = (report.version or 0) + 1
    report.updated_at = clock.utcnow()
    session.flush()
    record(session, actor=actor, action=action, object_type="project_report",
           object_id=report.id, before=before, after=report.snapshot())


def reports_seen(session: Session, user, project: Project) -> list[ProjectReport]:
    """The project's reports: all for its owner unit, the approved ones for anyone else."""
    rows = session.scalars(select(ProjectReport).where(ProjectReport.project_id == project.id)
                           .order_by(ProjectReport.period.desc()))
    own = can(user, "projects.report", project) or can(user, "projects.approve", project)
    return [r for r in rows if own or r.state == "approved"]
