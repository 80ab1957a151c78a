"""Every route × every role (and anonymous) is allowed or refused exactly as documented."""

from __future__ import annotations

import re

import pytest

from ecoplan.app.permdoc import UNDECLARED_PUBLIC, api_routes, render_markdown
from ecoplan.app.permissions import (ANONYMOUS, POLICY, ROLES, can, ensure, Forbidden,
                                     LoginRequired, require, route_actions)

ALL_ROLES = (*ROLES, ANONYMOUS)


class _User:
    def __init__(self, role, unit_id=1):
        self.role, self.unit_id = role, unit_id


def _user(role):
    return None if role == ANONYMOUS else _User(role)


def _concrete(path: str, ids: dict[str, int]) -> str:
    """The path with each ``{name}`` filled: a real id when we have one, else 1."""
    return re.sub(r"\{(\w+)(:\w+)?\}", lambda m: str(ids.get(m.group(1), 1)), path)


def _refused(response) -> bool:
    """Refused by the route's action: a login is needed (303 to /login, API 401) or the role
    may not (403). Object-level refusals (403, scope "object") count as allowed here."""
    scope = response.headers.get("X-Ecoplan-Refused")
    if scope == "login":
        assert response.status_code in (303, 401)
        return True
    if scope == "route":
        assert response.status_code == 403
        return True
    return False


def test_every_route_declares_an_action(app):
    routes = api_routes(app)
    assert len(routes) >= 20
    missing = [r.path for r in routes if not route_actions(r)]
    assert not missing, f"routes without a require(action): {missing}"
    undeclared = {getattr(r, "path", None) for r in app.routes
                  if getattr(r, "dependant", None) is None and hasattr(r, "path")}
    assert undeclared <= set(UNDECLARED_PUBLIC), undeclared


def test_docs_are_generated_from_the_policy(app, repo_root):
    documented = (repo_root / "docs" / "permissions.md").read_text(encoding="utf-8")
    assert documented == render_markdown(app), (
        "docs/permissions.md is out of date: PYTHONPATH=src python -m ecoplan.app.permdoc "
        "> docs/permissions.md")


@pytest.mark.parametrize("role", ALL_ROLES)
def test_route_matrix(app, login_as, people, role):
    ids = {"user_id": people["viewer"], "unit_id": 1, "entry_id": 1}
    failures = []
    for route in api_routes(app):
        expected = all(can(_user(role), a) for a in route_actions(route))
        for method in sorted(route.methods - {"HEAD"}):
            client = login_as(None if role == ANONYMOUS else role)
            response = client.request(method, _concrete(route.path, ids), data={})
            assert response.status_code < 500, (method, route.path, response.text[:300])
            if _refused(response) == expected:
                failures.append((method, route.path, response.status_code))
    assert not failures, f"{role}: allowed/refused differs from the policy for {failures}"


@pytest.mark.parametrize("path", sorted(UNDECLARED_PUBLIC))
def test_undeclared_routes_are_public(client, path):
    target = "/static/app.css" if path == "/static" else path
    assert client.get(target).status_code == 200


def test_refusals_for_pages_and_api(login_as, people):
    anonymous = login_as(None)
    page = anonymous.get("/admin/users")
    assert page.status_code == 303 and page.headers["location"] == "/login?next=/admin/users"
    api = anonymous.get("/api/users")
    assert api.status_code == 401 and api.json() == {"error": "请先登录"}
    viewer = login_as("viewer")
    page = viewer.get("/admin/users")
    assert page.status_code == 403 and "您没有权限执行此操作" in page.text
    assert "Traceback" not in page.text
    assert viewer.get("/api/users").json() == {"error": "您没有权限执行此操作"}


def test_can_and_object_rules(monkeypatch):
    from ecoplan.app import permissions

    admin, reporter = _User("admin"), _User("reporter", unit_id=7)
    assert can(admin, "admin.users") and not can(reporter, "admin.users")
    assert can(None, "public") and not can(None, "account")
    monkeypatch.setitem(POLICY, "thing.edit", frozenset({"admin", "reporter"}))
    monkeypatch.setitem(permissions.OBJECT_RULES, "thing.edit", permissions.same_unit)

    class Thing:
        unit_id = 7

    class Other:
        unit_id = 8

    assert can(reporter, "thing.edit", Thing()) and not can(reporter, "thing.edit", Other())
    assert can(admin, "thing.edit", Other())
    with pytest.raises(Forbidden) as info:
        ensure(reporter, "thing.edit", Other())
    assert info.value.scope == "object"
    with pytest.raises(LoginRequired):
        ensure(None, "thing.edit")
    with pytest.raises(KeyError):
        can(admin, "no.such.action")
    with pytest.raises(KeyError):
        require("no.such.action")
