"""The project ledger as a spreadsheet: the import template and the export (same columns, so
an export edited in Excel imports again). Cells cannot run as formulas (``reports.xlsx``)."""

from __future__ import annotations

import datetime as dt

from ecoplan.app.plans.queries import DISTRICTS
from ecoplan.app.projects.fields import CITY, COLUMNS
from ecoplan.app.projects.importing import SHEET
from ecoplan.app.projects.models import CATEGORIES, Project
from ecoplan.app.projects.service import STATUS_LABELS, status
from ecoplan.reports.xlsx import Sheet, write_workbook

HEADERS = tuple(c.header for c in COLUMNS)
WIDTHS = tuple(c.width for c in COLUMNS)


def _row(project: Project) -> list:
    row = []
    for column in COLUMNS:
        if column.field.startswith("fund:"):
            row.append((project.funding or {}).get(column.field[5:]))
        elif column.field == "district":
            row.append(project.district or CITY)
        else:
            row.append(getattr(project, column.field))
    return row


TEMPLATE_ROWS = 500
HELP = (("项目编号", "必填，导入时按编号更新已有项目，新编号新建项目"),
        ("项目类别", "必填，从下拉列表选择（工作方案任务 31 的十类）"),
        ("责任单位", "必填，填写已登记的单位名称或别名"),
        ("所在辖市区", "辖市区名称；市级项目填“市级”或留空"),
        ("计划总投资（万元）", "必填，数字；分资金来源填写时，各来源合计须等于计划总投资"),
        ("日期", "如 2023-06-30；计划与实际日期须按 开工、主体完工、投运 的先后顺序"),
        ("导入规则", "逐格校验，有任何错误时不导入任何项目，并列出每处错误所在的工作表、行和列"))


def template() -> bytes:
    """An empty ledger to fill in (the data sheet's cells unlocked for :data:`TEMPLATE_ROWS`
    rows): drop-down lists for category and district, numbers only in the money columns; a
    second sheet explains the columns."""
    index = {c.field: i for i, c in enumerate(COLUMNS)}
    money = {i for i, c in enumerate(COLUMNS) if c.kind == "money"}
    sheet = Sheet(title=SHEET, columns=HEADERS, rows=[[None] * len(HEADERS)] * TEMPLATE_ROWS,
                  widths=WIDTHS, editable=set(range(len(HEADERS))),
                  choices={index["category"]: CATEGORIES, index["district"]: (*DISTRICTS, CITY)},
                  decimals=money, number_formats={i: "0.00" for i in money})
    return write_workbook([sheet, Sheet(title="填写说明", columns=("列", "说明"), rows=HELP,
                                        widths=(20, 80))])


def export(projects: list[Project], day: dt.date) -> bytes:
    """The ledger with each project's status on ``day`` (a last column the importer ignores)."""
    rows = [[*_row(p), STATUS_LABELS[status(p, day)]] for p in projects]
    sheet = Sheet(title=SHEET, columns=(*HEADERS, f"状态（{day.isoformat()}）"), rows=rows,
                  widths=(*WIDTHS, 14), wrap={1, 7})
    return write_workbook([sheet])
