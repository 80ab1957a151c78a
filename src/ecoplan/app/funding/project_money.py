"""The key projects' money in the status workbook (``/status/export.xlsx`` and its print view):
per task, the planned investment of its key projects by source and the investment done (万元),
as two columns of 重点任务 and a sheet 重点工程项目投资（按任务）.

Only the projects the user sees on the pages (``projects.service.sees``: the office and viewers
all, a district those in it or owned by it, a unit its own): the addition is built for the
user's visibility class (:func:`audience`), not for the user, and the kept workbook is keyed on
that class, so two users who see the same projects share one file and no user receives one
made for another class. The ledger does not split the investment done by source: it is a total
per task, beside the planned amounts by source (``未分来源``: projects with no split).
"""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecoplan.app.core.manifest import ExportAddition, ExportColumns, ExportPart
from ecoplan.app.funding.summary import project_sources
from ecoplan.app.permissions import OFFICE_ROLES, unit_name
from ecoplan.app.projects.models import SOURCES, Project, to_money
from ecoplan.app.projects.service import sees
from ecoplan.reports.xlsx import ColumnGroup, Sheet

ZERO = Decimal("0.00")
MONEY = "0.00"
SHEET = "重点工程项目投资（按任务）"
UNSPLIT = "未分来源"
COLUMNS = ("重点工程项目计划投资（万元）", "重点工程项目完成投资（万元）")


def audience(user) -> tuple[str, str | None]:
    """Who ``user`` is to the projects' visibility (``permissions.owner_or_district``): the
    office and viewers alike (every project), else the role with the unit's name."""
    if user is None:
        return ("", None)
    if user.role in OFFICE_ROLES:
        return ("viewer", None)
    return (user.role, unit_name(user))


def visible(session: Session, who: tuple[str, str | None]) -> list[Project]:
    """The projects a user of class ``who`` sees, by the pages' own rule."""
    reader = SimpleNamespace(role=who[0], unit_name=who[1]) if who[0] else None
    return [p for p in session.scalars(select(Project).order_by(Project.code)) if sees(reader, p)]


def _per_task(projects: list[Project]) -> dict[str, dict]:
    found: dict[str, dict] = {}
    for p in projects:
        row = found.setdefault(p.task or "", {"count": 0, "done": ZERO, "planned": ZERO,
                                              **{s: ZERO for s in (*SOURCES, UNSPLIT)}})
        split = project_sources(p)
        for source, amount in (split or {UNSPLIT: to_money(p.invest_planned)}).items():
            row[source] += amount
        row["count"] += 1
        row["planned"] += to_money(p.invest_planned)
        row["done"] += to_money(p.invest_done)
    return found


def _line(row: dict) -> list:
    rate = float(round(row["done"] / row["planned"] * 100, 1)) if row["planned"] else None
    return [row["count"], *(float(row[s]) for s in (*SOURCES, UNSPLIT)),
            float(row["planned"]), float(row["done"]), rate]


def _total(rows: list[dict]) -> dict:
    keys = ("count", "done", "planned", *SOURCES, UNSPLIT)
    return {k: sum((r[k] for r in rows), 0 if k == "count" else ZERO) for k in keys}


def project_sheet(tasks: list[dict], found: dict[str, dict], *, everyone: bool,
                  synthetic: bool) -> Sheet:
    titles = {t["number"]: t["title"] for t in tasks}
    order = [t["number"] for t in tasks if t["number"] in found] + \
        sorted(n for n in found if n not in titles)
    body = [[n or "—", titles.get(n, ""), *_line(found[n])] for n in order]
    body.append(["合计", "", *_line(_total(list(found.values())))])
    if not everyone:
        body.append(["注：仅含本单位可查看的项目（本单位负责的；辖市区为辖区内的）"])
    if synthetic:
        body.append(["注：含演示用合成数据（标为合成数据的项目）"])
    sources = (*SOURCES, UNSPLIT, "合计")
    headers = [f"计划投资{s}（万元）" for s in sources]
    return Sheet(SHEET, ["任务", "任务名称", "项目数", *headers, "完成投资（万元）", "投资完成率(%)"],
                 body, widths=(6, 34, 7, *(11,) * len(headers), 12, 11), wrap={1},
                 number_formats={3 + i: MONEY for i in range(len(headers) + 1)} | {
                     3 + len(headers) + 1: "0.0"},
                 groups=(ColumnGroup(3, "计划投资（按来源）", sources),
                         ColumnGroup(3 + len(sources), "完成投资", ("金额", "完成率(%)"))),
                 legend="金额单位：万元。完成投资为项目月报审核通过后的累计完成投资，台账不按来源拆分。")


def status_addition(session: Session, overview: dict, who) -> ExportAddition | None:
    """The key projects' money per task for users of class ``who``; None when they see none."""
    projects = visible(session, who)
    if not projects:
        return None
    found = _per_task(projects)
    uids = {t["number"]: t["uid"] for t in overview["tasks"]}
    values = {uids[n]: (float(r["planned"]), float(r["done"])) for n, r in found.items()
              if n in uids}
    sheet = project_sheet(overview["tasks"], found, everyone=who[0] == "viewer",
                          synthetic=any(p.synthetic for p in projects))
    return ExportAddition(columns={"tasks": ExportColumns(COLUMNS, values, {0: MONEY, 1: MONEY})},
                          sheets=(sheet,))


PROJECTS_PART = ExportPart("status.workbook", "projects.view", (Project.__tablename__,),
                           status_addition, audience=audience)
