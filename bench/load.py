"""Load on a real ``ecoplan serve`` over loopback: 1 → 200 concurrent clients, 1 worker and N.

Each client does what the roles do, in turn: the public page (anonymous), the overview
(viewer), the plan (admin), the to-do list (reporter), a report saved, submitted and approved
(reporter, then the unit's leader; each client its own item and period), the Excel download
(viewer). Every level runs for ``--seconds`` or ``--max-requests``, whichever ends first;
requests time out after ``--timeout`` seconds (a timeout counts as an error). Printed per
level: requests/s and its ratio to the 1-client rate, p50/p95/p99 (ms) of all requests, p50
and p99 of /public and /status, errors, and the machine's 1-minute load average (others' work
on a shared machine shows there: measure when it is low); then both worker counts side by side
with the ratios to the 1-client rate and of N workers to 1. The first /status after a start is
timed too.

``--soak``: ``--soak-seconds`` (600) of the same mix at 50 clients on N workers; then every
acknowledged write (a save answered 303, an approval answered 303) is looked up in the database.

Loopback only, on a copy of an ``ecoplan demo`` data dir (built when ``--data-dir`` is not
given), or with ``--database-url`` on a PostgreSQL database emptied and given the demo afresh
for each worker count; ports 18150–18199 by default.

    PYTHONPATH=src python bench/load.py [--data-dir DIR] [--workers 2] [--soak]
        [--database-url postgresql+psycopg://USER@127.0.0.1:PORT/DB]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import ssl
import subprocess
import sys
import tempfile
import time
from collections import Counter
from contextlib import AsyncExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import numpy as np
from sqlalchemy import select, text

from ecoplan.app.auth.models import User
from ecoplan.app.auth.service import start_session
from ecoplan.app.db import make_engine, unit_of_work
from ecoplan.app.versions import make_sessionmaker
from ecoplan.app.progress import todo
from ecoplan.app.progress.models import ProgressReport
from ecoplan.app.units.models import Unit

LEVELS = (1, 2, 5, 10, 20, 50, 100, 200)
PERIODS = tuple(f"2023-{month:02d}" for month in range(7, 13))  # none reported in the demo
ROLES = ("viewer", "admin", "reporter", "leader")
DATABASE_URL: str | None = None
"""``--database-url``: PostgreSQL instead of each copy's SQLite file."""
VERSION = re.compile(r'name="version" value="(\d+)"')
ALERT = re.compile(r'role="alert">([^<]*)<')


@dataclass
class Stats:
    samples: list[tuple[str, float]] = field(default_factory=list)
    errors: Counter = field(default_factory=Counter)
    failures: list[tuple] = field(default_factory=list)
    """(wall time, step, method, exception or status, message) of each request that got no
    answer or an error answer (the page's alert, e.g. a refused save's reason)."""
    budget: int = 0

    def row(self, seconds: float) -> dict:
        ms = np.array([s for _, s in self.samples]) * 1000 if self.samples else np.zeros(1)
        tagged = lambda tag: np.array([s for t, s in self.samples if t == tag] or [0]) * 1000  # noqa: E731
        return {"rps": len(self.samples) / seconds, "p50": np.percentile(ms, 50),
                "p95": np.percentile(ms, 95), "p99": np.percentile(ms, 99),
                "public50": np.percentile(tagged("public"), 50),
                "public99": np.percentile(tagged("public"), 99),
                "status50": np.percentile(tagged("status"), 50),
                "status99": np.percentile(tagged("status"), 99),
                "errors": sum(self.errors.values()), "kinds": dict(self.errors),
                "load": os.getloadavg()[0], "failures": self.failures}


@dataclass
class Writer:
    """One client's report: its own item, periods taken in turn; what the server acknowledged."""

    kind: str
    uid: str
    periods: tuple[str, ...]
    version: str = "0"  # the form's "this report does not exist yet"
    saves: int = 0
    saved: dict[int, str] = field(default_factory=dict)  # report id → last acknowledged text
    approved: set[int] = field(default_factory=set)
    reports: dict[str, int] = field(default_factory=dict)  # period → its report
    returned: int = 0


class Load:
    def __init__(self, base: str, logins: dict, items: list, timeout: float,
                 clients: int = max(LEVELS), endless: bool = False) -> None:
        """``endless`` (the soak): once a client's periods are all approved, the office returns
        each report in turn and the client edits, submits and approves it again, so the writes
        go on for the whole run."""
        self.base, self.logins, self.items, self.timeout = base, logins, items, timeout
        self.endless = endless
        self.laps = -(-clients // len(items))  # clients sharing one item, at most
        self.writers: dict[int, Writer] = {}

    def writer(self, n: int) -> Writer:
        """Clients sharing an item (more clients than the reporter has items) take disjoint
        periods: two people never edit one report, as one unit's reporter would not; a save
        on a report another client had submitted was refused (422, "不能再修改")."""
        if n not in self.writers:
            kind, uid = self.items[n % len(self.items)]
            lap = n // len(self.items)
            self.writers[n] = Writer(kind, uid, PERIODS[lap::self.laps])
        return self.writers[n]

    def headers(self, role: str | None) -> dict:
        if role is None:
            return {}
        token, csrf = self.logins[role]
        return {"Cookie": f"ecoplan_session={token}", "X-CSRF-Token": csrf}

    async def call(self, client, stats, tag, method, path, role=None, **kw):
        if stats.budget <= 0:
            return None
        stats.budget -= 1
        http = client[0] if role is None else client[1]
        start = time.perf_counter()
        try:
            answer = await http.request(method, path, headers=self.headers(role), **kw)
        except httpx.TimeoutException:
            stats.errors["timeout"] += 1
            return None
        except httpx.HTTPError as err:
            stats.errors[type(err).__name__] += 1
            stats.failures.append((time.time(), tag, f"{method} {path}", type(err).__name__,
                                   str(err)[:80]))
            return None
        stats.samples.append((tag, time.perf_counter() - start))
        if role is not None:  # a browser shows (and drops) a flash on the page it is sent to
            http.cookies.clear()
        if answer.status_code >= 400:
            stats.errors[answer.status_code] += 1
            alert = ALERT.search(answer.text)
            stats.failures.append((time.time(), tag, f"{method} {path}", answer.status_code,
                                   alert.group(1).strip() if alert else answer.text[:80]))
        return answer

    async def write(self, client, stats, n: int) -> None:
        w = self.writer(n)
        lap, turn = divmod(w.saves // 4, len(w.periods))
        if lap and not self.endless:
            return
        period = w.periods[turn]
        if lap and w.saves % 4 == 0 and w.reports[period] in w.approved \
                and not await self.reopen(client, stats, w, w.reports[period]):
            return
        text = f"负载测试 {n}-{w.saves}"
        saved = await self.call(client, stats, "save", "POST", f"/progress/items/{w.kind}/{w.uid}",
                                "reporter", data={"period": period, "narrative": text,
                                                  "version": w.version, "intent": "save"})
        if saved is not None and saved.status_code == 409:  # stale (e.g. an answer lost in a
            form = await self.call(client, stats, "form", "GET",  # crash): reload, as a person would
                                   f"/progress/items/{w.kind}/{w.uid}", "reporter",
                                   params={"period": period})
            found = VERSION.search(form.text) if form is not None else None
            w.version = found.group(1) if found else w.version
        if saved is None or saved.status_code != 303:
            return
        report = int(saved.headers["location"].rsplit("/", 1)[1].split("?")[0])
        w.saved[report], w.saves, w.reports[period] = text, w.saves + 1, report
        w.version = await self.version(client, stats, report)
        if w.saves % 4 or not w.version:
            return
        for role, step in (("reporter", "submit"), ("leader", "approve")):
            done = await self.call(client, stats, step, "POST",
                                   f"/progress/reports/{report}/{step}", role,
                                   data={"version": w.version})
            if done is None or done.status_code != 303:
                w.version = await self.version(client, stats, report)  # the next save goes on
                return
            w.version = await self.version(client, stats, report)
        w.approved.add(report)
        w.version = "0"  # the next period: a new report (or, on a later lap, a returned one)

    async def reopen(self, client, stats, w: Writer, report: int) -> bool:
        """The office returns an approved report; the client goes on editing it."""
        version = await self.version(client, stats, report)
        done = await self.call(client, stats, "return", "POST", f"/progress/reports/{report}/return",
                               "admin", data={"version": version, "comment": "负载测试：退回再改"})
        if done is None or done.status_code != 303:
            return False
        w.approved.discard(report)
        w.returned += 1
        w.version = await self.version(client, stats, report)
        return bool(w.version)

    async def version(self, client, stats, report: int) -> str:
        page = await self.call(client, stats, "report", "GET", f"/progress/reports/{report}",
                               "reporter")
        found = VERSION.search(page.text) if page is not None else None
        return found.group(1) if found else ""

    async def user(self, n: int, stats: Stats, client: tuple, until: float) -> None:
        steps = (("public", "/public", None), ("status", "/status", "viewer"),
                 ("plans", "/plans", "admin"), ("todo", "/progress", "reporter"), None,
                 ("xlsx", "/status/export.xlsx", "viewer"))
        turn = n
        while time.monotonic() < until and stats.budget > 0:
            step = steps[turn % len(steps)]
            turn += 1
            if step is None:
                await self.write(client, stats, n)
            else:
                await self.call(client, stats, step[0], "GET", step[1], step[2])

    def level(self, clients: int, seconds: float, budget: int) -> dict:
        """``clients`` users for ``seconds``. Each has two connections, as two browsers would:
        an anonymous one (its own cookies) for the public page, and one for the logins (whose
        flash messages a browser shows, and drops, on the page it is sent to). The clients are
        made before the clock starts, on one TLS context (making each its own costs ~25 ms of
        this process's CPU: 200 of them stalled every request of the level's first seconds)."""
        stats = Stats(budget=budget)
        tls = ssl.create_default_context()

        async def run() -> float:
            async with AsyncExitStack() as stack:
                made = [tuple([await stack.enter_async_context(httpx.AsyncClient(
                    base_url=self.base, timeout=self.timeout, verify=tls)) for _ in range(2)])
                    for _ in range(clients)]
                start = time.monotonic()
                await asyncio.gather(*(self.user(n, stats, made[n], start + seconds)
                                       for n in range(clients)))
                return time.monotonic() - start

        return stats.row(asyncio.run(run()))


def prepared(data_dir: Path) -> tuple[dict, list]:
    """A login per role (rows made directly: no password hashing) and the reporter's items."""
    engine = make_engine(database_url(data_dir))
    with unit_of_work(make_sessionmaker(engine)) as s:
        logins = {}
        for role in ROLES:
            login = start_session(s, s.scalars(select(User).where(User.username == role)).one())
            logins[role] = (login.token, login.record.csrf_token)
        unit = s.scalars(select(Unit).where(Unit.name == "市生态环境局")).one()
        items = [(i.kind, i.uid) for i in todo.items_for(todo.published(s), unit)]
    engine.dispose()
    return logins, items


@contextmanager
def server(data_dir: Path, workers: int, port: int, keep_log: Path | None = None,
           env: dict | None = None):
    """``ecoplan serve`` on loopback (``env`` added to its environment); yields (base URL,
    seconds the first /status took); its log is copied to ``keep_log`` at the end (the scratch
    copy is deleted)."""
    log = open(data_dir / "server.log", "wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "ecoplan", "serve", "--host", "127.0.0.1", "--port", str(port),
         "--workers", str(workers), "--data-dir", str(data_dir), "--log-level", "info"],
        stdout=log, stderr=subprocess.STDOUT, env={**_environ(), **(env or {})})
    base = f"http://127.0.0.1:{port}"
    try:
        yield base, _first_page(process, base, prepared(data_dir)[0]["viewer"][0]), process
    finally:
        process.terminate()
        process.wait(timeout=60)
        log.close()
        _show_log(data_dir / "server.log")
        if keep_log:
            shutil.copy(data_dir / "server.log", keep_log)


def _show_log(path: Path, lines: int = 30) -> None:
    """The end of the server's log when it holds more than uvicorn's start and stop lines (a
    traceback, a worker replaced): the scratch copy is deleted afterwards."""
    text = path.read_text(errors="replace").splitlines()
    noted = [line for line in text if "Traceback" in line or "ERROR" in line
             or "WARNING" in line or "died" in line or "Child process" in line]
    if noted:
        print(f"server log ({len(noted)} noteworthy lines; last {lines} lines):", *text[-lines:],
              sep="\n")
    crashes = [i for i, line in enumerate(text) if line.startswith("Fatal Python error")]
    for i in crashes[:2]:  # a worker crashed in the interpreter: its threads' stacks (faulthandler)
        end = next((j for j in range(i, len(text)) if text[j].startswith("Extension modules")), i + 200)
        print("server log, a worker's crash:", *text[i:end], sep="\n")


def _first_page(process, base: str, token: str) -> float:
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and process.poll() is None:
        try:
            httpx.get(base + "/healthz", timeout=5)
            break
        except httpx.HTTPError:
            time.sleep(0.2)
    start = time.perf_counter()
    httpx.get(base + "/status", cookies={"ecoplan_session": token}, timeout=60)
    return time.perf_counter() - start


def database_url(data_dir: Path) -> str:
    return DATABASE_URL or f"sqlite:///{data_dir / 'ecoplan.sqlite3'}"


def _environ() -> dict:
    return {**os.environ, **({"ECOPLAN_DATABASE_URL": DATABASE_URL} if DATABASE_URL else {})}


def copy_of(demo: Path, scratch: Path, name: str) -> Path:
    """A fresh copy of the demo: its data dir copied (SQLite), or on PostgreSQL the
    ``--database-url`` database emptied and the demo built into it again."""
    target = scratch / name
    if DATABASE_URL is None:
        shutil.copytree(demo, target)
        return target
    engine = make_engine(DATABASE_URL)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    subprocess.run([sys.executable, "-m", "ecoplan", "demo", "--data-dir", str(target)],
                   check=True, stdout=subprocess.DEVNULL, env=_environ())
    return target


def ramp(args, demo: Path, scratch: Path) -> dict[int, list[dict]]:
    results = {}
    for workers in (1, args.workers):
        data = copy_of(demo, scratch, f"w{workers}")
        with server(data, workers, args.port + workers) as (base, first, _process):
            print(f"\n{workers} worker(s): first /status after start {first * 1000:.0f} ms")
            print(f"{'clients':>7} {'req/s':>7} {'×1':>5} {'p50':>6} {'p95':>6} {'p99':>6} "
                  f"{'/public p50/p99':>15} {'/status p50/p99':>15} {'load':>5} errors")
            load = Load(base, *prepared(data), args.timeout, max(args.levels))
            rows = []
            for clients in args.levels:
                row = {"clients": clients, **load.level(clients, args.seconds, args.max_requests)}
                rows.append(row)
                print(f"{clients:>7} {row['rps']:>7.1f} {row['rps'] / rows[0]['rps']:>5.2f} "
                      f"{row['p50']:>6.0f} {row['p95']:>6.0f} {row['p99']:>6.0f} "
                      f"{row['public50']:>7.0f}/{row['public99']:<7.0f} "
                      f"{row['status50']:>7.0f}/{row['status99']:<7.0f} {row['load']:>5.1f} "
                      f"{row['errors']} {row['kinds'] or ''}", flush=True)
                show_failures(row["failures"], 5)
            results[workers] = rows
    return results


def show_failures(failures: list[tuple], limit: int) -> None:
    """The first failed requests, timed to match the server's log."""
    for when, tag, request, kind, message in failures[:limit]:
        print(f"  failed at {time.strftime('%H:%M:%S', time.gmtime(when))}"
              f".{int(when % 1 * 1000):03d} UTC: {tag} {request}: {kind}: {message}")


def side_by_side(results: dict[int, list[dict]]) -> None:
    one, many = results[min(results)], results[max(results)]
    n = max(results)
    print(f"\n| clients | 1 worker req/s | ×1-client | p99 ms | /public p50/p99 | /status p50/p99 "
          f"| errors | {n} workers req/s | ×1-client | ×1 worker | p99 ms | /public p50/p99 "
          f"| /status p50/p99 | errors | load |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for a, b in zip(one, many):
        print(f"| {a['clients']} | {a['rps']:.1f} | {a['rps'] / one[0]['rps']:.2f} | "
              f"{a['p99']:.0f} | {a['public50']:.0f}/{a['public99']:.0f} | "
              f"{a['status50']:.0f}/{a['status99']:.0f} | {a['errors']} | {b['rps']:.1f} | "
              f"{b['rps'] / many[0]['rps']:.2f} | {b['rps'] / a['rps']:.2f} | {b['p99']:.0f} | "
              f"{b['public50']:.0f}/{b['public99']:.0f} | {b['status50']:.0f}/{b['status99']:.0f} | "
              f"{b['errors']} | {a['load']:.1f}/{b['load']:.1f} |")


def soak(args, demo: Path, scratch: Path) -> bool:
    data = copy_of(demo, scratch, "soak")
    env = dict(pair.split("=", 1) for pair in args.server_env)
    if args.debug_malloc:  # a write to freed or foreign memory stops at the next free of it
        env["PYTHONMALLOC"] = "debug"
    with server(data, args.workers, args.port, args.keep_log, env) as (base, _first, _process):
        load = Load(base, *prepared(data), args.timeout, 50, endless=True)
        row = load.level(50, args.soak_seconds, 10**9)
    print(f"soak: {args.soak_seconds:.0f} s at 50 clients on {args.workers} workers: "
          f"{row['rps']:.1f} req/s, p99 {row['p99']:.0f} ms, errors {row['errors']} {row['kinds']}")
    show_failures(row["failures"], 20)
    return check_writes(data, load.writers) and row["errors"] == 0


def check_writes(data: Path, writers: dict[int, Writer]) -> bool:
    """Every acknowledged save's text, every acknowledged approval, is in the database."""
    engine = make_engine(database_url(data))
    with unit_of_work(make_sessionmaker(engine)) as s:
        stored = {r.id: r for r in s.scalars(select(ProgressReport).where(
            ProgressReport.id.in_([i for w in writers.values() for i in w.saved])))}
        lost = [(i, text) for w in writers.values() for i, text in w.saved.items()
                if i not in stored or stored[i].narrative != text]
        unapproved = [i for w in writers.values() for i in w.approved
                      if stored[i].state != "approved"]
    engine.dispose()
    saves = sum(w.saves for w in writers.values())
    print(f"writes acknowledged: {saves} saves on {sum(len(w.saved) for w in writers.values())} "
          f"reports, {sum(len(w.approved) for w in writers.values())} approved at the end "
          f"({sum(w.returned for w in writers.values())} returned by the office and redone); "
          f"lost: {len(lost)} texts, {len(unapproved)} approvals")
    return not lost and not unapproved


def demo_dir(args, scratch: Path) -> Path | None:
    if DATABASE_URL is not None:
        return None  # built afresh for each run (copy_of)
    if args.data_dir:
        return args.data_dir
    target = scratch / "demo"
    subprocess.run([sys.executable, "-m", "ecoplan", "demo", "--data-dir", str(target)],
                   check=True, stdout=subprocess.DEVNULL)
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data-dir", type=Path, help="an `ecoplan demo` data dir (copied)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--levels", type=lambda s: [int(x) for x in s.split(",")],
                        default=list(LEVELS))
    parser.add_argument("--seconds", type=float, default=8.0, help="per level")
    parser.add_argument("--max-requests", type=int, default=4000, help="per level")
    parser.add_argument("--timeout", type=float, default=30.0, help="per request")
    parser.add_argument("--port", type=int, default=18150)
    parser.add_argument("--database-url", help="a PostgreSQL database to use (emptied, then "
                        "the demo built into it, for each worker count); default SQLite")
    parser.add_argument("--soak", action="store_true")
    parser.add_argument("--soak-seconds", type=float, default=600.0)
    parser.add_argument("--keep-log", type=Path, help="copy the soak's server log here")
    parser.add_argument("--server-env", action="append", default=[], metavar="NAME=VALUE",
                        help="the soak's server gets this environment variable too")
    parser.add_argument("--debug-malloc", action="store_true",
                        help="the soak's server runs with PYTHONMALLOC=debug (crash hunting)")
    args = parser.parse_args()
    global DATABASE_URL
    DATABASE_URL = args.database_url
    with tempfile.TemporaryDirectory(prefix="ecoplan-load-") as scratch:
        demo = demo_dir(args, Path(scratch))
        if args.soak:
            return 0 if soak(args, demo, Path(scratch)) else 1
        side_by_side(ramp(args, demo, Path(scratch)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
