"""Targets and deadlines against hand annotations (issue 2, item 4): the seed, and two plans
written in other styles (full-width punctuation, 一是/二是, Chinese numerals, label lines,
background facts in the goals, units written once after a list).

A target matches when task, value, unit and comparator match; a deadline when task and date
match (deadlines belong to tasks in ``ecoplan.plan/1``, so a sub-item's count for its task,
and the goals paragraph has none).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from ecoplan.plan.deadlines import find_deadlines
from ecoplan.plan.score import prf, target_keys
from ecoplan.plan.targets import find_targets
from seed_units import split_units

HERE = Path(__file__).parent
ANNOTATION = HERE.parent / "annotation"
DOCUMENTS = {
    "changzhou_2023": (None, 2023, ANNOTATION / "changzhou_2023_targets.json",
                       ANNOTATION / "changzhou_2023_deadlines.json"),
    **{name: (HERE / "synthetic" / f"{name}.txt", 2024,
              HERE / "synthetic" / f"{name}_targets.json",
              HERE / "synthetic" / f"{name}_deadlines.json")
       for name in ("county_2024", "city_air_water_2024")},
}


@pytest.fixture(scope="session", params=sorted(DOCUMENTS))
def document(request, seed_plan_path):
    path, year, targets, deadlines = DOCUMENTS[request.param]
    text = (path or seed_plan_path).read_text(encoding="utf-8")
    load = lambda p: json.loads(p.read_text(encoding="utf-8"))  # noqa: E731
    units = split_units(text)
    found = [(owner, t) for owner, para in units for t in find_targets(para, year=year)]
    dates = [(owner, d) for owner, para in units for d in find_deadlines(para, year=year)]
    return {"units": units, "targets": found, "deadlines": dates,
            "expected_targets": load(targets), "expected_deadlines": load(deadlines)}


def _report(kind: str, score: dict) -> str:
    return (f"{kind}: F1 {score['f1']} (P {score['precision']}, R {score['recall']})\n"
            f"missed: {score['missed']}\nspurious: {score['spurious']}")


def test_targets_f1(document):
    found = [dict(vars(t), task=owner) for owner, t in document["targets"]]
    score = prf(target_keys(found), target_keys(document["expected_targets"]))
    assert score["f1"] >= 0.95, _report("targets", score)


def test_deadlines_f1(document):
    found = Counter((owner.split("(")[0], d.date) for owner, d in document["deadlines"]
                    if owner != "goal")
    expected = Counter((d["task"], d["date"]) for d in document["expected_deadlines"])
    score = prf(found, expected)
    assert score["f1"] >= 0.95, _report("deadlines", score)


def test_matched_targets_have_the_annotated_deadline_and_base(document):
    found = {(owner, t.value, t.unit, t.comparator): t for owner, t in document["targets"]}
    wrong = []
    for a in document["expected_targets"]:
        t = found.get((a["task"], a["value"], a["unit"], a["comparator"]))
        if t is not None and "deadline" in a and (t.deadline, t.baseline) != (a["deadline"], a["baseline"]):
            wrong.append((a["task"], a["text"], t.deadline, t.baseline))
    assert len(wrong) <= 2, wrong


def test_texts_are_exact_substrings(document):
    for _owner, para in document["units"]:
        for item in find_targets(para, year=2023) + find_deadlines(para, year=2023):
            assert item.text and para[item.start:item.end] == item.text
