"""The per-client-IP limit on credential attempts: 429 with Retry-After, audited once per run,
and the client IP as the trusted proxies report it."""

from __future__ import annotations

import dataclasses
import re
import warnings

import pytest
from sqlalchemy import select

from ecoplan.app.audit.models import AuditEntry
from ecoplan.app.db import unit_of_work

warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
from fastapi.testclient import TestClient  # noqa: E402

from ecoplan.app.main import create_app  # noqa: E402


@pytest.fixture
def limited(settings, people):
    """``limited(**settings)`` → an anonymous client of an app on the test database with
    those settings changed (the default: 3 attempts per 60 s)."""
    apps = []

    def make(**changes) -> TestClient:
        changes = {"login_rate_limit": 3, "login_rate_window_seconds": 60, **changes}
        app = create_app(dataclasses.replace(settings, **changes))
        apps.append(app)
        client = TestClient(app, follow_redirects=False)
        client.get("/healthz")
        client.headers["X-CSRF-Token"] = client.cookies["ecoplan_csrf"]
        return client

    yield make
    for app in apps:
        app.state.engine.dispose()


def _login(client, username, password, **headers):
    return client.post("/login", data={"username": username, "password": password},
                       headers=headers)


def _limited_entries(db) -> list[AuditEntry]:
    with unit_of_work(db) as s:
        return list(s.scalars(select(AuditEntry).where(AuditEntry.action == "auth.rate_limited")))


def test_over_the_limit_is_429_with_retry_after_and_audited_once(limited, password, db):
    c = limited()
    for _ in range(3):
        assert _login(c, "viewer", "wrong-wrong").status_code == 401
    for _ in range(2):
        refused = _login(c, "viewer", password)  # not even checked: the right password too
        assert refused.status_code == 429
        assert 55 <= int(refused.headers["Retry-After"]) <= 60
        assert "尝试次数过多" in refused.text and "1 分钟内最多可尝试 3 次" in refused.text
        assert re.search(r"请在 (1 分钟|5[5-9] 秒)后再试", refused.text)
        assert 'name="username"' in refused.text  # the form again, to try later
    [entry] = _limited_entries(db)
    assert (entry.actor, entry.object_type, entry.object_id, entry.ip) == (
        "anonymous", "client_ip", "testclient", "testclient")
    assert entry.after["endpoint"] == "login" and 55 <= entry.after["retry_after"] <= 60


def test_successful_logins_do_not_use_up_the_limit(limited, password):
    c = limited(login_rate_limit=2)
    for _ in range(5):  # a whole office behind one address logging in
        assert _login(c, "reporter", password).status_code == 303
        c.cookies.delete("ecoplan_session", domain="testserver.local")
    assert _login(c, "reporter", "wrong-wrong").status_code == 401
    assert _login(c, "reporter", "wrong-wrong").status_code == 401
    assert _login(c, "reporter", password).status_code == 429


def test_password_change_is_limited_too(limited, people, password, db):
    from ecoplan.app.auth.models import User
    from ecoplan.app.auth.service import start_session

    c = limited(login_rate_limit=2)
    with unit_of_work(db) as s:
        login = start_session(s, s.get(User, people["reporter"]))
    c.cookies.set("ecoplan_session", login.token, domain="testserver.local")
    c.headers["X-CSRF-Token"] = login.record.csrf_token
    form = {"current": "wrong", "new": "brand-new-pass", "confirm": "brand-new-pass"}
    assert c.post("/account/password", data=form).status_code == 422
    mismatch = {**form, "current": password, "confirm": "other-new-pass"}
    assert c.post("/account/password", data=mismatch).status_code == 422  # not a guess
    assert c.post("/account/password", data=form).status_code == 422
    refused = c.post("/account/password", data={**form, "current": password})
    assert refused.status_code == 429 and "Retry-After" in refused.headers
    assert "尝试次数过多" in refused.text
    [entry] = _limited_entries(db)
    assert entry.actor == "reporter" and entry.after["endpoint"] == "password"


def test_forwarded_for_is_ignored_unless_the_peer_is_a_trusted_proxy(limited, db):
    spoofing = limited()  # the test client's address is not a trusted proxy
    _login(spoofing, "nobody", "x", **{"X-Forwarded-For": "203.0.113.7"})
    proxied = limited(trusted_proxies="testclient")
    _login(proxied, "nobody", "x", **{"X-Forwarded-For": "198.51.100.1, 203.0.113.9"})
    with unit_of_work(db) as s:
        ips = list(s.scalars(select(AuditEntry.ip).order_by(AuditEntry.id)))
    assert ips == ["testclient", "203.0.113.9"]  # the address the proxy saw, not one sent


def test_the_limit_is_per_client_ip(limited):
    c = limited(trusted_proxies="testclient", login_rate_limit=1)
    first = {"X-Forwarded-For": "203.0.113.1"}
    assert _login(c, "nobody", "x", **first).status_code == 401
    assert _login(c, "nobody", "x", **first).status_code == 429
    assert _login(c, "nobody", "x", **{"X-Forwarded-For": "203.0.113.2"}).status_code == 401


@pytest.mark.parametrize("seconds, up, text", [
    (300, False, "5 分钟"), (45, False, "45 秒"), (90, False, "90 秒"), (61, True, "2 分钟"),
    (60, True, "1 分钟"), (59, True, "59 秒"),
])
def test_waits_read_in_minutes_or_seconds(seconds, up, text):
    from ecoplan.app.auth.views import _duration

    assert _duration(seconds, up=up) == text
