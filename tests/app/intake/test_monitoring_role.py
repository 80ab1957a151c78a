"""The "monitoring" role (监测数据员): imports monitoring data and sees the intake, nothing else
(issue 14)."""

from __future__ import annotations

from ecoplan.app.permissions import POLICY

from intake_files import city_export, confirmed


def test_the_policy_gives_the_clerk_the_intake_and_the_account_only():
    allowed = sorted(a for a, roles in POLICY.items() if "monitoring" in roles)
    assert allowed == ["account", "monitoring.completeness", "monitoring.import", "public"]


def test_the_clerk_imports_and_sees_nothing_else(login_as, registry_bytes):
    clerk = login_as("monitoring")
    upload = clerk.post("/api/monitoring/imports", files=[("files", ("NewSiteList.csv", registry_bytes, "text/csv"))])
    assert upload.status_code == 202
    assert confirmed(clerk, upload.json()["id"])["state"] == "done"
    assert clerk.get("/monitoring/intake").status_code == 200
    assert clerk.get("/monitoring/completeness?period=2023-06").status_code == 200
    assert clerk.post("/api/monitoring/imports", files=[("files", ("city.csv", city_export(), "text/csv"))]).status_code == 202
    for path in ("/status", "/api/status", "/plans", "/progress", "/ledger", "/supervision", "/api/targets",
                 "/api/units", "/admin/users", "/assessment", "/projects", "/feedback"):
        response = clerk.get(path)
        assert response.status_code == 403, (path, response.status_code)
    home = clerk.get("/")
    assert home.status_code == 200 and "监测数据员" in home.text
    nav = home.text.split("<nav", 1)[1].split("</nav>", 1)[0]
    assert "/monitoring/intake" in nav and "/status" not in nav and "/plans" not in nav


def test_the_demo_has_a_monitoring_clerk_who_logs_in_to_the_intake(client, db):
    from types import SimpleNamespace

    from ecoplan.app.auth.demo import ACCOUNTS, create_accounts
    from ecoplan.app.db import unit_of_work
    from ecoplan.app.units.models import Unit

    account = next(a for a in ACCOUNTS if a.role == "monitoring")
    with unit_of_work(db) as session:
        session.add_all([Unit(name=name, kind=kind, aliases=[], active=True, version=1)
                         for name, kind in ((account.unit, "department"), ("武进区", "district"))])
        session.flush()
        create_accounts(session, SimpleNamespace(lines=[]))
    response = client.post("/login", data={"username": account.username, "password": account.password,
                                           "next": "/monitoring/intake", "csrf_token": client.cookies["ecoplan_csrf"]})
    assert response.status_code == 303 and response.headers["location"] == "/monitoring/intake"
    assert client.get("/monitoring/intake").status_code == 200
    assert client.get("/status").status_code == 403
