"""A district's own units and accounts (issue 17 item 1: districts run their sub-plan's reporting
within the district): 武进区's district user creates, renames and retires its towns and
departments and opens accounts for them; another district, the office's roles and the district's
own heads are refused (403) and unknown ones are 404; version checks (409), the audit log in
Chinese. Then the sub-plan's responsible units: suggested on upload, mapped or created under the
district by its owner, and the mapped unit's account reports, the district approves."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from sqlalchemy import delete, select

from ecoplan.app.audit.models import AuditEntry
from ecoplan.app.auth.models import User
from ecoplan.app.auth.passwords import verify_password
from ecoplan.app.features import audit_labels
from ecoplan.app.subplans.models import SubPlanItem, SubPlanUnit
from ecoplan.app.subplans.reporting import reporting_units
from ecoplan.app.units.models import Unit
from subplan_people import add_person, last_report
from test_subplans import confirm_all, the_subplan, upload

PASSWORD = "Hutang-2023!"


def _unit(env, name: str) -> Unit:
    with env.session() as s:
        unit = s.scalars(select(Unit).where(Unit.name == name)).one()
        s.expunge(unit)
        return unit


def _user(env, username: str) -> User:
    with env.session() as s:
        user = s.scalars(select(User).where(User.username == username)).one()
        s.expunge(user)
        return user


def _new_town(client, name: str = "湖塘镇", kind: str = "town"):
    return client.post("/district/units", data={"name": name, "kind": kind})


def _new_account(client, unit_id: int, username: str = "hutang01", role: str = "reporter",
                 password: str = PASSWORD):
    return client.post("/district/users", data={
        "username": username, "display_name": "湖塘镇填报员", "password": password,
        "role": role, "unit_id": str(unit_id)})


def test_a_district_creates_renames_and_retires_its_units(seeded, people):
    district = seeded.client("district")
    page = district.get("/district/units")
    assert page.status_code == 200 and "本辖区单位和账号" in page.text and "尚无下属单位" in page.text
    assert _new_town(district).status_code == 303
    town = _unit(seeded, "湖塘镇")
    assert (town.kind, town.parent_id, town.active) == ("town", _unit(seeded, "武进区").id, True)
    r = _new_town(district, "湖塘镇")
    assert r.status_code == 422 and "已存在" in r.text  # unit names are unique in the city
    r = _new_town(district, "武进区某区", "district")
    assert r.status_code == 422 and "只能新建镇（街道）或区级部门" in r.text
    assert _new_town(district, "", "town").status_code == 422
    # kind guessed from the name when not given
    assert district.post("/district/units", data={"name": "武进区工业和信息化局"}).status_code == 303
    assert _unit(seeded, "武进区工业和信息化局").kind == "department"

    edit = {"version": str(town.version), "name": "湖塘镇人民政府", "kind": "town", "active": "on"}
    assert district.post(f"/district/units/{town.id}", data=edit).status_code == 303
    r = district.post(f"/district/units/{town.id}", data={**edit, "name": "湖塘"})
    assert r.status_code == 409  # the form showed version 1; it is 2 now
    assert _unit(seeded, "湖塘镇人民政府").version == 2

    assert _new_account(district, town.id).status_code == 303
    person = _user(seeded, "hutang01")
    assert (person.role, person.unit_id, person.active) == ("reporter", town.id, True)
    assert person.password_hash != PASSWORD and verify_password(person.password_hash, PASSWORD)
    # retiring the town ends its account
    r = district.post(f"/district/units/{town.id}",
                      data={"version": "2", "name": "湖塘镇人民政府", "kind": "town"})
    assert r.status_code == 303
    assert not _unit(seeded, "湖塘镇人民政府").active and not _user(seeded, "hutang01").active
    r = _new_account(district, town.id, "hutang02")
    assert r.status_code == 422 and "已撤销" in r.text

    with seeded.session() as s:
        entries = s.scalars(select(AuditEntry).where(AuditEntry.object_type.in_(("unit", "user")),
                                                     AuditEntry.actor == "district")
                            .order_by(AuditEntry.id)).all()
        actions = [e.action for e in entries]
        assert actions[:2] == ["unit.created", "unit.created"] and "user.created" in actions
        assert entries[0].after["parent"] == "武进区"
        assert [e.after["active"] for e in entries if e.action == "user.updated"] == [False]
    labels = audit_labels()
    assert labels.field_label("parent", "unit") == "所属辖市区"


def test_accounts_follow_the_offices_rules(seeded, people):
    district = seeded.client("district")
    _new_town(district)
    town = _unit(seeded, "湖塘镇")
    r = _new_account(district, town.id, password="1234567")
    assert r.status_code == 422 and "密码至少需要 8 个字符" in r.text
    r = _new_account(district, town.id, role="district")
    assert r.status_code == 422 and "只能为下属单位开设单位填报员或单位负责人账号" in r.text
    r = _new_account(district, _unit(seeded, "武进区").id)  # the district itself: not its unit
    assert r.status_code == 422 and "不属于武进区" in r.text
    r = _new_account(district, town.id, username="district")
    assert r.status_code == 422 and "已存在" in r.text
    assert _new_account(district, town.id, role="leader").status_code == 303
    person = _user(seeded, "hutang01")
    form = {"version": str(person.version), "display_name": "湖塘镇分管负责人", "role": "leader",
            "unit_id": str(town.id), "active": "on"}
    assert district.post(f"/district/users/{person.id}", data=form).status_code == 303
    assert district.post(f"/district/users/{person.id}", data=form).status_code == 409
    r = district.post(f"/district/users/{person.id}/password", data={"password": "short"})
    assert r.status_code == 422
    assert district.post(f"/district/users/{person.id}/password",
                         data={"password": "Another-pass-1"}).status_code == 303
    assert verify_password(_user(seeded, "hutang01").password_hash, "Another-pass-1")


def test_another_district_and_other_roles_are_refused(seeded, people):
    district = seeded.client("district")
    _new_town(district)
    town = _unit(seeded, "湖塘镇")
    _new_account(district, town.id)
    person = _user(seeded, "hutang01")
    xinbei = add_person(seeded, people, "xinbei", "district", "新北区", kind="district")
    edit = {"version": "1", "name": "被改名", "kind": "town", "active": "on"}
    user_edit = {"version": "1", "display_name": "x", "role": "reporter", "unit_id": str(town.id),
                 "active": "on"}
    for path, data in ((f"/district/units/{town.id}", edit),
                       (f"/district/users/{person.id}", user_edit),
                       (f"/district/users/{person.id}/password", {"password": "Taken-over-1"})):
        assert xinbei.get(path).status_code in (403, 405)
        r = xinbei.post(path, data=data)
        assert r.status_code == 403 and r.headers["X-Ecoplan-Refused"] == "object", path
    # 新北区 sees none of 武进区's units or accounts and cannot open one for them
    page = xinbei.get("/district/units")
    assert page.status_code == 200 and "湖塘镇" not in page.text
    assert _new_account(xinbei, town.id, "xb01").status_code == 422
    # the district's own accounts and the city's are not its to edit
    for target in ("district", "reporter"):
        assert district.post(f"/district/users/{people[target]}", data=user_edit).status_code == 403
    city = _unit(seeded, "市生态环境局")
    assert district.post(f"/district/units/{city.id}", data=edit).status_code == 403
    assert district.post("/district/units/999999", data=edit).status_code == 404
    assert district.post("/district/users/999999", data=user_edit).status_code == 404
    # roles: only the district user (not its heads, not the office: it has /admin/units)
    head = add_person(seeded, people, "wujin_head", "leader", "武进区", kind="district")
    for client in (head, seeded.client("admin"), seeded.client("reporter"), seeded.client("viewer")):
        assert client.get("/district/units").status_code == 403
        assert _new_town(client, "某镇").status_code == 403
    assert seeded.client(None).get("/district/units").status_code in (303, 401)
    assert _unit(seeded, "湖塘镇").name == "湖塘镇" and _user(seeded, "hutang01").display_name == "湖塘镇填报员"
    # CSRF: a form post without the token is refused
    bare = seeded.client("district")
    del bare.headers["X-CSRF-Token"]
    assert _new_town(bare, "无令牌镇").status_code == 403


def test_the_subplans_units_are_mapped_or_created_then_report(seeded, wujin, people):
    district = seeded.client("district")
    upload(district, wujin)
    sp_id, items = the_subplan(seeded)
    with seeded.session() as s:
        links = {link.name: (link.unit_id, link.decided) for link in s.scalars(select(SubPlanUnit))}
    assert links["区工业和信息化局"] == (None, False)  # no such unit yet: the district reports
    page = district.get(f"/subplans/{sp_id}")
    assert 'value="武进区工业和信息化局"' in page.text and "在武进区新建单位" in page.text
    # another district may not decide 武进区's units; a unit head of 武进区 may map but not create
    xinbei = add_person(seeded, people, "xinbei", "district", "新北区", kind="district")
    with seeded.session() as s:
        link_id = s.scalars(select(SubPlanUnit.id).where(SubPlanUnit.name == "区工业和信息化局")).one()
    assert xinbei.post(f"/subplans/{sp_id}/units", data={f"unit_{link_id}": "new"}).status_code == 403
    head = add_person(seeded, people, "wujin_head", "leader", "武进区", kind="district")
    r = head.post(f"/subplans/{sp_id}/units", data={f"unit_{link_id}": "new"})
    assert r.status_code == 422 and "辖市区用户可以新建" in r.text
    r = district.post(f"/subplans/{sp_id}/units",
                      data={f"unit_{link_id}": f"unit:{_unit(seeded, '新北区').id}"})
    assert r.status_code == 422 and "不可选" in r.text  # not its unit, not named by the plan
    r = district.post(f"/subplans/{sp_id}/units", data={f"unit_{link_id}": "new",
                                                         f"new_name_{link_id}": "武进区工业和信息化局"})
    assert r.status_code == 303
    dept = _unit(seeded, "武进区工业和信息化局")
    assert (dept.kind, dept.parent_id) == ("department", _unit(seeded, "武进区").id)
    assert _new_account(district, dept.id, "wjgx01").status_code == 303
    confirm_all(district, seeded)
    with seeded.session() as s:
        assert s.get(SubPlanUnit, link_id).decided
        item = s.get(SubPlanItem, items["2"])
        assert [u.name for u in reporting_units(s, item)] == ["武进区工业和信息化局"]
        actions = [a for (a,) in s.execute(select(AuditEntry.action).order_by(AuditEntry.id))]
    assert "subplan.unit_mapped" in actions
    assert audit_labels().action_label("subplan.unit_mapped") == "确认子计划责任单位"

    reporter = _login(seeded, people, "wjgx01")
    assert reporter.get("/api/me/workbench").json()["subplan_to_report"] == 3
    r = reporter.post(f"/subplans/items/{items['2']}/reports",
                      data={"status": "in_progress", "note": "新增绿色工厂2家"})
    assert r.status_code == 303
    report = last_report(seeded)
    assert district.post(f"/subplans/reports/{report.id}/approve",
                         data={"version": report.version}).status_code == 303
    with seeded.session() as s:
        assert s.get(SubPlanItem, items["2"]).status == "in_progress"
    # retiring the department hands its measures back to the district
    dept = _unit(seeded, "武进区工业和信息化局")
    district.post(f"/district/units/{dept.id}", data={"version": str(dept.version),
                                                      "name": dept.name, "kind": "department"})
    with seeded.session() as s:
        assert [u.name for u in reporting_units(s, s.get(SubPlanItem, items["2"]))] == ["武进区"]


def _login(env, people, username: str):
    with env.session() as s:
        people[username] = s.scalars(select(User.id).where(User.username == username)).one()
    return env.client(username)


def test_the_migration_maps_what_name_matching_found(seeded, wujin, people):
    """Sub-plans from before 0028: their rows written from the old report-time matching."""
    district = seeded.client("district")
    upload(district, wujin)
    add_person(seeded, people, "wujin_mit", "reporter", "武进区工业和信息化局")
    path = Path(__file__).parents[3] / "src/ecoplan/migrations/versions/0028_casc4.py"
    spec = importlib.util.spec_from_file_location("m0028", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with seeded.session() as s:
        s.execute(delete(SubPlanUnit))
        assert module.map_written_names(s.connection()) > 0
        assert module.map_written_names(s.connection()) == 0  # idempotent
        s.commit()
    with seeded.session() as s:
        links = {link.name: link for link in s.scalars(select(SubPlanUnit))}
        assert links["区工业和信息化局"].unit.name == "武进区工业和信息化局"
        assert links["区工业和信息化局"].decided
        assert all(link.unit_id is None and not link.decided
                   for name, link in links.items() if name != "区工业和信息化局"
                   and link.unit is None)


def test_names_offered_for_a_districts_new_units():
    from types import SimpleNamespace

    from ecoplan.app.auth.district import guess_kind, suggested_name

    wujin = SimpleNamespace(name="武进区")
    assert [suggested_name(wujin, n) for n in ("区工业和信息化局", "湖塘镇", "南夏墅街道",
                                               "武进生态环境局", "区武进生态环境局",
                                               "武进区水利局", "农业农村局")] == [
        "武进区工业和信息化局", "湖塘镇", "南夏墅街道", "武进生态环境局", "武进生态环境局",
        "武进区水利局", "武进区农业农村局"]
    assert [guess_kind(n) for n in ("湖塘镇", "南夏墅街道", "嘉泽乡", "区水利局")] == [
        "town", "town", "town", "department"]


def test_the_office_places_a_unit_under_a_district(seeded, people):
    admin = seeded.client("admin")
    wujin = _unit(seeded, "武进区")
    r = admin.post("/admin/units", data={"name": "牛塘镇", "kind": "town", "parent_id": str(wujin.id)})
    assert r.status_code == 303
    town = _unit(seeded, "牛塘镇")
    assert town.parent_id == wujin.id
    assert "牛塘镇" in seeded.client("district").get("/district/units").text
    r = admin.post("/admin/units", data={"name": "某区", "kind": "district", "parent_id": str(wujin.id)})
    assert r.status_code == 422 and "所属辖市区" in r.text
    r = admin.post(f"/admin/units/{town.id}", data={"version": "1", "name": "牛塘镇", "kind": "town",
                                                    "active": "on", "parent_id": ""})
    assert r.status_code == 303 and _unit(seeded, "牛塘镇").parent_id is None
    assert seeded.client("district").get(f"/district/units/{town.id}").status_code == 403
