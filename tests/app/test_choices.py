"""Coded columns: one enum gives the codes, their labels and the database check."""

from __future__ import annotations

from sqlalchemy import CheckConstraint

from ecoplan.app.assessment.models import AssessmentGrant
from ecoplan.app.core.choices import Choices
from ecoplan.app.ledger.models import LedgerItem, Stage
from ecoplan.app.ledger.workflow import CLOSED, STATE_LABELS, State
from ecoplan.app.status.models import StatusSettings


class Colour(Choices):
    RED = "red", "红"
    GREEN = "green", "绿"


def _checks(model) -> dict[str, str]:
    table = getattr(model, "__table__", model)
    return {c.name: str(c.sqltext) for c in table.constraints if isinstance(c, CheckConstraint)}


def test_members_are_their_codes_and_carry_labels():
    assert Colour.RED == "red" and Colour.RED.label == "红" and f"{Colour.GREEN}" == "green"
    assert Colour.values() == ("red", "green") and Colour.labels() == {"red": "红", "green": "绿"}
    check = Colour.check("colour")
    assert str(check.sqltext) == "colour IN ('red', 'green')" and check.name == "colour"
    assert Colour.check("colour", name="ck").name == "ck"


def test_models_keep_the_checks_the_migrations_wrote():
    """The text is what 0004_ledger, 0005_status and the assessment migration created."""
    ledger = _checks(LedgerItem)
    assert ledger["ck_ledger_items_stage"] == "stage IN ('short', 'medium', 'long')"
    assert ledger["ck_ledger_items_state"] == "state IN ('assigned', 'rectifying', 'requested', 'closed')"
    assert ledger["ck_ledger_items_source"] == (
        "source IN ('central', 'provincial', 'warning_film', 'special', 'city')")
    assert _checks(StatusSettings)["ck_status_settings_pace_mode"] == "pace_mode IN ('time', 'milestones')"
    assert _checks(AssessmentGrant)["ck_assessment_grants_kind"] == "kind IN ('bonus', 'veto')"
    assert STATE_LABELS[CLOSED] == State.CLOSED.label == "已销号" and Stage.LONG.label == "长期"


def test_every_coded_column_checks_what_the_migrations_wrote(app, db_kind):
    """Each ``column IN (…)`` check of the models (most made by a ``Choices``) is the one the
    migrated database has: the same text on SQLite, the same codes in order on PostgreSQL
    (which rewrites the text as ``= ANY (ARRAY[…])``)."""
    import re

    from sqlalchemy import inspect

    from ecoplan.app.db import Base

    codes = re.compile(r"'([^']*)'")
    inspector = inspect(app.state.engine)
    compared = 0
    for table in Base.metadata.sorted_tables:
        found = {c["name"]: c["sqltext"] for c in inspector.get_check_constraints(table.name)}
        for name, text in _checks(table).items():
            if " IN (" not in text:
                continue
            assert name in found, (table.name, name)
            if db_kind == "sqlite":
                assert found[name] == text
            else:
                assert codes.findall(found[name]) == codes.findall(text), (table.name, name)
            compared += 1
    assert compared >= 25


def test_the_new_enums_carry_the_labels_pages_show():
    from ecoplan.app.feedback.models import STATE_LABELS as FEEDBACK_STATES
    from ecoplan.app.intake.models import State as IntakeState
    from ecoplan.app.plans.models import Comparator, Role, TaskStatus, VersionStatus
    from ecoplan.app.plans.present import COMPARATOR_SIGNS, ROLE_LABELS
    from ecoplan.app.progress.models import Frequency, NoticeKind, State as ReportState
    from ecoplan.app.progress.present import STATE_LABELS as REPORT_STATES
    from ecoplan.app.supervision.models import BASIS_LABELS, Kind
    from ecoplan.app.supervision.workflow import STATE_LABELS as SUPERVISION_STATES
    from ecoplan.app.surveys.models import State as SurveyState
    from ecoplan.app.workbench.models import NOTICE_LABELS
    from ecoplan.plan import contract

    assert Role.IMPLEMENTERS == "implementers" and ROLE_LABELS["implementers"] == "负责落实"
    assert Role.values() == contract.ROLES  # one name per role: stored as the contract writes it
    assert COMPARATOR_SIGNS == {"<=": "≤", ">=": "≥", "<": "<", ">": ">", "==": "="}
    assert Comparator.LE.label == "≤" and TaskStatus.BEHIND.label == "滞后"
    assert VersionStatus.values() == ("draft", "published")
    assert REPORT_STATES[ReportState.SUBMITTED] == "待审核" and REPORT_STATES[None] == "未填报"
    assert Frequency.labels() == {"monthly": "每月", "quarterly": "每季度"}
    assert NoticeKind.MISSING.label == "逾期未报" and NOTICE_LABELS["returned"] == "报告退回"
    assert Kind.SUMMONS.label == "约谈" and BASIS_LABELS["assessment"] == "考评结果"
    assert SUPERVISION_STATES["responded"] == "已反馈" and FEEDBACK_STATES["rejected"] == "不予受理"
    assert SurveyState.OPEN.label == "调查中" and IntakeState.UNDONE.label == "已撤销"


def test_no_coded_column_spells_its_codes_by_hand():
    """Every ``column IN (…)`` check is made by a ``Choices`` (the codes are written once)."""
    import re
    from pathlib import Path

    import ecoplan.app

    by_hand = re.compile(r"CheckConstraint\(\s*[\"'][a-z_]+ IN \(")
    root = Path(ecoplan.app.__file__).parent
    assert [str(p.relative_to(root)) for p in sorted(root.rglob("*.py"))
            if p.name != "choices.py" and by_hand.search(p.read_text(encoding="utf-8"))] == []
    from ecoplan.app.obligations.rules import FREQUENCY_LABELS, Source
    from ecoplan.app.permissions import ROLE_LABELS, UserRole
    from ecoplan.app.units.models import KIND_LABELS, Kind
    from ecoplan.app.workbench.webhooks import FORMATS, DeliveryStatus

    assert UserRole.DISTRICT.label == ROLE_LABELS["district"] == "辖市区用户"
    assert Kind.DISTRICT.label == KIND_LABELS["district"] == "辖市区"
    assert FORMATS["wecom"] == "企业微信群机器人" and DeliveryStatus.values() == ("sent", "failed")
    assert Source.CONTRIBUTIONS.label == "分解汇总" and FREQUENCY_LABELS["half_yearly"] == "每半年"
