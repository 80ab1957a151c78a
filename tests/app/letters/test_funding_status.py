"""The money in the status workbook (funding's part of ``/status/export.xlsx``): columns per
task and goal and a sheet by source, sums computed by hand, made again when an amount changes,
formulas neutralised; the circular's synthetic-data note names the money when it is synthetic."""

from __future__ import annotations

import importlib.util
import io
from pathlib import Path
from types import SimpleNamespace

from openpyxl import load_workbook

from ecoplan.app import versions
from ecoplan.app.plans.models import Task
from ecoplan.app.progress import todo

SHEET = "资金安排（按来源）"


def _post(client, item, source, planned, spent="", note="", unit=""):
    r = client.post("/funding", data={"item": item, "source": source, "planned": planned,
                                      "spent": spent, "note": note, "unit": unit})
    assert r.status_code == 303, r.text


def _plan(env):
    """A task with targets, another task, and a goal of the overview outside both."""
    goals = {g["uid"] for g in env.client("admin").get("/api/status").json()["goals"]}
    with env.session() as s:
        version = todo.published(s)
        target_task = {g.uid: g.task.uid if g.task else None for g in version.targets}
        task = next(t for t in version.tasks if t.targets)
        other = next(t for t in version.tasks if t.uid != task.uid)
        goal = next(uid for uid in sorted(goals)
                    if target_task.get(uid) not in (task.uid, other.uid))
        return (task.uid, task.number, task.targets[0].uid, other.uid, other.number, goal,
                target_task.get(goal))


def _book(client, path="/status/export.xlsx"):
    response = client.get(path)
    assert response.status_code == 200, response.text
    return load_workbook(io.BytesIO(response.content))


def _task_money(book) -> dict:
    ws = book["重点任务"]
    header = [c.value for c in ws[1]]
    at = header.index("任务及其目标资金计划（万元）")  # the key projects' columns follow
    assert header[at + 1] == "任务及其目标已支出（万元）" and header[at - 1] == "依据"
    return {r[0]: r[at:at + 2] for r in ws.iter_rows(min_row=2, values_only=True)}


def test_money_columns_and_sheet_by_source_add_up_by_hand(seeded):
    task, task_no, target, other, other_no, goal, goal_task = _plan(seeded)
    admin = seeded.client("admin")
    assert SHEET not in _book(admin).sheetnames  # no money yet: the workbook as before
    for args in ((f"task:{task}", "市级财政", "200", "50", "", "武进区"),
                 (f"target:{target}", "专项债", "300.5", "", "", "武进区"),
                 (f"task:{task}", "市级财政", "100", "10"),
                 (f"task:{other}", "区级财政", "40", "40", "", "武进区"),
                 (f"task:{other}", "市级财政", "70", "", "", "市生态环境局"),
                 (f"target:{goal}", "社会资本", "5.25", "1")):
        _post(admin, *args)
    book = _book(admin)
    assert book.sheetnames[-2:] == [SHEET, "重点工程项目投资（按任务）"]
    money = _task_money(book)
    # the task and its target: 200 + 100 + 300.5 planned, 50 + 10 spent; the other 40 + 70 / 40
    assert money[task_no] == (600.5, 60) and money[other_no] == (110, 40)
    if goal_task is not None:
        with seeded.session() as s:
            number = s.query(Task).filter(Task.uid == goal_task).one().number
        assert money[number] == (5.25, 1)
    assert sum(1 for v in money.values() if v != (None, None)) == 2 + (goal_task is not None)
    goals = book["工作目标"]
    assert [c.value for c in goals[1]][-2:] == ["资金计划（万元）", "资金已支出（万元）"]
    texts = {g["uid"]: g["text"] for g in admin.get("/api/status").json()["goals"]}
    rows = {r[0]: r[-2:] for r in goals.iter_rows(min_row=2, values_only=True)}
    assert rows[texts[goal]] == (5.25, 1)
    assert goals.cell(row=2, column=goals.max_column).number_format == "0.00"

    ws = book[SHEET]
    header = [c.value for c in ws[1]]
    assert header[:3] == ["任务", "类型", "事项"] and header[-2:] == ["合计计划（万元）", "合计已支出（万元）"]
    col = {h: i for i, h in enumerate(header)}
    lines = {(r[0], r[1]): r for r in ws.iter_rows(min_row=2, values_only=True)}
    t = lines[(task_no, "任务")]
    assert t[col["市级财政计划（万元）"]] == 300 and t[col["市级财政已支出（万元）"]] == 60
    assert lines[(task_no, "目标")][col["专项债计划（万元）"]] == 300.5
    o = lines[(other_no, "任务")]
    assert (o[col["区级财政计划（万元）"]], o[col["市级财政计划（万元）"]], o[-2], o[-1]) == (40, 70, 110, 40)
    total = lines[("合计", None)]
    # 市级财政 200 + 100 + 70 / 50 + 10; 区级财政 40 / 40; 专项债 300.5; 社会资本 5.25 / 1
    assert [total[col[f"{s}{k}（万元）"]] for s in ("市级财政", "区级财政", "专项债", "社会资本", "其他", "合计")
            for k in ("计划", "已支出")] == [370, 60, 40, 40, 300.5, 0, 5.25, 1, 0, 0, 715.75, 101]
    assert "合成数据" not in str(list(ws.values))
    printed = admin.get("/documents/print/status")
    assert printed.status_code == 200 and SHEET in printed.text
    _print_views()._same_rows(admin.get("/status/export.xlsx").content, printed.text)
    _money_sheet_prints_grouped(printed.text)


def _money_sheet_prints_grouped(html: str) -> None:
    """The money sheet's 15 columns on A4 landscape: sources as groups over short 计划/已支出
    headers (the 万元 said once, in the legend), in the smaller font."""
    from bs4 import BeautifulSoup

    section = next(s for s in BeautifulSoup(html, "lxml").select("section.sheet")
                   if s.h2.get_text() == SHEET)
    top, below = section.select("thead tr")
    assert [(th.get_text(), th.get("colspan")) for th in top.select("th")] == [
        ("任务", None), ("类型", None), ("事项", None),
        *((s, "2") for s in ("市级财政", "区级财政", "专项债", "社会资本", "其他", "合计"))]
    assert [th.get_text() for th in below.select("th")] == ["计划", "已支出"] * 6
    assert "万元" in section.select_one(".legend").get_text()
    assert not any("万元" in th.get_text() for th in section.select("th"))
    assert section.table["class"] == ["dense"]


def _print_views():
    """``tests/app/documents/test_print_views.py`` (its comparison of an export and its print view)."""
    path = Path(__file__).parents[1] / "documents" / "test_print_views.py"
    spec = importlib.util.spec_from_file_location("print_views_of_documents", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_changed_amount_makes_the_kept_workbook_again(seeded):
    task, task_no, *_ = _plan(seeded)
    admin = seeded.client("admin")
    _post(admin, f"task:{task}", "市级财政", "100", "10")
    assert _task_money(_book(admin))[task_no] == (100, 10)
    assert _task_money(_book(admin))[task_no] == (100, 10)  # kept: the same again
    with seeded.session() as s:
        before = versions.read(s, ["item_funding"])[0]
    _post(admin, f"task:{task}", "市级财政", "150.75", "20")
    with seeded.session() as s:
        assert versions.read(s, ["item_funding"])[0] == before + 1
    assert _task_money(_book(admin))[task_no] == (150.75, 20)
    _post(admin, f"task:{task}", "市级财政", "")  # cleared: no money left, no column
    book = _book(admin)
    assert SHEET not in book.sheetnames
    assert "任务及其目标资金计划（万元）" not in [c.value for c in book["重点任务"][1]]


def test_texts_that_would_run_as_formulas_are_neutralised(seeded):
    task, task_no, *_ = _plan(seeded)
    with seeded.session() as s:
        s.query(Task).filter(Task.uid == task).one().title = '=HYPERLINK("http://x","y")'
        s.commit()
    admin = seeded.client("admin")
    _post(admin, f"task:{task}", "其他", "1", "", "合成数据：演示用金额")
    book = _book(admin)
    ws = book[SHEET]
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows(min_row=2) for c in row
             if c.value and "HYPERLINK" in str(c.value)]
    assert len(cells) == 2 and all(c.data_type != "f" for c in cells)
    assert {c.value[:2] for c in cells} == {"'=", "任务"}  # the title alone; the label 任务N …
    # the demo's synthetic amounts are said to be so
    assert any("合成数据" in str(r[0]) for r in ws.iter_rows(min_row=2, values_only=True))


def test_the_circular_note_names_synthetic_money(seeded):
    from ecoplan.app.assessment.circular import _synthetic
    from ecoplan.app.funding.summary import synthetic_tasks, task_money
    from ecoplan.app.projects.models import Project

    task, task_no, _, other, other_no, *_ = _plan(seeded)
    admin = seeded.client("admin")
    _post(admin, f"task:{task}", "市级财政", "10", "", "合成数据：演示用金额")
    _post(admin, f"task:{other}", "市级财政", "20", "", "实有资金")
    with seeded.session() as s:
        version = todo.published(s)
        assert synthetic_tasks(s, version) == {task_no}
        p1 = s.query(Project).filter(Project.code == "P1").one()
        p1.synthetic = True
        s.commit()
        money, fake = task_money(s, version), synthetic_tasks(s, version)
    assert fake == {task_no, p1.task}

    def review(*numbers, synthetic=()):
        return SimpleNamespace(synthetic=list(synthetic),
                               lagging=[SimpleNamespace(number=n) for n in numbers])

    def note(r):
        found = _synthetic(r, money, fake)
        return found[0].text if found else ""

    assert "资金安排" in note(review(task_no)) and "为演示用合成数据" in note(review(task_no))
    assert note(review(other_no)) == ""  # real money only
    assert note(review("99")) == ""  # no money shown at all
    assert note(review(other_no, synthetic=["监测数据"])) == \
        "注：本通报所用监测数据为演示用合成数据，不代表实际情况，不得作为考评依据。"
    assert "监测数据、资金安排为" in note(review(task_no, synthetic=["监测数据"]))
