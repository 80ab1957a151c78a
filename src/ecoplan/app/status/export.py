"""The status tables as a spreadsheet: goals, tasks, units and districts with their status and why.

Built from the overview dict (``dashboard.overview``) only, so the sheet says exactly what the
overview page says; written through ``ecoplan.reports.xlsx`` (frozen header, filters, formula
injection neutralised).
"""

from __future__ import annotations

from ecoplan.reports.xlsx import Sheet, write_workbook

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


def status_sheets(overview: dict) -> list[Sheet]:
    """The overview's tables (评估日期 and a synthetic-data note in the goals sheet), for the .xlsx
    and the print view alike."""
    note = f"评估日期 {overview['as_of']}"
    if overview.get("synthetic"):
        note += "；监测数据为演示用合成数据"
    goals = Sheet("工作目标", ["目标", "当前值", "比较", "目标值", "单位", "年末预计", "状态", "依据"],
                  _goal_rows(overview["goals"]) + [[note]], wrap={0, 7})
    tasks = Sheet("重点任务", ["序号", "任务", "牵头单位", "涉及辖市区", "状态", "依据"],
                  _task_rows(overview["tasks"]), wrap={1, 5})
    return [goals, tasks,
            Sheet("责任单位", UNIT_COLUMNS, _unit_rows(overview["units"]), wrap={9}),
            Sheet("辖市区", UNIT_COLUMNS, _unit_rows(overview["districts"]), wrap={9})]


_MADE: list[tuple[dict, bytes]] = []
"""The last workbooks made, with the kept overview each was made of (held: its id stays its
own), so a kept overview is written out once."""
KEPT_WORKBOOKS = 4


def status_workbook(overview: dict) -> bytes:
    """The overview's tables as .xlsx bytes (made once per kept overview)."""
    made = next((data for kept, data in list(_MADE) if kept is overview), None)
    if made is None:
        made = write_workbook(status_sheets(overview))
        _MADE.append((overview, made))
        del _MADE[:-KEPT_WORKBOOKS]
    return made
