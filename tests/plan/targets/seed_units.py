"""Split a plan like the seed into its goals paragraph, tasks and numbered sub-items.

A small stand-in for the real outline (``plan-read``) so the finders can be scored per task
on their own: lines "一、…目标" open the goals, "N." a task, "(N)" a sub-item; a paragraph
without a number continues the task (or sub-item) above it.
"""

from __future__ import annotations

import re

_TOP_RE = re.compile(r"^\s*[一二三四五六七八九十]+、")
_TASK_RE = re.compile(r"^\s*(\d+)[.．、]\s*")
_SUB_RE = re.compile(r"^\s*[（(](\d+)[）)]")
_SECTION_RE = re.compile(r"^\s*[（(][一二三四五六七八九十]+[）)]")


def split_units(text: str) -> list[tuple[str, str]]:
    """``[(owner, paragraph text)]`` with owner ``"goal"``, ``"12"`` or ``"23(2)"``."""
    units: list[tuple[str, str]] = []
    top = owner = None
    task = None
    for line in text.splitlines():
        if _TOP_RE.match(line):
            top, owner = line.strip(), None
            continue
        if top is None or "保障" in top:
            continue
        if "目标" in top:
            units.append(("goal", line))
        elif _SECTION_RE.match(line):
            owner = None
        elif m := _TASK_RE.match(line):
            task = owner = m.group(1)
            units.append((owner, line))
        elif (m := _SUB_RE.match(line)) and task:
            owner = f"{task}({m.group(1)})"
            units.append((owner, line))
        elif owner and line.strip():
            units.append((owner, line))
    return units
