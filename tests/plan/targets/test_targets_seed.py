"""Targets and deadlines of the seed against the hand annotation (issue 2, item 4).

A target matches when task, value, unit and comparator match; a deadline when task and date
match (deadlines belong to tasks in ``ecoplan.plan/1``, so a sub-item's count for its task).
"""

from __future__ import annotations

import json
from collections import Counter

import pytest

from ecoplan.plan.deadlines import find_deadlines
from ecoplan.plan.score import prf, target_keys
from ecoplan.plan.targets import find_targets
from seed_units import split_units

YEAR = 2023


@pytest.fixture(scope="session")
def seed_units(seed_plan_path):
    return split_units(seed_plan_path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def annotation(repo_root):
    folder = repo_root / "tests" / "plan" / "annotation"
    load = lambda name: json.loads((folder / name).read_text(encoding="utf-8"))  # noqa: E731
    return load("changzhou_2023_targets.json"), load("changzhou_2023_deadlines.json")


def _report(kind: str, score: dict) -> str:
    return (f"{kind}: F1 {score['f1']} (P {score['precision']}, R {score['recall']})\n"
            f"missed: {score['missed']}\nspurious: {score['spurious']}")


def test_seed_targets_f1(seed_units, annotation):
    found = [dict(vars(t), task=owner) for owner, text in seed_units
             for t in find_targets(text, year=YEAR)]
    score = prf(target_keys(found), target_keys(annotation[0]))
    assert score["f1"] >= 0.95, _report("targets", score)


def test_seed_deadlines_f1(seed_units, annotation):
    found = Counter((owner.split("(")[0], d.date) for owner, text in seed_units
                    for d in find_deadlines(text, year=YEAR))
    expected = Counter((d["task"], d["date"]) for d in annotation[1])
    score = prf(found, expected)
    assert score["f1"] >= 0.95, _report("deadlines", score)


def test_seed_target_fields(seed_units, annotation):
    """Where a target matches, its deadline and base year match too."""
    found = {(owner, t.value, t.unit, t.comparator): t for owner, text in seed_units
             for t in find_targets(text, year=YEAR)}
    wrong = []
    for a in annotation[0]:
        t = found.get((a["task"], a["value"], a["unit"], a["comparator"]))
        if t is not None and (t.deadline, t.baseline) != (a["deadline"], a["baseline"]):
            wrong.append((a["task"], a["text"], t.deadline, t.baseline))
    assert len(wrong) <= 2, wrong


def test_texts_are_exact_substrings(seed_units):
    for _owner, text in seed_units:
        for item in find_targets(text, year=YEAR) + find_deadlines(text, year=YEAR):
            assert text[item.start:item.end] == item.text
