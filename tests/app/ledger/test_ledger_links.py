"""Items linked to a task or target of the published plan, by number or metric."""

from __future__ import annotations

import io

from openpyxl import load_workbook
from sqlalchemy import select

from ledger_sheets import xlsx
from ecoplan.app.db import unit_of_work
from ecoplan.app.ledger.models import LedgerItem
from ecoplan.app.plans.models import Target, Task

HEADER = ("问题编号", "问题来源", "问题描述", "责任单位", "整改时限", "关联任务", "关联目标")


def test_import_links_and_pages_show_them(db, login_as, published):
    admin = login_as("admin")
    bad = [("L-1", "市级自查", "问题", "市生态环境局", "2023-12-31", "99", ""),
           ("L-2", "市级自查", "问题", "市生态环境局", "2023-12-31", "", "不存在的指标")]
    failed = admin.post("/ledger/import", files={"file": ("t.xlsx", xlsx(bad, header=HEADER))})
    assert failed.status_code == 422
    assert "已发布的工作方案中没有任务“99”" in failed.text and "没有目标“不存在的指标”" in failed.text
    good = [("L-1", "市级自查", "扬尘", "市生态环境局", "2023-12-31", "11", "PM2.5浓度")]
    assert admin.post("/ledger/import", files={"file": ("t.xlsx", xlsx(good, header=HEADER))}).status_code == 303
    with unit_of_work(db) as s:
        item = s.scalar(select(LedgerItem).where(LedgerItem.code == "L-1"))
        task = s.scalar(select(Task).where(Task.uid == item.task_uid))
        target = s.scalar(select(Target).where(Target.uid == item.target_uid))
        assert (task.number, target.metric) == ("11", "PM2.5浓度")
    page = admin.get(f"/ledger/{item.id}").text
    assert "第 11 项重点任务" in page and "PM2.5浓度" in page
    sheet = load_workbook(io.BytesIO(admin.get("/ledger/export.xlsx").content)).active
    row = dict(zip([c.value for c in sheet[1]], [c.value for c in sheet[2]]))
    assert (row["关联任务"], row["关联目标"]) == ("11", "PM2.5浓度")
    form = admin.get("/ledger/new").text
    assert '<option value="PM2.5浓度"' in form and "第 11 项" in form
