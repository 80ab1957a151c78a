"""F1 of the plan reader on the held-out openings of real plans whose texts are not stored in the
project (``tests/plan/annotation/excerpts/``: each annotation names its page, what was cut and
why the text is not kept). Put the texts as ``<name>.txt`` in a folder and run

    PYTHONPATH=src python tests/plan/corpus/score_excerpts.py FOLDER [-v]

Documents whose text is missing are listed and skipped. Prints per-document scores, the mean
per document and the pooled (micro) F1 over all of them.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ecoplan.errors import InputError
from ecoplan.plan.build import parse_plan
from ecoplan.plan.gazetteer import load_gazetteer
from ecoplan.plan.meta import read_metadata
from ecoplan.plan.readers import read_document
from ecoplan.plan.score import score_plan
from ecoplan.plan.targets import find_targets

ANNOTATIONS = Path(__file__).parent.parent / "annotation" / "excerpts"
KINDS = ("targets", "responsibility", "deadlines")


def score_folder(folder: Path) -> tuple[dict[str, dict], list[str]]:
    scores, missing = {}, []
    for path in sorted(ANNOTATIONS.glob("*.json")):
        annotation = json.loads(path.read_text(encoding="utf-8"))
        text = folder / annotation["document"]
        if not text.exists():
            missing.append(path.stem)
            continue
        scores[path.stem] = score_plan(read(text, annotation.get("given_year")), [annotation], load_gazetteer())
    return scores, missing


def read(path: Path, year: int | None) -> dict:
    """The reader's plan; an opening without any task (refused by the reader) is read as one
    goals paragraph by the target finder, so its targets are still measured."""
    doc = read_document(path)
    try:
        return parse_plan(doc, load_gazetteer(), year=year)
    except InputError:
        year = year or read_metadata(doc.meta, doc.text, None)["year"]
        found = find_targets(doc.text, year=year)
        print(f"{path.stem}: no task (refused by the reader); targets read as goals")
        return {"tasks": [], "targets": [{"task": "goal", "value": t.value, "unit": t.unit,
                                          "comparator": t.comparator} for t in found]}


def pooled(scores: dict[str, dict], kind: str) -> float:
    hits = sum(s[kind]["true_positives"] for s in scores.values())
    found = sum(s[kind]["predicted"] for s in scores.values())
    wanted = sum(s[kind]["expected"] for s in scores.values())
    if not found and not wanted:
        return 1.0
    return 2 * hits / (found + wanted)


def main(argv: list[str]) -> None:
    everything, missing = score_folder(Path(argv[1]))
    for split in ("development", "held-out"):
        scores = {n: s for n, s in everything.items() if _annotation(n)["split"] == split}
        print(f"## {split}")
        _table(scores)
    if missing:
        print("no text for: " + ", ".join(missing))
    if "-v" in argv:
        for name, result in everything.items():
            for kind in KINDS:
                if result[kind]["missed"] or result[kind]["spurious"]:
                    print(name, kind, "missed", result[kind]["missed"], "spurious", result[kind]["spurious"])


def _annotation(name: str) -> dict:
    return json.loads((ANNOTATIONS / f"{name}.json").read_text(encoding="utf-8"))


def _table(scores: dict[str, dict]) -> None:
    for name, result in scores.items():
        cells = [f"{kind} {result[kind]['f1']:.2f} ({result[kind]['true_positives']}/{result[kind]['expected']}, "
                 f"{result[kind]['predicted']} found)" for kind in KINDS]
        print(f"{name}: " + "; ".join(cells))
    if scores:
        print("mean: " + ", ".join(f"{k} {sum(s[k]['f1'] for s in scores.values()) / len(scores):.2f}" for k in KINDS))
        print("pooled: " + ", ".join(f"{k} {pooled(scores, k):.2f}" for k in KINDS))


if __name__ == "__main__":
    main(sys.argv)
