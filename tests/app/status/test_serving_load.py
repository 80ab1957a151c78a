"""Under a burst of parallel requests a real server answers every one (200, a redirect, 401 or
a fast 503 with Retry-After) and stays responsive: no request may wait on the event loop for a
database connection (issue #11: 20 parallel requests with made-up session cookies froze it)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from sqlalchemy import select

from ecoplan.app.auth.models import User
from ecoplan.app.auth.service import start_session
from ecoplan.app.db import unit_of_work

from servers import serving

ANSWERS = {200, 303, 401, 503}


def _sessions(db, count: int) -> list[str]:
    with unit_of_work(db) as s:
        viewer = s.scalars(select(User).where(User.username == "viewer")).one()
        return [start_session(s, viewer).token for _ in range(count)]


def _get(base: str, path: str, token: str) -> int:
    with httpx.Client(base_url=base, timeout=120, cookies={"ecoplan_session": token}) as c:
        answer = c.get(path)
        if answer.status_code == 503:
            assert answer.headers["Retry-After"].isdigit()
        return answer.status_code


def test_a_hundred_parallel_requests_are_all_answered(seeded, settings, db, tmp_path):
    real = _sessions(db, 20)
    jobs = [("/healthz", f"made-up-{n}") for n in range(50)]
    jobs += [("/status", f"made-up-{n}") for n in range(20)]
    jobs += [("/public", f"made-up-{n}") for n in range(10)]
    jobs += [("/status", token) for token in real]
    env = {"ECOPLAN_MAX_CONCURRENT_REQUESTS": "4"}
    with serving(settings, env=env, log=tmp_path / "server.log") as base:
        with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
            answers = list(pool.map(lambda job: _get(base, *job), jobs))
        assert set(answers) <= ANSWERS, answers
        assert answers[-20:].count(200) + answers[-20:].count(503) == 20  # real logins
        assert httpx.get(base + "/healthz", timeout=60).status_code == 200  # still responsive
