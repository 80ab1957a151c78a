"""An ``ecoplan.plan/1`` JSON object → the typed models, checked field by field."""

from __future__ import annotations

import datetime as dt

from ecoplan.errors import InputError
from ecoplan.plan.contract.models import (COMPARATORS, DEADLINE_KINDS, FORMAT, ROLES, Deadline, Document,
                                          Goal, Paragraph, PlanData, Section, Source, Subitem, Target, Task,
                                          Unit, UnitRef, Warning)


def _date(value, *, file, row, name) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise InputError(f"日期「{value}」无效，应为 YYYY-MM-DD", file=file, row=row, field=name) from None


_DOCUMENT = ("year", "region", "title", "doc_number", "issuer", "signed", "published", "year_source")


def _check_document(year, region, file: str | None) -> None:
    if not isinstance(year, int) or isinstance(year, bool):
        raise InputError("无法识别方案年度", file=file, field="document.year")
    if not region:
        raise InputError("无法识别方案所属地区", file=file, field="document.region")


def document(parsed: dict, file: str | None = None, strict: bool = False) -> Document:
    """The ``document`` of ``parsed`` (a plan object) typed."""
    document = parsed.get("document") or {}
    if strict:
        _check_document(document.get("year"), document.get("region"), file)
    return Document(**{k: document.get(k) for k in _DOCUMENT},
                    extra={k: v for k, v in document.items() if k not in _DOCUMENT})


def responsibility(groups) -> dict[str, list[UnitRef]]:
    groups = groups or {}
    return {role: [UnitRef(u["name"], u.get("written")) for u in groups.get(role, [])] for role in ROLES}


def subitem(s: dict) -> Subitem:
    """A task's measure (a dict of the JSON or of a stored task) typed."""
    return Subitem(number=str(s.get("number") or ""), title=s.get("title") or "", plain=s.get("plain") or "",
                   start=s.get("start"), end=s.get("end"), inline=bool(s.get("inline")))


def _deadline(d: dict, row: int, file: str | None) -> Deadline:
    kind = d.get("kind") or "due"
    if kind not in DEADLINE_KINDS:
        raise InputError(f"时限类别「{kind}」无效", file=file, row=row, field="tasks.deadlines.kind")
    return Deadline(_date(d.get("date"), file=file, row=row, name="tasks.deadlines.date"),
                    d.get("text") or "", kind, d.get("scope"), d.get("target"),
                    phrase=d.get("phrase"), start=d.get("start"), end=d.get("end"))


_TASK = {"id", "number", "title", "text", "section", "responsibility", "paragraphs", "deadlines", "districts",
         "subitems", "start", "end", "row"}


def task(task: dict, row: int | None = None, file: str | None = None) -> Task:
    if not task.get("number") or not task.get("title"):
        raise InputError("任务缺少编号或标题", file=file, row=row, field="tasks")
    paragraphs = task.get("paragraphs")
    return Task(number=str(task["number"]), title=task["title"], text=task.get("text") or "",
                section=task.get("section"), responsibility=responsibility(task.get("responsibility")),
                deadlines=[_deadline(d, row, file) for d in task.get("deadlines") or []],
                districts=list(task.get("districts") or []),
                subitems=[subitem(s) for s in task.get("subitems") or []],
                extra={k: v for k, v in task.items() if k not in _TASK}, id=task.get("id"),
                paragraphs=None if paragraphs is None else [
                    Paragraph(p["start"], p["end"], responsibility(p.get("responsibility"))) for p in paragraphs],
                start=task.get("start"), end=task.get("end"), row=task.get("row"))


def section(section: dict, row: int | None = None, file: str | None = None) -> Section:
    if not isinstance(section, dict) or not section.get("id"):
        raise InputError("章节缺少编号（id）", file=file, row=row, field="sections.id")
    return Section(id=str(section["id"]), title=section.get("title") or "",
                   path=list(section.get("path") or []))


_TARGET = ("id", "task", "metric", "scope", "comparator", "value", "unit", "baseline", "soft", "deadline",
           "text", "start", "end", "change", "approximate", "words")


def target(target: dict, row: int | None = None, file: str | None = None) -> Target:
    if target.get("comparator") not in COMPARATORS:
        raise InputError(f"比较符「{target.get('comparator')}」无效", file=file, row=row, field="targets.comparator")
    if not isinstance(target.get("value"), (int, float)) or isinstance(target.get("value"), bool):
        raise InputError("目标值应为数值", file=file, row=row, field="targets.value")
    return Target(task=str(target.get("task") or ""), metric=target.get("metric") or "",
                  comparator=target["comparator"], value=target["value"], unit=target.get("unit") or "",
                  scope=target.get("scope"), baseline=target.get("baseline"), soft=bool(target.get("soft")),
                  deadline=_date(target.get("deadline"), file=file, row=row, name="targets.deadline"),
                  text=target.get("text") or "", id=target.get("id"),
                  extra={k: v for k, v in target.items() if k not in _TARGET},
                  start=target.get("start"), end=target.get("end"), change=target.get("change"),
                  approximate=bool(target.get("approximate")), words=target.get("words"))


def unit(u: dict) -> Unit:
    return Unit(name=u["name"], aliases=list(u.get("aliases") or []), kind=u.get("kind") or "other",
                known=bool(u.get("known")), outside=u.get("outside"))


def warning(w: dict) -> Warning:
    return Warning(text=w.get("text") or "", message=w.get("message") or "",
                   extra={k: v for k, v in w.items() if k not in ("text", "message")})


def check_format(parsed, file: str | None = None) -> None:
    """An :class:`InputError` unless ``parsed`` is an object of the ``ecoplan.plan/1`` format."""
    if not isinstance(parsed, dict) or parsed.get("format") != FORMAT:
        raise InputError(f"不是 {FORMAT} 格式的方案数据", file=file, field="format")


def typed(parsed: dict, file: str | None = None, *, strict: bool = False) -> PlanData:
    """The typed models of ``parsed``; ``strict`` (:func:`load`) also wants a year and a region,
    which the reader may not find (it warns instead)."""
    check_format(parsed, file)
    source, goal = parsed.get("source"), parsed.get("goal")
    return PlanData(
        document=document(parsed, file, strict),
        tasks=[task(t, i, file) for i, t in enumerate(parsed.get("tasks") or [], start=1)],
        targets=[target(t, i, file) for i, t in enumerate(parsed.get("targets") or [], start=1)],
        sections=[section(s, i, file) for i, s in enumerate(parsed.get("sections") or [], start=1)],
        raw=parsed,
        source=Source(source.get("file"), source.get("sha256"), source.get("chars")) if source else None,
        goal=Goal(goal["section"], goal["text"], goal["start"], goal["end"]) if goal else None,
        units=[unit(u) for u in parsed.get("units") or []],
        warnings=[warning(w) for w in parsed.get("warnings") or []])


def checked(plan: PlanData, file: str | None = None) -> PlanData:
    """``plan`` (the reader's, typed) if usable as :func:`load` would give it: with a year and a region."""
    _check_document(plan.document.year, plan.document.region, file)
    return plan


def load(parsed, file: str | None = None) -> PlanData:
    """Typed objects of an ``ecoplan.plan/1`` JSON object, checked field by field.

    Raises
    ------
    InputError
        Not the format; no year or region; a task without number or title; a target whose
        comparator or value is not usable; a date that is not ISO; a deadline kind unknown.
    """
    return typed(parsed, file, strict=True)
