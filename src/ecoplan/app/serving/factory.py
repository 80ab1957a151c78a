"""The application as ``ecoplan serve`` runs it, in each of its worker processes.

uvicorn starts every worker process by calling :func:`app_from_env` (an import string, so
each process builds its own app: engine, pool, kept results). ``ecoplan serve`` passes its
options down through the environment (``ECOPLAN_DATA_DIR``). Each process, once started:

- marks monitoring imports a killed process left ``importing`` as interrupted;
- runs the daily reminders thread (only the holder of the database lease makes reminders), the
  retries of failed robot pushes (the same, with their lease), the drop folder's watcher when
  ``ECOPLAN_MONITORING_INBOX`` is set (the same, with its lease), and the features' jobs (their
  manifests' ``jobs``: the overdue chase of reports from the public);
- computes the status overview and the public page (and renders the latter) before it takes its
  first request (for at most :data:`WARM_TIMEOUT_S`; past that it goes on in the background),
  so the first visitor does not wait for it (uvicorn listens once start-up is over; on the demo
  data this takes 1–3 s per process, each process warming on its own);
- after each of its own commits that changed what the overview may show, computes the new
  overview in the committing thread (:func:`start_rewarming`).
"""

from __future__ import annotations

import faulthandler
import logging
import threading
import weakref

from fastapi import FastAPI

from ecoplan.app.db import unit_of_work
from ecoplan.app.features import FEATURES
from ecoplan.app.main import create_app
from ecoplan.app.progress.scheduler import DailyReminders
from ecoplan.app.status import dashboard, environment
from ecoplan.app.templating import templates
from ecoplan.config import Settings

log = logging.getLogger(__name__)
WARM_TIMEOUT_S = 30.0


def app_from_env() -> FastAPI:
    """uvicorn's factory: the app on ``Settings.from_env()``, with its background work.

    A worker that crashes in the interpreter (SIGSEGV, seen in the load soaks: uvicorn then logs
    only "Child process [N] died" and its open connections are dropped) writes every thread's
    Python stack to the server's log first (``faulthandler``)."""
    faulthandler.enable()
    app = create_app(Settings.from_env())
    app.state.startup += [recover_imports, start_reminders, start_webhook_retries, start_inbox,
                          *(job for feature in FEATURES for job in feature.jobs), start_warming,
                          start_rewarming]
    return app


def recover_imports(app: FastAPI) -> None:
    """Monitoring imports left ``importing`` by a process that died are marked failed (their
    half-written files put back) before the first request (``intake.running.recover``)."""
    from ecoplan.app.intake.running import recover

    try:
        with unit_of_work(app.state.sessionmaker) as session:
            ended = recover(session, app.state.settings.data_dir)
        if ended:
            log.warning("ecoplan: monitoring imports %s were interrupted; marked as such", ended)
    except Exception:  # a database not migrated yet: the history page does it later
        log.warning("ecoplan: could not look for interrupted monitoring imports", exc_info=True)


def start_inbox(app: FastAPI):
    """The drop folder's watcher when ``ECOPLAN_MONITORING_INBOX`` is set."""
    settings = app.state.settings
    if settings.monitoring_inbox is None:
        return None
    from ecoplan.app.intake.inbox import InboxWatcher

    watcher = InboxWatcher(app.state.sessionmaker, settings.data_dir, settings.monitoring_inbox,
                           max_bytes=settings.max_upload_bytes, every_s=settings.inbox_every_seconds)
    watcher.start()
    return watcher.stop


def start_reminders(app: FastAPI):
    daily = DailyReminders(app.state.sessionmaker)
    daily.start()
    return daily.stop


def start_webhook_retries(app: FastAPI):
    from ecoplan.app.workbench.webhook_retry import WebhookRetries

    retries = WebhookRetries(app.state.sessionmaker)
    retries.start()
    return retries.stop


def start_rewarming(app: FastAPI):
    """After a commit of this process that changed what the overview may show (a report
    approved, a plan edited: any data version but a draft's or a login's), the committing
    thread computes the new overview and the public page's data (:func:`rewarm`) before its
    request answers. The next ``/status`` or ``/public`` then only renders its page: the one
    request that computed the page of the new version after an approval waited ~150 ms of CPU
    for the overview, seconds while the process's other threads shared the GIL (issue #11)."""
    from ecoplan.app import versions
    from ecoplan.app.serving.kept_responses import IGNORED, LOGINS

    ref = weakref.ref(app)

    def committed(names: set[str]) -> None:
        target = ref()
        if target is not None and names - IGNORED - LOGINS:
            rewarm(target)

    versions.COMMIT_LISTENERS.append(committed)
    return lambda: versions.COMMIT_LISTENERS.remove(committed)


def rewarm(app: FastAPI) -> None:
    """The overview and the public page's data of the current versions, kept; never raises."""
    from ecoplan.app.status.views import today

    try:
        store = environment.store_for(app.state.settings.data_dir)
        with unit_of_work(app.state.sessionmaker) as session:
            dashboard.public(session, store=store, today=today())
    except Exception:
        log.debug("ecoplan: could not compute the overview after a commit", exc_info=True)


def start_warming(app: FastAPI) -> None:
    thread = threading.Thread(target=warm, args=(app,), name="ecoplan-warm", daemon=True)
    thread.start()
    thread.join(WARM_TIMEOUT_S)  # start-up only: no request is being served yet


def _render_public(app: FastAPI, session) -> None:
    """Render the public page as its first anonymous visitor would (its body is then kept)."""
    from starlette.requests import Request

    from ecoplan.app.public.views import public_page

    request = Request({"type": "http", "method": "GET", "path": "/public", "raw_path": b"/public",
                       "query_string": b"", "headers": [], "scheme": "http", "root_path": "",
                       "server": ("127.0.0.1", 80), "app": app, "router": app.router})
    request.state.viewer = request.state.user = None
    request.state.csrf_token = ""
    public_page(request, session, user=None)


WARM_TEMPLATES = ("status/overview.html", "status/_overview_body.html", "public/index.html",
                  "public/_index_body.html", "progress/todo.html",
                  "auth/login.html", "errors/error.html")
"""Compiled at start-up (Jinja keeps them): the first visitor does not wait for it."""


def warm(app: FastAPI) -> None:
    """Compile the busiest pages' templates, compute and keep the public page's data (and with
    it the overview) and the overview's monitoring gaps, as the pages ask for them (same day,
    same store), and render the public page once for anonymous visitors; never raises."""
    from ecoplan.app.status.views import air_gaps, today

    try:
        for name in WARM_TEMPLATES:
            templates.env.get_template(name)
        store = environment.store_for(app.state.settings.data_dir)
        with unit_of_work(app.state.sessionmaker) as session:
            dashboard.public(session, store=store, today=today())
            overview = dashboard.overview(session, store=store, today=today())
            if overview is not None:
                air_gaps(store, overview)
                _render_public(app, session)
    except Exception:  # a database without a plan yet, or not reachable: pages say so
        log.warning("ecoplan: could not compute the overview at start-up", exc_info=True)
