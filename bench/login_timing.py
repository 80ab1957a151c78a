"""Does a refused login take as long for an unknown name as for a known one?

Posts the login form through the whole application (production Argon2id parameters, SQLite,
audit entries written) for each way a login is refused — unknown name, inactive account,
locked account, wrong password — and prints each median as a ratio to the wrong-password
median. Ratios near 1.0 mean the response time does not tell the names apart; the obvious
alternative (no verification for unknown names) would show a ratio near 0.

Run: ``PYTHONPATH=src python bench/login_timing.py [rounds]``
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
import warnings
from datetime import timedelta
from pathlib import Path

from ecoplan.app.auth.models import User
from ecoplan.app.auth.passwords import hash_password
from ecoplan.app.db import make_engine, unit_of_work
from ecoplan.app.main import create_app
from ecoplan.app.migrate import upgrade
from ecoplan.app.timeutil import utcnow
from ecoplan.config import Settings

warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
from fastapi.testclient import TestClient  # noqa: E402

NAMES = {"unknown_user": "nobody", "inactive": "retired", "locked": "locked",
         "wrong_password": "known"}


def _people(app) -> None:
    hashed = hash_password("the-right-password")
    with unit_of_work(app.state.sessionmaker) as session:
        for name in ("retired", "locked", "known"):
            session.add(User(username=name, display_name=name, password_hash=hashed,
                             role="viewer", active=name != "retired", failed_logins=0,
                             version=1, locked_until=utcnow() + timedelta(days=1)
                             if name == "locked" else None))


def _time(client: TestClient, username: str) -> float:
    start = time.perf_counter()
    response = client.post("/login", data={"username": username, "password": "a-wrong-guess"})
    elapsed = time.perf_counter() - start
    assert response.status_code == 401, response.status_code
    return elapsed


def main(rounds: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'ecoplan.sqlite3'}")
        upgrade(engine)
        engine.dispose()
        # a high limit: this measures the password check, not the rate limit
        app = create_app(Settings(data_dir=Path(tmp), login_rate_limit=10_000))
        _people(app)
        with TestClient(app) as client:
            client.get("/healthz")
            client.headers["X-CSRF-Token"] = client.cookies["ecoplan_csrf"]
            times = {reason: [] for reason in NAMES}
            order = list(NAMES)
            for n in range(rounds):
                order = order[1:] + order[:1]  # each reason in each position: no order bias
                for reason in order:
                    name = NAMES[reason]
                    if reason == "wrong_password":  # stay below the account lock-out
                        with unit_of_work(app.state.sessionmaker) as session:
                            session.query(User).filter_by(username=name).one().failed_logins = 0
                    times[reason].append(_time(client, name))
        app.state.engine.dispose()
    base = statistics.median(times["wrong_password"])
    print(f"median of {rounds} refused logins each (production Argon2id):")
    for reason, values in times.items():
        median = statistics.median(values)
        print(f"  {reason:<15} {median * 1000:7.1f} ms   ratio to wrong_password {median / base:.2f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 15)
