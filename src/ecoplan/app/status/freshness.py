"""Which version of the database the statuses were computed on, so they can be kept.

Nearly every status page shows the overview of the whole plan (every task's, target's and
unit's status, from thousands of reports in a demo year); it is computed once and kept
(:mod:`ecoplan.app.status.cache`) under :func:`db_key`: the versions of the tables it reads,
which every transaction that writes one of them bumps as it commits
(:mod:`ecoplan.app.versions`). The versions live in the database, so a write by another worker
process or another host is seen on the next request, and a login or an audit entry changes
none of them.

A session that has written in its open transaction sees what others do not see yet: what it
computes is not kept (:func:`uncommitted`).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from ecoplan.app import versions
from ecoplan.app.obligations.models import ObligationRow
from ecoplan.app.plans.models import (Deadline, Plan, PlanVersion, Responsibility, Target,
                                      Task)
from ecoplan.app.status import outside
from ecoplan.app.progress.models import ProgressReport, ReportingCalendar
from ecoplan.app.status.models import StatusSettings
from ecoplan.app.units.models import Unit

MODELS = (PlanVersion, Task, Target, Responsibility, Deadline, ProgressReport, Unit, StatusSettings,
          ReportingCalendar, Plan, ObligationRow)
TABLES = tuple("progress_reports.approved" if m is ProgressReport else m.__tablename__
               for m in MODELS)
"""The versions of what the statuses read (of reports: the approved ones only)."""


def db_key(session: Session) -> tuple:
    """Which database, and which version of the tables the statuses read."""
    url = session.get_bind().url.render_as_string(hide_password=True)
    return (url, versions.read(session, TABLES + outside.tables(session)))


def uncommitted(session: Session) -> bool:
    """Whether ``session`` has written, or is about to write, a table the statuses read."""
    return bool(versions.touched(session) & set(TABLES + outside.tables(session)))
