"""Login, lock-out, sessions, CSRF and password change."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from ecoplan.app.auth.models import AuthSession, User
from ecoplan.app.auth.service import LOCK_MINUTES, MAX_FAILURES
from ecoplan.app.audit.models import AuditEntry
from ecoplan.app.db import unit_of_work
from ecoplan.app.core.clock import as_utc, utcnow


def _login(client, username, password, next_="/"):
    return client.post("/login", data={"username": username, "password": password, "next": next_,
                                       "csrf_token": client.cookies["ecoplan_csrf"]})


def test_login_sets_httponly_lax_cookie_and_logout_ends_session(client, people, password, db):
    response = _login(client, "reporter", password)
    assert response.status_code == 303 and response.headers["location"] == "/"
    cookie = next(h for h in response.headers.get_list("set-cookie") if h.startswith("ecoplan_session="))
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie
    token = client.cookies["ecoplan_session"]
    with unit_of_work(db) as s:
        stored = s.scalars(select(AuthSession.token_hash)).all()
    assert stored and token not in stored  # only the hash is stored
    me = client.get("/api/me")
    assert me.status_code == 200 and me.json()["username"] == "reporter"
    page = client.get("/")
    csrf = page.text.split('name="csrf_token" value="')[1].split('"')[0]
    del client.headers["X-CSRF-Token"]  # the form's hidden field, as a browser sends it
    out = client.post("/logout", data={"csrf_token": csrf})
    assert out.status_code == 303
    client.cookies.set("ecoplan_session", token)  # replaying the old cookie does not work
    assert client.get("/api/me").status_code == 401


def test_wrong_password_message_and_counter(client, people, db):
    response = _login(client, "reporter", "not-the-password")
    assert response.status_code == 401
    assert "用户名或密码错误" in response.text and "再错 4 次" in response.text
    assert _login(client, "nobody", "x").status_code == 401
    with unit_of_work(db) as s:
        assert s.get(User, people["reporter"]).failed_logins == 1


def test_lock_out_after_five_failures_for_fifteen_minutes(client, people, password, db):
    for _ in range(MAX_FAILURES - 1):
        assert "用户名或密码错误" in _login(client, "viewer", "wrong-wrong").text
    locked = _login(client, "viewer", "wrong-wrong")
    assert "账户已锁定" in locked.text
    refused = _login(client, "viewer", password)  # even the right password, while locked
    assert refused.status_code == 401 and "分钟后重试" in refused.text
    with unit_of_work(db) as s:
        user = s.get(User, people["viewer"])
        left = as_utc(user.locked_until) - utcnow()
        assert timedelta(minutes=LOCK_MINUTES - 1) < left <= timedelta(minutes=LOCK_MINUTES)
        assert s.scalar(select(func.count()).where(AuditEntry.action == "user.locked")) == 1
        user.locked_until = utcnow() - timedelta(seconds=1)  # the lock runs out
    assert _login(client, "viewer", password).status_code == 303


def test_inactive_user_cannot_log_in(client, people, password, db):
    with unit_of_work(db) as s:
        s.get(User, people["viewer"]).active = False
    assert _login(client, "viewer", password).status_code == 401


def test_expired_session_is_anonymous(login_as, db):
    c = login_as("viewer")
    with unit_of_work(db) as s:
        for row in s.scalars(select(AuthSession)):
            row.expires_at = utcnow() - timedelta(minutes=1)
    assert c.get("/api/me").status_code == 401


def test_csrf_is_required_on_every_change(login_as):
    c = login_as("admin")
    del c.headers["X-CSRF-Token"]
    for path in ("/logout", "/admin/units", "/account/password"):
        response = c.post(path, data={"name": "x"})
        assert response.status_code == 403 and "CSRF" in response.text
    assert c.post("/admin/units", data={"name": "x", "csrf_token": "forged"}).status_code == 403
    anonymous = login_as(None)
    del anonymous.headers["X-CSRF-Token"]
    assert anonymous.post("/login", data={"username": "admin", "password": "x"}).status_code == 403


def test_login_next_only_follows_local_paths(login_as, password):
    for target, followed in (("//evil.example/x", "/"), ("https://evil.example/", "/"),
                             ("/admin/audit", "/admin/audit")):
        response = _login(login_as(None), "admin", password, target)
        assert response.headers["location"] == followed


def test_change_password(login_as, people, password, db):
    c = login_as("reporter")
    other = login_as("reporter")  # the same person on another device
    bad = c.post("/account/password", data={"current": "wrong", "new": "brand-new-pass",
                                             "confirm": "brand-new-pass"})
    assert bad.status_code == 422 and "当前密码不正确" in bad.text
    mismatch = c.post("/account/password", data={"current": password, "new": "brand-new-pass",
                                                  "confirm": "other-new-pass"})
    assert "两次输入的新密码不一致" in mismatch.text
    short = c.post("/account/password", data={"current": password, "new": "abc", "confirm": "abc"})
    assert "至少需要 8 个字符" in short.text
    ok = c.post("/account/password", data={"current": password, "new": "brand-new-pass",
                                            "confirm": "brand-new-pass"})
    assert ok.status_code == 303
    assert c.get("/api/me").status_code == 200
    assert other.get("/api/me").status_code == 401
    fresh = login_as(None)
    assert _login(fresh, "reporter", password).status_code == 401
    assert _login(fresh, "reporter", "brand-new-pass").status_code == 303
    with unit_of_work(db) as s:
        assert s.scalar(select(func.count()).where(
            AuditEntry.action == "user.password_changed")) == 1


def test_production_hashing_is_argon2id_rfc9106_low_memory():
    from ecoplan.app.auth.passwords import PRODUCTION_HASHER, verify_password

    hashed = PRODUCTION_HASHER.hash("a-password-1")
    assert hashed.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert verify_password(hashed, "a-password-1")  # whatever hasher is current
    assert not verify_password(hashed, "a-password-2")
    assert not verify_password("not-a-hash", "a-password-1")
