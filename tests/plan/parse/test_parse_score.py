"""Quality on the seed, measured against hand-checked annotations (issue 2, item 4)."""

from collections import Counter

import pytest

from ecoplan.errors import InputError
from ecoplan.plan.score import load_json, prf, score_plan


def test_prf_on_multisets():
    result = prf(Counter({("1", "lead", "a"): 1, ("1", "lead", "b"): 1}),
                 Counter({("1", "lead", "a"): 1, ("2", "lead", "c"): 2}))
    assert (result["precision"], result["recall"], result["f1"]) == (0.5, pytest.approx(0.3333), 0.4)
    assert result["missed"] == [["2", "lead", "c"], ["2", "lead", "c"]]
    assert prf(Counter(), Counter())["f1"] == 1.0


def test_scorer_normalises_annotated_names_and_counts_duplicates(gazetteer):
    plan = {"tasks": [{"number": "1", "responsibility": {"lead": [{"name": "市发展和改革委员会"}]},
                       "deadlines": [{"date": "2023-06-30"}]}], "targets": []}
    annotation = {"responsibility": [["1", "lead", "市发改委"]], "deadlines": [["1", "2023-06-30"], ["1", "2023-06-30"]]}
    result = score_plan(plan, [annotation], gazetteer)
    assert result["responsibility"]["f1"] == 1.0
    assert result["deadlines"]["recall"] == 0.5


def test_annotation_files_are_checked(tmp_path):
    bad = tmp_path / "a.json"
    bad.write_text("{", encoding="utf-8")
    with pytest.raises(InputError, match="a.json"):
        load_json(bad)
    bad.write_text('[{"x": 1}]', encoding="utf-8")
    with pytest.raises(InputError, match="a.json"):
        load_json(bad)


def test_responsibility_f1_on_the_seed(seed_plan, annotation_dir, gazetteer):
    result = score_plan(seed_plan, [load_json(annotation_dir / "changzhou_2023.json")], gazetteer)
    assert result["responsibility"]["expected"] > 200
    assert result["responsibility"]["f1"] >= 0.98, result["responsibility"]


def test_deadline_f1_on_the_seed(seed_plan, annotation_dir, gazetteer):
    result = score_plan(seed_plan, [load_json(annotation_dir / "changzhou_2023.json")], gazetteer)
    assert result["deadlines"]["f1"] >= 0.95, result["deadlines"]


def test_target_f1_on_the_seed(seed_plan, annotation_dir, gazetteer):
    result = score_plan(seed_plan, [load_json(annotation_dir / "changzhou_2023_targets.json")], gazetteer)
    assert result["targets"]["expected"] > 150
    assert result["targets"]["f1"] >= 0.95, result["targets"]


def test_the_seed_scores_one_on_every_kind(seed_plan, annotation_dir, gazetteer):
    """Issue 18 keeps the seed at 1.00: rules learned from other plans must not cost it an item."""
    result = score_plan(seed_plan, [load_json(annotation_dir / "changzhou_2023.json"),
                                    load_json(annotation_dir / "changzhou_2023_targets.json")], gazetteer)
    assert {kind: (s["f1"], s["expected"]) for kind, s in result.items()} == {
        "responsibility": (1.0, 244), "deadlines": (1.0, 32), "targets": (1.0, 180)}
