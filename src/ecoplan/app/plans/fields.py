"""What may be edited on each kind of plan item, and how a form's text becomes a value.

Forms send strings and the API sends JSON values; both go through :func:`coerce`, so a page and
the API accept exactly the same edits and refuse the same mistakes with the same message.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Callable

from ecoplan.app.plans.models import ROLES, TASK_STATUSES, Comparator, DeadlineKind, DeadlineScope
from ecoplan.errors import InputError
from ecoplan.plan.roman import roman_classes

COMPARATORS = Comparator.values()


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _required(value: Any) -> str:
    text = _text(value)
    if not text:
        raise ValueError("不能为空")
    return text


def _optional(value: Any) -> str | None:
    return _text(value) or None


def _number(value: Any) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    try:
        return float(_required(value).replace(",", ""))
    except (ValueError, AttributeError):
        raise ValueError(f"应为数值，收到「{value}」") from None


def _flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    return _text(value).lower() in {"1", "true", "on", "yes", "是"}


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date) or value is None:
        return value
    text = _text(value)
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"日期格式应为 YYYY-MM-DD，收到「{text}」") from None


def _one_of(choices: tuple[str, ...]) -> Callable[[Any], str]:
    def parse(value: Any) -> str:
        text = _text(value)
        if text not in choices:
            raise ValueError(f"应为 {' / '.join(choices)} 之一，收到「{text}」")
        return text

    return parse


def _one_of_or_decided(choices: tuple[str, ...]) -> Callable[[Any], str | None]:
    """One of ``choices``, or empty: None, decided from the texts when the draft is published."""
    parse = _one_of(choices)
    return lambda value: parse(value) if _text(value) else None


def _names(value: Any) -> list[str]:
    if isinstance(value, list):
        return [_text(v) for v in value if _text(v)]
    return [part.strip() for part in _text(value).replace("，", ",").replace("、", ",").split(",") if part.strip()]


def _target_name(parse: Callable[[Any], str]) -> Callable[[Any], str]:
    """A target's name (metric, scope) with water classes in the standard's spelling (劣Ⅴ类)."""
    return lambda value: roman_classes(parse(value))


EDITABLE: dict[str, dict[str, Callable[[Any], Any]]] = {
    "target": {
        "task_ref": _required,
        "metric": _target_name(_required),
        "scope": _target_name(_text),
        "comparator": _one_of(COMPARATORS),
        "value": _number,
        "unit": _text,
        "baseline": _optional,
        "soft": _flag,
        "deadline": _date,
        "text": _text,
    },
    "task": {
        "number": _required,
        "title": _required,
        "text": _text,
        "status": _one_of(TASK_STATUSES),
        "districts": _names,
    },
    "deadline": {"date": _date, "text": _required,
                 "kind": _one_of_or_decided(DeadlineKind.values()),
                 "scope": _one_of_or_decided(DeadlineScope.values())},
    "responsibility": {"unit_name": _required, "written": _text, "role": _one_of(ROLES)},
    "section": {"title": _required},
}

LABELS = {
    "task_ref": "所属任务", "metric": "指标", "scope": "范围", "comparator": "比较",
    "value": "目标值", "unit": "单位", "baseline": "基准", "soft": "力争", "deadline": "期限",
    "text": "原文", "number": "编号", "title": "标题", "status": "状态", "districts": "辖市区",
    "date": "日期", "unit_name": "单位", "written": "原文写法", "role": "职责",
    "kind": "时限类型",
}
#: Labels of a field that differ by item kind (a deadline's scope is what it governs).
KIND_LABELS_OF_FIELDS = {("deadline", "scope"): "适用范围"}


def coerce(kind: str, values: dict[str, Any]) -> dict[str, Any]:
    """The editable fields of ``values`` for an item of ``kind``, parsed; unknown keys ignored.

    Raises
    ------
    InputError
        Naming the field (in Chinese) and what is wrong with it.
    """
    parsers = EDITABLE[kind]
    parsed = {}
    for name, raw in values.items():
        if name not in parsers:
            continue
        try:
            parsed[name] = parsers[name](raw)
        except ValueError as err:
            raise InputError(str(err), field=label_of(kind, name)) from None
    return parsed


def label_of(kind: str, name: str) -> str:
    """What a field of an item of ``kind`` is called on forms and in messages."""
    return KIND_LABELS_OF_FIELDS.get((kind, name)) or LABELS.get(name, name)
