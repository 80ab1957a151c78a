"""Targets and deadlines placed in their task (or sub-item) and tied to each other.

Finding them is :mod:`ecoplan.plan.targets` / :mod:`ecoplan.plan.deadlines`; this module only
runs them over each task's span and links a deadline to the target its clause governs.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import fields, is_dataclass

_CLAUSE_END_RE = re.compile(r"[。；;\n]")
_TARGET_FIELDS = ("metric", "scope", "comparator", "value", "unit", "baseline", "soft", "deadline", "text")


def as_dict(item) -> dict:
    """A finder's item (dataclass or mapping) as a plain dict."""
    # Shallow on purpose: dataclasses.asdict deep-copies every value, the main cost on a 1 MB plan.
    if is_dataclass(item):
        return dict(vars(item)) if hasattr(item, "__dict__") else {f.name: getattr(item, f.name) for f in fields(item)}
    return dict(item)


def find_in_spans(text: str, spans: list[tuple[str, int, int]], finder, year) -> list[tuple[str, dict]]:
    """Items ``finder(text, year=year)`` finds in each span, offsets made document-wide."""
    found = []
    for owner, start, end in spans:
        for item in finder(text[start:end], year=year):
            item = as_dict(item)
            for key in ("start", "end", "phrase_start"):
                if isinstance(item.get(key), int):
                    item[key] += start
            found.append((owner, item))
    return found


def sub_owner(task: dict, position: int) -> str:
    """``"23(2)"`` when ``position`` falls in a numbered sub-item of task 23, else ``"23"``.

    Items enumerated inside a paragraph (一是…二是…) are parts of the task's text, not
    numbered sub-items: their targets belong to the task.
    """
    for sub in task.get("subitems", []):
        if sub["start"] <= position < sub["end"] and not sub.get("inline"):
            return f"{task['number']}({sub['plain']})"
    return task["number"]


def governed_end(text: str, deadline: dict) -> int:
    """End of the clause a deadline governs: its own text, or up to the sentence's end."""
    stop = _CLAUSE_END_RE.search(text, deadline["end"])
    sentence_end = stop.start() if stop else len(text)
    return deadline["end"] if deadline["end"] - deadline["start"] > 8 else sentence_end


def link(text: str, deadlines: list[tuple[str, dict]], targets: list[dict]) -> None:
    """Set each deadline's ``target``: the first target starting inside the clause it governs.

    ``targets`` are in document order; a linked target takes the deadline's date.
    """
    starts = [t["start"] for t in targets]
    for _owner, deadline in deadlines:
        i = bisect_left(starts, deadline["start"])
        linked = targets[i] if i < len(targets) and starts[i] < governed_end(text, deadline) else None
        deadline["target"] = linked["id"] if linked else None
        if linked:
            linked["deadline"] = deadline["date"]


def target_entry(number: int, owner: str, item: dict, year: int | None) -> dict:
    """A ``targets[]`` entry: the contract's fields first, then whatever else the finder adds."""
    entry = {"id": f"g{number}", "task": owner}
    entry.update({key: item.get(key) for key in _TARGET_FIELDS})
    entry.update({key: value for key, value in item.items() if key not in entry})
    if entry["deadline"] is None and year:
        entry["deadline"] = f"{year}-12-31"
    return entry
