"""The status tables as a spreadsheet: goals, tasks, units and districts with their status and why.

Built from the overview dict (``dashboard.overview``), so the sheet says exactly what the
overview page says, and from what features above the status add to it
(:class:`~ecoplan.app.core.manifest.ExportPart` of export :data:`EXPORT`: the money of each task
and target); written through ``ecoplan.reports.xlsx`` (frozen header, filters, formula
injection neutralised).
"""

from __future__ import annotations

from typing import Sequence

from ecoplan.app import versions
from ecoplan.app.core.manifest import ExportAddition, ExportColumns, ExportPart
from ecoplan.app.permissions import can
from ecoplan.reports.xlsx import Sheet, write_workbook

EXPORT = "status.workbook"
"""The name features add their :class:`ExportPart` to."""

COMPARATORS = {"<=": "≤", ">=": "≥", "<": "<", ">": ">", "==": "="}


def _why(status: dict) -> str:
    return (status.get("why") or {}).get("text", "")


def _goal_rows(goals: list[dict]) -> list[list]:
    return [[g["text"], g.get("current"), COMPARATORS.get(g["comparator"], g["comparator"]),
             g["value"], g["unit"], g.get("projection"), g["status"]["label"], _why(g["status"])]
            for g in goals]


def _task_rows(tasks: list[dict]) -> list[list]:
    return [[t["number"], t["title"], t.get("lead") or [], t.get("districts") or [],
             t["status"]["label"], _why(t["status"])] for t in tasks]


def _unit_rows(units: list[dict]) -> list[list]:
    return [[u.get("rank"), u["name"], u["item_count"], u["reported"], u["completeness"],
             u["reports"], u["on_time"], u["timeliness"], u["status"]["label"],
             _why(u["status"])] for u in units]


UNIT_COLUMNS = ["排名", "单位", "应报事项", "已报事项", "完整率(%)", "报告份数", "按时份数",
                "及时率(%)", "状态", "依据"]


def _extend(sheet: Sheet, keys: list[str], added: list[ExportColumns]) -> Sheet:
    """``sheet`` with the added columns after its own (row ``i`` is the item ``keys[i]``; rows
    past ``keys``, such as a note, get no cells)."""
    rows = [list(r) for r in sheet.rows]
    for extra in added:
        start = len(sheet.columns)
        sheet.columns = [*sheet.columns, *extra.headers]
        sheet.number_formats = {**sheet.number_formats,
                                **{start + i: f for i, f in extra.number_formats.items()}}
        for i, key in enumerate(keys):
            rows[i] += list(extra.values.get(key) or [None] * len(extra.headers))
    sheet.rows = rows
    return sheet


def status_sheets(overview: dict, additions: Sequence[ExportAddition] = ()) -> list[Sheet]:
    """The overview's tables (评估日期 and a synthetic-data note in the goals sheet) with the
    features' ``additions``, for the .xlsx and the print view alike."""
    note = f"评估日期 {overview['as_of']}"
    if overview.get("synthetic"):
        note += "；监测数据为演示用合成数据"
    goals = Sheet("工作目标", ["目标", "当前值", "比较", "目标值", "单位", "年末预计", "状态", "依据"],
                  _goal_rows(overview["goals"]) + [[note]], wrap={0, 7})
    tasks = Sheet("重点任务", ["序号", "任务", "牵头单位", "涉及辖市区", "状态", "依据"],
                  _task_rows(overview["tasks"]), wrap={1, 5})
    for name, sheet in (("goals", goals), ("tasks", tasks)):
        _extend(sheet, [row["uid"] for row in overview[name]],
                [a.columns[name] for a in additions if name in a.columns])
    return [goals, tasks,
            Sheet("责任单位", UNIT_COLUMNS, _unit_rows(overview["units"]), wrap={9}),
            Sheet("辖市区", UNIT_COLUMNS, _unit_rows(overview["districts"]), wrap={9}),
            *(sheet for a in additions for sheet in a.sheets)]


def parts_for(all_parts: dict, user) -> list[ExportPart]:
    """The parts of the status workbook ``user`` may see (``app.state.export_parts``)."""
    return [p for p in all_parts.get(EXPORT, ()) if can(user, p.action)]


def _build(session, part: ExportPart, overview: dict, user) -> ExportAddition | None:
    if part.audience is None:
        return part.build(session, overview)
    return part.build(session, overview, part.audience(user))


def additions(session, parts: Sequence[ExportPart], overview: dict,
              user=None) -> list[ExportAddition]:
    """What ``parts`` add for ``user`` (a part with an audience: for the user's class)."""
    return [a for p in parts if (a := _build(session, p, overview, user)) is not None]


_MADE: list[tuple[dict, tuple, bytes]] = []
"""The last workbooks made, with the kept overview each was made of (held: its id stays its
own) and the versions of what the parts read, so a kept overview is written out once per
version of the features' additions (a change of money makes it again)."""
KEPT_WORKBOOKS = 8


def status_workbook(session, overview: dict, parts: Sequence[ExportPart] = (),
                    user=None) -> bytes:
    """The overview's tables with ``parts``' additions for ``user`` as .xlsx bytes, made once
    per kept overview, version of the tables the parts read and visibility class of ``user``
    for the parts that have one (not kept while ``session`` has written one of the tables)."""
    tables = sorted({t for p in parts for t in p.tables})
    classes = tuple(p.audience(user) if p.audience else None for p in parts)
    key = (tuple(id(p) for p in parts), classes, versions.read(session, tables) if tables else ())
    keep = not (versions.touched(session) & set(tables))
    made = next((data for kept, k, data in list(_MADE) if kept is overview and k == key), None)
    if made is None or not keep:
        made = write_workbook(status_sheets(overview, additions(session, parts, overview, user)))
        if keep:
            _MADE.append((overview, key, made))
            del _MADE[:-KEPT_WORKBOOKS]
    return made
