"""Money per task/target by source: the office's entry checked, totals by source computed by
hand, the task page, the .xlsx export (formula injection neutralised), who may do what."""

from __future__ import annotations

import io
import re
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
    notes = [c for c in wb["资金安排"]["G"] if c.value and "HYPERLINK" in str(c.value)]
    assert len(notes) == 1 and notes[0].value.startswith("'=") and notes[0].data_type != "f"
    page = admin.get(f"/tasks/{task_id}")
    assert page.status_code == 200 and 'id="funding"' in page.text
    # this task and its target: 100.50 + 60 + 1000.10 + 9.50 planned, 20.25 + 300 + 9.50 spent
    assert "<th>1170.10</th><th>329.75</th>" in page.text
    # the block's form posts from a browser too: it carries the page's CSRF token
    assert re.search(r'id="funding-form".*?name="csrf_token" value="[^"]+"', page.text, re.S)
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


def _project_split(env):
    """P1 (武进区, owned by 市生态环境局, 1000 planned) split 600 市级财政 + 400 专项债."""
    from ecoplan.app.projects.models import Project
    with env.session() as s:
        s.query(Project).filter(Project.code == "P1").one().funding = {"市级财政": 600.0,
                                                                       "专项债": 400.0}
        s.commit()


def _per_unit(env):
    """Amounts arranged for 武进区, 市生态环境局 and the city itself (see the sums below)."""
    task_id, task, target, other = _items(env)
    admin = env.client("admin")
    for item, source, planned, spent, unit in (
            (f"task:{task}", "市级财政", "200", "50", "武进区"),
            (f"target:{target}", "专项债", "300.5", "", "武进区"),
            (f"task:{task}", "市级财政", "100", "10", ""),
            (f"task:{other}", "区级财政", "40", "40", "武进区"),
            (f"task:{other}", "市级财政", "70", "", "市生态环境局")):
        r = admin.post("/funding", data={"item": item, "source": source, "planned": planned,
                                         "spent": spent, "note": "", "unit": unit,
                                         "task_id": str(task_id)})
        assert r.status_code == 303, r.text
    _project_split(env)
    with env.session() as s:
        version = todo.published(s)
        number = {t.uid: t.number for t in version.tasks}
    return number[task], number[other]


def _by_source(totals, *keys):
    return {s: tuple(a[k] for k in keys) for s, a in totals.items()}


def test_api_totals_by_source_unit_and_task_by_hand(seeded):
    task_no, other_no = _per_unit(seeded)
    admin = seeded.client("admin")
    body = admin.get("/api/funding").json()
    # items: 市级财政 200+100+70 planned, 50+10 spent; 专项债 300.5; 区级财政 40/40
    assert _by_source(body["totals"]["items"], "planned", "spent") == {
        "市级财政": (370, 60), "区级财政": (40, 40), "专项债": (300.5, 0), "社会资本": (0, 0),
        "其他": (0, 0), "合计": (710.5, 100)}
    # projects P1..P5: 1000+3000+500+1500+2000 planned, 400+3000+600 done; only P1 split
    p = body["totals"]["projects"]
    assert (p["市级财政"]["planned"], p["专项债"]["planned"]) == (600, 400)
    assert p["合计"] == {"planned": 8000, "done": 4000, "unsplit": 7000}
    a = body["totals"]["all"]
    assert (a["市级财政"]["planned"], a["专项债"]["planned"], a["合计"]["planned"]) == (970, 700.5, 8710.5)
    assert len(body["items"]) == 5 and len(body["projects"]) == 5
    tasks = {t["task"]: t for t in body["by_task"]}
    assert (tasks[task_no]["planned"], tasks[task_no]["spent"]) == (600.5, 60)
    assert (tasks[other_no]["planned"], tasks[other_no]["spent"]) == (110, 40)
    assert (tasks["31"]["projects_planned"], tasks["31"]["projects_done"]) == (8000, 4000)

    wujin = admin.get("/api/funding", params={"unit": "武进区"}).json()
    # 200 + 300.5 + 40 planned, 50 + 40 spent; its projects P1, P3, P5 (in it) and P4 (owned)
    assert wujin["totals"]["items"]["合计"] == {"planned": 540.5, "spent": 90}
    assert {x["code"] for x in wujin["projects"]} == {"P1", "P3", "P4", "P5"}
    assert wujin["totals"]["projects"]["合计"]["planned"] == 5000
    assert wujin["totals"]["all"]["合计"]["planned"] == 5540.5
    one = admin.get("/api/funding", params={"task": task_no}).json()
    assert one["totals"]["items"]["合计"] == {"planned": 600.5, "spent": 60}
    both = admin.get("/api/funding", params={"task": other_no, "unit": "武进区"}).json()
    assert [(x["source"], x["planned"]) for x in both["items"]] == [("区级财政", 40)]
    for params, word in (({"unit": "无此单位"}, "unit"), ({"task": "999"}, "task")):
        r = admin.get("/api/funding", params=params)
        assert r.status_code == 422 and word in r.json()["detail"]
    # a unit sees every amount (as on /funding) but only its own projects (as on /api/projects)
    mine = seeded.client("reporter").get("/api/funding").json()
    assert {x["code"] for x in mine["projects"]} == {"P1", "P3"}
    assert mine["totals"]["items"]["合计"]["planned"] == 710.5
    assert seeded.client("monitoring").get("/api/funding").status_code == 403
    assert seeded.client(None).get("/api/funding").status_code == 401
    page = admin.get("/funding", params={"unit": "武进区"})
    assert page.status_code == 200 and "540.50" in page.text and "5540.50" in page.text
    wb = load_workbook(io.BytesIO(admin.get("/funding/export.xlsx", params={"unit": "武进区"}).content))
    totals = {r[0]: r[1:] for r in wb["按资金来源汇总"].iter_rows(min_row=2, values_only=True)}
    assert totals["合计"] == (540.5, 90, 5000, 5540.5) and totals["市级财政"] == (200, 50, 600, 800)
    assert {r[0] for r in wb["重点工程项目资金"].iter_rows(min_row=2, values_only=True)} == \
        {"P1", "P3", "P4", "P5"}
    per_task = {r[0]: r[2:] for r in wb["按任务汇总"].iter_rows(min_row=2, values_only=True)}
    # 武进区: task (with its target) 200 + 300.5 / 50; the other task 40 / 40; task 31's projects
    assert per_task[task_no] == (500.5, 50, 0, 0) and per_task[other_no] == (40, 40, 0, 0)
    assert per_task["31"] == (0, 0, 5000, 1000)


def test_the_unit_money_goes_into_its_letter_and_annual_report(seeded):
    _per_unit(seeded)
    admin, district = seeded.client("admin"), seeded.client("district")
    with seeded.session() as s:
        wujin = seeded.unit(s, "武进区").id
    r = admin.post("/letters/draft", data={"unit_id": str(wujin)})
    letter = r.headers["location"]
    from app_env import docx_text
    out = docx_text(admin.get(f"{letter}/letter.docx").content)
    assert "资金安排 540.50 万元" in out and "已支出 90.00 万元" in out
    assert "小计：专项债" in out and "300.50" in out
    page = admin.get(letter)
    assert 'id="arranged"' in page.text and "540.50" in page.text
    listing = admin.get("/letters").text
    assert "540.50" in listing and "5000.00" in listing
    r = admin.post("/annual-reports/draft", data={"unit_id": str(wujin)})
    report = r.headers["location"]
    page = district.get(report)
    assert 'id="funding"' in page.text and "540.50" in page.text
    assert 'id="docx-needs-signer"' in page.text and "disabled" in page.text
    with seeded.session() as s:
        from ecoplan.app.annualreports.models import DistrictReport
        row = s.get(DistrictReport, int(report.rsplit("/", 1)[1]))
        text, version = row.text, row.version
    assert "目标任务资金安排 540.50 万元，已支出 90.00 万元" in text
    assert district.post(report, data={"text": text, "doc_number": "武政〔2024〕3号",
                                       "signer": "张三", "version": str(version),
                                       "dated": "2024-01-18"}).status_code == 303
    assert 'id="docx-needs-signer"' not in district.get(report).text
    out = docx_text(district.get(f"{report}/report.docx").content)
    # by source: 市级财政 200 / 50 with projects 600; 合计 540.50 / 90.00 with 5000.00
    assert "任务资金计划（万元）" in out and "540.50" in out and "90.00" in out and "600.00" in out


def test_a_unit_that_does_not_exist_is_refused(seeded):
    task_id, task, _, _ = _items(seeded)
    r = seeded.client("admin").post("/funding", data={
        "item": f"task:{task}", "source": "市级财政", "planned": "1", "unit": "无此单位"})
    assert r.status_code == 422 and "承担单位" in r.text and "无此单位" in r.text


def test_money_per_task_beside_the_circular_lagging_tasks(seeded):
    from types import SimpleNamespace

    from ecoplan.app.assessment.circular import _lagging_table
    from ecoplan.app.funding.summary import task_money

    task_no, other_no = _per_unit(seeded)
    with seeded.session() as s:
        money = task_money(s, todo.published(s))
    # the task and its target: 200 + 300.5 + 100 planned, 50 + 10 spent; the other 40 + 70 / 40;
    # task 31: the five projects, 8000 planned and 4000 done
    assert money == {task_no: (Decimal("600.50"), Decimal("60.00")),
                     other_no: (Decimal("110.00"), Decimal("40.00")),
                     "31": (Decimal("8000.00"), Decimal("4000.00"))}

    def task(number):
        return SimpleNamespace(number=number, title=f"任务{number}", responsibilities=[])
    review = SimpleNamespace(lagging=[task(task_no), task("99")])
    table = _lagging_table(review, money)
    assert table.columns[-1] == "资金安排（万元，计划/已使用）"
    assert [row[-1] for row in table.rows] == ["600.50 / 60.00", "—"]
    assert _lagging_table(SimpleNamespace(lagging=[task("99")]), money).columns == \
        ["编号", "任务", "牵头单位"]  # no money for any lagging task: no column
