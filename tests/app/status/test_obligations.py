"""Reporting obligations (报送责任, issue 13): defaults from the plan, the office's changes, what
each unit owes, contributions added up by hand, ``/api/targets``."""

from __future__ import annotations

from sqlalchemy import select

from ecoplan.app.audit.models import AuditEntry
from ecoplan.app.obligations import store
from ecoplan.app.obligations.demo import load_demo_obligations
from ecoplan.app.progress import todo
from ecoplan.demo.build import DemoReport

API_FIELDS = {"uid", "task", "title", "source", "owner", "frequency", "aggregation",
              "contributions", "value", "target", "comparator", "status", "status_year_end",
              "explanation"}
NO_PATH = {"受污染耕地安全利用率", "重点工程氮氧化物累计减排量", "挥发性有机物(VOCs)累计减排量",
           "化学需氧量累计减排量", "氨氮累计减排量", "生态质量指数", "林木覆盖率", "湿地保护率"}


def _owed(seeded, unit: str, period: str = "2023-06") -> list:
    with seeded.session() as s:
        return todo.items_for(todo.published(s), seeded.unit(s, unit), period)


def test_every_goal_has_a_path_once_the_office_names_owners(seeded):
    admin = seeded.client("admin")
    page = admin.get("/obligations").text
    assert "没有报送路径的目标 8 项" in page
    with seeded.session() as s:
        version = todo.published(s)
        goals = {g.metric: store.of(version, s)[g.uid] for g in version.targets if g.task_id is None}
        assert {m for m, ob in goals.items() if not ob.has_path} == NO_PATH
        assert goals["PM2.5浓度"].source == "monitoring" and goals["PM2.5浓度"].indicator == "pm25"
        load_demo_obligations(s, DemoReport())
    with seeded.session() as s:
        version = todo.published(s)
        assert all(ob.has_path for ob in store.of(version, s).values()
                   if ob.target_uid in {g.uid for g in version.targets if g.task_id is None})
        assert s.scalar(select(AuditEntry.id).where(AuditEntry.action == "obligation.update"))
    assert "没有报送路径的目标" not in admin.get("/obligations").text
    # the emission cuts are half-yearly: on June's to-do of the ecology bureau, not on May's
    june = {i.title for i in _owed(seeded, "市生态环境局") if i.task is None}
    assert any("氮氧化物" in t for t in june)
    assert not any(i.task is None for i in _owed(seeded, "市生态环境局", "2023-05"))
    # 林木覆盖率 and 湿地保护率 are yearly: December's to-do of 市自然资源和规划局, not before;
    # until then the goal is 未到报送期, not 未报送
    december = [i.title for i in _owed(seeded, "市自然资源和规划局", "2023-12") if i.task is None]
    assert len(december) == 2 and not any(i.task is None for i in _owed(seeded, "市自然资源和规划局"))
    goals = seeded.client("admin").get("/api/status").json()["goals"]
    forest = next(g for g in goals if g["text"].startswith("林木覆盖率"))
    assert forest["status"]["code"] == "not_due" and forest["source"] == "report"
    # 生态质量指数持续提升: a goal without a figure of its own, measured by its change against
    # 2022 (> 0 %), reported by 市生态环境局 in December; said so in words until then
    quality = next(g for g in goals if g["text"].startswith("生态质量指数"))
    assert quality["text"] == "生态质量指数 较2022年提升" and quality["owner"] == "市生态环境局"
    assert quality["status"]["code"] == "not_due"
    assert quality["status"]["why"]["text"] == (
        "目标为较2022年提升（方案未给出数值，以生态质量指数较2022年变化幅度衡量）；"
        "由市生态环境局报送，首次报送期为12月，尚未到期")


def test_units_owe_only_their_part(seeded):
    wujin = _owed(seeded, "武进区")
    assert wujin[0].uid == todo.IMPLEMENTATION  # one implementation report per period
    # no city target without a part assigned to it: only 各辖市区至少建成1条美丽河湖 (quota 1)
    assert [(i.title, i.quota) for i in wujin if i.kind == "target"] == [
        ("各辖市区江苏省美丽河湖 ≥ 1条", 1.0)]
    assert {i.number for i in wujin[1:] if i.kind == "task"} == {"8", "18", "21", "36"}
    assert not any("长荡湖退田还湖" in i.title for i in _owed(seeded, "新北区"))
    assert any("长荡湖退田还湖" in i.title for i in _owed(seeded, "溧阳市"))
    assert _owed(seeded, "市各有关部门") == []  # a phrase nobody logs in as
    # 市工业和信息化局 cooperates on task 1 and shares task 2 (led by nobody: 市发改委 reports
    # its city figures, flagged for the office): words on both, no number
    gongxin = _owed(seeded, "市工业和信息化局")
    assert {("1", "task"), ("2", "task")} <= {(i.number, i.kind) for i in gongxin}
    assert not any(i.kind == "target" and i.number in ("1", "2") for i in gongxin)
    assert any(i.kind == "target" and i.number == "2" for i in _owed(seeded, "市发展和改革委员会"))
    page = seeded.client("admin").get("/obligations").text
    assert "“市各有关部门”不是可登录的单位" in page and "默认由市发展和改革委员会报送全市数" in page


def test_todo_api_lists_what_the_district_owes(seeded):
    with seeded.session() as s:
        load_demo_obligations(s, DemoReport())
    items = seeded.client("district").get("/api/progress/todo?period=2023-06").json()["items"]
    titles = [i["title"] for i in items]
    assert len(items) == 9 and items[0]["uid"] == todo.IMPLEMENTATION  # + 4 tasks, 4 quotas
    assert sum("绿色工厂" in t or "整治提升企业" in t or "农村公厕" in t for t in titles) == 3
    assert set(items[0]) == {"kind", "uid", "task_number", "title", "role", "value_unit",
                             "state", "report_id"}


def _green_factories(seeded):
    with seeded.session() as s:
        version = todo.published(s)
        return next(t.uid for t in version.targets if t.metric == "培育市级及以上绿色工厂")


def _row(seeded, uid):
    rows = seeded.client("admin").get("/api/targets").json()["targets"]
    return next(r for r in rows if r["uid"] == uid)


def test_hand_computed_aggregation(seeded):
    """Quotas 6+5+10+8+3+3+5 = 40; June values 武进区 6, 新北区 5, 溧阳市 3 → 14 of 40 with four
    districts missing; once all seven report 6+5+3+2+1+2+3 = 22: 55 % against a time pace of
    191/365 = 52.3 % on 2023-07-10 → 按序时推进."""
    with seeded.session() as s:
        load_demo_obligations(s, DemoReport())
    uid = _green_factories(seeded)
    for unit, value in (("武进区", 6), ("新北区", 5), ("溧阳市", 3)):
        seeded.report("2", kind="target", unit=unit, nth=0, value_to_date=value)
    row = _row(seeded, uid)
    assert set(row) >= API_FIELDS and row["source"] == "contributions" and row["owner"] is None
    assert row["aggregation"] == "sum" and row["value"] == 14 and row["target"] == 40
    assert {c["unit"]: (c["quota"], c["value"]) for c in row["contributions"]}["武进区"] == (10, 6)
    assert row["status"] == "missing"
    assert "金坛区、天宁区、钟楼区、常州经开区尚未报送2023年6月的分解数" in row["explanation"]
    for unit, value in (("金坛区", 2), ("天宁区", 1), ("钟楼区", 2), ("常州经开区", 3)):
        seeded.report("2", kind="target", unit=unit, nth=0, value_to_date=value)
    row = _row(seeded, uid)
    assert row["value"] == 22 and row["status"] == "on_pace"
    assert row["status_year_end"] == "expected_met"
    assert row["explanation"] == ("截至2023年6月各单位合计培育市级及以上绿色工厂22家，低于全年目标40家；"
                                  "完成55%，序时进度52.3%，按序时推进")


def test_targets_api_fields_and_office_edit(seeded):
    admin = seeded.client("admin")
    rows = admin.get("/api/targets").json()["targets"]
    # 178 targets, and two rising ones the plan writes without a number (生态质量指数持续提升,
    # 进水浓度稳步提升: > 0 % against 2022)
    assert len(rows) == 180 and all(set(r) >= API_FIELDS for r in rows)
    pm25 = next(r for r in rows if r["title"].startswith("全市PM2.5"))
    assert pm25["source"] == "monitoring" and pm25["task"] is None
    uid = _green_factories(seeded)
    form = {"source": "report", "owner": "市工业和信息化局", "frequency": "quarterly",
            "first_month": "3"}
    assert admin.post(f"/obligations/{uid}", data={**form, "owner": "不存在局"}).status_code == 422
    assert admin.post(f"/obligations/{uid}", data=form, follow_redirects=False).status_code == 303
    row = _row(seeded, uid)
    assert row["owner"] == "市工业和信息化局" and row["frequency"] == "quarterly"
    assert admin.post(f"/obligations/{uid}", data={**form, "row_version": "99"}).status_code == 409
    assert seeded.client("reporter").get("/obligations").status_code == 403


def test_a_units_status_counts_only_what_it_owes(seeded):
    """市统计局 owes one item (its part of task 30, in words): once reported it is not 未报送,
    whatever other units left out; 武进区 is judged on its own items, not every city target."""
    seeded.report("30", unit="市统计局")
    data = seeded.client("admin").get("/api/status").json()
    tongji = next(u for u in data["units"] if u["name"] == "市统计局")
    assert tongji["item_count"] == 1 and tongji["reported"] == 1
    assert tongji["status"]["code"] == "on_pace" and tongji["completeness"] == 100.0
    wujin = next(u for u in data["districts"] if u["name"] == "武进区")
    assert wujin["item_count"] == 6 and wujin["status"]["code"] == "missing"


def test_an_obligation_travels_with_later_versions_of_the_plan(seeded):
    """Set on version 1, it holds in version 2; changed in version 2, version 1 keeps its own."""
    from ecoplan.app.obligations import service
    from ecoplan.app.plans import queries
    from ecoplan.app.plans import service as plans
    from ecoplan.app.plans import versions

    uid = _green_factories(seeded)
    values = {"source": "report", "owner": "市工业和信息化局", "frequency": "quarterly"}
    with seeded.session() as s:
        v1 = todo.published(s)
        service.set_obligation(s, actor=None, version=v1, target_uid=uid, values=values)
        draft = versions.start_draft(s, actor=None, plan_id=v1.plan_id)
        s.flush()
        plans.publish(s, actor=None, version_id=draft.id, row_version=draft.row_version)
    with seeded.session() as s:
        v2 = todo.published(s)
        assert v2.number == 2 and store.of(v2, s)[uid].owner == "市工业和信息化局"
        service.set_obligation(s, actor=None, version=v2, target_uid=uid,
                               values={**values, "owner": "市发展和改革委员会"})
    with seeded.session() as s:
        v1 = queries.load_version(s, versions.current(s, plan_id=todo.published(s).plan_id).id)
        old = next(v for v in v1.plan.versions if v.number == 1)
        assert store.of(queries.load_version(s, old.id), s)[uid].owner == "市工业和信息化局"
        assert store.of(todo.published(s), s)[uid].owner == "市发展和改革委员会"
