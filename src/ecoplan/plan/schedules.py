"""A plan's schedule (实施步骤 / 时间安排): its dated phases are tasks, even where they name no unit.

Schedules are written as numbered phases under their heading ("四、实施步骤及时间安排 1、动员发动阶段
(2007年12月10日前)。…") or as unnumbered lines ("三、实施步骤 第一阶段:组织部署(2008年11月5日之前)。…"),
or run on in one paragraph, dated by ranges of years ("第一阶段(2016年—2018年):…。 第二阶段(2019年—2020年):…").
Each numbered phase is a task with its own dates; a heading whose phases are unnumbered lines is
one task holding them all (the dates of every phase are its deadlines). Such tasks are marked
``phase``: no "未写明责任单位" warning is given for them.
"""

from __future__ import annotations

import re

from ecoplan.plan.outline import Node, nodes

#: A schedule's heading: 实施步骤, 时间安排, 进度安排, 工作步骤, 阶段安排, 时间进度.
_HEADING_RE = re.compile(r"步骤|时间安排|进度安排|阶段安排|时间进度|时间步骤")
_HEADING_MAX = 15
#: A phase: "动员发动阶段(2007年12月10日前)", "第一阶段:组织部署(…)", dated by a month.
_PHASE_RE = re.compile(r"阶段")
_DATED_RE = re.compile(r"\d{1,2}\s*月|[一二三四五六七八九十]{1,2}月|\d{4}\s*年?\s*[—–\-~～至到]+\s*\d{4}\s*年")
_PHASE_LINE_RE = re.compile(r"^第[一二三四五六七八九十\d]{1,3}阶段")
#: Phases run on in one paragraph ("第一阶段(2016年—2018年):…。 第二阶段(2019年—2020年):…"), each
#: dated in the bracket after it.
_PHASE_RUN_RE = re.compile(r"(?:^|(?<=[。；;\s]))第[一二三四五六七八九十\d]{1,3}阶段\s*[（(][^()（）]{4,30}[)）]")
_MIN_PHASES = 2


def with_schedule_phases(text: str, roots: list[Node], tasks: list[Node]) -> list[Node]:
    """``tasks`` plus the phases of every schedule not already among them or inside one."""
    covered = {id(n) for t in tasks for n in t.walk()}
    extra = []
    for node in nodes(roots):
        if id(node) in covered or not _HEADING_RE.search(node.title) or len(node.title) > _HEADING_MAX:
            continue
        extra += _phases(text, node, covered)
    if not extra:
        return tasks
    for node in extra:
        node.phase = True
    return sorted(tasks + extra, key=lambda n: n.start)


def _phases(text: str, heading: Node, covered: set[int]) -> list[Node]:
    if heading.children:
        phases = [c for c in heading.children if _PHASE_RE.search(c.title) and _DATED_RE.search(c.title)]
        whole = len(phases) == len(heading.children) and not any(id(c) in covered for c in heading.children)
        return phases if whole and len(phases) >= _MIN_PHASES else []
    lines = [text[s:e].strip() for s, e in heading.paragraphs[1:]]
    dated = [line for line in lines if _PHASE_LINE_RE.match(line) and _DATED_RE.search(line)]
    run = [m for line in lines for m in _PHASE_RUN_RE.finditer(line) if _DATED_RE.search(m.group())]
    return [heading] if max(len(dated), len(run)) >= _MIN_PHASES else []
