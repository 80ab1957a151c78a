"""A district's sub-plan measures in the reporting flow (the targets' workflow): the department
a measure names (区工业和信息化局 → the unit 武进区工业和信息化局) reports its status, 武进区 approves
or returns it (four eyes, version checks), the measure's status comes from the approved report
only; to-dos and approvals on the workbench; who may do what."""

from __future__ import annotations

from sqlalchemy import select

from ecoplan.app.audit.models import AuditEntry
from ecoplan.app.subplans.models import SubPlanItem
from subplan_people import add_person, last_report, map_unit, second_head
from test_subplans import confirm_all, the_subplan, upload

DEPT = "武进区工业和信息化局"


def _bench(client) -> tuple[int, int]:
    data = client.get("/api/me/workbench").json()
    return data["subplan_to_report"], data["subplan_to_approve"]


def _status(env, item_id: int) -> tuple[str, str]:
    with env.session() as s:
        item = s.get(SubPlanItem, item_id)
        return item.status, item.note


def test_a_department_reports_and_the_district_approves(seeded, wujin, people):
    district = seeded.client("district")
    upload(district, wujin)
    confirm_all(district, seeded)
    sp_id, items = the_subplan(seeded)
    with seeded.session() as s:  # measure 2 names 区工业和信息化局 (牵头), measure 3 武进生态环境局
        assert s.get(SubPlanItem, items["2"]).units == ["区工业和信息化局"]
        named = sum("区工业和信息化局" in s.get(SubPlanItem, i).units for i in items.values()
                    if s.get(SubPlanItem, i).kind == "task")
    assert named == 3  # measures 1 (配合), 2 (牵头) and one more: each one to report
    dept = add_person(seeded, people, "wujin_mit", "reporter", DEPT, parent="武进区")
    assert dept.get(f"/subplans/{sp_id}").status_code == 403  # not mapped yet: no measure of its
    assert map_unit(district, seeded, "区工业和信息化局", DEPT).status_code == 303
    # the department sees the district's plan and reports its measure only
    page = dept.get(f"/subplans/{sp_id}")
    assert page.status_code == 200 and f'action="/subplans/items/{items["2"]}/reports"' in page.text
    assert f'action="/subplans/items/{items["3"]}/reports"' not in page.text
    assert dept.post(f"/subplans/items/{items['3']}/reports",
                     data={"status": "done", "note": "x"}).status_code == 403
    assert district.post(f"/subplans/items/{items['2']}/reports",
                         data={"status": "done", "note": "x"}).status_code == 403
    assert seeded.client("reporter").get(f"/subplans/{sp_id}").status_code == 403
    assert _bench(dept)[0] == named and _bench(district)[1] == 0

    r = dept.post(f"/subplans/items/{items['2']}/reports", data={"status": "in_progress", "note": ""})
    assert r.status_code == 422 and "进展说明" in r.text  # the text is required to submit
    assert dept.post(f"/subplans/items/{items['2']}/reports",
                     data={"status": "in_progress", "note": "新增绿色工厂2家"}).status_code == 303
    assert _status(seeded, items["2"]) == ("not_started", "")  # not before approval
    assert _bench(dept)[0] == named - 1 and _bench(district)[1] == 1
    report = last_report(seeded)
    assert (report.state, report.version) == ("submitted", 1)
    # only the owner's heads decide; a stale form is refused
    assert dept.post(f"/subplans/reports/{report.id}/approve").status_code == 403
    assert seeded.client("leader").post(f"/subplans/reports/{report.id}/approve").status_code == 403
    r = district.post(f"/subplans/reports/{report.id}/return", data={"comment": "", "version": 1})
    assert r.status_code == 422 and "退回意见" in r.text
    assert district.post(f"/subplans/reports/{report.id}/return",
                         data={"comment": "请写明家数来源", "version": 1}).status_code == 303
    assert _bench(dept)[0] == named and _bench(district)[1] == 0
    r = dept.post(f"/subplans/items/{items['2']}/reports",
                  data={"status": "in_progress", "note": "新增绿色工厂2家（省工信厅公示）", "version": 1})
    assert r.status_code == 409  # opened before the return (version 2 now)
    assert dept.post(f"/subplans/items/{items['2']}/reports",
                     data={"status": "in_progress", "note": "新增绿色工厂2家（省工信厅公示）",
                           "version": 2}).status_code == 303
    assert district.post(f"/subplans/reports/{report.id}/approve",
                         data={"version": 2}).status_code == 409
    assert district.post(f"/subplans/reports/{report.id}/approve",
                         data={"version": 3}).status_code == 303
    assert _status(seeded, items["2"]) == ("in_progress", "新增绿色工厂2家（省工信厅公示）")
    assert _bench(dept)[0] == named - 1  # measure 2 reported this month
    with seeded.session() as s:
        actions = [a for (a,) in s.execute(select(AuditEntry.action).order_by(AuditEntry.id))]
    assert actions[-3:] == ["subplan.report_submitted", "subplan.status",
                            "subplan.report_approved"]


def test_four_eyes_on_the_districts_own_measures(seeded, wujin, people):
    district = seeded.client("district")
    upload(district, wujin)
    confirm_all(district, seeded)
    _, items = the_subplan(seeded)
    assert district.post(f"/subplans/items/{items['3']}/reports",
                         data={"status": "done", "note": "20台已改造"}).status_code == 303
    report = last_report(seeded)
    r = district.post(f"/subplans/reports/{report.id}/approve", data={"version": report.version})
    assert r.status_code == 422 and "不能审核本人提交的措施进展" in r.text
    head = second_head(seeded, people)
    assert head.post(f"/subplans/reports/{report.id}/approve",
                     data={"version": report.version}).status_code == 303
    assert _status(seeded, items["3"]) == ("done", "20台已改造")
