"""Fixtures for the web app, reused by every feature's tests.

- ``db_url``: a freshly migrated, empty database, once on SQLite and once on PostgreSQL
  (``ECOPLAN_TEST_POSTGRES_URL``; skipped when unset, a failure when ``CI`` is set). Each test
  gets its own SQLite file or its own PostgreSQL schema, dropped afterwards.
- ``settings``, ``app``: ``create_app`` on that database; ``db``: a session factory on it.
- ``people``: units 市生态环境局 / 市发展和改革委员会 / 武进区 and one user per role
  (username = role, password ``PASSWORD``).
- ``client``: an anonymous TestClient that sends the CSRF header; ``login_as(role)``: a client
  logged in as the user of that role (a session row is created directly: no argon2 per login).
- ``live_server`` (a base URL: uvicorn in a thread on a fresh copy of the demo data dir: its
  database and its synthetic monitoring data) and ``page``
  (Playwright on Debian's chromium) for ``@pytest.mark.browser`` tests; ``screenshot(page,
  name)`` writes ``test-artifacts/screenshots/<name>.png``.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
import uuid
import warnings
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from ecoplan.app.auth.models import User
from ecoplan.app.permissions import ROLES
from ecoplan.app.auth.passwords import hash_password
from ecoplan.app.auth.service import start_session
from ecoplan.app.db import make_engine, unit_of_work
from ecoplan.app.versions import make_sessionmaker
from ecoplan.app.migrate import upgrade
from ecoplan.app.units.models import Unit
from ecoplan.config import Settings
from ecoplan.monitoring.store import Store
from ecoplan.monitoring.synthetic import seed_changzhou

warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
from fastapi.testclient import TestClient  # noqa: E402  (after the warning filter)

PASSWORD = "test-password-1"
UNITS = {"市生态环境局": "department", "市发展和改革委员会": "department", "武进区": "district"}
ROLE_UNITS = {"admin": "市生态环境局", "reporter": "市生态环境局", "leader": "市生态环境局",
              "district": "武进区", "viewer": None, "monitoring": None}
REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session", autouse=True)
def cheap_password_hashing():
    """Argon2 at its production cost (64 MiB, 3 passes) dominates test time on a 2-core
    machine; tests hash with minimal parameters instead (same code path, same format)."""
    from argon2 import PasswordHasher

    from ecoplan.app.auth import passwords

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(passwords, "_hasher",
                   PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
        yield


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    """A migrated SQLite file, copied for each test (migrating every time is slow)."""
    path = tmp_path_factory.mktemp("template") / "ecoplan.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()  # the last connection closing checkpoints the WAL into the file
    return path


def postgres_base_url() -> str | None:
    url = os.environ.get("ECOPLAN_TEST_POSTGRES_URL")
    if not url:
        if os.environ.get("CI"):
            pytest.fail("ECOPLAN_TEST_POSTGRES_URL is not set (CI runs every test on PostgreSQL)")
        pytest.skip("PostgreSQL not configured (set ECOPLAN_TEST_POSTGRES_URL; scripts/test.sh does)")
    return url


def _postgres_schema_db(base_url: str):
    """A new schema on the test server; yields a URL whose search_path is that schema."""
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = make_engine(base_url)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(base_url).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_kind(request) -> str:
    if request.param == "postgresql":
        postgres_base_url()
    return request.param


@pytest.fixture
def db_url(db_kind, tmp_path, sqlite_template):
    """A migrated empty database (SQLite file in ``tmp_path/data`` or a PostgreSQL schema)."""
    if db_kind == "sqlite":
        data = tmp_path / "data"
        data.mkdir()
        shutil.copy(sqlite_template, data / "ecoplan.sqlite3")
        yield f"sqlite:///{data / 'ecoplan.sqlite3'}"
        return
    for url in _postgres_schema_db(postgres_base_url()):
        engine = make_engine(url)
        upgrade(engine)
        engine.dispose()
        yield url


@pytest.fixture
def settings(db_url, db_kind, tmp_path) -> Settings:
    return Settings(data_dir=tmp_path / "data",
                    database_url=None if db_kind == "sqlite" else db_url)


@pytest.fixture
def app(settings):
    from ecoplan.app.main import create_app

    application = create_app(settings)
    yield application
    application.state.engine.dispose()


@pytest.fixture
def db(app):
    """The app's session factory: ``with unit_of_work(db) as s: ...`` commits like a request."""
    return app.state.sessionmaker


@pytest.fixture(scope="session")
def password_hash() -> str:
    return hash_password(PASSWORD)


@pytest.fixture
def people(db, password_hash) -> dict[str, int]:
    """Three units and one user per role; returns role → user id."""
    with unit_of_work(db) as session:
        units = {name: Unit(name=name, kind=kind, aliases=[], active=True, version=1)
                 for name, kind in UNITS.items()}
        session.add_all(units.values())
        users = {role: User(username=role, display_name=f"测试{role}", password_hash=password_hash,
                            role=role, unit=units.get(ROLE_UNITS[role]), active=True,
                            failed_logins=0, version=1)
                 for role in ROLES}
        session.add_all(users.values())
        session.flush()
        return {role: user.id for role, user in users.items()}


def _anonymous_client(app) -> TestClient:
    client = TestClient(app, follow_redirects=False)
    client.get("/healthz")
    client.headers["X-CSRF-Token"] = client.cookies["ecoplan_csrf"]
    return client


@pytest.fixture
def client(app) -> TestClient:
    """An anonymous visitor (sends the anonymous CSRF token as a header)."""
    with _anonymous_client(app) as c:
        yield c


@pytest.fixture
def login_as(app, db, people):
    """``login_as(role)`` → a TestClient logged in as that role's user (``None``: anonymous)."""
    clients = []

    def make(role: str | None) -> TestClient:
        client = _anonymous_client(app)
        clients.append(client)
        if role is None:
            return client
        with unit_of_work(db) as session:
            login = start_session(session, session.get(User, people[role]))
        # the domain the server's own cookie gets, so a new login replaces this one
        client.cookies.set("ecoplan_session", login.token, domain="testserver.local")
        client.headers["X-CSRF-Token"] = login.record.csrf_token
        return client

    yield make
    for c in clients:
        c.close()


@pytest.fixture
def password() -> str:
    """The password of every ``people`` user."""
    return PASSWORD


# ---- browser tests ---------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    """A data dir holding the demo database and monitoring data, built once and copied for
    each live server."""
    from ecoplan.app.setup import prepare_database
    from ecoplan.demo.build import build_demo

    data_dir = tmp_path_factory.mktemp("demo")
    engine = prepare_database(Settings(data_dir=data_dir))
    with unit_of_work(make_sessionmaker(engine)) as session:
        build_demo(session, data_dir)
    engine.dispose()
    return data_dir


@pytest.fixture
def demo_app(tmp_path, demo_template):
    """The application on a copy of the demo data (SQLite), the kept statuses emptied."""
    from ecoplan.app.main import create_app
    from ecoplan.app.status import cache

    shutil.copytree(demo_template, tmp_path / "d")
    application = create_app(Settings(data_dir=tmp_path / "d"))
    cache._STATUS_CACHE.clear()
    cache._LATEST.clear()
    yield application
    application.state.engine.dispose()


@pytest.fixture
def live_server(tmp_path, demo_template):
    """A base URL (http://127.0.0.1:PORT) of the app on a fresh copy of the demo database."""
    import uvicorn

    from ecoplan.app.main import create_app

    shutil.copytree(demo_template, tmp_path / "live")
    application = create_app(Settings(data_dir=tmp_path / "live"))
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(application, host="127.0.0.1", port=port,
                                           log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        if not thread.is_alive():
            pytest.fail("the live server did not start")
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    application.state.engine.dispose()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} not found (scripts/system-deps.sh installs it)")
        pytest.skip(f"{CHROMIUM} not found")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A desktop-sized page (1366×768) in a fresh browser context."""
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN")
    pg = context.new_page()
    pg.set_default_timeout(15000)
    yield pg
    context.close()


@pytest.fixture
def phone_page(browser):
    """A phone-sized page (390×844, touch) in a fresh browser context."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                  has_touch=True, device_scale_factor=2, locale="zh-CN")
    pg = context.new_page()
    pg.set_default_timeout(15000)
    yield pg
    context.close()


@pytest.fixture(scope="session")
def screenshot():
    """``screenshot(page, name)`` keeps a full-page PNG in test-artifacts/screenshots/."""
    def take(pg, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        pg.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture(scope="session")
def web_login():
    """``web_login(page, base_url, username, password)`` logs in through the login form."""
    def login(pg, base_url: str, username: str, password: str) -> None:
        pg.goto(f"{base_url}/login")
        pg.fill("input[name=username]", username)
        pg.fill("input[name=password]", password)
        with pg.expect_navigation():
            pg.click("main button[type=submit]")

    return login


@pytest.fixture(scope="session")
def monitoring_dir(tmp_path_factory):
    """A data dir whose monitoring store holds the demo's synthetic data (to 2023-06-30)."""
    root = tmp_path_factory.mktemp("status-monitoring")
    seed_changzhou(Store(root), years=(2022, 2023), until="2023-06-30")
    return root


@pytest.fixture
def with_monitoring(settings, monitoring_dir):
    """Link the session's synthetic store into this test's data dir."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)  # PostgreSQL tests have no SQLite file there
    (settings.data_dir / "monitoring").symlink_to(monitoring_dir / "monitoring")


@pytest.fixture(autouse=True)
def raw_writes_bump_versions():
    """Every test: a write to a table the kept results read must bump its data version in the
    same transaction (tests/app/rawwrites.py)."""
    from rawwrites import RawWriteWatch

    with RawWriteWatch() as watch:
        yield watch
    assert not watch.findings, "; ".join(sorted(set(watch.findings)))
