"""Project ledgers for the tests: the downloaded template filled with given rows."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from ecoplan.app.projects.exporting import HEADERS, template

GOOD = {"项目编号": "XM-1", "项目名称": "武进区湖塘污水处理厂提标改造", "项目类别": "城镇污水处理设施",
        "责任单位": "市生态环境局", "所在辖市区": "武进区", "计划总投资（万元）": 1000,
        "累计完成投资（万元）": 250, "市级财政（万元）": 600, "社会资本（万元）": 400,
        "计划开工日期": "2023-03-01", "实际开工日期": "2023-03-10",
        "计划主体完工日期": "2023-12-31", "计划投运日期": "2024-03-31"}


def row(**changes) -> dict:
    return {**GOOD, **changes}


def xlsx(rows: list[dict], *, from_template: bool = True) -> bytes:
    """The template with ``rows`` (header → value) written below its header."""
    workbook = load_workbook(io.BytesIO(template()))
    sheet = workbook["重点工程项目"]
    for r, values in enumerate(rows, start=2):
        for header, value in values.items():
            sheet.cell(row=r, column=HEADERS.index(header) + 1, value=value)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def upload(client, data: bytes, name: str = "projects.xlsx"):
    return client.post("/api/projects/import", files={"file": (name, data)})
