"""The API's plan JSON is written from the ``ecoplan.plan/1`` contract's typed models
(``plans.snapshot``), and reads back as the same plan through ``contract.load``."""

from __future__ import annotations

import dataclasses

from sqlalchemy import select

from ecoplan.app.plans.models import PlanVersion
from ecoplan.app.plans.snapshot import (
    StoredTarget, StoredTask, goals_plan, item_dict, snapshot, typed_plan,
)
from ecoplan.plan import contract

TASK_FIELDS = ("number", "title", "text", "districts", "subitems")
TARGET_FIELDS = ("task", "metric", "comparator", "value", "unit", "scope", "baseline", "soft",
                 "deadline", "text")


def _names(task) -> dict[str, list[tuple]]:
    return {role: [(u.name, u.written) for u in units] for role, units in task.responsibility.items()}


def test_the_api_json_is_the_typed_plan(seeded):
    with seeded.session() as s:
        version = s.scalars(select(PlanVersion)).one()
        typed, data = typed_plan(version), snapshot(version)
        assert isinstance(typed, contract.PlanData) and all(isinstance(t, StoredTask) for t in typed.tasks)
        back = contract.load(data)  # the API's JSON is of the format, field by field
        assert len(back.tasks) == len(typed.tasks) > 20 and len(back.targets) == len(typed.targets)
        for ours, read in zip(typed.tasks, back.tasks):
            assert [getattr(ours, f) for f in TASK_FIELDS] == [getattr(read, f) for f in TASK_FIELDS]
            assert _names(ours) == _names(read) and set(read.responsibility) == set(contract.ROLES)
            assert [(d.date, d.text, d.kind) for d in ours.deadlines] == \
                   [(d.date, d.text, d.kind) for d in read.deadlines]
        for ours, read in zip(typed.targets, back.targets):
            assert [getattr(ours, f) for f in TARGET_FIELDS] == [getattr(read, f) for f in TARGET_FIELDS]
        assert data["tasks"][0]["uid"] == typed.tasks[0].uid and data["tasks"][0]["id"] == typed.tasks[0].row_id
        task = version.tasks[0]
        assert item_dict("task", task) == data["tasks"][0]
        duty = task.responsibilities[0]
        assert item_dict("responsibility", duty)["role"] == duty.role in contract.ROLES


def test_the_goals_the_monitoring_library_measures_are_typed_targets(seeded):
    with seeded.session() as s:
        version = s.scalars(select(PlanVersion)).one()
        plan = goals_plan(version)
        assert (plan.document.year, plan.document.region) == (2023, "常州市") and plan.tasks == []
        assert plan.targets and all(isinstance(g, StoredTarget) and g.id == g.uid and g.task_uid is None
                                    for g in plan.targets)
        goal = dataclasses.asdict(plan.targets[0])
        assert {f.name for f in dataclasses.fields(contract.Target)} <= set(goal)
