"""F1 of the plan reader on the real plans of this folder against their hand annotations.

Run ``PYTHONPATH=src python tests/plan/corpus/score_corpus.py`` for the table reported in
``docs/plan-targets.md``; ``tests/plan/test_corpus_f1.py`` keeps the scores from falling.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ecoplan.plan.build import parse_plan
from ecoplan.plan.gazetteer import load_gazetteer
from ecoplan.plan.readers import read_document
from ecoplan.plan.score import score_plan

HERE = Path(__file__).parent
ANNOTATION = HERE.parent / "annotation"
KINDS = ("targets", "responsibility", "deadlines")
#: Documents that name no year: scored with the year their source gives (as with --year).
GIVEN_YEAR = {"county_2021_shengtaiwenming_shifan_excerpt": 2021}


def documents() -> list[str]:
    return sorted(p.stem for p in HERE.glob("*.txt"))


def annotation(name: str) -> dict:
    return json.loads((ANNOTATION / f"{name}.json").read_text(encoding="utf-8"))


def score(name: str) -> dict:
    plan = parse_plan(read_document(HERE / f"{name}.txt"), load_gazetteer(), year=GIVEN_YEAR.get(name))
    return score_plan(plan, [annotation(name)], load_gazetteer())


def table() -> list[tuple[str, str, dict]]:
    return [(name, annotation(name)["split"], score(name)) for name in documents()]


def main() -> None:
    rows = table()
    for split in ("development", "held-out"):
        print(f"## {split}")
        picked = [(n, s) for n, sp, s in rows if sp == split]
        if not picked:
            print("(none stored: see score_excerpts.py)")
            continue
        for name, result in picked:
            cells = [f"{kind} {result[kind]['f1']:.2f} ({result[kind]['true_positives']}/"
                     f"{result[kind]['expected']}, {result[kind]['predicted']} found)" for kind in KINDS]
            print(f"{name}: " + "; ".join(cells))
        means = {kind: sum(s[kind]["f1"] for _, s in picked) / len(picked) for kind in KINDS}
        print("mean: " + ", ".join(f"{k} {v:.2f}" for k, v in means.items()))
    if "-v" in sys.argv:
        for name, _, result in rows:
            for kind in KINDS:
                if result[kind]["missed"] or result[kind]["spurious"]:
                    print(name, kind, "missed", result[kind]["missed"], "spurious", result[kind]["spurious"])


if __name__ == "__main__":
    main()
