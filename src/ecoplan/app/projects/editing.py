"""Entering or changing one project in the app: the same cell and row checks as an import
(``importing.check_row``), every problem named by its column. Never commits."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecoplan.app.ledger.fields import task_numbers, unit_names
from ecoplan.app.projects.fields import COLUMNS
from ecoplan.app.projects.importing import check_row, save
from ecoplan.app.projects.models import Project
from ecoplan.errors import InputError

FORM_COLUMNS = {c.header: i for i, c in enumerate(COLUMNS)}


class ProjectFormError(InputError):
    """Every wrong field of the form: ``problems`` is [(column header, message)]."""

    def __init__(self, problems: list[tuple[str, str]]):
        super().__init__("；".join(f"“{h}”{m}" for h, m in problems), field=problems[0][0])
        self.problems = problems


def form_values(project: Project | None) -> dict:
    """A project's fields as the form shows them (empty for a new one)."""
    if project is None:
        return {}
    values = {c.field: getattr(project, c.field, None) for c in COLUMNS
              if not c.field.startswith("fund:")}
    values.update({f"fund:{k}": v for k, v in (project.funding or {}).items()})
    return {k: "" if v is None else v for k, v in values.items()}


def check_form(session: Session, form: dict) -> dict:
    """The checked values of a project form, or :class:`ProjectFormError`."""
    cells = tuple((str(form.get(c.field) or "").strip() or None) for c in COLUMNS)
    values, problems = check_row(cells, FORM_COLUMNS, units=unit_names(session),
                                  tasks=set(task_numbers(session)),
                                  where=lambda header, message: (header, message))
    if problems:
        raise ProjectFormError(problems)
    return values


def create(session: Session, *, actor, form: dict) -> Project:
    values = check_form(session, form)
    if session.scalar(select(Project.id).where(Project.code == values["code"])):
        raise ProjectFormError([("项目编号", f"“{values['code']}”已存在")])
    save(session, values, actor=actor)
    return session.scalars(select(Project).where(Project.code == values["code"])).one()


def update(session: Session, *, actor, project: Project, form: dict) -> bool:
    values = check_form(session, {**form, "code": project.code})
    values.pop("code")
    return save(session, values, actor=actor, existing=project)
