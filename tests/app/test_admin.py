"""Admin pages for people and units, stale edits, and the API."""

from __future__ import annotations

from sqlalchemy import select

from ecoplan.app.auth.models import User
from ecoplan.app.db import unit_of_work
from ecoplan.app.units.models import Unit
from ecoplan.app.units.service import load_gazetteer_units
from ecoplan.plan.gazetteer import Gazetteer, Unit as GazetteerUnit


def _unit_id(db, name):
    with unit_of_work(db) as s:
        return s.scalar(select(Unit.id).where(Unit.name == name))


def test_admin_creates_user_who_can_log_in(login_as, db, people):
    admin = login_as("admin")
    unit = _unit_id(db, "市发展和改革委员会")
    response = admin.post("/admin/users", data={
        "username": "fgw01", "display_name": "发改委填报员", "password": "fgw-pass-2023",
        "role": "reporter", "unit_id": str(unit)})
    assert response.status_code == 303
    assert "fgw01" in admin.get("/admin/users").text
    anonymous = login_as(None)
    login = anonymous.post("/login", data={"username": "fgw01", "password": "fgw-pass-2023"})
    assert login.status_code == 303
    assert anonymous.get("/api/me").json()["unit_id"] == unit


def test_user_form_errors_are_shown(login_as, people, db):
    admin = login_as("admin")
    dup = admin.post("/admin/users", data={"username": "viewer", "display_name": "x",
                                           "password": "long-enough-1", "role": "viewer"})
    assert dup.status_code == 422 and "已存在" in dup.text
    no_unit = admin.post("/admin/users", data={"username": "r2", "display_name": "x",
                                               "password": "long-enough-1", "role": "reporter"})
    assert "必须属于一个单位" in no_unit.text
    wrong_kind = admin.post("/admin/users", data={
        "username": "d2", "display_name": "x", "password": "long-enough-1", "role": "district",
        "unit_id": str(_unit_id(db, "市生态环境局"))})
    assert "必须属于一个辖市区" in wrong_kind.text
    bad_role = admin.post("/admin/users", data={"username": "z", "display_name": "x",
                                                "password": "long-enough-1", "role": "root"})
    assert "未知角色" in bad_role.text


def test_stale_user_edit_is_refused(login_as, people, db):
    admin = login_as("admin")
    form = {"version": "1", "display_name": "新名字", "role": "viewer", "unit_id": "",
            "active": "on"}
    assert admin.post(f"/admin/users/{people['viewer']}", data=form).status_code == 303
    stale = admin.post(f"/admin/users/{people['viewer']}", data={**form, "display_name": "别的"})
    assert stale.status_code == 409 and "已被他人修改" in stale.text
    with unit_of_work(db) as s:
        assert s.get(User, people["viewer"]).display_name == "新名字"


def test_admin_cannot_demote_self(login_as, people):
    admin = login_as("admin")
    response = admin.post(f"/admin/users/{people['admin']}", data={
        "version": "1", "display_name": "x", "role": "viewer", "unit_id": "", "active": "on"})
    assert response.status_code == 422 and "不能取消自己的管理员角色" in response.text


def test_deactivating_a_user_ends_their_sessions(login_as, people):
    viewer = login_as("viewer")
    assert viewer.get("/api/me").status_code == 200
    login_as("admin").post(f"/admin/users/{people['viewer']}", data={
        "version": "1", "display_name": "x", "role": "viewer", "unit_id": ""})
    assert viewer.get("/api/me").status_code == 401


def test_reset_password_and_unlock(login_as, people, db):
    from datetime import timedelta

    from ecoplan.app.core.clock import utcnow

    with unit_of_work(db) as s:
        user = s.get(User, people["reporter"])
        user.failed_logins, user.locked_until = 5, utcnow() + timedelta(minutes=10)
    admin = login_as("admin")
    assert "已锁定" in admin.get("/admin/users").text
    admin.post(f"/admin/users/{people['reporter']}/password", data={"password": "reset-pass-99"})
    response = login_as(None).post("/login", data={"username": "reporter", "password": "reset-pass-99"})
    assert response.status_code == 303


def test_units_create_edit_stale_and_filter(login_as, db, people):
    admin = login_as("admin")
    assert admin.post("/admin/units", data={"name": "市水利局", "kind": "department",
                                            "aliases": "水利局，市水务局\n水利局"}).status_code == 303
    unit_id = _unit_id(db, "市水利局")
    with unit_of_work(db) as s:
        assert s.get(Unit, unit_id).aliases == ["水利局", "市水务局"]
    dup = admin.post("/admin/units", data={"name": "武进区", "kind": "district"})
    assert dup.status_code == 422 and "已存在" in dup.text
    form = {"version": "1", "name": "市水利局", "kind": "department", "aliases": "水利局",
            "active": "on"}
    assert admin.post(f"/admin/units/{unit_id}", data=form).status_code == 303
    stale = admin.post(f"/admin/units/{unit_id}", data={**form, "aliases": "旧表单"})
    assert stale.status_code == 409 and "已被他人修改" in stale.text
    listed = admin.get("/admin/units", params={"q": "水务"})
    assert "市水利局" not in listed.text  # alias 市水务局 was removed by the saved edit
    assert "市水利局" in admin.get("/admin/units", params={"kind": "department"}).text
    api = login_as("viewer").get(f"/api/units/{unit_id}").json()
    assert api["name"] == "市水利局" and api["aliases"] == ["水利局"]
    assert login_as("viewer").get("/api/units/99999").json() == {"error": "单位不存在"}


def test_units_load_from_gazetteer_and_keep_edits(db, people):
    gazetteer = Gazetteer(region="测试市", districts=["武进区", "新北区"],
                          district_aliases={"新北": "新北区"},
                          units=[GazetteerUnit("市生态环境局", "department", ("市环保局",)),
                                 GazetteerUnit("某化工企业", "enterprise", ())])
    with unit_of_work(db) as s:
        assert load_gazetteer_units(s, gazetteer) == (2, 1)
    with unit_of_work(db) as s:
        assert load_gazetteer_units(s, gazetteer) == (0, 0)  # idempotent
        units = {u.name: u for u in s.scalars(select(Unit))}
    assert units["新北区"].kind == "district" and units["新北区"].aliases == ["新北"]
    assert units["某化工企业"].kind == "enterprise"
    assert units["市生态环境局"].aliases == ["市环保局"]


def test_errors_are_chinese_pages_or_json_never_tracebacks(login_as, people):
    viewer = login_as("viewer")
    missing = viewer.get("/no/such/page")
    assert missing.status_code == 404 and "页面不存在" in missing.text
    assert "Traceback" not in missing.text
    assert viewer.get("/api/no/such").json() == {"error": "页面不存在，或您要找的内容已被删除"}
    admin = login_as("admin")
    assert admin.get("/admin/users/abc").status_code == 422
    assert "提交的内容不完整" in admin.get("/admin/users/abc").text
    assert admin.get("/admin/users/99999").status_code == 404


def test_htmx_errors_are_fragments(login_as, people):
    admin = login_as("admin")
    response = admin.get("/admin/audit", params={"since": "bad"}, headers={"HX-Request": "true"})
    assert response.status_code == 422
    assert response.text.lstrip().startswith('<div class="flash flash-error"')


def test_healthz_and_security_headers(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json()["status"] == "ok"
    page = client.get("/")
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["x-frame-options"] == "DENY"


def test_openapi_document(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/me", "/api/units", "/api/users", "/api/audit"} <= set(paths)


def test_unlock_with_htmx_returns_the_row(login_as, people, db):
    from datetime import timedelta

    from ecoplan.app.core.clock import utcnow

    with unit_of_work(db) as s:
        s.get(User, people["leader"]).locked_until = utcnow() + timedelta(minutes=5)
    response = login_as("admin").post(f"/admin/users/{people['leader']}/unlock",
                                      headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response.text.startswith(f'<tr id="user-{people["leader"]}">')
    assert "正常" in response.text and "已锁定" not in response.text


def test_admin_imports_units_from_the_gazetteer(login_as, db, people):
    from ecoplan.plan.gazetteer import load_gazetteer

    gazetteer = load_gazetteer()
    admin = login_as("admin")
    response = admin.post("/admin/units/import")
    assert response.status_code == 303
    with unit_of_work(db) as s:
        names = set(s.scalars(select(Unit.name)))
        eco = s.scalar(select(Unit).where(Unit.name == "市生态环境局"))
    assert {u.name for u in gazetteer.units} | set(gazetteer.districts) <= names
    assert "市环保局" in eco.aliases  # the existing unit got the gazetteer's aliases
    again = admin.post("/admin/units/import", follow_redirects=True)
    assert "新增 0 个" in again.text


def test_unexpected_errors_are_a_plain_page(settings, people):
    import warnings

    from fastapi import APIRouter, Depends

    from ecoplan.app.main import create_app
    from ecoplan.app.permissions import require

    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

    app = create_app(settings)
    broken = APIRouter()

    @broken.get("/broken", dependencies=[Depends(require("public"))])
    def explode():
        raise RuntimeError("secret internal detail")

    app.include_router(broken)
    with TestClient(app, raise_server_exceptions=False) as c:
        response = c.get("/broken")
    app.state.engine.dispose()
    assert response.status_code == 500 and "服务器内部错误" in response.text
    assert "secret internal detail" not in response.text and "Traceback" not in response.text


def test_api_manages_units_and_users_with_the_same_rules(login_as, db, people):
    admin = login_as("admin")
    created = admin.post("/api/units", json={"name": "市水利局", "kind": "department",
                                              "aliases": ["水利局"]})
    assert created.status_code == 201 and created.json()["aliases"] == ["水利局"]
    unit_id = created.json()["id"]
    patched = admin.patch(f"/api/units/{unit_id}", json={"version": 1, "active": False})
    assert patched.status_code == 200 and patched.json()["active"] is False
    assert patched.json()["name"] == "市水利局"  # fields not sent are kept
    stale = admin.patch(f"/api/units/{unit_id}", json={"version": 1, "name": "别的"})
    assert stale.status_code == 409 and "已被他人修改" in stale.json()["error"]
    bad = admin.post("/api/units", json={"name": " ", "kind": "department"})
    assert bad.status_code == 422 and bad.json() == {"error": "名称：不能为空"}
    user = admin.post("/api/users", json={"username": "api01", "display_name": "接口用户",
                                          "password": "api-pass-2023", "role": "viewer"})
    assert user.status_code == 201 and user.json()["role"] == "viewer"
    promoted = admin.patch(f"/api/users/{user.json()['id']}", json={"version": 1, "role": "admin"})
    assert promoted.json()["role"] == "admin"
    assert admin.patch("/api/users/99999", json={"version": 1}).json() == {"error": "用户不存在"}
    viewer = login_as("viewer")
    refused = viewer.post("/api/units", json={"name": "x", "kind": "other"})
    assert refused.status_code == 403 and refused.headers["X-Ecoplan-Refused"] == "route"
    no_csrf = login_as("admin")
    del no_csrf.headers["X-CSRF-Token"]
    assert no_csrf.post("/api/units", json={"name": "y"}).status_code == 403


def test_not_found_page_keeps_the_users_menu(login_as, people):
    page = login_as("admin").get("/no/such/page")
    assert page.status_code == 404 and "用户管理" in page.text and "测试admin" in page.text
    anonymous = login_as(None).get("/no/such/page")
    assert "用户管理" not in anonymous.text and 'href="/login"' in anonymous.text


def test_healthz_is_503_when_the_database_does_not_answer(tmp_path):
    import warnings

    from ecoplan.app.main import create_app
    from ecoplan.config import Settings

    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

    app = create_app(Settings(data_dir=tmp_path,
                              database_url="postgresql+psycopg://nobody@127.0.0.1:1/none"))
    with TestClient(app) as c:
        response = c.get("/healthz")
    assert response.status_code == 503 and response.json()["status"] == "error"


def test_users_page_filters(login_as, db, people):
    admin = login_as("admin")
    by_role = admin.get("/admin/users", params={"role": "district"}).text
    assert "测试district" in by_role and "测试viewer" not in by_role
    by_unit = admin.get("/admin/users", params={"unit_id": _unit_id(db, "市生态环境局")}).text
    assert all(name in by_unit for name in ("测试admin", "测试reporter", "测试leader"))
    assert "测试district" not in by_unit
    assert "测试viewer" in admin.get("/admin/users", params={"q": "view"}).text
