"""Sub-plans through the pages and the API: a district uploads its plan, the reader reads it,
links are suggested then confirmed, the plan is published, measures report statuses that roll
up on the city task's page; coverage computed by hand; who may see and do what; bad input."""

from __future__ import annotations

from sqlalchemy import select

from ecoplan.app.audit.models import AuditEntry
from ecoplan.app.plans.models import Target, Task
from ecoplan.app.plans.versions import latest_published
from ecoplan.app.subplans.coverage import task_rollup
from ecoplan.app.subplans.models import SubPlan, SubPlanItem
from subplan_people import report_and_approve, second_head

# measure number of the 武进区 sub-plan → the city task it serves (read from the two texts)
EXPECTED = {"1": "1", "2": "2", "3": "9", "4": "10", "5": "11", "6": "15", "7": "24", "8": "19",
            "9": "23", "10": "26"}


def upload(client, data: bytes, name: str = "wujin.txt", **form):
    return client.post("/subplans/upload", files={"file": (name, data, "text/plain")}, data=form)


def the_subplan(env) -> tuple[int, dict[str, int]]:
    with env.session() as s:
        sp = s.scalars(select(SubPlan)).one()
        return sp.id, {i.number: i.id for i in sp.items}


def confirm_all(client, env, *, publish: bool = True):
    with env.session() as s:
        sp = s.scalars(select(SubPlan)).one()
        form = {f"link_{i.id}": f"{i.link_kind}:{i.link_uid}" if i.link_uid else "none"
                for i in sp.items}
        sp_id = sp.id
    if publish:
        form["publish"] = "1"
    return client.post(f"/subplans/{sp_id}/links", data=form)


def test_upload_suggests_the_city_tasks_it_serves(seeded, wujin):
    district = seeded.client("district")
    r = upload(district, wujin)
    assert r.status_code == 303, r.text
    with seeded.session() as s:
        sp = s.scalars(select(SubPlan)).one()
        tasks = {t.uid: t.number for t in latest_published(s).tasks}
        goals = {g.uid: g.metric for g in latest_published(s).targets}
        assert (sp.owner, sp.state, sp.title) == ("武进区", "draft",
                                                  "2023年武进区生态文明建设工作计划和措施清单（合成数据）")
        measures = [i for i in sp.items if i.kind == "task"]
        assert {i.number: tasks[i.suggested_uid] for i in measures} == EXPECTED
        assert not any(i.confirmed for i in sp.items)
        targets = [i for i in sp.items if i.kind == "target"]
        assert [goals[i.suggested_uid] for i in targets][:2] == ["PM2.5浓度", "优良天数比率"]
        assert targets[3].title == "省考断面优Ⅲ比例：90%"
    page = district.get(r.headers["location"])
    assert page.status_code == 200 and "待确认" in page.text and "任务9 推进固定源深度治理" in page.text


def test_api_shape_and_coverage_by_hand(seeded, wujin):
    district = seeded.client("district")
    upload(district, wujin)
    (row,) = district.get("/api/subplans").json()
    assert {"unit", "title", "state", "tasks", "linked", "coverage"} <= set(row)
    assert (row["unit"], row["state"], row["tasks"], row["linked"], row["coverage"]) == \
        ("武进区", "draft", 10, 0, 0.0)
    assert confirm_all(district, seeded).status_code == 303
    (row,) = district.get("/api/subplans").json()
    # every one of the seed's 36 tasks binds 武进区 (各辖市区…负责落实); the ten measures serve
    # ten distinct tasks, the goals add task 24 (农村生活污水治理率 is task 24(1)'s target): ten
    served = set(EXPECTED.values())
    assert row["state"] == "published" and row["linked"] == 16
    # ``linked`` counts measures and goals alike: 10 + 6; the list page says so per kind
    assert (row["tasks"], row["tasks_linked"], row["targets"], row["targets_linked"]) == (10, 10, 6, 6)
    listing = seeded.client("admin").get("/subplans").text
    assert "措施（已关联）" in listing and "10（10）" in listing and "6（6）" in listing
    assert (row["assigned_tasks"], row["covered_tasks"]) == (36, len(served))
    assert row["coverage"] == round(100 * len(served) / 36, 1) == 27.8
    assert row["uncovered"] == [str(n) for n in range(1, 37) if str(n) not in served]


def test_owner_confirms_other_links_and_none(seeded, wujin):
    district = seeded.client("district")
    upload(district, wujin)
    sp_id, items = the_subplan(seeded)
    with seeded.session() as s:
        task31 = s.scalars(select(Task).where(Task.number == "31")).one().uid
    r = district.post(f"/subplans/{sp_id}/links", data={f"link_{items['6']}": f"task:{task31}",
                                                       f"link_{items['1']}": "none"})
    assert r.status_code == 303
    with seeded.session() as s:
        six, one = s.get(SubPlanItem, items["6"]), s.get(SubPlanItem, items["1"])
        assert (six.link_uid, six.confirmed, one.link_uid, one.confirmed) == (task31, True, None, True)
        assert s.scalars(select(AuditEntry).where(AuditEntry.action == "subplan.linked")).all()
    # publishing with items still unconfirmed is refused, naming them
    r = district.post(f"/subplans/{sp_id}/links", data={"publish": "1"})
    assert r.status_code == 422 and "未确认关联" in r.text
    # an unknown city item is refused, nothing saved
    r = district.post(f"/subplans/{sp_id}/links", data={f"link_{items['2']}": "task:nope"})
    assert r.status_code == 422 and "不存在" in r.text
    with seeded.session() as s:
        assert not s.get(SubPlanItem, items["2"]).confirmed


def test_statuses_roll_up_on_the_city_task(seeded, wujin, people):
    """Measure statuses come from approved reports (``test_subplan_reports``: the flow);
    here 武进区 reports its own measures and a second head of 武进区 approves them."""
    district = seeded.client("district")
    approver = second_head(seeded, people)
    upload(district, wujin)
    sp_id, items = the_subplan(seeded)
    r = district.post(f"/subplans/items/{items['3']}/reports", data={"status": "done", "note": "x"})
    assert r.status_code == 422 and "发布后" in r.text  # a draft's measures report nothing
    confirm_all(district, seeded)
    report_and_approve(seeded, district, approver, items["3"], "done", "20台已改造")
    assert district.post(f"/subplans/items/{items['3']}/reports",
                         data={"status": "bogus", "note": "x"}).status_code == 422
    with seeded.session() as s:
        task9 = s.scalars(select(Task).where(Task.number == "9")).one()
        task24 = s.scalars(select(Task).where(Task.number == "24")).one()
        assert task_rollup(s, task9).status == "done"
        # task 24: measure 7 (not started) and the goal 农村生活污水治理率 (its target)
        rolled = task_rollup(s, task24)
        assert sorted(i.number for i in rolled.items) == ["7", "目标6"]
        assert rolled.status == "not_started" and rolled.counts == {"not_started": 2}
        task9_id, task24_id = task9.id, task24.id
    report_and_approve(seeded, district, approver, items["7"], "in_progress", "推进中")
    with seeded.session() as s:
        assert task_rollup(s, s.get(Task, task24_id)).status == "in_progress"
    report_and_approve(seeded, district, approver, items["7"], "behind", "滞后")
    with seeded.session() as s:
        assert task_rollup(s, s.get(Task, task24_id)).status == "behind"
    page = seeded.client("admin").get(f"/tasks/{task9_id}")
    assert page.status_code == 200 and "辖市区、部门措施（1）" in page.text and "20台已改造" in page.text


def test_who_sees_and_does_what(seeded, wujin):
    district, reporter, viewer = (seeded.client(r) for r in ("district", "reporter", "viewer"))
    upload(district, wujin)
    sp_id, items = the_subplan(seeded)
    assert reporter.get(f"/subplans/{sp_id}").status_code == 403
    assert reporter.get("/api/subplans").json() == []
    assert reporter.post(f"/subplans/{sp_id}/links", data={"publish": "1"}).status_code == 403
    assert viewer.get(f"/subplans/{sp_id}").status_code == 200
    assert len(viewer.get("/api/subplans").json()) == 1
    assert viewer.post(f"/subplans/{sp_id}/links", data={}).status_code == 403
    assert seeded.client(None).get("/api/subplans").status_code == 401
    # the office sees the city's coverage: districts without a plan, tasks without a measure
    page = seeded.client("admin").get("/subplans")
    assert "全市覆盖情况" in page.text and "溧阳市" in page.text
    assert "全市覆盖情况" not in district.get("/subplans").text
    # and returns a published plan to draft; a unit may not
    confirm_all(district, seeded)
    assert district.post(f"/subplans/{sp_id}/reopen").status_code == 403
    assert seeded.client("admin").post(f"/subplans/{sp_id}/reopen").status_code == 303


def test_replacing_a_draft_and_not_a_published_plan(seeded, wujin):
    district = seeded.client("district")
    upload(district, wujin)
    shorter = wujin.replace("  10. 推进“无废城市”建设".encode(), "  推进“无废城市”建设".encode())
    assert upload(district, shorter).status_code == 303
    with seeded.session() as s:
        assert len([i for i in s.scalars(select(SubPlan)).one().items if i.kind == "task"]) == 9
    confirm_all(district, seeded)
    r = upload(district, wujin)
    assert r.status_code == 422 and "已发布" in r.text


def test_written_in_the_app_and_by_the_office_for_a_unit(seeded, wujin):
    admin = seeded.client("admin")
    with seeded.session() as s:
        unit_id = seeded.unit(s, "市发展和改革委员会").id
    text = ("2023年市发展改革委生态文明建设工作计划\n  一、重点措施\n"
            "  1. 开展绿色低碳循环发展专项行动。编制市级碳达峰实施方案。（市发展和改革委员会牵头）\n"
            "  2. 加快能源绿色低碳转型。推进煤电机组节能改造。（市发展和改革委员会牵头）\n")
    assert admin.post("/subplans/upload", data={"unit_id": "", "text": text}).status_code == 422
    r = admin.post("/subplans/upload", data={"unit_id": str(unit_id), "text": text})
    assert r.status_code == 303, r.text
    (row,) = admin.get("/api/subplans").json()
    assert (row["unit"], row["tasks"], row["title"]) == ("市发展和改革委员会", 2,
                                                         "2023年市发展改革委生态文明建设工作计划")
    with seeded.session() as s:
        assert s.scalars(select(SubPlan)).one().file_name == ""


def test_bad_input_is_a_chinese_message(seeded):
    district = seeded.client("district")
    cases = [
        (lambda: district.post("/subplans/upload", data={"text": "  "}), "请上传计划文件"),
        (lambda: upload(district, b"x", name="plan.exe"), "不支持的文件类型"),
        (lambda: upload(district, "没有编号的措施，只有一段话。".encode()), "未找到可识别的工作任务"),
        (lambda: upload(district, b""), "文件为空"),
    ]
    for call, message in cases:
        r = call()
        assert r.status_code == 422 and message in r.text, (message, r.text[:300])
    with seeded.session() as s:
        assert s.scalars(select(SubPlan)).all() == []
    assert district.get("/subplans/999").status_code == 404
    assert district.post("/subplans/items/999/status", data={"status": "done"}).status_code == 404


def test_demo_step_is_idempotent(seeded):
    from ecoplan.app.subplans.demo import load_demo_subplan
    from ecoplan.demo.build import DemoReport

    report = DemoReport()
    with seeded.session() as s:
        load_demo_subplan(s, report)
        load_demo_subplan(s, report)
    assert "合成数据" in report.lines[0] and "未重复导入" in report.lines[1]
    with seeded.session() as s:
        sp = s.scalars(select(SubPlan)).one()
        assert sp.synthetic and sp.state == "published" and all(i.confirmed for i in sp.items)
        assert {i.number: i.status for i in sp.items if i.status != "not_started"} == {
            "1": "in_progress", "3": "done", "6": "in_progress", "8": "behind"}
        assert s.scalars(select(Target)).first() is not None
