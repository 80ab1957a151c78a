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
    return {c.name: str(c.sqltext) for c in model.__table__.constraints
            if isinstance(c, CheckConstraint)}


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
