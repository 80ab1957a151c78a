"""Scoring a parse against a hand-checked annotation: precision, recall and F1 per kind.

Items are compared as multisets of keys (issue 2, item 4):

* responsibility: (task, role, unit), units normalised through the gazetteer on both sides;
* deadlines: (task, date, kind), kind ``due`` unless written ``start`` (an annotation without
  kinds, or a parse from before kinds, counts every deadline as due);
* targets: (task, value, unit, comparator) — task, value, unit and comparator all match.

An annotation file is a JSON object with any of the lists ``responsibility``
(``[task, role, unit]``), ``deadlines`` (``[task, date]`` or ``{"task", "date"}``) and
``targets`` (``{"task", "value", "unit", "comparator"}``), or one such list on its own (its
kind told by its items); several files may be combined.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from ecoplan.errors import InputError
from ecoplan.plan.gazetteer import Gazetteer


def load_json(path: str | Path) -> dict:
    """An annotation (or a parse) from ``path``, or an InputError naming the file."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise InputError(f"无法读取: {err.strerror or err}", file=str(path)) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise InputError(f"不是有效的 UTF-8 JSON: {err}", file=str(path)) from None
    if isinstance(data, list):
        data = {_list_kind(data, path): data}
    if not isinstance(data, dict):
        raise InputError("须为 JSON 对象或标注列表", file=str(path))
    return data


def _list_kind(items: list, path: Path) -> str:
    first = items[0] if items else {}
    if isinstance(first, dict) and "comparator" in first:
        return "targets"
    if isinstance(first, dict) and "date" in first or isinstance(first, list) and len(first) == 2:
        return "deadlines"
    if isinstance(first, list) and len(first) == 3:
        return "responsibility"
    raise InputError("无法判断标注列表的类别（责任/时限/指标）", file=str(path))


def prf(predicted: Counter, expected: Counter) -> dict:
    """Precision, recall and F1 of two multisets (1.0 each when both are empty)."""
    hits = sum((predicted & expected).values())
    n_pred, n_true = sum(predicted.values()), sum(expected.values())
    precision = hits / n_pred if n_pred else 1.0
    recall = hits / n_true if n_true else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "true_positives": hits, "predicted": n_pred, "expected": n_true,
            "missed": sorted(map(list, (expected - predicted).elements())),
            "spurious": sorted(map(list, (predicted - expected).elements()))}


def _value(value) -> float | None:
    try:
        return round(float(value), 6)
    except (TypeError, ValueError):
        return None


def _task_of(owner) -> str:
    """A deadline belongs to its task: an annotated sub-item ``"23(3)"`` counts for task 23."""
    return str(owner).split("(", 1)[0]


def responsibility_keys(plan: dict) -> Counter:
    return Counter((t["number"], role, u["name"]) for t in plan["tasks"]
                   for role, units in t["responsibility"].items() for u in units)


def deadline_keys(plan: dict) -> Counter:
    return Counter((t["number"], d["date"], d.get("kind") or "due") for t in plan["tasks"] for d in t["deadlines"])


def _deadline_key(item) -> tuple:
    if isinstance(item, dict):
        return _task_of(item["task"]), item["date"], item.get("kind") or "due"
    return _task_of(item[0]), item[1], item[2] if len(item) > 2 else "due"


def target_keys(items: list[dict]) -> Counter:
    return Counter((str(t["task"]), _value(t["value"]), t["unit"], t["comparator"]) for t in items)


def score_plan(plan: dict, annotations: list[dict], gazetteer: Gazetteer) -> dict:
    """Scores of ``plan`` (ecoplan.plan/1) per kind present in the annotations (an empty list
    present says "none": then every item found is spurious)."""
    merged: dict[str, list] = {}
    for annotation in annotations:
        for kind in ("responsibility", "deadlines", "targets"):
            if kind in annotation:
                merged.setdefault(kind, []).extend(annotation.get(kind) or [])
    result = {}
    if "responsibility" in merged:
        expected = Counter((str(task), role, gazetteer.canonical(unit) or unit)
                           for task, role, unit in merged["responsibility"])
        result["responsibility"] = prf(responsibility_keys(plan), expected)
    if "deadlines" in merged:
        expected = Counter(_deadline_key(d) for d in merged["deadlines"])
        result["deadlines"] = prf(deadline_keys(plan), expected)
    if "targets" in merged:
        result["targets"] = prf(target_keys(plan["targets"]), target_keys(merged["targets"]))
    return result
