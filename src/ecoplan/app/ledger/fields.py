"""Reading the fields of an item as people write them (form or spreadsheet) into stored values.

Each parser raises :class:`InputError` naming the field; the importer adds the row.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecoplan.app.forms import required
from ecoplan.app.ledger.models import SOURCE_LABELS, STAGE_LABELS
from ecoplan.app.plans import versions
from ecoplan.app.plans.queries import DISTRICTS
from ecoplan.app.units.models import Unit
from ecoplan.errors import InputError
from ecoplan.plan.roman import roman_classes

# Words that identify a source in a label (中央/省/警示片/专项/市级自查), most specific first.
SOURCE_WORDS = (("警示片", "warning_film"), ("中央", "central"), ("省", "provincial"),
                ("专项", "special"), ("自查", "city"), ("市", "city"))
STAGE_WORDS = (("短期", "short"), ("立行立改", "short"), ("中期", "medium"), ("长期", "long"),
               ("持续", "long"))
CITY_LEVEL = ("", "市级", "全市", "市本级")
DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})(?:\s*[-/.月]\s*(\d{1,2}))?")
SPLIT = re.compile(r"[、，,；;\n]+")
CITY_PREFIXES = ("市", "常州市")


@dataclass
class ItemFields:
    """An item's editable fields, checked."""

    code: str
    source: str
    batch: str
    description: str
    district: str
    units: list[str]
    measures: str
    deadline: dt.date
    stage: str
    task_uid: str | None = None
    target_uid: str | None = None


def parse_source(text: str) -> str:
    text = (text or "").strip()
    if text in SOURCE_LABELS:
        return text
    for word, source in SOURCE_WORDS:
        if word in text:
            return source
    raise InputError(f"无法识别的问题来源“{text}”（中央/省督察、警示片、专项督查、市级自查）",
                     field="问题来源")


def parse_stage(text: str) -> str:
    text = (text or "").strip()
    if not text:
        return "short"
    if text in STAGE_LABELS:
        return text
    for word, stage in STAGE_WORDS:
        if word in text:
            return stage
    raise InputError(f"无法识别的整改阶段“{text}”（短期/中期/长期）", field="阶段")


def parse_deadline(value) -> dt.date:
    """A date cell, ``2023-12-31``, ``2023年12月31日``, or ``2023年12月`` (the month's last day)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value or "").strip()
    match = DATE.search(text)
    if not match:
        raise InputError(f"无法识别的日期“{text}”" if text else "不能为空", field="整改时限")
    year, month = int(match[1]), int(match[2])
    try:
        day = int(match[3]) if match[3] else calendar.monthrange(year, month)[1]
        return dt.date(year, month, day)
    except ValueError:
        raise InputError(f"日期不存在“{text}”", field="整改时限") from None


def parse_district(text: str) -> str:
    text = (text or "").strip()
    if text in CITY_LEVEL:
        return ""
    for district in DISTRICTS:
        if text in (district, district.removesuffix("区").removesuffix("市")):
            return district
    raise InputError(f"未知辖市区“{text}”（{'、'.join(DISTRICTS)}，或留空表示市级）",
                     field="辖市区")


def unit_names(session: Session) -> dict[str, str]:
    """Every unit name and alias → the unit's name."""
    names: dict[str, str] = {}
    for unit in session.scalars(select(Unit).where(Unit.active.is_(True))):
        for alias in unit.aliases or []:
            names.setdefault(alias, unit.name)
        names[unit.name] = unit.name
    return names


def parse_units(text, known: dict[str, str]) -> list[str]:
    parts = [p.strip() for p in SPLIT.split(str(text or "")) if p.strip()]
    if not parts:
        raise InputError("不能为空", field="责任单位")
    found = {p: _known_unit(p, known) for p in parts}
    unknown = [p for p, name in found.items() if name is None]
    if unknown:
        raise InputError(f"单位名录中没有“{'、'.join(unknown)}”，请先在单位管理中添加",
                         field="责任单位")
    return list(dict.fromkeys(found[p] for p in parts))


def _known_unit(written: str, known: dict[str, str]) -> str | None:
    """The unit's name for a name or alias, also written without the city's prefix
    (“生态环境局” for 市生态环境局)."""
    for form in (written, *(p + written for p in CITY_PREFIXES)):
        if form in known:
            return known[form]
    return None


def task_titles(session: Session) -> dict[str, str]:
    """Task number → title in the latest published plan (the pickers show both)."""
    version = versions.latest_published(session)
    return {t.number: t.title for t in version.tasks} if version else {}


def task_numbers(session: Session) -> dict[str, str]:
    """Task number → uid in the latest published plan (to link an item to its task)."""
    version = versions.latest_published(session)
    return {t.number: t.uid for t in version.tasks} if version else {}


def target_metrics(session: Session) -> dict[str, str]:
    """Target name → uid: the metric as written in the plan, Roman numerals in one spelling
    (“劣Ⅴ类”); a name two targets share gets the task reference or scope after it."""
    version = versions.latest_published(session)
    found: dict[str, list] = {}
    for target in version.targets if version else []:
        found.setdefault(roman_classes(target.metric), []).append(target)
    names = {}
    for metric, targets in found.items():
        for target in targets:
            where = target.task_ref or target.scope or target.uid[:6]
            names[metric if len(targets) == 1 else f"{metric}（{where}）"] = target.uid
    return names


def parse_link(text, known: dict[str, str], *, field: str, what: str) -> str | None:
    """A task number or target metric (or the uid itself) → the uid, or None when empty."""
    key = roman_classes(str(text or "").strip().rstrip(".、"))
    if not key:
        return None
    if key in known.values():
        return key
    if key not in known:
        raise InputError(f"已发布的工作方案中没有{what}“{key}”", field=field)
    return known[key]


class FieldErrors(InputError):
    """Every field of one item that failed its check, each an :class:`InputError` naming it."""

    def __init__(self, errors: list[InputError]) -> None:
        super().__init__("；".join(f"{e.field}：{e.message}" if e.field else e.message
                                  for e in errors))
        self.errors = errors


def _checked(errors: list[InputError], parse, *args, **kwargs):
    """``parse(*args, **kwargs)``, or None with its error added to ``errors``."""
    try:
        return parse(*args, **kwargs)
    except InputError as err:
        errors.append(err)
        return None


def check_fields(raw: dict, *, known_units: dict[str, str], tasks: dict[str, str],
                 targets: dict[str, str]) -> ItemFields:
    """``raw`` (field → text or cell value) checked into :class:`ItemFields`.

    Every field is checked; :class:`FieldErrors` lists all that failed, in field order.
    """
    errors: list[InputError] = []
    values = dict(
        code=_checked(errors, required, str(raw.get("code") or ""), field="问题编号"),
        source=_checked(errors, parse_source, raw.get("source")),
        batch=str(raw.get("batch") or "").strip(),
        description=_checked(errors, required, str(raw.get("description") or ""),
                             field="问题描述"),
        district=_checked(errors, parse_district, raw.get("district")),
        units=_checked(errors, parse_units, raw.get("units"), known_units),
        measures=str(raw.get("measures") or "").strip(),
        deadline=_checked(errors, parse_deadline, raw.get("deadline")),
        stage=_checked(errors, parse_stage, raw.get("stage")),
        task_uid=_checked(errors, parse_link, raw.get("task"), tasks, field="关联任务",
                          what="任务"),
        target_uid=_checked(errors, parse_link, raw.get("target"), targets, field="关联目标",
                            what="目标"),
    )
    if errors:
        raise FieldErrors(errors)
    return ItemFields(**values)
