"""A parsed plan (``ecoplan.plan/1``) for people: a Rich terminal view and the clerk's workbook.

:func:`plan_table` shows the document header, the goals, then each section's tasks with their
units, deadlines and the targets beneath each task. :func:`plan_sheets` gives the sheets a
clerk would otherwise type by hand (任务, 指标, 责任单位, 提示), written with
:func:`ecoplan.reports.xlsx.write_workbook`.
"""

from __future__ import annotations

from datetime import date

from rich import box
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ecoplan.plan.reading import relative_words
from ecoplan.reports.xlsx import Sheet

SYMBOLS = {"<=": "≤", ">=": "≥", "<": "<", ">": ">", "==": "="}
ROLES = (("lead", "牵头单位"), ("cooperating", "配合单位"), ("shared", "按职责分工负责"),
         ("implementers", "负责落实"))
GOAL = "goal"
NO_SECTION = "（未分节）"
DOCUMENT_FIELDS = (("doc_number", "文号"), ("issuer", "发文机关"), ("signed", "成文日期"),
                   ("published", "公开日期"), ("region", "地区"), ("year", "年度"))


def format_value(value) -> str:
    """A target value as written: 31 → ``"31"``, 80.0 → ``"80.0"``, None → ``""``."""
    return "" if value is None else repr(value) if isinstance(value, float) else str(value)


def target_line(target: dict) -> str:
    """``PM2.5浓度（全市）≤ 31微克/立方米，期限 2023-12-31`` with 较基准 and 力争 where they apply."""
    scope = f"（{target['scope']}）" if target.get("scope") else ""
    words = relative_words(target.get("comparator"), target.get("value"), target.get("unit"),
                           target.get("baseline"), target.get("text"))
    if words:  # "不低于2022年", "逐年下降" as written, not "≥ 0%"
        words = target.get("words") or words
        line = f"{target.get('metric') or ''}{scope} {words}"
    else:
        line = f"{target.get('metric') or ''}{scope} {SYMBOLS.get(target.get('comparator'), '?')} "
        line += f"{format_value(target.get('value'))}{target.get('unit') or ''}"
        line += "左右" if target.get("approximate") else ""
        if target.get("baseline"):
            line += f"（较{target['baseline']}）"
    if target.get("soft"):
        line += "〔力争〕"
    if target.get("deadline"):
        line += f"，期限 {target['deadline']}"
    return line


def unit_names(task: dict, role: str) -> list[str]:
    return [u["name"] for u in (task.get("responsibility") or {}).get(role) or []]


def deadline_lines(task: dict) -> list[str]:
    """``2023-06-30 6月底前，…``; a start reads ``2023-06-01 起 …`` (it is due by no date)."""
    return [f"{d.get('date') or '?'}{' 起' if d.get('kind') == 'start' else ''} {d.get('text') or ''}".strip()
            for d in task.get("deadlines") or []]


def section_titles(plan: dict) -> dict[str, str]:
    """Section id → its heading as written (the last step of its path)."""
    return {s["id"]: (s.get("path") or [s.get("title") or s["id"]])[-1] for s in plan.get("sections") or []}


def targets_by_task(plan: dict) -> dict[str, list[dict]]:
    """Task number → its targets; a sub-item's targets (``"23(2)"``) go with task ``"23"``."""
    grouped: dict[str, list[dict]] = {}
    for target in plan.get("targets") or []:
        grouped.setdefault(str(target.get("task")).split("(")[0], []).append(target)
    return grouped


def plan_table(plan: dict) -> RenderableType:
    """The plan as a Rich renderable: header, goals, then per section a table of its tasks."""
    targets = targets_by_task(plan)
    known = {u["name"] for u in plan.get("units") or [] if u.get("known", True)}
    parts: list[RenderableType] = [_header(plan)]
    if targets.get(GOAL):
        parts.append(_goals(targets[GOAL]))
    titles = section_titles(plan)
    for section, tasks in _tasks_by_section(plan).items():
        parts.append(_section_table(titles.get(section, NO_SECTION), tasks, targets, known))
    if plan.get("warnings"):
        parts.append(_warnings(plan["warnings"]))
    return Group(*parts)


def _header(plan: dict) -> Panel:
    document = plan.get("document") or {}
    lines = Text(document.get("title") or "（未识别标题）", style="bold")
    for key, label in DOCUMENT_FIELDS:
        if document.get(key) is not None:
            lines.append(f"\n{label}：{document[key]}")
    counts = (f"\n任务 {len(plan.get('tasks') or [])} 项 · 指标 {len(plan.get('targets') or [])} 个 · "
              f"责任单位 {len(plan.get('units') or [])} 个 · 提示 {len(plan.get('warnings') or [])} 条")
    lines.append(counts, style="dim")
    return Panel(lines, title="工作方案", box=box.ROUNDED)


def _goals(goals: list[dict]) -> Table:
    table = Table(title="工作目标", box=box.SIMPLE_HEAVY, show_lines=False, title_justify="left")
    table.add_column("指标")
    table.add_column("目标", no_wrap=True)
    table.add_column("期限", no_wrap=True)
    for target in goals:
        scope = f"（{target['scope']}）" if target.get("scope") else ""
        goal = f"{SYMBOLS.get(target.get('comparator'), '?')} {format_value(target.get('value'))}{target.get('unit') or ''}"
        table.add_row(f"{target.get('metric') or ''}{scope}", goal + ("〔力争〕" if target.get("soft") else ""),
                      target.get("deadline") or "")
    return table


def _tasks_by_section(plan: dict) -> dict[str | None, list[dict]]:
    grouped: dict[str | None, list[dict]] = {}
    for task in plan.get("tasks") or []:
        grouped.setdefault(task.get("section"), []).append(task)
    return grouped


def _section_table(title: str, tasks: list[dict], targets: dict, known: set[str]) -> Table:
    table = Table(title=title, box=box.SIMPLE_HEAVY, show_lines=True, title_justify="left", expand=True)
    table.add_column("序号", no_wrap=True)
    table.add_column("任务与指标", ratio=5, overflow="fold")
    table.add_column("责任单位", ratio=3, overflow="fold")
    table.add_column("完成时限", ratio=2, overflow="fold")
    for task in tasks:
        body = Text(task.get("title") or "", style="bold")
        for target in targets.get(str(task.get("number")), []):
            body.append("\n· " + target_line(target), style="cyan")
        table.add_row(str(task.get("number") or ""), body, _duties(task, known), "\n".join(deadline_lines(task)))
    return table


def _duties(task: dict, known: set[str]) -> Text:
    """One line per role that has units (牵头：… / 配合：…); units not in the gazetteer in yellow."""
    text = Text()
    for role, label in ROLES:
        names = unit_names(task, role)
        if not names:
            continue
        text.append(("\n" if text else "") + label.removesuffix("单位") + "：", style="dim")
        for i, name in enumerate(names):
            text.append(("、" if i else "") + name, style="" if name in known else "yellow")
    return text


def _warnings(warnings: list[dict]) -> Table:
    table = Table(title=f"提示（{len(warnings)} 条，请人工核对）", box=box.SIMPLE, title_justify="left")
    table.add_column("说明")
    table.add_column("原文")
    for w in warnings:
        table.add_row(w.get("message") or "", w.get("text") or "")
    return table


def plan_sheets(plan: dict) -> list[Sheet]:
    """The workbook a clerk would type: 任务, 指标, 责任单位 and (when there are any) 提示."""
    sheets = [_task_sheet(plan), _target_sheet(plan), _unit_sheet(plan)]
    if plan.get("warnings"):
        sheets.append(Sheet("提示", ["说明", "原文"], [[w.get("message"), w.get("text")] for w in plan["warnings"]],
                            wrap={1}))
    return sheets


TASK_COLUMNS = ["序号", "章节", "任务", "牵头单位", "配合单位", "按职责分工负责", "负责落实", "涉及辖市区", "完成时限", "原文"]
TARGET_COLUMNS = ["任务", "指标", "范围", "比较", "目标值", "单位", "基准", "力争", "期限", "原文"]
UNIT_COLUMNS = ["单位", "别名", "类型", "在名录中", "牵头任务", "配合任务", "按职责分工负责", "负责落实"]


def _task_sheet(plan: dict) -> Sheet:
    titles = section_titles(plan)
    rows = [
        [task.get("number"), titles.get(task.get("section"), ""), task.get("title"),
         *(unit_names(task, role) for role, _ in ROLES), task.get("districts") or [],
         "\n".join(deadline_lines(task)), task.get("text")]
        for task in plan.get("tasks") or []
    ]
    return Sheet("任务", TASK_COLUMNS, rows, widths=[6, 24, 36, 20, 30, 20, 20, 16, 30, 60], wrap={2, 4, 8, 9})


def _target_sheet(plan: dict) -> Sheet:
    rows = [
        ["工作目标" if t.get("task") == GOAL else t.get("task"), t.get("metric"), t.get("scope"),
         SYMBOLS.get(t.get("comparator"), t.get("comparator")), t.get("value"), t.get("unit"), t.get("baseline"),
         "力争" if t.get("soft") else "", _date(t.get("deadline")), t.get("text")]
        for t in plan.get("targets") or []
    ]
    return Sheet("指标", TARGET_COLUMNS, rows, widths=[8, 30, 12, 6, 10, 14, 10, 6, 12, 60], wrap={1, 9})


def _unit_sheet(plan: dict) -> Sheet:
    duties: dict[tuple[str, str], list[str]] = {}
    for task in plan.get("tasks") or []:
        for role, _ in ROLES:
            for name in unit_names(task, role):
                duties.setdefault((name, role), []).append(str(task.get("number")))
    rows = [
        [u["name"], u.get("aliases") or [], u.get("kind"), "是" if u.get("known", True) else "否",
         *(duties.get((u["name"], role), []) for role, _ in ROLES)]
        for u in plan.get("units") or []
    ]
    return Sheet("责任单位", UNIT_COLUMNS, rows, wrap={1, 4, 5, 6, 7})


def _date(value):
    """ISO text → a date, so the column sorts and filters as dates in Excel/WPS."""
    try:
        return date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return value
