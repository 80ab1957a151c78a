"""Chinese names for the audit log's action codes and object types (操作日志的中文说明).

The codes stay as recorded (they are what the filter and the API match on); the labels are
only what the admin reads. Each feature registers its labels in its manifest
(:class:`~ecoplan.app.core.manifest.AuditLabels`); :class:`LabelBook` joins them with the few
that belong to the log itself. An unknown code is shown as recorded rather than hidden.
"""

from __future__ import annotations

from collections.abc import Iterable

from ecoplan.app.core.manifest import AuditLabels

ACTORS = {"system": "系统（命令行）", "anonymous": "未登录访客"}
GROUPS = {"security": "登录与账户安全"}
# Actions whose ``after`` holds the circumstances of an event (who tried what, from which
# browser), not a snapshot of a changed object: shown as details, not as before/after.
EVENT_PREFIXES = ("auth.", "user.locked", "user.password_changed")
COMMON = AuditLabels(fields={
    "id": "编号", "key": "键", "label": "名称", "version": "版本", "status": "状态",
    "created_at": "创建时间", "warnings": "提示", "error": "错误", "file": "文件", "rows": "行数",
    "change": "变化", "fields": "字段", "why": "依据", "date": "日期", "note": "说明",
})
"""Snapshot fields every feature may use in the same sense."""


class LabelConflict(ValueError):
    """Two features gave the same code different labels."""


def _join(name: str, tables: Iterable[dict]) -> dict:
    joined: dict = {}
    for table in tables:
        for key, label in table.items():
            if key in joined and joined[key] != label:
                raise LabelConflict(f"audit {name} {key!r}: {joined[key]!r} or {label!r}")
            joined[key] = label
    return joined


class LabelBook:
    """The labels of every feature, looked up as the audit pages need them."""

    def __init__(self, parts: Iterable[AuditLabels]) -> None:
        parts = [COMMON, *parts]
        self.actions = _join("action", (p.actions for p in parts))
        self.objects = _join("object type", (p.objects for p in parts))
        self.fields = _join("field", (p.fields for p in parts))
        self.object_fields = _join("object field", (p.object_fields for p in parts))
        self.values = _join("values of", (p.values for p in parts))
        self.composed = _join("area", (p.composed for p in parts))

    def action_label(self, code: str) -> str:
        """The Chinese name of an audit action code, or the code itself when unknown."""
        area, _, rest = code.partition(".")
        composed = self.composed.get(area)
        return self.actions.get(code) or (composed(rest) if composed else None) or code

    def object_label(self, object_type: str) -> str:
        """The Chinese name of an audited object type, or the type itself when unknown."""
        return self.objects.get(object_type, object_type)

    def field_label(self, name: str, object_type: str = "") -> str:
        """The Chinese name of a snapshot field (of ``object_type`` when it has its own), or
        the field name itself when unknown."""
        return self.object_fields.get((object_type, name)) or self.fields.get(name, name)

    def value_label(self, object_type: str, field: str, value):
        """A coded value in Chinese (``assigned`` → 已交办, true → 是, a list of names joined
        with 、); other values unchanged."""
        if isinstance(value, bool):
            return "是" if value else "否"
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return "、".join(value) if value else "（无）"
        labels = self.values.get((object_type, field), {})
        return labels.get(value, value) if isinstance(value, str) else value

    @staticmethod
    def actor_label(actor: str) -> str:
        """The system actor's Chinese name; user names are shown as they are."""
        return ACTORS.get(actor, actor)

    def template_helpers(self) -> dict:
        """What the audit pages' templates call."""
        return {"action_label": self.action_label, "object_label": self.object_label,
                "actor_label": self.actor_label, "field_label": self.field_label,
                "value_label": self.value_label}


def is_event(code: str) -> bool:
    """Whether the entry of ``code`` records an event's details rather than a change."""
    return code.startswith(EVENT_PREFIXES)
