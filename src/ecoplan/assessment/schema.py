"""Validating a rules document node by node, so every error carries its path and line.

The YAML is composed (not loaded) so each value keeps its position; :class:`Located` walks the
node tree and converts checked scalars to Python values.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from ecoplan.errors import InputError

ITEM_KINDS = ("target", "timeliness", "completeness", "ledger", "task_completion",
              "target_completion", "public_reports")
COMPLETION_KINDS = ("task_completion", "target_completion")
"""Items scored from the platform's one status of the tasks a unit leads / the targets it owns
or was given a quota of."""
COMPLETION_FIELDS = ("on_pace_credit", "per_deadline_late", "per_deadline_missed")
UNIT_KINDS = ("district", "department")
DIRECTIONS = ("lower", "higher")
SECTION_LEVELS = ("国考", "省考", "市考", "市考以上")
"""Water items measure the sections of one assessment level (市考以上: every section)."""
WATER_METRICS = ("优Ⅲ比例", "优Ⅱ比例", "劣Ⅴ比例")
"""Metrics measured on surface-water sections: shares [%] of sections at Ⅰ–Ⅲ, Ⅰ–Ⅱ, 劣Ⅴ."""
NUMBER = "number"

# field → (type, required). Types: "str", "int", NUMBER, "list" (of str), or a tuple of choices.
TOP = {"year": ("int", True), "title": ("str", True), "items": ("seq", True),
       "bonuses": ("seq", False), "bonus_cap": (NUMBER, False), "vetoes": ("seq", False),
       "grades": ("seq", True), "commend": ("list", False), "criticise": ("list", False),
       "number": ("str", False), "summon": ("list", False), "criticise_applies_to": ("list", False),
       "summon_applies_to": ("list", False), "summon_red_months": ("bool", False)}
ITEM = {"id": ("str", True), "name": ("str", True), "kind": (ITEM_KINDS, True),
        "weight": (NUMBER, True), "applies_to": ("list", True), "metric": ("str", False),
        "level": (SECTION_LEVELS, False), "direction": (DIRECTIONS, False),
        "per_unit": (NUMBER, False), "unit": ("str", False), "per_late": (NUMBER, False),
        "per_missing": (NUMBER, False), "per_overdue": (NUMBER, False), "mode": ("str", False),
        "late_credit": (NUMBER, False), "threshold": (NUMBER, False), "per_point": (NUMBER, False),
        "on_pace_credit": (NUMBER, False), "per_deadline_late": (NUMBER, False),
        "per_deadline_missed": (NUMBER, False)}
KIND_NEEDS = {"target": ("metric", "direction", "per_unit"),
              "timeliness": (), "completeness": (), "ledger": (), "task_completion": (),
              "target_completion": (), "public_reports": ()}
COMMON_FIELDS = ("id", "name", "kind", "weight", "applies_to")
# How a reporting item scores (the first mode is the default) → fields it needs / may have.
MODES = {"timeliness": ("count", "rate", "threshold"), "completeness": ("rate", "threshold"),
         "public_reports": ("rate", "threshold")}
MODE_FIELDS = {("timeliness", "count"): (("per_late", "per_missing"), ()),
               ("timeliness", "rate"): ((), ("late_credit",)),
               ("timeliness", "threshold"): (("threshold", "per_point"), ("late_credit",)),
               ("completeness", "rate"): ((), ()),
               ("completeness", "threshold"): (("threshold", "per_point"), ()),
               ("public_reports", "rate"): ((), ("late_credit",)),
               ("public_reports", "threshold"): (("threshold", "per_point"), ("late_credit",))}
MODE_ONLY = ("per_late", "per_missing", "late_credit", "threshold", "per_point")
BONUS = {"id": ("str", True), "name": ("str", True), "points": (NUMBER, True)}
VETO = {"id": ("str", True), "name": ("str", True), "max_grade": ("str", True)}
GRADE = {"name": ("str", True), "min": (NUMBER, True)}


@dataclass(frozen=True)
class Located:
    """A YAML node with its path in the document and its source file."""

    node: yaml.Node
    path: str
    source: str

    @classmethod
    def of(cls, node: yaml.Node, source: str) -> "Located":
        return cls(node, "", source)

    @property
    def line(self) -> int:
        return self.node.start_mark.line + 1

    def error(self, message: str) -> InputError:
        return InputError(message, file=self.source, row=self.line, field=self.path or "（根）")

    def child(self, key: str | int, node: yaml.Node) -> "Located":
        path = f"{self.path}[{key}]" if isinstance(key, int) else (
            f"{self.path}.{key}" if self.path else key)
        return Located(node, path, self.source)

    def mapping(self) -> dict[str, "Located"]:
        if not isinstance(self.node, yaml.MappingNode):
            raise self.error("应为键值对（mapping）")
        out: dict[str, Located] = {}
        for key, value in self.node.value:
            name = str(key.value)
            if name in out:
                raise self.child(name, key).error("键重复")
            out[name] = self.child(name, value)
        return out

    def sequence(self) -> list["Located"]:
        if not isinstance(self.node, yaml.SequenceNode):
            raise self.error("应为列表")
        return [self.child(i, n) for i, n in enumerate(self.node.value)]

    def scalar(self):
        if not isinstance(self.node, yaml.ScalarNode):
            raise self.error("应为单个值")
        return yaml.SafeLoader(" ").construct_object(self.node)


def _value(loc: Located, kind):
    if kind == "seq":
        return loc.sequence()
    if kind == "list":
        return [_value(item, "str") for item in loc.sequence()]
    value = loc.scalar()
    if isinstance(kind, tuple):
        if value not in kind:
            raise loc.error(f"应为 {' / '.join(kind)} 之一，而不是“{value}”")
        return value
    if kind == "str" and isinstance(value, str) and value.strip():
        return value.strip()
    if kind == "int" and isinstance(value, int) and not isinstance(value, bool):
        return value
    if kind == "bool" and isinstance(value, bool):
        return value
    if kind == NUMBER and isinstance(value, (int, float)) and not isinstance(value, bool):
        if value < 0:
            raise loc.error(f"不能为负数（{value}）")
        return float(value)
    names = {"str": "非空文字", "int": "整数", NUMBER: "数字", "bool": "true 或 false"}
    raise loc.error(f"应为{names[kind]}，而不是“{value}”")


def check_fields(loc: Located, spec: dict) -> dict:
    """The mapping at ``loc`` checked against ``spec``; unknown keys are refused (typos)."""
    fields = loc.mapping()
    unknown = sorted(set(fields) - set(spec))
    if unknown:
        raise fields[unknown[0]].error(f"未知字段“{unknown[0]}”，可用字段：{'、'.join(spec)}")
    out = {}
    for name, (kind, required) in spec.items():
        if name in fields:
            out[name] = _value(fields[name], kind)
        elif required:
            raise loc.error(f"缺少字段“{name}”")
    return out


def _unique_ids(entries: list[tuple[Located, dict]], key: str = "id") -> None:
    seen: set[str] = set()
    for loc, raw in entries:
        if raw[key] in seen:
            raise loc.error(f"{key}“{raw[key]}”重复")
        seen.add(raw[key])


def _check_item(loc: Located) -> dict:
    raw = check_fields(loc, ITEM)
    for name in KIND_NEEDS[raw["kind"]]:
        if name not in raw:
            raise loc.error(f"{raw['kind']} 类考评项目缺少字段“{name}”")
    _check_level(loc, raw)
    for entry in loc.mapping()["applies_to"].sequence():
        if entry.scalar() not in UNIT_KINDS:
            raise entry.error(f"适用对象应为 {' / '.join(UNIT_KINDS)}，而不是“{entry.scalar()}”")
    if raw["weight"] <= 0:
        raise loc.error("分值（weight）应大于 0")
    _check_kind_fields(loc, raw)
    return _check_mode(loc, raw)


def _check_kind_fields(loc: Located, raw: dict) -> None:
    """A field of another kind is refused (an office never believes a number is used when it
    is not); a completion item's ``on_pace_credit`` is a share (0–1)."""
    fields = loc.mapping()
    completion = raw["kind"] in COMPLETION_KINDS
    for name in raw:
        if name in COMPLETION_FIELDS and not completion:
            raise fields[name].error(f"字段“{name}”只用于 {' / '.join(COMPLETION_KINDS)} "
                                     f"类考评项目")
        if completion and name not in COMMON_FIELDS + COMPLETION_FIELDS:
            raise fields[name].error(f"字段“{name}”不适用于 {raw['kind']} 类考评项目（可用："
                                     f"{'、'.join(COMPLETION_FIELDS)}）")
    if raw.get("on_pace_credit", 0) > 1:
        raise fields["on_pace_credit"].error(
            f"on_pace_credit 不能大于 1（现为 {raw['on_pace_credit']:g}）")


def _check_mode(loc: Located, raw: dict) -> dict:
    """A reporting item's scoring mode (计分方式) and the fields that mode needs; fields of
    another mode are refused, so an office never believes a number is used when it is not."""
    fields = loc.mapping()
    modes = MODES.get(raw["kind"], ())
    if "mode" in raw and not modes:
        raise fields["mode"].error(f"{raw['kind']} 类考评项目没有计分方式（mode 只用于 "
                                   f"{' / '.join(MODES)}）")
    if "mode" in raw and raw["mode"] not in modes:
        raise fields["mode"].error(f"应为 {' / '.join(modes)} 之一，而不是“{raw['mode']}”")
    if not modes:
        return raw
    mode = raw.setdefault("mode", modes[0])
    needs, may = MODE_FIELDS[(raw["kind"], mode)]
    for name in needs:
        if name not in raw:
            raise loc.error(f"{raw['kind']} 类考评项目按 {mode} 方式计分，缺少字段“{name}”")
    for name in MODE_ONLY:
        if name in raw and name not in needs + may:
            raise fields[name].error(f"字段“{name}”不适用于 {mode} 计分方式")
    for name, top in (("late_credit", 1), ("threshold", 100)):
        if raw.get(name, 0) > top:
            raise fields[name].error(f"{name} 不能大于 {top}（现为 {raw[name]:g}）")
    return raw


def _check_level(loc: Located, raw: dict) -> None:
    """A water metric names its section level; no other item has one."""
    if raw.get("metric") in WATER_METRICS and raw["kind"] == "target":
        if "level" not in raw:
            raise loc.error(f"断面水质指标“{raw['metric']}”须写明断面级别 level"
                            f"（{' / '.join(SECTION_LEVELS)}）")
    elif "level" in raw:
        raise loc.mapping()["level"].error(
            f"level 只用于断面水质指标（{' / '.join(WATER_METRICS)}）")


def _entries(doc_loc: dict[str, Located], name: str, spec: dict) -> list[tuple[Located, dict]]:
    if name not in doc_loc:
        return []
    checker = _check_item if name == "items" else (lambda loc: check_fields(loc, spec))
    return [(loc, checker(loc)) for loc in doc_loc[name].sequence()]


def _check_grades(grades: list[tuple[Located, dict]], root: Located) -> set[str]:
    if not grades:
        raise root.error("grades 不能为空")
    _unique_ids(grades, "name")
    if min(raw["min"] for _, raw in grades) != 0:
        raise grades[-1][0].error("最低一档等次的 min 应为 0，使每个分数都有等次")
    return {raw["name"] for _, raw in grades}


def check_rules(root: Located) -> dict:
    """The whole document, checked: fields, kinds, unique ids, grades referred to exist."""
    doc = check_fields(root, TOP)
    located = root.mapping()
    items = _entries(located, "items", ITEM)
    if not items:
        raise located["items"].error("items 不能为空")
    bonuses, vetoes = _entries(located, "bonuses", BONUS), _entries(located, "vetoes", VETO)
    grades = _entries(located, "grades", GRADE)
    for entries in (items, bonuses, vetoes):
        _unique_ids(entries)
    names = _check_grades(grades, root)
    for loc, raw in vetoes:
        if raw["max_grade"] not in names:
            raise loc.error(f"max_grade“{raw['max_grade']}”不是已定义的等次")
    for key in ("commend", "criticise", "summon"):
        for grade in doc.get(key, []):
            if grade not in names:
                raise located[key].error(f"“{grade}”不是已定义的等次")
    for key in ("criticise_applies_to", "summon_applies_to"):
        for kind in doc.get(key, []):
            if kind not in UNIT_KINDS:
                raise located[key].error(f"适用对象应为 {' / '.join(UNIT_KINDS)}，而不是“{kind}”")
    return {**doc, "items": [r for _, r in items], "bonuses": [r for _, r in bonuses],
            "vetoes": [r for _, r in vetoes], "grades": [r for _, r in grades]}
