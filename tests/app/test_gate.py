"""Admission and the fast 503: requests beyond what one process lets use the database wait on
the event loop, then get 503 with Retry-After (a Chinese page, JSON under /api); a database
wait that runs out (no pooled connection in time) is a 503 too, never a hang or a 500."""

from __future__ import annotations

import dataclasses
import json
from concurrent.futures import ThreadPoolExecutor

import anyio
import pytest

from ecoplan.app.serving.gate import AdmissionMiddleware, Limits, busy_response


def _run(scenario):
    """``anyio.run(scenario)`` in a thread of its own: a browser test earlier in the session
    leaves Playwright's event loop running in the main thread."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(anyio.run, scenario).result()


def _held_app(release: anyio.Event, entered: list):
    async def app(scope, receive, send):
        entered.append(scope["path"])
        if not scope["path"].startswith("/static/"):
            await release.wait()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})
    return app


async def _call(app, path: str, method: str = "GET") -> tuple[int, dict, bytes]:
    sent = []

    async def send(message):
        sent.append(message)

    async def receive():
        return {"type": "http.request", "body": b""}

    await app({"type": "http", "method": method, "path": path, "headers": []}, receive, send)
    return sent[0]["status"], dict(sent[0]["headers"]), sent[1]["body"] if len(sent) > 1 else b""


def test_requests_beyond_capacity_wait_then_get_a_busy_answer():
    async def scenario():
        release, entered = anyio.Event(), []
        gate = AdmissionMiddleware(_held_app(release, entered), capacity=1, wait_seconds=0.05)
        results = {}
        async with anyio.create_task_group() as tg:
            async def first():
                results["first"] = await _call(gate, "/status")
            tg.start_soon(first)
            while not entered:
                await anyio.sleep(0)
            results["page"] = await _call(gate, "/status")      # no slot within the wait
            results["api"] = await _call(gate, "/api/status")
            results["static"] = await _call(gate, "/static/app.css")  # never gated
            release.set()
        return results, entered

    results, entered = _run(scenario)
    assert results["first"][0] == 200 and results["static"][0] == 200
    status, headers, body = results["page"]
    assert status == 503 and headers[b"retry-after"] == b"5"
    assert "服务器繁忙" in body.decode() and headers[b"content-type"].startswith(b"text/html")
    status, headers, body = results["api"]
    assert status == 503 and json.loads(body) == {"error": "服务器繁忙，请稍后重试"}
    assert entered == ["/status", "/static/app.css"]  # the refused ones never reached the app


def test_a_freed_slot_admits_the_next_request():
    async def scenario():
        release, entered = anyio.Event(), []
        gate = AdmissionMiddleware(_held_app(release, entered), capacity=1, wait_seconds=60)
        statuses = []
        async with anyio.create_task_group() as tg:
            async def one():
                statuses.append((await _call(gate, "/public"))[0])
            tg.start_soon(one)
            tg.start_soon(one)
            while not entered:
                await anyio.sleep(0)
            assert len(entered) == 1  # the second waits for the slot
            release.set()
        return statuses

    assert _run(scenario) == [200, 200]


def test_pool_and_threads_are_sized_from_one_number():
    limits = Limits(8)
    assert (limits.kept_requests, limits.credential_requests) == (4, 2)
    assert (limits.pool_size, limits.max_overflow, limits.threads) == (14, 16, 22)
    assert Limits(1).kept_requests == 2
    assert busy_response("/x")[0] == 503


@pytest.mark.parametrize("kept", ["/status", "/status/export.xlsx"])
def test_kept_pages_have_a_lane_of_their_own(kept):
    """With every main slot taken (reports being saved), the overview (its workbook) and the
    public page are still admitted; another save waits, then gets its 503."""
    async def scenario():
        release, entered = anyio.Event(), []
        gate = AdmissionMiddleware(_held_app(release, entered), capacity=1, kept_capacity=1,
                                   wait_seconds=0.05)
        results = {}
        async with anyio.create_task_group() as tg:
            async def save():
                results["save"] = await _call(gate, "/progress/items/task/x")
            tg.start_soon(save)
            while not entered:
                await anyio.sleep(0)

            async def status():
                results["status"] = await _call(gate, kept)
            tg.start_soon(status)
            while len(entered) < 2:
                await anyio.sleep(0)
            results["second save"] = await _call(gate, "/progress/items/task/y")
            results["public"] = await _call(gate, "/public")  # its lane is full too
            release.set()
        return results, entered

    results, entered = _run(scenario)
    assert results["save"][0] == results["status"][0] == 200
    assert results["second save"][0] == 503 and results["public"][0] == 503
    assert entered == ["/progress/items/task/x", kept]


def test_credential_checks_have_a_lane_of_their_own(caplog):
    """With every main slot taken (slow pages), a login is still admitted at once; a third
    login while two are checked waits, then gets its 503 (real saturation), which is logged."""
    async def scenario():
        release, entered = anyio.Event(), []
        gate = AdmissionMiddleware(_held_app(release, entered), capacity=1, kept_capacity=1,
                                   credential_capacity=2, wait_seconds=0.05)
        results = {}
        async with anyio.create_task_group() as tg:
            async def call(name, path, method="GET"):
                results[name] = await _call(gate, path, method)
            for n, (path, method) in enumerate([("/plans", "GET"), ("/login", "POST"),
                                                ("/account/password", "POST")]):
                tg.start_soon(call, n, path, method)
                while len(entered) <= n:
                    await anyio.sleep(0)
            results["page"] = await _call(gate, "/progress")  # the main lane is full
            results["login"] = await _call(gate, "/login", "POST")  # so is the credential lane
            results["login page"] = await _call(gate, "/login")  # GET: the main lane
            release.set()
        return results, entered

    results, entered = _run(scenario)
    assert [results[n][0] for n in range(3)] == [200, 200, 200]
    assert results["page"][0] == results["login"][0] == results["login page"][0] == 503
    assert results["login"][1][b"retry-after"] == b"5"
    assert entered == ["/plans", "/login", "/account/password"]
    assert "POST /login waited" in caplog.text and "credentials lane (2 in use" in caplog.text


@pytest.fixture
def tiny_pool(settings):
    """The app with a small pool, no overflow, and a one-second wait for a connection."""
    from ecoplan.app.main import create_app

    app = create_app(dataclasses.replace(settings, max_concurrent_requests=1,
                                         db_timeout_seconds=1))
    app.state.engine.pool._max_overflow = 0  # the pool's connections, no more
    yield app
    app.state.engine.dispose()


def test_no_connection_in_time_is_a_503_page_not_a_hang(tiny_pool):
    from fastapi.testclient import TestClient

    engine = tiny_pool.state.engine
    held = [engine.connect() for _ in range(engine.pool.size())]  # someone else holds them all
    try:
        with TestClient(tiny_pool) as client:
            page = client.get("/public")
            api = client.get("/api/public/status")
    finally:
        for connection in held:
            connection.close()
    assert page.status_code == 503 and page.headers["Retry-After"] == "5"
    assert "服务器繁忙" in page.text
    assert api.status_code == 503 and api.json() == {"error": "服务器繁忙，请稍后重试"}

