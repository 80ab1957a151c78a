"""What the dashboards and the API show: the city overview, and its public subset.

``overview`` is the internal picture (statuses with the numbers behind them, units ranked);
``public`` keeps only what an environmental-information disclosure page shows: goals and their
values, monitoring indicators and rankings, the plan's tasks with their status label — no
report texts, evidence, people or units' reporting records.

The overview and each unit's view are kept (:mod:`ecoplan.app.status.cache`) per database
version (:func:`ecoplan.app.status.freshness.db_key`), monitoring data version and day, so the
pages that show them compute them once, not on every request: callers must not modify them.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from ecoplan.app.core import clock
from ecoplan.app.progress import todo
from ecoplan.app.status import environment, figures, freshness, schematic, service
from ecoplan.app.status.cache import cached_status, store_key
from ecoplan.app.status.pace import PACE_MODES
from ecoplan.app.status.units import unit_items
from ecoplan.app.status.units import units as unit_rows
from ecoplan.monitoring.store import Store


def _kept(session: Session, key: tuple, compute):
    """``compute()``, kept under ``key`` and the database's version unless this session has
    changes not yet committed (then what it sees is not yet everyone's)."""
    if freshness.uncommitted(session):
        return compute()
    url, version = freshness.db_key(session)
    return cached_status((*key, url), version, compute)


def overview(session: Session, *, store: Store, today: dt.date) -> dict | None:
    """The city overview for the published plan (None when nothing is published)."""
    def compute():
        ctx = service.context(session, today=today)
        return None if ctx is None else _overview(session, ctx, store)

    return _kept(session, ("overview", *store_key(store), today), compute)


def unit_view(session: Session, *, store: Store, today: dt.date, unit) -> dict | None:
    """A unit's or district's row of the overview with its items (None: it reports nothing)."""
    def compute():
        data = overview(session, store=store, today=today)
        if data is None:
            return None
        row = next((u for u in data["units"] + data["districts"] if u["unit_id"] == unit.id), None)
        if row is None:
            return None
        ctx = service.context(session, today=today)
        return {"o": data, "u": row, "items": unit_items(ctx, data["tasks"], unit)}

    return _kept(session, ("unit", *store_key(store), today, unit.id), compute)


def task_statuses(session: Session, *, today: dt.date) -> dict:
    """The plan's task statuses as the overview has them (the same computation, without the
    monitoring goals), kept per database version: what the plan pages show beside each task."""
    def compute():
        ctx = service.context(session, today=today)
        if ctx is None:
            return {"plan": None, "tasks": {}}
        return {"plan": (ctx.version.plan_id, ctx.version.number),
                "tasks": {t["uid"]: t["status"] for t in service.tasks(ctx)}}

    return _kept(session, ("task_statuses", today), compute)


def live_task_statuses(session: Session, version) -> dict:
    """Task uid → status for the plan pages (``app.state.task_statuses``) when ``version`` is
    the one units report against, else empty."""
    data = task_statuses(session, today=clock.today())
    return data["tasks"] if data["plan"] == (version.plan_id, version.number) else {}


def _overview(session: Session, ctx: service.Context, store: Store) -> dict:
    tasks = service.tasks(ctx)
    units = unit_rows(session, ctx, tasks)
    env = environment.goals(store, ctx.version, ctx.as_of)
    row = ctx.settings
    return {
        "plan": {"id": ctx.version.plan_id, "title": ctx.version.plan.title,
                 "year": ctx.year, "region": ctx.version.plan.region, "version": ctx.version.number},
        "as_of": ctx.as_of.isoformat(), "period_due": ctx.period,
        "due": ctx.due.isoformat() if ctx.due else None,
        "settings": {**row.snapshot(), "pace_mode_label": PACE_MODES[row.pace_mode]},
        "goals": figures.goal_rows(ctx, env["goals"]), "monitoring_as_of": env["as_of"], "synthetic": env["synthetic"],
        "trends": environment.trends(store, ctx.version, ctx.as_of),
        "tasks": tasks, "task_counts": service.counts(tasks),
        "units": [u for u in units if u["kind"] != "district"],
        "districts": [u for u in units if u["kind"] == "district"],
        "skipped_reports": [{"id": r.id, "unit": r.unit_name, "period": r.period}
                            for r in ctx.skipped],
    }


PUBLIC_GOAL_FIELDS = ("uid", "text", "label", "comparator", "value", "unit", "current", "projection",
                      "source")


def public(session: Session, *, store: Store, today: dt.date) -> dict | None:
    """The public subset of :func:`overview`, plus the monitoring rankings."""
    return _kept(session, ("public", *store_key(store), today),
                 lambda: _public(session, store, overview(session, store=store, today=today)))


def _public(session: Session, store: Store, full: dict | None) -> dict | None:
    if full is None:
        return None
    month = environment.month_of(dt.date.fromisoformat(full["monitoring_as_of"] or full["as_of"]))
    ranks = environment.rankings(store, city=full["plan"]["region"], period=month)
    version, as_of = todo.published(session), dt.date.fromisoformat(full["as_of"])
    air = environment.city_air(store, version, as_of)
    water = environment.city_water(store, version, as_of)
    towns = schematic.towns_by_district(store.table("stations") if store.has("stations") else None)
    return {
        "plan": {k: full["plan"][k] for k in ("title", "year", "region")},
        "air": air, "water": water, "towns": towns,
        "as_of": full["as_of"], "monitoring_as_of": full["monitoring_as_of"],
        "synthetic": full["synthetic"] or ranks["synthetic"] or bool(air and air["synthetic"])
                     or bool(water and water["synthetic"]),
        "goals": [{**{k: g[k] for k in PUBLIC_GOAL_FIELDS}, "status": g["status"]["label"]}
                  for g in full["goals"]],
        "rankings": {"period": month, **{level: _public_ranking(ranks[level])
                                         for level in ("district", "town")}},
        "task_counts": full["task_counts"],
        "tasks": [{"number": t["number"], "title": t["title"], "status": t["status"]["label"]}
                  for t in full["tasks"]],
    }


def _public_ranking(result: dict | None) -> dict | None:
    if result is None:
        return None
    return {"metric": result["metric"], "city_value": result["city_value"],
            "rows": [{k: r[k] for k in ("rank", "name", "value", "last_year", "yellow", "red")}
                     for r in result["rows"]]}
