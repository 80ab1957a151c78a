"""Money per task/target by source: the office's entry checked, totals by source computed by
hand, the task page, the .xlsx export (formula injection neutralised), who may do what."""

from __future__ import annotations

import io
from decimal import Decimal

from openpyxl import load_workbook

from ecoplan.app.funding.models import ItemFunding
from ecoplan.app.progress import todo


def _items(env):
    with env.session() as s:
        version = todo.published(s)
        task = next(t for t in version.tasks if t.targets)
        other = next(t for t in version.tasks if t.uid != task.uid)
        return task.id, task.uid, task.targets[0].uid, other.uid


def _post(client, item, source, planned="", spent="", note="", task_id=""):
    return client.post("/funding", data={"item": item, "source": source, "planned": planned,
                                         "spent": spent, "note": note, "task_id": str(task_id)})


def test_amounts_by_source_add_up_by_hand(seeded):
    task_id, task, target, other = _items(seeded)
    admin = seeded.client("admin")
    for args in ((f"task:{task}", "市级财政", "100.50", "20.25"),
                 (f"task:{task}", "区级财政", "50", "0"),
                 (f"target:{target}", "专项债", "1,000.10", "300"),
                 (f"target:{target}", "市级财政", "9.5", "9.5", '=HYPERLINK("http://x")'),
                 (f"task:{other}", "社会资本", "0.01", ""),
                 (f"task:{other}", "其他", "5", "1"),
                 (f"task:{task}", "区级财政", "60", "0"),   # corrected: replaces 50
                 (f"task:{other}", "其他", "", "")):        # cleared: the row goes
        r = _post(admin, *args, task_id=task_id)
        assert r.status_code == 303, (args, r.text)
    with seeded.session() as s:
        rows = {(r.item_uid, r.source): (r.planned, r.spent) for r in s.query(ItemFunding)}
    assert len(rows) == 5 and rows[(task, "区级财政")] == (Decimal("60.00"), Decimal("0.00"))
    assert rows[(target, "专项债")] == (Decimal("1000.10"), Decimal("300.00"))
    # 市级财政 100.50 + 9.50 = 110.00 planned, 20.25 + 9.50 = 29.75 spent; 区级财政 60;
    # 专项债 1000.10 / 300; 社会资本 0.01; 其他 cleared: in all 1170.11 planned, 329.75 spent
    data = admin.get("/funding/export.xlsx")
    assert data.status_code == 200
    wb = load_workbook(io.BytesIO(data.content))
    totals = {row[0]: (row[1], row[2]) for row in wb["按资金来源汇总"].iter_rows(min_row=2, values_only=True)}
    assert totals == {"市级财政": (110, 29.75), "区级财政": (60, 0), "专项债": (1000.1, 300),
                      "社会资本": (0.01, 0), "其他": (0, 0), "合计": (1170.11, 329.75)}
    notes = [c for c in wb["资金安排"]["F"] if c.value and "HYPERLINK" in str(c.value)]
    assert len(notes) == 1 and notes[0].value.startswith("'=") and notes[0].data_type != "f"
    page = admin.get(f"/tasks/{task_id}")
    assert page.status_code == 200 and 'id="funding"' in page.text
    # this task and its target: 100.50 + 60 + 1000.10 + 9.50 planned, 20.25 + 300 + 9.50 spent
    assert "<th>1170.10</th><th>329.75</th>" in page.text
    assert "1170.11" in admin.get("/funding").text


def test_bad_input_and_who_may_enter(seeded):
    task_id, task, target, _ = _items(seeded)
    admin = seeded.client("admin")
    for args, message in (((f"task:{task}", "市级财政", "abc"), "应为数字"),
                          ((f"task:{task}", "市级财政", "-1"), "之间"),
                          ((f"task:{task}", "市级财政", "1.234"), "两位小数"),
                          ((f"task:{task}", "市级财政", "NaN"), "之间"),
                          ((f"task:{task}", "国债", "1"), "资金来源只能是"),
                          (("task:nope", "市级财政", "1"), "没有该任务"),
                          (("x", "市级财政", "1"), "请选择任务或目标")):
        r = _post(admin, *args)
        assert r.status_code == 422 and message in r.text, (args, r.status_code)
    with seeded.session() as s:
        assert s.query(ItemFunding).count() == 0
    assert _post(seeded.client("reporter"), f"task:{task}", "市级财政", "1").status_code == 403
    assert _post(seeded.client("district"), f"target:{target}", "市级财政", "1").status_code == 403
    assert seeded.client("viewer").get("/funding/export.xlsx").status_code == 200
    assert seeded.client("monitoring").get("/funding").status_code == 403
