"""Issue 13, the rest: the assessment of the work reads the one status (a scenario computed by
hand), circulars say the real period, 暂定 and 合成数据, the plan page filters on the live status,
and the office replaces 市各有关部门 with concrete units in one step."""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal

from docx import Document
from sqlalchemy import select

from ecoplan.app.assessment.gather import period
from ecoplan.app.assessment.service import review
from ecoplan.app.assessment.sources import Unavailable
from ecoplan.app.audit.models import AuditEntry
from ecoplan.app.ledger.fields import ItemFields
from ecoplan.app.ledger.service import create_item
from ecoplan.app.obligations import store
from ecoplan.app.plans import versions
from ecoplan.app.progress import todo
from ecoplan.assessment.rules import shipped_rules


def _review(seeded, quarter):
    with seeded.session() as s:
        return review(s, rules=shipped_rules(2023), source=Unavailable(), when=period(2023, quarter))


def _unit(r, name):
    return next(x for kind in r.scores.values() for x in kind if x.unit == name)


def _line(score, item):
    return next(l for l in score.lines if l.item == item)


def test_departments_are_scored_on_their_work(seeded):
    # 市公安局 leads task 13 and owns its one target, 蓝天卫士视频监控 ≥ 50个 (due at year end).
    seeded.report("13", unit="市公安局")
    seeded.report("13", kind="target", unit="市公安局", value_to_date="30")
    r = _review(seeded, 2)
    assert r.as_of == dt.date(2023, 6, 30)  # the evaluation day (7-10) capped at the quarter's end
    police = _unit(r, "市公安局")
    # 30 of 50 = 60 % against the pace 181/365 = 49.6 %: the target and the task are on pace.
    # Tasks: 45 × (0 + 1 × 1) ÷ 1 = 45; targets: 15 × 1 ÷ 1 = 15; no reporting statistics
    # (source without them) → timeliness 0, completeness 0; no ledger item due → 20. Total 80.
    assert _line(police, "牵头任务完成情况").points == 45
    assert _line(police, "牵头任务完成情况").number == (
        "牵头任务 1 项：按序时推进 1；45 × (0 + 1 × 1) ÷ 1 = 45 分")
    assert _line(police, "目标任务完成情况").points == 15
    assert (police.total, police.grade) == (Decimal(80), "良好")
    # 市生态环境局: three targets of its own were due by 30 June (task 9's biomass boilers by
    # June, task 10's clusters) and none is reported: 2 points each, more than the 0 earned.
    mee = _line(_unit(r, "市生态环境局"), "目标任务完成情况")
    assert mee.points == 0 and mee.number.endswith(
        "本期到期 3 项：按期完成 0、未完成 3，应扣 6 分，扣完为止，实扣 0 分")


def test_a_target_far_behind_makes_its_task_lag(seeded):
    seeded.report("13", unit="市公安局")
    seeded.report("13", kind="target", unit="市公安局", value_to_date="10")
    r = _review(seeded, 2)
    police = _unit(r, "市公安局")
    # 10 of 50 = 20 % against 49.6 %: 29.6 points behind, beyond 25 → 严重滞后 (target and task).
    assert _line(police, "牵头任务完成情况").number == (
        "牵头任务 1 项：严重滞后 1；45 × (0 + 1 × 0) ÷ 1 = 0 分")
    assert police.total == 20 and police.grade == "不合格"
    assert "13" in [t.number for t in r.lagging]
    task13 = next(t for t in r.lagging if t.number == "13")
    assert r.task_status[task13.uid]["code"] == "far_behind"


def test_mid_year_circulars_say_the_real_period_provisional_and_synthetic(seeded):
    with seeded.session() as s:
        create_item(s, actor="t", fields=ItemFields(
            code="YS-1", source="central", batch="演示数据", description="问题", district="武进区",
            units=["市生态环境局"], measures="", deadline=dt.date(2023, 6, 30), stage="short"))
    admin = seeded.client("admin")
    query = {"year": 2023, "doc_number": "常生态办〔2023〕9号", "date": "2023-07-12"}
    docx = admin.get("/assessment/circular.docx", params=query)
    assert docx.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "截至12月底" not in text and "截至7月10日" in text
    assert "暂定：数据截至7月10日" in text
    assert "注：本通报所用整改台账为演示用合成数据" in text
    assert "根据《常州市2023年度生态文明建设综合考评细则（ecoplan示例）》" in text
    assert "奖惩意见" not in text and "予以通报批评" not in text  # provisional: no measures
    quarter = admin.get("/assessment/circular.docx", params={**query, "quarter": 2})
    text = "\n".join(p.text for p in Document(io.BytesIO(quarter.content)).paragraphs)
    assert "截至6月底" in text and "暂定" not in text
    assert not re.search(r"扣\s*0\s*分", text)
    page = admin.get("/assessment", params={"year": 2023}).text
    assert "合成数据" in page and "数据截至7月10日（暂定）" in page


def test_plan_page_filters_on_the_live_status(seeded):
    seeded.report("6")
    admin = seeded.client("admin")
    tasks = admin.get("/api/status").json()["tasks"]
    on_pace = {t["number"] for t in tasks if t["status"]["code"] == "on_pace"}
    assert "6" in on_pace
    with seeded.session() as s:
        plan_id = todo.published(s).plan_id
    page = admin.get(f"/plans/{plan_id}", params={"status": "on_pace"}).text
    shown = set(re.findall(r'<span class="task-number">(\d+)\.</span>', page))
    assert shown == on_pace
    assert '<option value="on_pace" selected>按序时推进</option>' in page
    # The stored status (every task 未开始) is not what the page shows, so not a filter either.
    everything = admin.get(f"/plans/{plan_id}", params={"status": "not_started"}).text
    assert len(re.findall(r'<span class="task-number">', everything)) == len(tasks)
    assert 'value="not_started"' not in everything


def _collective_task(seeded):
    with seeded.session() as s:
        version = todo.published(s)
        task = next(t for t in version.tasks
                    if any(r.unit_name.startswith("市各有关部门") for r in t.responsibilities))
        role = next(r.role for r in task.responsibilities if r.unit_name.startswith("市各有关部门"))
        return task.uid, task.number, role, version.number


def test_office_replaces_the_collective_phrase_in_one_step(seeded):
    uid, number, role, before = _collective_task(seeded)
    admin = seeded.client("admin")
    assert f'action="/obligations/tasks/{uid}/units"' in admin.get("/obligations").text
    unknown = admin.post(f"/obligations/tasks/{uid}/units", data={"units": "市不存在局"})
    assert unknown.status_code == 422 and "没有名为「市不存在局」的单位" in unknown.text
    assert seeded.client("reporter").post(f"/obligations/tasks/{uid}/units",
                                          data={"units": "市水利局"}).status_code == 403
    done = admin.post(f"/obligations/tasks/{uid}/units", data={"units": "市水利局、市城市管理局"},
                      follow_redirects=False)
    assert done.status_code == 303
    with seeded.session() as s:
        version = todo.published(s)
        assert version.number == before + 1
        task = next(t for t in version.tasks if t.uid == uid)
        names = {(r.unit_name, r.role) for r in task.responsibilities}
        assert {("市水利局", role), ("市城市管理局", role)} <= names
        assert not any(n.startswith("市各有关部门") for n, _ in names)
        water = seeded.unit(s, "市水利局")
        assert any(i.uid == uid for i in todo.items_for(version, water))
        obligations = store.of(version, s)
        assert all(ob.has_path for t in task.targets if (ob := obligations[t.uid]).source == "report"
                   and ob.owner_id is not None)
        actions = set(s.scalars(select(AuditEntry.action)))
        assert {"obligation.collective", "plan.publish", "plan.draft",
                "plan.responsibility.add", "plan.responsibility.remove"} <= actions
    flags = admin.get("/obligations").text
    assert f'action="/obligations/tasks/{uid}/units"' not in flags
    # With a draft open the office finishes that draft instead.
    other = _collective_task(seeded)[0]
    with seeded.session() as s:
        versions.start_draft(s, actor=None, plan_id=todo.published(s).plan_id)
    refused = admin.post(f"/obligations/tasks/{other}/units", data={"units": "市水利局"})
    assert refused.status_code == 422 and "已有未发布的草稿" in refused.text
