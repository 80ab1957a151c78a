"""Words and formats the plan pages share (Chinese labels for stored codes)."""

from __future__ import annotations

from fastapi import Request

from ecoplan.app.plans.fields import EDITABLE, LABELS, label_of
from ecoplan.app.plans.models import Comparator, DeadlineKind, DeadlineScope, Role, TaskStatus, VersionStatus
from ecoplan.app.plans.queries import DISTRICTS
from ecoplan.app.templating import render
from ecoplan.plan.reading import relative_words

ROLE_LABELS = Role.labels()
STATUS_LABELS = TaskStatus.labels()
VERSION_STATUS_LABELS = VersionStatus.labels()
COMPARATOR_SIGNS = Comparator.labels()
CHANGE_LABELS = {"added": "新增", "removed": "删除", "changed": "修改"}
KIND_LABELS = {"sections": "章节", "tasks": "任务", "targets": "目标"}
#: Options of the fields edited with a list; "kind.field" for a field of one item kind only. A
#: deadline's kind and scope may be left to the reader's rules (decided on publishing).
CHOICES = {"comparator": COMPARATOR_SIGNS, "status": STATUS_LABELS, "role": ROLE_LABELS,
           "deadline.kind": {"": "按原文判断", **DeadlineKind.labels()},
           "deadline.scope": {"": "按原文判断", **DeadlineScope.labels()}}


def number(value: float | None) -> str:
    """31.0 → "31", 92.2 → "92.2": values as a person writes them."""
    if value is None:
        return ""
    return f"{value:g}" if abs(value) < 1e15 else str(value)


def target_text(target) -> str:
    soft = "力争" if target.soft else ""
    words = relative_words(target.comparator, target.value, target.unit,
                           getattr(target, "baseline", None), getattr(target, "text", None))
    if words:  # a relative target reads as written ("不低于2022年"), not "≥ 0%"
        return f"{target.scope}{target.metric} {soft}{words}"
    return (f"{target.scope}{target.metric} {soft}{COMPARATOR_SIGNS.get(target.comparator, '')}"
            f" {number(target.value)}{target.unit}")


def field_value(item, name: str) -> str:
    value = getattr(item, name, None)
    if isinstance(value, list):
        return "、".join(value)
    if isinstance(value, float):
        return number(value)
    return "" if value is None else str(value)


def show(value) -> str:
    """A field's value in a difference: numbers as written, lists and unit groups as text."""
    if value is None or value == "" or value == []:
        return "（空）"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return number(value)
    if isinstance(value, list):
        return "；".join(show(v) if not isinstance(v, dict) else v.get("text") or v.get("title")
                        or v.get("name") or str(v) for v in value)
    if isinstance(value, dict):
        parts = [f"{ROLE_LABELS.get(k, k)}：{'、'.join(u['name'] for u in units)}"
                 for k, units in value.items() if units]
        return "；".join(parts) or "（空）"
    return str(value)


HELPERS = {
    "role_labels_plan": ROLE_LABELS, "status_labels": STATUS_LABELS,
    "version_status_labels": VERSION_STATUS_LABELS, "signs": COMPARATOR_SIGNS,
    "change_labels": CHANGE_LABELS, "item_kind_labels": KIND_LABELS, "field_labels": LABELS,
    "editable": EDITABLE, "choices": CHOICES, "label_of": label_of, "districts": DISTRICTS, "fmt_number": number,
    "target_text": target_text, "field_value": field_value, "show": show,
}


def page(request: Request, name: str, context: dict | None = None, *, status_code: int = 200):
    """Render a plan template with the shared labels and formats."""
    return render(request, name, {**HELPERS, **(context or {})}, status_code=status_code)
