"""The plans JSON API: same objects and rules as the pages; the public plan shows no internals."""

from __future__ import annotations

from sqlalchemy import select

from ecoplan.app.plans.importing import import_plan
from ecoplan.app.plans.models import Target
from ecoplan.app.units.models import Unit


def test_plans_need_a_login_public_plan_does_not(seeded):
    anonymous = seeded.client(None)
    assert anonymous.get("/api/plans").status_code == 401
    assert anonymous.get("/api/plans/1").status_code == 401
    public = anonymous.get("/api/public/plan")
    assert public.status_code == 200
    body = public.json()
    assert body["plan"]["title"] == "2023年常州市生态文明建设工作方案"
    assert body["tasks"][0]["responsibility"]["lead"] == ["市发展和改革委员会"]
    text = public.text
    for internal in ("row_version", "unit_id", "warnings", "unknown_units", "status", "stored_path"):
        assert internal not in text, internal


def test_public_plan_is_404_before_anything_is_published(env):
    answer = env.client(None).get("/api/public/plan")
    assert answer.status_code == 404 and "还没有" in answer.json()["error"]


def test_plan_snapshot_task_and_duties(seeded):
    viewer = seeded.client("viewer")
    plans = viewer.get("/api/plans").json()
    assert [v["status"] for v in plans[0]["versions"]] == ["published"]
    plan = viewer.get("/api/plans/1").json()
    assert plan["format"] == "ecoplan.plan/1" and plan["version"]["number"] == 1
    first = plan["tasks"][0]
    task = viewer.get(f"/api/tasks/{first['id']}").json()
    assert task["uid"] == first["uid"] and task["title"] == "开展绿色低碳循环发展专项行动"
    with seeded.session() as s:
        unit_id = s.scalar(select(Unit.id).where(Unit.name == "市发展和改革委员会"))
    duties = viewer.get(f"/api/units/{unit_id}/duties").json()
    assert "1" in [t["number"] for t in duties["duties"]["lead"]]
    assert set(duties["duties"]) == {"lead", "cooperating", "shared", "implementers"}
    assert viewer.get("/api/units/999999/duties").status_code == 404


def test_patch_publish_and_diff(env, mini_plan):
    with env.session() as s:
        version_id = import_plan(s, parsed=mini_plan, actor=None).id
        target_id = s.scalar(select(Target.id).where(Target.metric == "PM2.5浓度"))
    admin = env.client("admin")
    url = f"/api/plans/items/target/{target_id}"
    assert env.client("reporter").get("/api/plans/1?version=1").status_code == 404
    assert env.client("reporter").patch(url, json={"row_version": 1, "values": {"value": 1}}).status_code == 403
    ok = admin.patch(url, json={"row_version": 1, "values": {"value": 30}})
    assert ok.status_code == 200 and ok.json()["value"] == 30 and ok.json()["row_version"] == 2
    stale = admin.patch(url, json={"row_version": 1, "values": {"value": 29}})
    assert stale.status_code == 409 and "已被他人修改" in stale.json()["error"]
    bad = admin.patch(url, json={"row_version": 2, "values": {"comparator": "≈"}})
    assert bad.status_code == 422 and "比较" in bad.json()["error"]
    stale_publish = admin.post(f"/api/plans/versions/{version_id}/publish", json={"row_version": 1})
    assert stale_publish.status_code == 409
    published = admin.post(f"/api/plans/versions/{version_id}/publish",
                           json={"row_version": ok.json()["draft_row_version"]})
    assert published.status_code == 200 and published.json()["status"] == "published"
    draft = admin.post("/plans/1/draft")
    assert draft.status_code == 303
    with env.session() as s:
        new_id = s.scalar(select(Target.id).where(Target.metric == "PM2.5浓度", Target.id != target_id))
    admin.patch(f"/api/plans/items/target/{new_id}", json={"row_version": 1, "values": {"value": 28}})
    diff = admin.get("/api/plans/1/diff?a=1&b=2").json()
    assert [(c["change"], c["fields"]) for c in diff["changes"]] == [
        ("changed", {"value": {"before": 30.0, "after": 28.0}})]
    assert env.client("viewer").get("/api/plans/1/diff?a=1&b=2").status_code == 404


def test_openapi_documents_the_plan_api(env):
    paths = env.client(None).get("/openapi.json").json()["paths"]
    for path in ("/api/plans", "/api/plans/{plan_id}", "/api/plans/{plan_id}/diff",
                 "/api/tasks/{task_id}", "/api/units/{unit_id}/duties", "/api/public/plan",
                 "/api/plans/items/{kind}/{item_id}", "/api/plans/versions/{version_id}/publish"):
        assert path in paths, path
