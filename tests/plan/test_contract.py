"""The ecoplan.plan/1 contract as typed models (issue 12, item 4)."""

from __future__ import annotations

import copy
import datetime as dt

import pytest

from ecoplan.errors import InputError
from ecoplan.plan import contract
from ecoplan.plan.build import FORMAT, parse_plan
from ecoplan.plan.gazetteer import load_gazetteer
from ecoplan.plan.responsibility import ROLES
from ecoplan.plan.source import SourceDocument


@pytest.fixture(scope="module")
def seed(seed_plan_path) -> dict:
    text = seed_plan_path.read_text(encoding="utf-8")
    return parse_plan(SourceDocument(file="seed.txt", sha256="0", text=text), load_gazetteer())


def test_one_format_and_one_name_per_role():
    assert FORMAT == contract.FORMAT == "ecoplan.plan/1"
    assert ROLES == contract.ROLES and "implementers" in contract.ROLES


def test_the_readers_output_loads_as_typed_models(seed):
    plan = contract.load(seed)
    assert (plan.document.year, plan.document.region) == (2023, "常州市")
    assert len(plan.tasks) == len(seed["tasks"]) and len(plan.targets) == len(seed["targets"])
    first = plan.tasks[0]
    assert set(first.responsibility) == set(contract.ROLES)
    assert [u.name for u in first.responsibility["implementers"]] == ["各辖市区人民政府", "常州经济开发区管理委员会"]
    seventeen = next(t for t in plan.tasks if t.number == "17")
    assert [(d.date, d.kind) for d in seventeen.deadlines] == [(dt.date(2023, 6, 1), "start")]
    assert all(isinstance(t.deadline, dt.date) for t in plan.targets)
    thirteen = next(t for t in plan.tasks if t.number == "13")
    assert thirteen.paragraphs and thirteen.extra == {} and thirteen.id == "t13"


@pytest.mark.parametrize(("edit", "field"), [
    (lambda p: p.update(format="other"), "format"),
    (lambda p: p["document"].update(year=None), "document.year"),
    (lambda p: p["tasks"][0].update(title=""), "tasks"),
    (lambda p: p["targets"][0].update(comparator="~"), "targets.comparator"),
    (lambda p: p["targets"][0].update(value="31"), "targets.value"),
    (lambda p: p["targets"][0].update(deadline="2023-13-01"), "targets.deadline"),
    (lambda p: p["tasks"][16]["deadlines"][0].update(kind="soon"), "tasks.deadlines.kind"),
])
def test_bad_fields_are_named(seed, edit, field):
    bad = copy.deepcopy(seed)
    edit(bad)
    with pytest.raises(InputError) as err:
        contract.load(bad, file="plan.json")
    assert err.value.field == field and err.value.file == "plan.json"
