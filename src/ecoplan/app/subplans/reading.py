"""A sub-plan document read like the city plan (the same readers and parser) into its items."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ecoplan.errors import InputError
from ecoplan.plan.build import parse_plan
from ecoplan.plan.readers import read_bytes

ALLOWED_SUFFIXES = (".txt", ".htm", ".html", ".docx", ".pdf", ".xlsx")
TEXT_NAME = "在线填写.txt"
"""The name a plan written in the app is read under."""


@dataclass
class ReadItem:
    kind: str
    number: str
    title: str
    text: str
    units: list[str] = field(default_factory=list)
    deadline: dt.date | None = None
    metric: str = ""


@dataclass
class ReadPlan:
    title: str
    text: str
    items: list[ReadItem]
    warnings: list[dict]


def check_name(name: str) -> str:
    base = Path(name or "").name
    if Path(base).suffix.lower() not in ALLOWED_SUFFIXES:
        raise InputError(f"不支持的文件类型，请上传 {' / '.join(ALLOWED_SUFFIXES)} 文件",
                         file=base, field="文件")
    return base


def _units(task: dict) -> list[str]:
    return [entry["name"] for entries in (task.get("responsibility") or {}).values()
            for entry in entries]


def _deadline(task: dict) -> dt.date | None:
    dates = [d["date"] for d in task.get("deadlines", []) if d.get("date")]
    return dt.date.fromisoformat(max(dates)) if dates else None


def read_subplan(data: bytes, *, name: str, year: int, max_bytes: int) -> ReadPlan:
    """The sub-plan's measures (its numbered tasks) and goals (targets of its 工作目标).

    Raises
    ------
    InputError
        The file cannot be read or holds no numbered measure.
    """
    name = check_name(name)
    if not data.strip():
        raise InputError("文件为空", file=name)
    document = read_bytes(data, name=name, max_bytes=max_bytes)
    parsed = parse_plan(document, year=year)
    items = [ReadItem("task", str(t["number"]), t["title"], t.get("text") or t["title"],
                      _units(t), _deadline(t)) for t in parsed["tasks"]]
    items += [ReadItem("target", f"目标{n}", _goal_title(g), g.get("text") or "",
                       deadline=dt.date.fromisoformat(g["deadline"]) if g.get("deadline") else None,
                       metric=g.get("metric") or "")
              for n, g in enumerate((g for g in parsed["targets"] if g.get("task") == "goal"), 1)]
    title = _title(document.text) or parsed["document"].get("title") or name
    return ReadPlan(title=title[:300], text=document.text, items=items,
                    warnings=parsed.get("warnings", []))


def _goal_title(goal: dict) -> str:
    """The goal as written, prefixed with its metric when the text leaves it out (``90%``)."""
    text, metric = goal.get("text") or "", goal.get("metric") or ""
    return text if metric and metric in text else f"{metric}：{text}" if text else metric


def _title(text: str) -> str:
    """The first line naming a plan (计划, 方案, 清单), else empty."""
    for line in text.splitlines()[:15]:
        line = line.strip()
        if line and any(word in line for word in ("计划", "方案", "清单")) and len(line) <= 80:
            return line
    return ""
