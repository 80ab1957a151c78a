"""F1 of the plan reader on openings of real plans whose texts are not stored in the project
(each annotation names its page, what was cut and why the text is not kept). Put the texts as
``<name>.txt`` in a folder and run

    PYTHONPATH=src python tests/plan/corpus/score_excerpts.py TEXTS [--annotations DIR] [-v]

``DIR`` is a folder of annotations (default ``tests/plan/annotation/excerpts/``; the second
held-out batches are ``tests/plan/annotation/heldout2/`` to ``heldout11/``). Documents whose text is missing are
listed and skipped. Prints per-document scores and, per split, the mean per document and the
pooled (micro) F1 of targets, responsibility and deadlines.
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

ANNOTATION_ROOT = Path(__file__).parent.parent / "annotation"
ANNOTATIONS = ANNOTATION_ROOT / "excerpts"
HELDOUT2 = ANNOTATION_ROOT / "heldout2"
HELDOUT3 = ANNOTATION_ROOT / "heldout3"
HELDOUT4 = ANNOTATION_ROOT / "heldout4"
HELDOUT5 = ANNOTATION_ROOT / "heldout5"
HELDOUT6 = ANNOTATION_ROOT / "heldout6"
HELDOUT7 = ANNOTATION_ROOT / "heldout7"
HELDOUT8 = ANNOTATION_ROOT / "heldout8"
HELDOUT9 = ANNOTATION_ROOT / "heldout9"
HELDOUT10 = ANNOTATION_ROOT / "heldout10"
HELDOUT11 = ANNOTATION_ROOT / "heldout11"
KINDS = ("targets", "responsibility", "deadlines")


def annotations_in(folder: Path) -> dict[str, dict]:
    """The annotations of ``folder`` by name (file stem)."""
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))}


def score_folder(folder: Path, annotations: Path = ANNOTATIONS) -> tuple[dict[str, dict], list[str]]:
    """Scores of every annotation in ``annotations`` whose text ``folder`` holds, and the names
    of those whose text is missing."""
    scores, missing = {}, []
    for name, annotation in annotations_in(annotations).items():
        text = folder / annotation["document"]
        if not text.exists():
            missing.append(name)
            continue
        scores[name] = score_plan(read(text, annotation.get("given_year")), [annotation], load_gazetteer())
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
    """Micro F1 over documents: 2·hits / (found + annotated); 1.0 when both are empty."""
    hits = sum(s[kind]["true_positives"] for s in scores.values())
    found = sum(s[kind]["predicted"] for s in scores.values())
    wanted = sum(s[kind]["expected"] for s in scores.values())
    if not found and not wanted:
        return 1.0
    return 2 * hits / (found + wanted)


def mean(scores: dict[str, dict], kind: str) -> float:
    """Macro F1: the mean of the documents' F1 (a document with nothing annotated nor found counts 1.0)."""
    return sum(s[kind]["f1"] for s in scores.values()) / len(scores)


def table(scores: dict[str, dict]) -> list[str]:
    """Lines: one per document, then the mean and the pooled F1 of each kind."""
    lines = []
    for name, result in scores.items():
        cells = [f"{kind} {result[kind]['f1']:.2f} ({result[kind]['true_positives']}/{result[kind]['expected']}, "
                 f"{result[kind]['predicted']} found)" for kind in KINDS]
        lines.append(f"{name}: " + "; ".join(cells))
    if scores:
        lines.append("mean: " + ", ".join(f"{k} {mean(scores, k):.2f}" for k in KINDS))
        lines.append("pooled: " + ", ".join(f"{k} {pooled(scores, k):.2f}" for k in KINDS))
    return lines


def main(argv: list[str]) -> int:
    args = [a for a in argv[1:] if a != "-v"]
    annotations = ANNOTATIONS
    if "--annotations" in args:
        at = args.index("--annotations")
        annotations = Path(args[at + 1])
        del args[at:at + 2]
    if len(args) != 1 or not Path(args[0]).is_dir() or not annotations.is_dir():
        print(__doc__.split("\n\n")[1].strip(), file=sys.stderr)
        return 2
    everything, missing = score_folder(Path(args[0]), annotations)
    splits = {name: a["split"] for name, a in annotations_in(annotations).items()}
    for split in sorted(set(splits.values())):
        print(f"## {split}")
        print("\n".join(table({n: s for n, s in everything.items() if splits[n] == split})) or "(no text supplied)")
    if missing:
        print("no text for: " + ", ".join(missing))
    if "-v" in argv:
        for name, result in everything.items():
            for kind in KINDS:
                if result[kind]["missed"] or result[kind]["spurious"]:
                    print(name, kind, "missed", result[kind]["missed"], "spurious", result[kind]["spurious"])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
