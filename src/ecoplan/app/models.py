"""Every model, imported in one place so ``Base.metadata`` is complete (migrations, tests),
and the check that the migrations make exactly these tables.

Features add their ``models`` module here.
"""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.engine import Engine

from ecoplan.app.annualreports.models import DistrictReport
from ecoplan.app.assessment.models import AssessmentGrant
from ecoplan.app.audit.models import AuditEntry
from ecoplan.app.auth.models import AuthSession, User
from ecoplan.app.auth.ratelimit import LoginAttempt
from ecoplan.app.db import Base
from ecoplan.app.feedback.models import FeedbackEvent, FeedbackReport, PublicChallenge
from ecoplan.app.funding.models import ItemFunding
from ecoplan.app.intake.models import ColumnMap, InboxAttempt, MonitoringImport
from ecoplan.app.letters.models import ResponsibilityLetter
from ecoplan.app.ledger.models import LedgerEvent, LedgerItem
from ecoplan.app.meetings.models import AccountabilityRecord, Meeting, MeetingDecision
from ecoplan.app.obligations.models import ObligationRow
from ecoplan.app.plans.models import (
    Deadline, Plan, PlanSource, PlanVersion, Responsibility, Section, Target, Task,
)
from ecoplan.app.projects.models import Project, ProjectReport
from ecoplan.app.progress.models import (
    EvidenceFile, Notice, ProgressEvent, ProgressReport, ReportingCalendar, UnitContact,
)
from ecoplan.app.seals.models import IssuerSeal
from ecoplan.app.serving.lease import Lease
from ecoplan.app.status.models import StatusSettings
from ecoplan.app.subplans.models import SubPlan, SubPlanItem
from ecoplan.app.supervision.models import SupervisionEvent, SupervisionItem
from ecoplan.app.surveys.models import Survey, SurveyResponse
from ecoplan.app.units.models import Unit
from ecoplan.app.versions import DataVersion
from ecoplan.app.workbench.models import InboxNotice
from ecoplan.app.workbench.webhooks import Webhook, WebhookDelivery

__all__ = ["AccountabilityRecord", "AssessmentGrant", "AuditEntry", "AuthSession", "Base", "ColumnMap", "DataVersion", "Deadline", "DistrictReport",
           "EvidenceFile", "FeedbackEvent", "FeedbackReport", "InboxAttempt", "InboxNotice", "ItemFunding", "IssuerSeal", "Lease", "LedgerEvent", "LedgerItem",
           "LoginAttempt", "Meeting", "MeetingDecision", "MonitoringImport", "Notice", "ObligationRow", "Plan", "PlanSource", "PlanVersion",
           "ProgressEvent", "ProgressReport", "Project", "ProjectReport", "PublicChallenge", "ReportingCalendar", "Responsibility", "ResponsibilityLetter",
           "Section", "StatusSettings", "SubPlan", "SubPlanItem",
           "SupervisionEvent", "SupervisionItem", "Survey", "SurveyResponse", "Target", "Task", "Unit", "UnitContact", "User",
           "Webhook", "WebhookDelivery"]



def schema_differences(engine: Engine) -> list:
    """What autogenerate would change: empty when the migrations match the models."""
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, Base.metadata)
