"""Differences between two plan versions, matched by each item's stable ``uid``.

Pure: it compares two snapshots (dicts shaped like :func:`ecoplan.app.plans.snapshot.snapshot`)
and never touches the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

KINDS = ("sections", "tasks", "targets")

SIGNS = {"<=": "≤", ">=": "≥", "<": "<", ">": ">", "==": "="}

IGNORED = frozenset({"uid", "id", "row_version", "position"})
"""Bookkeeping that changes between versions without the plan changing."""


@dataclass(frozen=True)
class Change:
    """One item added, removed or changed between two versions."""

    kind: str
    """``sections``, ``tasks`` or ``targets``."""
    uid: str
    change: str
    """``added``, ``removed`` or ``changed``."""
    label: str
    """How a person recognises the item (task number and title, target metric and scope)."""
    fields: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    """For ``changed``: field name → (before, after)."""

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "uid": self.uid,
            "change": self.change,
            "label": self.label,
            "fields": {k: {"before": b, "after": a} for k, (b, a) in self.fields.items()},
        }


def label(kind: str, item: dict) -> str:
    if kind == "tasks":
        return f"{item.get('number', '')}. {item.get('title', '')}".strip()
    if kind == "targets":
        value = item.get("value")
        value = f"{value:g}" if isinstance(value, (int, float)) else ""
        sign = SIGNS.get(item.get("comparator"), "")
        return f"{item.get('scope') or ''}{item.get('metric', '')} {sign} {value}{item.get('unit', '')}"
    return str(item.get("title", ""))


def field_changes(old: dict, new: dict) -> dict[str, tuple[Any, Any]]:
    """Fields whose values differ, bookkeeping fields left out; a field only one side has counts."""
    names = (old.keys() | new.keys()) - IGNORED
    return {n: (old.get(n), new.get(n)) for n in sorted(names) if old.get(n) != new.get(n)}


def diff_items(kind: str, old: list[dict], new: list[dict]) -> list[Change]:
    """Changes of one kind of item, in the new version's order, removed items last."""
    before = {item["uid"]: item for item in old}
    after = {item["uid"]: item for item in new}
    changes = []
    for uid, item in after.items():
        if uid not in before:
            changes.append(Change(kind, uid, "added", label(kind, item)))
            continue
        fields = field_changes(before[uid], item)
        if fields:
            changes.append(Change(kind, uid, "changed", label(kind, item), fields))
    changes.extend(
        Change(kind, uid, "removed", label(kind, item))
        for uid, item in before.items()
        if uid not in after
    )
    return changes


def diff_snapshots(old: dict, new: dict) -> list[Change]:
    """Every difference between two snapshots: sections, then tasks, then targets."""
    return [
        change
        for kind in KINDS
        for change in diff_items(kind, old.get(kind, []), new.get(kind, []))
    ]
