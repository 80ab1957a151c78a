"""The status pages: the city overview, a page per target, the monitoring rankings, settings."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Depends, Form, HTTPException, Request

from ecoplan.app.core import clock
from ecoplan.app.deps import SessionDep
from ecoplan.app.core.actor import current_actor
from ecoplan.app.params import EARLIEST, LATEST
from ecoplan.app.ledger.linked import linked_section, unit_filter
from ecoplan.app.supervision.linked import section as supervision_section
from ecoplan.app.ledger.service import ItemFilter
from ecoplan.app.permissions import require
from ecoplan.app.plans.present import HELPERS as PLAN_HELPERS
from ecoplan.app.plans.present import page
from ecoplan.app.progress import periods, todo
from ecoplan.app.status import dashboard, environment, export, history
from ecoplan.app.status import settings as status_settings
from ecoplan.app.status.cache import watching
from ecoplan.app.status.pace import PACE_MODES
from ecoplan.app.status.status import LABELS, SEVERITY
from ecoplan.app.templating import attachment, redirect, render_kept, sections
from ecoplan.app.units.models import Unit
from ecoplan.reports.xlsx import MEDIA_TYPE
from ecoplan.errors import InputError

router = APIRouter()
NO_PLAN = "还没有已发布的工作方案"
HELPERS = {"status_labels_all": LABELS, "severity": SEVERITY, "pace_modes": PACE_MODES,
           "period_label": lambda p: periods.label(p) if p else "—"}


def store_of(request: Request):
    return environment.store_for(request.app.state.settings.data_dir)


def overview_or_404(request: Request, session) -> dict:
    """The kept city overview as of today; 404 when no plan is published."""
    data = dashboard.overview(session, store=store_of(request), today=today())
    if data is None:
        raise HTTPException(404, NO_PLAN)
    return data


def today() -> dt.date:
    return clock.today()


@router.get("/status")
def overview_page(request: Request, session: SessionDep, status: str = "",
                  user=Depends(require("status.view"))):
    """The city overview; ``status`` (a status code) keeps only the tasks with that status.
    Its whole answer may be kept for this login (``serving.kept_responses``)."""
    with watching() as watch:
        data = overview_or_404(request, session)
        chosen = status if status in LABELS else ""
        extra = sections(request, session, user, "status.overview", None)

        def context():
            shown = [t for t in data["tasks"] if not chosen or t["status"]["code"] == chosen]
            return {**PLAN_HELPERS, **HELPERS, "o": data, "chosen": chosen, "shown_tasks": shown,
                    "air_gaps": air_gaps(store_of(request), data), "sections": extra}

        # the features' sections (key projects …) change without a new overview: in the key
        page = render_kept(request, "status/overview.html", body="status/_overview_body.html",
                           basis=data, variant=(chosen, tuple(map(str, extra))), context=context)
    request.state.keep_response = not watch.earlier
    return page


def air_gaps(store, data: dict) -> list[dict]:
    """Whole months up to the monitoring date whose stations miss GB 3095 Table 4 (kept per data version)."""
    if not data.get("monitoring_as_of"):
        return []
    from ecoplan.app.status.cache import cached, store_key
    from ecoplan.monitoring.completeness import year_gaps

    month = environment.month_of(dt.date.fromisoformat(data["monitoring_as_of"]))
    year, last = int(month[:4]), int(month[5:])
    if year != dt.date.fromisoformat(data["monitoring_as_of"]).year:
        last = 0
    return cached(("air_gaps", *store_key(store), year, last), lambda: year_gaps(store, year, last))


@router.get("/status/export.xlsx")
def export_xlsx(request: Request, session: SessionDep, user=Depends(require("status.view"))):
    """The overview's goals, tasks, units and districts with status and why, and what features
    add to it (the money of each task and target), as .xlsx."""
    data = overview_or_404(request, session)
    parts = export.parts_for(getattr(request.app.state, "export_parts", {}), user)
    return attachment(export.status_workbook(session, data, parts, user), "status.xlsx", MEDIA_TYPE)


@router.get("/status/items/{kind}/{uid}")
def item_page(kind: str, uid: str, request: Request, session: SessionDep,
              user=Depends(require("status.view"))):
    data = dashboard.overview(session, store=store_of(request), today=today())
    found = history.find(data, kind, uid) if data else None
    if found is None:
        raise HTTPException(404, "没有这个任务或目标")
    reports = history.reports(session, plan_id=data["plan"]["id"], kind=kind, uid=uid)
    flt = ItemFilter(task_uid=uid) if kind == "task" else ItemFilter(target_uid=uid)
    figure = found["status"]["why"].get("figure") or {}
    chart = [] if figure.get("source") == "contributions" else [
        r for r in reports if figure.get("source") != "report" or r.unit.name == figure.get("owner")]
    return page(request, "status/item.html", {**HELPERS, "o": data, "item": found, "kind": kind,
                                              "reports": reports, "chart_reports": chart,
                                              "ledger": linked_section(session, user, flt=flt),
                                              "supervision": supervision_section(
                                                  session, user, basis=kind, ref=uid)})


@router.get("/status/units/{unit_id}")
def unit_page(unit_id: int, request: Request, session: SessionDep,
              user=Depends(require("status.view"))):
    unit = session.get(Unit, unit_id)
    found = unit and dashboard.unit_view(session, store=store_of(request), today=today(), unit=unit)
    if not found:
        raise HTTPException(404, "没有这个单位，或它在已发布的方案中没有需要报送的事项")
    ledger = linked_section(session, user, flt=unit_filter(unit))
    return page(request, "status/unit.html", {
        **HELPERS, **found, "ledger": ledger,
        "supervision": supervision_section(session, user, unit=unit)})


@router.get("/status/monitoring")
def monitoring_page(request: Request, session: SessionDep, period: str = "",
                    _user=Depends(require("status.view"))):
    data = overview_or_404(request, session)
    month = period or environment.month_of(
        dt.date.fromisoformat(data["monitoring_as_of"] or data["as_of"]))
    try:
        year, _ = periods.parse(month, "monthly")
    except InputError as err:
        raise HTTPException(422, str(err)) from None
    if not EARLIEST.year < year <= LATEST.year:  # the rankings compare with the year before
        raise HTTPException(422, f"月份「{month}」超出范围（{EARLIEST.year + 1}—{LATEST.year} 年）")
    store = store_of(request)
    ranks = environment.rankings(store, city=data["plan"]["region"], period=month)
    air = environment.city_air(store, todo.published(session), dt.date.fromisoformat(data["as_of"]))
    return page(request, "status/monitoring.html", {**HELPERS, "o": data, "ranks": ranks,
                                                    "month": month, "air": air})


def settings_page(request, row, *, error=None, status=200):
    return page(request, "status/settings.html", {**HELPERS, "row": row, "error": error},
                status_code=status)


@router.get("/status/settings")
def settings_form(request: Request, session: SessionDep, _user=Depends(require("status.settings"))):
    return settings_page(request, status_settings.current(session))


@router.post("/status/settings")
def settings_save(request: Request, session: SessionDep, user=Depends(require("status.settings")),
                  lag_points: str = Form(""), severe_points: str = Form(""),
                  pace_mode: str = Form(""), as_of: str = Form(""), version: str = Form("")):
    form = {"lag_points": lag_points, "severe_points": severe_points, "pace_mode": pace_mode,
            "as_of": as_of}
    try:
        status_settings.update(session, actor=current_actor(request), values=status_settings.parse(form),
                               version=version)
    except InputError as err:
        session.rollback()
        return settings_page(request, status_settings.current(session), error=str(err),
                             status=409 if "已被他人修改" in str(err) else 422)
    return redirect("/status/settings", flash="状态设置已保存")
