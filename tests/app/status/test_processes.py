"""Two ``ecoplan serve`` processes on one database (as two hosts behind a proxy): a login made
on one works on the other, login attempts counted by one count on the other, and a write
through one is seen by the other's kept status overview."""

from __future__ import annotations

import re

import httpx
from sqlalchemy import select

from ecoplan.app.auth.models import User
from ecoplan.app.auth.service import start_session
from ecoplan.app.db import unit_of_work

from servers import serving



def _logged_in(db, base: str, username: str) -> httpx.Client:
    with unit_of_work(db) as s:
        login = start_session(s, s.scalars(select(User).where(User.username == username)).one())
    return httpx.Client(base_url=base, timeout=60, cookies={"ecoplan_session": login.token},
                        headers={"X-CSRF-Token": login.record.csrf_token})


def _anonymous(base: str) -> httpx.Client:
    client = httpx.Client(base_url=base, timeout=60)
    client.get("/login")
    client.headers["X-CSRF-Token"] = client.cookies["ecoplan_csrf"]
    return client


def test_two_processes_share_logins_limits_and_the_kept_overview(seeded, settings, db, tmp_path):
    limit = {"ECOPLAN_LOGIN_RATE_LIMIT": "3"}
    with serving(settings, env=limit, log=tmp_path / "a.log") as a, \
            serving(settings, env=limit, log=tmp_path / "b.log") as b:
        admin_a, viewer_b = _logged_in(db, a, "admin"), _logged_in(db, b, "viewer")
        before = viewer_b.get("/api/status").json()  # kept by b
        assert before["as_of"] == "2023-07-10"
        form = admin_a.get("/status/settings").text
        version = re.search(r'name="version" value="(\d+)"', form).group(1)
        saved = admin_a.post("/status/settings", data={
            "lag_points": "10", "severe_points": "25", "pace_mode": "milestones",
            "as_of": "2023-08-15", "version": version})
        assert saved.status_code == 303
        assert viewer_b.get("/api/status").json()["as_of"] == "2023-08-15"

        guesses = [(a, 401), (b, 401), (a, 401), (b, 429), (a, 429)]
        for base, expected in guesses:
            client = _anonymous(base)
            answer = client.post("/login", data={"username": "admin", "password": "wrong"})
            assert answer.status_code == expected, (base, answer.status_code)
