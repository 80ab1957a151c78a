"""The ``ecoplan.plan/1`` contract as typed models (issue 12, item 4).

One definition the reader's output, the JSON file, the importer, the API
(:mod:`ecoplan.app.plans.snapshot` builds these models from the stored rows and writes its JSON
from them) and the monitoring library (:mod:`ecoplan.monitoring.targets` binds typed targets)
share: the format name, the four roles (``implementers`` — one name everywhere, the stored
rows' too), and :func:`load`, which checks a JSON object and gives typed objects (or an
:class:`InputError` naming the field and row). Unknown fields are kept on ``extra`` so the contract can grow without
breaking readers (new fields only, issue 18).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ecoplan.errors import InputError

FORMAT = "ecoplan.plan/1"
ROLES = ("lead", "cooperating", "shared", "implementers")
COMPARATORS = ("<=", ">=", "<", ">", "==")
DEADLINE_KINDS = ("due", "start")


@dataclass
class UnitRef:
    name: str
    written: str | None = None


@dataclass
class Deadline:
    date: dt.date | None
    text: str
    kind: str = "due"
    scope: str | None = None
    target: str | None = None


@dataclass
class Section:
    """A heading of the plan's outline that tasks sit under (``Task.section`` is its ``id``)."""

    id: str
    title: str = ""
    path: list[str] = field(default_factory=list)


@dataclass
class Task:
    number: str
    title: str
    text: str = ""
    section: str | None = None
    responsibility: dict[str, list[UnitRef]] = field(default_factory=dict)
    deadlines: list[Deadline] = field(default_factory=list)
    districts: list[str] = field(default_factory=list)
    subitems: list = field(default_factory=list)
    extra: dict = field(default_factory=dict)


@dataclass
class Target:
    task: str
    metric: str
    comparator: str
    value: float
    unit: str = ""
    scope: str | None = None
    baseline: str | None = None
    soft: bool = False
    deadline: dt.date | None = None
    text: str = ""
    id: str | None = None
    """The target's id: the reader's (``g1``), a stored plan's uid."""
    extra: dict = field(default_factory=dict)


@dataclass
class Document:
    year: int
    region: str
    title: str | None = None
    extra: dict = field(default_factory=dict)


@dataclass
class PlanData:
    document: Document
    tasks: list[Task]
    targets: list[Target]
    sections: list[Section] = field(default_factory=list)
    raw: dict = field(repr=False, default_factory=dict)
    """The JSON object as given (its ``units``, ``warnings`` and ``source`` stay plain)."""


def _date(value, *, file, row, name) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise InputError(f"日期「{value}」无效，应为 YYYY-MM-DD", file=file, row=row, field=name) from None


def _document(parsed: dict, file: str | None) -> Document:
    document = parsed.get("document") or {}
    if not isinstance(document.get("year"), int):
        raise InputError("无法识别方案年度", file=file, field="document.year")
    if not document.get("region"):
        raise InputError("无法识别方案所属地区", file=file, field="document.region")
    rest = {k: v for k, v in document.items() if k not in ("year", "region", "title")}
    return Document(year=document["year"], region=document["region"], title=document.get("title"), extra=rest)


def _task(task: dict, row: int, file: str | None) -> Task:
    if not task.get("number") or not task.get("title"):
        raise InputError("任务缺少编号或标题", file=file, row=row, field="tasks")
    groups = task.get("responsibility") or {}
    responsibility = {role: [UnitRef(u["name"], u.get("written")) for u in groups.get(role, [])] for role in ROLES}
    deadlines = []
    for d in task.get("deadlines") or []:
        kind = d.get("kind") or "due"
        if kind not in DEADLINE_KINDS:
            raise InputError(f"时限类别「{kind}」无效", file=file, row=row, field="tasks.deadlines.kind")
        deadlines.append(Deadline(_date(d.get("date"), file=file, row=row, name="tasks.deadlines.date"),
                                  d.get("text") or "", kind, d.get("scope"), d.get("target")))
    known = {"number", "title", "text", "section", "responsibility", "deadlines", "districts",
             "subitems"}
    return Task(number=str(task["number"]), title=task["title"], text=task.get("text") or "",
                section=task.get("section"), responsibility=responsibility, deadlines=deadlines,
                districts=list(task.get("districts") or []),
                subitems=list(task.get("subitems") or []),
                extra={k: v for k, v in task.items() if k not in known})


def _section(section: dict, row: int, file: str | None) -> Section:
    if not isinstance(section, dict) or not section.get("id"):
        raise InputError("章节缺少编号（id）", file=file, row=row, field="sections.id")
    return Section(id=str(section["id"]), title=section.get("title") or "",
                   path=list(section.get("path") or []))


def _target(target: dict, row: int, file: str | None) -> Target:
    if target.get("comparator") not in COMPARATORS:
        raise InputError(f"比较符「{target.get('comparator')}」无效", file=file, row=row, field="targets.comparator")
    if not isinstance(target.get("value"), (int, float)) or isinstance(target.get("value"), bool):
        raise InputError("目标值应为数值", file=file, row=row, field="targets.value")
    known = {"id", "task", "metric", "comparator", "value", "unit", "scope", "baseline", "soft",
             "deadline", "text"}
    return Target(task=str(target.get("task") or ""), metric=target.get("metric") or "",
                  comparator=target["comparator"], value=target["value"], unit=target.get("unit") or "",
                  scope=target.get("scope"), baseline=target.get("baseline"), soft=bool(target.get("soft")),
                  deadline=_date(target.get("deadline"), file=file, row=row, name="targets.deadline"),
                  text=target.get("text") or "", id=target.get("id"),
                  extra={k: v for k, v in target.items() if k not in known})


def check_format(parsed, file: str | None = None) -> None:
    """An :class:`InputError` unless ``parsed`` is an object of the ``ecoplan.plan/1`` format."""
    if not isinstance(parsed, dict) or parsed.get("format") != FORMAT:
        raise InputError(f"不是 {FORMAT} 格式的方案数据", file=file, field="format")


def load(parsed, file: str | None = None) -> PlanData:
    """Typed objects of an ``ecoplan.plan/1`` JSON object, checked field by field.

    Raises
    ------
    InputError
        Not the format; no year or region; a task without number or title; a target whose
        comparator or value is not usable; a date that is not ISO; a deadline kind unknown.
    """
    check_format(parsed, file)
    document = _document(parsed, file)
    tasks = [_task(t, i, file) for i, t in enumerate(parsed.get("tasks") or [], start=1)]
    targets = [_target(t, i, file) for i, t in enumerate(parsed.get("targets") or [], start=1)]
    sections = [_section(s, i, file) for i, s in enumerate(parsed.get("sections") or [], start=1)]
    return PlanData(document=document, tasks=tasks, targets=targets, sections=sections, raw=parsed)
