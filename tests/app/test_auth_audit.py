"""Logins, logouts, failed logins, lock-outs and password changes in the audit log."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from ecoplan.app.auth import passwords
from ecoplan.app.auth.client import USER_AGENT_CHARS, USERNAME_CHARS
from ecoplan.app.auth.models import User
from ecoplan.app.auth.service import MAX_FAILURES
from ecoplan.app.audit.models import AuditEntry
from ecoplan.app.db import unit_of_work
from ecoplan.app.core.clock import utcnow


def _login(client, username, password, **headers):
    return client.post("/login", data={"username": username, "password": password},
                       headers=headers)


def _entries(db, action=None) -> list[AuditEntry]:
    with unit_of_work(db) as s:
        query = select(AuditEntry).order_by(AuditEntry.id)
        if action:
            query = query.where(AuditEntry.action == action)
        return list(s.scalars(query))


def test_login_and_logout_are_recorded_with_ip_and_bounded_user_agent(client, people, password,
                                                                        db):
    agent = "Mozilla/5.0 " + "x" * 500
    assert _login(client, "reporter", password, **{"User-Agent": agent}).status_code == 303
    [login] = _entries(db, "auth.login")
    assert (login.actor, login.object_type, login.object_id) == (
        "reporter", "user", str(people["reporter"]))
    assert login.ip == "testclient" and login.after["user_agent"] == agent[:USER_AGENT_CHARS]
    page = client.get("/")
    csrf = page.text.split('name="csrf_token" value="')[1].split('"')[0]
    assert client.post("/logout", headers={"X-CSRF-Token": csrf}).status_code == 303
    [logout] = _entries(db, "auth.logout")
    assert (logout.actor, logout.object_id) == ("reporter", str(people["reporter"]))


@pytest.mark.parametrize("username, reason", [
    ("nobody", "unknown_user"), ("viewer", "wrong_password"), ("leader", "inactive"),
])
def test_failed_login_records_name_and_reason_never_the_password(client, people, db, username,
                                                                  reason):
    with unit_of_work(db) as s:
        s.get(User, people["leader"]).active = False
    secret = "Secret-Guess-42"
    assert _login(client, username, secret).status_code == 401
    [entry] = _entries(db, "auth.login_failed")
    assert entry.actor == "anonymous" and entry.ip == "testclient"
    assert entry.after["username"] == username and entry.after["reason"] == reason
    assert entry.object_id == (None if reason == "unknown_user" else str(people[username]))
    everything = json.dumps([[e.before, e.after, e.actor, e.object_id] for e in _entries(db)])
    assert secret not in everything


def test_lock_out_is_recorded_then_attempts_while_locked(client, people, password, db):
    for _ in range(MAX_FAILURES):
        _login(client, "viewer", "wrong-wrong")
    [locked] = _entries(db, "user.locked")
    assert locked.object_id == str(people["viewer"]) and locked.ip == "testclient"
    _login(client, "viewer", password)
    reasons = [e.after["reason"] for e in _entries(db, "auth.login_failed")]
    assert reasons == ["wrong_password"] * MAX_FAILURES + ["locked"]
    assert _entries(db, "auth.login") == []


def test_unknown_name_and_wrong_password_cost_the_same(client, people, db, monkeypatch):
    """Every refusal runs one Argon2 verification and writes one audit entry, whatever the
    reason: neither the response time nor the log's side effects tell names apart."""
    calls = []
    real = passwords.verify_password
    monkeypatch.setattr("ecoplan.app.auth.service.verify_password",
                        lambda h, p: calls.append(h) or real(h, p))
    with unit_of_work(db) as s:
        s.get(User, people["leader"]).active = False
        s.get(User, people["admin"]).locked_until = utcnow() + timedelta(minutes=5)
    outcomes = {}
    for name in ("nobody", "leader", "admin", "viewer"):
        before = len(_entries(db))
        response = _login(client, name, "wrong-wrong")
        outcomes[name] = (response.status_code, len(calls), len(_entries(db)) - before)
        calls.clear()
    assert set(outcomes.values()) == {(401, 1, 1)}
    assert _login(client, "nobody", "x").text.count("用户名或密码错误") == \
        _login(client, "leader", "x").text.count("用户名或密码错误")


@pytest.mark.parametrize("username", ["ad\x00min", "\x1b[31mroot", "x" * 1000])
def test_hostile_user_names_are_refused_and_stored_cleaned(client, people, db, username):
    response = _login(client, username, "whatever-1")
    assert response.status_code == 401 and "用户名或密码错误" in response.text
    [entry] = _entries(db, "auth.login_failed")
    stored = entry.after["username"]
    assert stored.isprintable() and len(stored) <= USERNAME_CHARS
    assert entry.after["reason"] == "unknown_user"


def test_password_changes_and_wrong_current_passwords_are_recorded(login_as, people, password,
                                                                   db):
    c = login_as("reporter")
    c.post("/account/password", data={"current": "wrong", "new": "brand-new-pass",
                                      "confirm": "brand-new-pass"},
           headers={"User-Agent": "ua-test"})
    [failed] = _entries(db, "auth.password_change_failed")
    assert failed.actor == "reporter" and failed.after == {"reason": "wrong_password",
                                                           "user_agent": "ua-test"}
    c.post("/account/password", data={"current": password, "new": "brand-new-pass",
                                      "confirm": "brand-new-pass"})
    [changed] = _entries(db, "user.password_changed")
    assert changed.object_id == str(people["reporter"]) and changed.ip == "testclient"


def test_admin_filters_the_security_group_and_reads_chinese(login_as, client, people, password,
                                                            db):
    _login(client, "nobody", "x")
    _login(client, "reporter", password)
    admin = login_as("admin")
    admin.post("/admin/units", data={"name": "市水利局", "kind": "department", "aliases": ""})
    page = admin.get("/admin/audit", params={"group": "security"}).text
    assert '<option value="security" selected>登录与账户安全</option>' in page
    assert "共 2 条" in page and "登录失败" in page and "未登录访客" in page
    assert "新建单位" not in page.split("<tbody>")[1]
    api = admin.get("/api/audit", params={"group": "security"}).json()
    assert {e["action"] for e in api["entries"]} == {"auth.login", "auth.login_failed"}
    failed = next(e for e in api["entries"] if e["action"] == "auth.login_failed")
    detail = admin.get(f"/admin/audit/{failed['id']}").text
    assert ">原因</td>" in detail and ">用户名不存在</td>" in detail
    assert ">浏览器标识（User-Agent）</td>" in detail and "unknown_user" not in detail
    assert 'id="details"' in detail and "（新建）" not in detail  # an event, not a creation
    assert admin.get("/admin/audit", params={"group": "nonsense"}).status_code == 422
