"""Which version of the database the statuses were computed on, so they can be kept.

Nearly every status page shows the overview of the whole plan (every task's, target's and
unit's status, from thousands of reports in a demo year); it is computed once and kept
(:mod:`ecoplan.app.status.cache`) under :func:`db_key`, which changes whenever anything it reads
may have changed:

- :func:`rows_version`: for each table the statuses read, its row count, highest id and sum of
  the row versions every service bumps on an edit (reports: also the latest ``updated_at``), so
  a write by another process (a CLI import, a second server worker) is seen on the next request;
- :func:`ecoplan.app.db.writes`: how many writes to those tables and write transactions this
  process made on any engine (however written, even without bumping a version), so a change
  made here is seen at once; a login or an audit entry does not count.

A session that has written in its open transaction sees what others do not see yet: what it
computes is not kept (:func:`ecoplan.app.db.wrote_uncommitted`).
"""

from __future__ import annotations

from sqlalchemy import func, literal, select, union_all
from sqlalchemy.orm import Session

from ecoplan.app.db import writes
from ecoplan.app.obligations.models import ObligationRow
from ecoplan.app.plans.models import (Deadline, Plan, PlanVersion, Responsibility, Target,
                                      Task)
from ecoplan.app.progress.models import ProgressReport, ReportingCalendar
from ecoplan.app.status.models import StatusSettings
from ecoplan.app.units.models import Unit

MODELS = (PlanVersion, Task, Target, Responsibility, Deadline, ProgressReport, Unit, StatusSettings,
          ReportingCalendar, Plan, ObligationRow)
TABLES = tuple(m.__tablename__ for m in MODELS)
"""What the statuses read."""


def _versioned(model, version=None) -> object:
    total = func.coalesce(func.sum(version), 0) if version is not None else literal(0)
    return select(literal(model.__tablename__), func.count(), func.coalesce(func.max(model.id), 0),
                  total)


def rows_version(session: Session) -> tuple:
    """Per table the statuses read: (name, rows, highest id, sum of row versions)."""
    parts = [_versioned(m, m.row_version) for m in (PlanVersion, Task, Target, Responsibility,
                                                    Deadline, ObligationRow)]
    parts += [_versioned(m, m.version) for m in (ProgressReport, Unit, StatusSettings,
                                                 ReportingCalendar)]
    parts.append(_versioned(Plan))  # no row version: a title edit is seen by writes()
    rows = tuple(tuple(row) for row in session.execute(union_all(*parts)))
    latest = session.scalar(select(func.max(ProgressReport.updated_at)))
    return rows + (str(latest),)


def db_key(session: Session) -> tuple:
    """Which database, and which version of its rows (see the module's docstring)."""
    url = session.get_bind().url.render_as_string(hide_password=True)
    return (url, writes(TABLES), rows_version(session))
