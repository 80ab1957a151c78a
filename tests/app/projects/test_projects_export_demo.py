"""The export (formula injection neutralised, imports again) and the demo's synthetic ledger."""

from __future__ import annotations

import io
import random
import re
from collections import Counter

from openpyxl import load_workbook

from ecoplan.app.db import unit_of_work
from ecoplan.app.plans.demo import SEED
from ecoplan.app.projects.demo import PLAN, TOTAL, projects as demo_projects
from ecoplan.app.projects.importing import save
from ecoplan.app.projects.models import CATEGORIES
from ecoplan.app.status.demo import AS_OF
from projects_sheets import upload


def test_export_neutralises_formulas_and_imports_again(login_as, db, people):
    with unit_of_work(db) as session:
        save(session, {"code": "X-1", "name": "=HYPERLINK(\"http://evil\",\"点我\")",
                       "category": CATEGORIES[0], "owner": "市生态环境局", "district": "",
                       "invest_planned": 10.0, "location": "@SUM(A1)"}, actor="test")
    admin = login_as("admin")
    data = admin.get("/projects/export.xlsx").content
    sheet = load_workbook(io.BytesIO(data))["重点工程项目"]
    cells = {c.value for c in sheet[2]}
    assert "'=HYPERLINK(\"http://evil\",\"点我\")" in cells and "'@SUM(A1)" in cells
    assert not any(isinstance(v, str) and v.startswith("=") for v in cells)
    again = upload(admin, data)
    assert again.status_code == 200, again.json()
    assert again.json()["created"] == 0


def test_demo_ledger_has_the_seeds_counts_and_money():
    text = SEED.read_text(encoding="utf-8")
    task = next(line for line in text.splitlines() if "推进实施93个" in line)
    assert "计划总投资175亿元" in task and TOTAL == 175 * 10_000  # 亿元 → 万元
    seed_counts = [int(n) for n in re.findall(r"项目(\d+)项", task)]
    assert seed_counts == [PLAN[c][0] for c in CATEGORIES] and sum(seed_counts) == 93
    rows = demo_projects(random.Random(31))
    assert Counter(r["category"] for r in rows) == {c: PLAN[c][0] for c in CATEGORIES}
    assert sum(r["invest_planned"] for r in rows) == TOTAL
    assert all(r["synthetic"] and "合成数据" in r["content"] for r in rows)
    for r in rows:
        assert all(r[k] <= AS_OF for k in r if k.endswith("_actual"))
        assert abs(sum(r["funding"].values()) - r["invest_planned"]) < 0.01
        assert 0 <= r["invest_done"] <= r["invest_planned"]
