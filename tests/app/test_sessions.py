"""Session hygiene: a new id at login, idle and absolute expiry, server-side logout, cookie
flags; and the settings behind them."""

from __future__ import annotations

import dataclasses
import warnings
from datetime import timedelta

import pytest
from sqlalchemy import select

from ecoplan.app.auth.models import AuthSession
from ecoplan.app.auth.service import SessionPolicy, _token_hash
from ecoplan.app.db import unit_of_work
from ecoplan.app.core.clock import as_utc, utcnow
from ecoplan.config import Settings
from ecoplan.errors import InputError

warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
from fastapi.testclient import TestClient  # noqa: E402

from ecoplan.app.main import create_app  # noqa: E402


def _login(client, username, password):
    return client.post("/login", data={"username": username, "password": password})


def _rows(db) -> list[AuthSession]:
    with unit_of_work(db) as s:
        return list(s.scalars(select(AuthSession).order_by(AuthSession.id)))


def test_login_never_keeps_a_session_id_the_browser_brought(client, people, password, db):
    planted = "attacker-chosen-session-id-0123456789"  # fixation: set in the victim's browser
    client.cookies.set("ecoplan_session", planted, domain="testserver.local")
    assert _login(client, "reporter", password).status_code == 303
    fresh = client.cookies.get("ecoplan_session", domain="testserver.local")
    assert fresh != planted
    [row] = _rows(db)
    assert row.user_id == people["reporter"] and row.token_hash != _token_hash(planted)
    assert client.get("/api/me").json()["username"] == "reporter"
    client.cookies.set("ecoplan_session", planted, domain="testserver.local")
    assert client.get("/api/me").status_code == 401


def test_idle_sessions_expire_and_activity_extends_them_up_to_the_absolute_end(login_as, db):
    c = login_as("viewer")
    policy = SessionPolicy()
    [row] = _rows(db)
    assert as_utc(row.expires_at) - as_utc(row.created_at) == policy.idle
    with unit_of_work(db) as s:  # idle for all but a minute
        s.get(AuthSession, row.id).expires_at = utcnow() + timedelta(minutes=1)
    assert c.get("/api/me").status_code == 200
    [row] = _rows(db)
    assert as_utc(row.expires_at) > utcnow() + policy.idle - timedelta(minutes=1)
    with unit_of_work(db) as s:  # started long ago: activity cannot pass the absolute end
        stored = s.get(AuthSession, row.id)
        stored.created_at = utcnow() - policy.absolute + timedelta(minutes=5)
        stored.expires_at = utcnow() + timedelta(minutes=1)
    c.get("/api/me")
    [row] = _rows(db)
    assert as_utc(row.expires_at) <= as_utc(row.created_at) + policy.absolute
    with unit_of_work(db) as s:
        s.get(AuthSession, row.id).expires_at = utcnow() - timedelta(seconds=1)
    assert c.get("/api/me").status_code == 401


def test_the_extension_is_committed_on_its_own_even_when_the_request_fails(login_as, db):
    c = login_as("viewer")
    [row] = _rows(db)
    with unit_of_work(db) as s:
        s.get(AuthSession, row.id).expires_at = utcnow() + timedelta(minutes=1)
    del c.headers["X-CSRF-Token"]
    assert c.post("/admin/units", data={"name": "x"}).status_code == 403  # rolled back
    assert as_utc(_rows(db)[0].expires_at) > utcnow() + timedelta(minutes=60)


def test_a_recently_extended_session_is_not_written_again(login_as, db):
    c = login_as("viewer")
    [row] = _rows(db)
    c.get("/api/me")
    assert _rows(db)[0].expires_at == row.expires_at


def test_session_lengths_come_from_the_settings(settings, people, password, db):
    app = create_app(dataclasses.replace(settings, session_idle_minutes=30, session_max_hours=2))
    with TestClient(app, follow_redirects=False) as c:
        c.get("/healthz")
        response = c.post("/login", data={"username": "viewer", "password": password},
                          headers={"X-CSRF-Token": c.cookies["ecoplan_csrf"]})
    app.state.engine.dispose()
    cookie = next(h for h in response.headers.get_list("set-cookie")
                  if h.startswith("ecoplan_session="))
    assert "Max-Age=7200" in cookie
    [row] = _rows(db)
    assert as_utc(row.expires_at) - as_utc(row.created_at) == timedelta(minutes=30)


@pytest.mark.parametrize("base_url, secure_setting, proto, secure", [
    ("http://testserver", None, None, False),
    ("https://testserver", None, None, True),
    ("http://testserver", True, None, True),
    ("https://testserver", False, None, False),
    ("http://testserver", None, "https", True),  # a trusted TLS proxy says so
])
def test_cookies_are_secure_on_https_or_as_configured(settings, people, password, base_url,
                                                      secure_setting, proto, secure):
    app = create_app(dataclasses.replace(settings, cookie_secure=secure_setting,
                                         trusted_proxies="testclient"))
    headers = {"X-Forwarded-Proto": proto} if proto else {}
    with TestClient(app, base_url=base_url, follow_redirects=False, headers=headers) as c:
        first = c.get("/login")
        token = c.cookies["ecoplan_csrf"]  # sent by hand: the jar keeps Secure ones off http
        response = c.post("/login", data={"username": "viewer", "password": password},
                          headers={"X-CSRF-Token": token, "Cookie": f"ecoplan_csrf={token}"})
    app.state.engine.dispose()
    cookies = first.headers.get_list("set-cookie") + response.headers.get_list("set-cookie")
    names = {h.split("=")[0] for h in cookies}
    assert {"ecoplan_csrf", "ecoplan_session", "ecoplan_flash"} <= names
    assert all(("; Secure" in h) == secure for h in cookies), cookies
    assert all("HttpOnly" in h and "SameSite=lax" in h for h in cookies)


def test_settings_from_the_environment():
    env = {"ECOPLAN_LOGIN_RATE_LIMIT": "20", "ECOPLAN_LOGIN_RATE_WINDOW": "600",
           "ECOPLAN_SESSION_IDLE_MINUTES": "30", "ECOPLAN_SESSION_MAX_HOURS": "8",
           "ECOPLAN_COOKIE_SECURE": "1", "ECOPLAN_TRUSTED_PROXIES": " 10.0.0.0/8 "}
    s = Settings.from_env("/tmp/x", env=env)
    assert (s.login_rate_limit, s.login_rate_window_seconds, s.session_idle_minutes,
            s.session_max_hours, s.cookie_secure, s.trusted_proxies) == (
        20, 600, 30, 8, True, "10.0.0.0/8")
    defaults = Settings.from_env("/tmp/x", env={})
    assert defaults.cookie_secure is None and defaults.login_rate_limit == 10
    assert Settings.from_env("/tmp/x", env={"ECOPLAN_COOKIE_SECURE": "no"}).cookie_secure is False


@pytest.mark.parametrize("name, value", [
    ("ECOPLAN_LOGIN_RATE_LIMIT", "0"), ("ECOPLAN_LOGIN_RATE_WINDOW", "five"),
    ("ECOPLAN_SESSION_IDLE_MINUTES", "-3"), ("ECOPLAN_COOKIE_SECURE", "maybe"),
])
def test_bad_settings_name_the_variable(name, value):
    with pytest.raises(InputError, match=name) as err:
        Settings.from_env("/tmp/x", env={name: value})
    assert err.value.field == name
