"""Kept pages (issue #11): the overview and the public page keep their rendered body per kept
result, viewer role and unit; the header stays each visitor's own; the start-up warming keeps
the overview so the first visitor does not compute it."""

from __future__ import annotations

import logging


from ecoplan.app.db import unit_of_work
from ecoplan.app.serving import factory
from ecoplan.app.status import dashboard, environment, service
from ecoplan.app.status.views import today


def _login(client, username: str) -> None:
    from sqlalchemy import select

    from ecoplan.app.auth.models import User
    from ecoplan.app.auth.service import start_session

    with unit_of_work(client.app.state.sessionmaker) as session:
        user = session.scalars(select(User).where(User.username == username)).one()
        login = start_session(session, user)
    client.cookies.set("ecoplan_session", login.token)


def test_warming_keeps_the_overview_before_the_first_request(demo_app, monkeypatch, caplog):
    with caplog.at_level(logging.WARNING, logger="ecoplan.app.serving.factory"):
        factory.warm(demo_app)
    assert not caplog.records  # it used to fail (a removed helper) and only log a warning
    from ecoplan.app import templating

    assert any(key[0] == "public/index.html" and key[3] is None for key in templating._KEPT)

    def not_again(*_a, **_k):
        raise AssertionError("the overview was computed again")

    monkeypatch.setattr(service, "context", not_again)
    store = environment.store_for(demo_app.state.settings.data_dir)
    with unit_of_work(demo_app.state.sessionmaker) as session:
        assert dashboard.overview(session, store=store, today=today())["plan"]["year"] == 2023
        assert dashboard.public(session, store=store, today=today()) is not None


def test_kept_body_per_role_and_header_per_visitor(demo_app):
    from fastapi.testclient import TestClient

    with TestClient(demo_app) as viewer, TestClient(demo_app) as admin:
        _login(viewer, "viewer")
        _login(admin, "admin")
        first = viewer.get("/status")
        office = admin.get("/status")
        again = viewer.get("/status")
    assert first.status_code == office.status_code == again.status_code == 200
    assert "状态设置" not in first.text and 'href="/status/settings"' in office.text
    assert first.text == again.text
    assert first.text.count('name="csrf_token"') == 1 and 'name="csrf_token"' in office.text
    assert viewer.cookies.get("ecoplan_session") != admin.cookies.get("ecoplan_session")
    csrf_viewer = first.text.split('"X-CSRF-Token": "')[1].split('"')[0]
    csrf_admin = office.text.split('"X-CSRF-Token": "')[1].split('"')[0]
    assert csrf_viewer != csrf_admin  # the header is each visitor's own


def test_filter_is_part_of_the_key_and_public_page_is_kept(demo_app, monkeypatch):
    from fastapi.testclient import TestClient

    from ecoplan.app.status import views

    made = []
    real = views.air_gaps
    monkeypatch.setattr(views, "air_gaps", lambda *a: made.append(1) or real(*a))
    with TestClient(demo_app) as client:
        _login(client, "viewer")
        everything = [client.get("/status") for _ in range(3)]
        one_kind = client.get("/status", params={"status": "done"})
        public = [client.get("/public") for _ in range(2)]
    assert len(made) == 2  # the body made once per filter, then kept
    assert everything[0].text == everything[2].text != one_kind.text
    assert public[0].status_code == 200 and public[0].text == public[1].text
