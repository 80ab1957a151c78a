"""Plan pages and htmx edits over HTTP: who sees what, inline edits, stale forms, publishing."""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import select

from ecoplan.app.audit.models import AuditEntry
from ecoplan.app.plans import service
from ecoplan.app.plans.importing import import_plan
from ecoplan.app.plans.models import Deadline, PlanSource, PlanVersion, Target, Task
from ecoplan.app.units.models import Unit

HTMX = {"HX-Request": "true"}


def draft_with_source(env, plan) -> int:
    """Import the mini plan as a draft whose source text is the seed's."""
    from ecoplan.app.plans.demo import SEED
    from ecoplan.plan.readers import read_document

    text = read_document(SEED).text
    with env.session() as s:
        source = PlanSource(file_name="mini.txt", stored_path="x", sha256="0" * 64, size=1,
                            text=text, uploaded_at=dt.datetime.now(dt.timezone.utc))
        s.add(source)
        return import_plan(s, parsed=plan, actor=None, source=source).id


def goal(env, vid) -> Target:
    with env.session() as s:
        return s.scalars(select(Target).where(Target.version_id == vid,
                                              Target.metric == "PM2.5浓度")).one()


def test_every_role_sees_the_published_plan(seeded):
    for role in ("admin", "reporter", "leader", "district", "viewer"):
        page = seeded.client(role).get("/plans/1")
        assert page.status_code == 200
        assert "2023年常州市生态文明建设工作方案" in page.text
        assert "开展绿色低碳循环发展专项行动" in page.text
        assert ("修改方案（新建草稿）" in page.text) == (role == "admin")


def test_anonymous_is_sent_to_login(seeded):
    page = seeded.client(None).get("/plans/1", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"].startswith("/login")


def test_filters_by_unit_district_status(seeded):
    client = seeded.client("viewer")
    with seeded.session() as s:
        unit_id = s.scalar(select(Unit.id).where(Unit.name == "市应急管理局"))
    by_unit = client.get(f"/plans/1?unit={unit_id}", headers=HTMX)
    assert by_unit.status_code == 200 and "<html" not in by_unit.text
    numbers = re.findall(r'class="task-number">(\d+)\.', by_unit.text)
    with seeded.session() as s:
        expected = {t.number for t in s.scalars(select(Task)) if any(
            r.unit_id == unit_id for r in t.responsibilities)}
    assert numbers and set(numbers) == expected
    by_district = client.get("/plans/1?district=金坛区").text
    assert "加快能源绿色低碳转型" in by_district
    assert "开展绿色低碳循环发展专项行动" not in by_district  # binds 各辖市区 only
    assert "没有符合条件的任务" in client.get("/plans/1?status=done").text


def test_task_unit_district_pages(seeded):
    client = seeded.client("reporter")
    assert "市发展和改革委员会" in client.get("/tasks/1").text
    with seeded.session() as s:
        unit_id = s.scalar(select(Unit.id).where(Unit.name == "市发展和改革委员会"))
    unit_page = client.get(f"/units/{unit_id}").text
    assert "牵头（" in unit_page and "开展绿色低碳循环发展专项行动" in unit_page
    assert "点名本地区的任务" in client.get("/districts/金坛区").text
    assert client.get("/districts/火星区").status_code == 404


def test_drafts_are_hidden_from_units(env, mini_plan):
    vid = draft_with_source(env, mini_plan)
    assert env.client("reporter").get("/plans/1?version=1").status_code == 404
    assert env.client("reporter").get(f"/plans/versions/{vid}/review").status_code == 403
    assert env.client("admin").get("/plans/1?version=1").status_code == 200


def test_review_shows_problems_first_and_highlights_sources(env, mini_plan):
    vid = draft_with_source(env, mini_plan)
    page = env.client("admin").get(f"/plans/versions/{vid}/review").text
    assert page.index("需要处理") < page.index('id="source-text"')
    assert "市碳中和推进办" in page[:page.index('id="source-text"')]
    target = goal(env, vid)
    assert re.search(rf'<mark data-items="[^"]*target-{target.id}[^"]*" class="src-item">全市PM2.5浓度不超过31微克/立方米</mark>', page)


def test_inline_edit_then_stale_form_is_refused(env, mini_plan):
    vid = draft_with_source(env, mini_plan)
    admin = env.client("admin")
    target = goal(env, vid)
    form = admin.get(f"/plans/items/target/{target.id}/edit", headers=HTMX)
    assert 'name="row_version" value="1"' in form.text
    fields = {"row_version": "1", "metric": "PM2.5浓度", "scope": "全市", "comparator": "<=",
              "value": "30", "unit": "微克/立方米", "task_ref": "goal", "deadline": "2023-12-31",
              "text": target.text, "has_soft": "1"}
    saved = admin.post(f"/plans/items/target/{target.id}", data=fields, headers=HTMX)
    assert saved.status_code == 200 and "≤ 30微克/立方米" in saved.text
    stale = admin.post(f"/plans/items/target/{target.id}", data={**fields, "value": "29"},
                       headers=HTMX)
    assert stale.status_code == 409 and "已被他人修改" in stale.text
    assert "≤ 30微克/立方米" in stale.text
    assert goal(env, vid).value == 30
    with env.session() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "plan.target.update")).one()
        assert (entry.actor, entry.ip, entry.after["value"]) == ("admin", "testclient", 30.0)


def test_invalid_edit_returns_the_form_with_the_message(env, mini_plan):
    vid = draft_with_source(env, mini_plan)
    target = goal(env, vid)
    answer = env.client("admin").post(f"/plans/items/target/{target.id}", headers=HTMX,
                                      data={"row_version": "1", "value": "三十一"})
    assert answer.status_code == 422 and "应为数值" in answer.text and "<form" in answer.text


def test_add_and_delete_rows(env, mini_plan):
    vid = draft_with_source(env, mini_plan)
    admin = env.client("admin")
    assert "<form" in admin.get(f"/plans/versions/{vid}/items/target/new", headers=HTMX).text
    added = admin.post(f"/plans/versions/{vid}/items/target", headers=HTMX,
                       data={"metric": "林木覆盖率", "scope": "全市", "comparator": ">=",
                             "value": "26.8", "unit": "%"})
    assert added.status_code == 200 and "≥ 26.8%" in added.text
    target = goal(env, vid)
    removed = admin.post(f"/plans/items/target/{target.id}/delete", data={"row_version": "1"},
                         headers=HTMX)
    assert removed.status_code == 200 and removed.text.strip() == ""


def test_publish_then_unit_user_sees_it(env, mini_plan):
    vid = draft_with_source(env, mini_plan)
    admin = env.client("admin")
    done = admin.post(f"/plans/versions/{vid}/publish", data={"row_version": "1"},
                      follow_redirects=False)
    assert done.status_code == 303
    again = admin.post(f"/plans/versions/{vid}/publish", data={"row_version": "2"})
    assert again.status_code == 422 and "已发布" in again.text
    page = env.client("reporter").get("/plans/1").text
    assert "≤ 31微克/立方米" in page


def test_history_and_diff_pages(env, mini_plan):
    vid = draft_with_source(env, mini_plan)
    admin = env.client("admin")
    admin.post(f"/plans/versions/{vid}/publish", data={"row_version": "1"})
    draft = admin.post("/plans/1/draft", follow_redirects=False)
    assert draft.status_code == 303 and "/review" in draft.headers["location"]
    with env.session() as s:
        new_id = s.scalar(select(PlanVersion.id).where(PlanVersion.number == 2))
    target = goal(env, new_id)
    admin.post(f"/plans/items/target/{target.id}", data={"row_version": "1", "value": "30"},
               headers=HTMX)
    history = admin.get("/plans/1/history").text
    assert "第2版" in history and "草稿" in history
    diff = admin.get("/plans/1/diff?a=1&b=2").text
    assert "修改" in diff and "<del>31</del>" in diff and "<ins>30</ins>" in diff
    assert "第2版" not in env.client("viewer").get("/plans/1/history").text


def test_publishing_a_draft_changed_behind_the_page_is_refused(env, mini_plan):
    """A's page shows revision 1; A's own edit moves A's publish form along (the answer's
    X-Draft-Revision), B's edit does not: A's publish is then refused."""
    vid = draft_with_source(env, mini_plan)
    a, b = env.client("admin"), env.client("admin")
    target = goal(env, vid)
    own = a.post(f"/plans/items/target/{target.id}", data={"row_version": "1", "value": "30"},
                 headers={**HTMX, "X-Draft-Revision": "1"})
    assert own.headers["X-Draft-Revision"] == "2"
    with env.session() as s:
        other = s.scalars(select(Target).where(Target.version_id == vid,
                                               Target.metric == "优良天数比率")).one()
    behind = b.post(f"/plans/items/target/{other.id}", data={"row_version": "1", "value": "81"},
                    headers={**HTMX, "X-Draft-Revision": "1"})
    assert behind.status_code == 200 and "X-Draft-Revision" not in behind.headers
    refused = a.post(f"/plans/versions/{vid}/publish", data={"row_version": "2"})
    assert refused.status_code == 409 and "已被他人修改" in refused.text
    with env.session() as s:
        assert s.get(PlanVersion, vid).is_draft


def test_a_plan_with_only_a_draft(env, mini_plan):
    vid = draft_with_source(env, mini_plan)
    answer = env.client("admin").get("/plans/1", follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == f"/plans/versions/{vid}/review"
    assert env.client("viewer").get("/plans/1").status_code == 404


def _deadline(env, vid):
    with env.session() as s:
        return s.scalars(select(Deadline).join(Task).where(Task.version_id == vid)).one()


def test_a_deadlines_kind_and_scope_are_set_by_hand_validated_and_audited(env, mini_plan):
    """Issue 18: the reader's kind (完成时限/起始时间) and scope can be corrected on the review page."""
    vid = draft_with_source(env, mini_plan)
    admin = env.client("admin")
    deadline = _deadline(env, vid)
    assert (deadline.kind, deadline.scope) == ("due", "clause")  # decided at import
    form = admin.get(f"/plans/items/deadline/{deadline.id}/edit", headers=HTMX).text
    assert '<select name="kind">' in form and '<select name="scope">' in form
    assert '<option value="due" selected>完成时限</option>' in form
    assert '<option value="clause" selected>所在分句</option>' in form and "适用范围" in form
    fields = {"row_version": "1", "date": "2023-06-01", "text": deadline.text, "kind": "start", "scope": "task"}
    bad = admin.post(f"/plans/items/deadline/{deadline.id}", data={**fields, "kind": "begin"}, headers=HTMX)
    assert bad.status_code == 422 and "时限类型" in bad.text and "<form" in bad.text
    bad = admin.post(f"/plans/items/deadline/{deadline.id}", data={**fields, "scope": "section"}, headers=HTMX)
    assert bad.status_code == 422 and "适用范围" in bad.text
    saved = admin.post(f"/plans/items/deadline/{deadline.id}", data=fields, headers=HTMX)
    assert saved.status_code == 200 and "deadline-start" in saved.text  # the 起 badge
    assert (_deadline(env, vid).kind, _deadline(env, vid).scope) == ("start", "task")
    with env.session() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "plan.deadline.update")).one()
        assert (entry.before["kind"], entry.after["kind"]) == ("due", "start")
        assert (entry.before["scope"], entry.after["scope"]) == ("clause", "task")
    # a new text with the choice kept by hand keeps it; "按原文判断" leaves it to publishing
    fields = {**fields, "row_version": "2", "text": "6月底前,完成整治", "kind": "start", "scope": ""}
    assert admin.post(f"/plans/items/deadline/{deadline.id}", data=fields, headers=HTMX).status_code == 200
    assert (_deadline(env, vid).kind, _deadline(env, vid).scope) == ("start", None)
    with env.session() as s:
        version = s.get(PlanVersion, vid)
        service.publish(s, actor=None, version_id=vid, row_version=version.row_version)
    # the hand-set kind stays; the scope left open is decided from the texts (one clause of the task)
    assert (_deadline(env, vid).kind, _deadline(env, vid).scope) == ("start", "clause")
