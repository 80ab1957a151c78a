"""The office's obligations page (报送责任) and ``GET /api/targets``: in the status feature,
since it shows each target's status beside where its figure comes from.

``/obligations`` (admin): first what needs the office (goals with no path, guessed owners,
collective phrases), then every target with where its figure comes from, each editable. A change
applies from the current published version on and is audited.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, HTTPException, Request

from ecoplan.app.deps import SessionDep
from ecoplan.app.core.actor import current_actor
from ecoplan.app.forms import StaleEditError, describe
from ecoplan.app.obligations import collective, review, service
from ecoplan.app.obligations.rules import (AGGREGATION_LABELS, FREQUENCY_LABELS,
                                           PROJECT_MEASURES, SOURCE_LABELS)
from ecoplan.app.permissions import require
from ecoplan.app.plans.present import page
from ecoplan.app.progress import todo
from ecoplan.app.status.views import overview_or_404
from ecoplan.app.templating import redirect
from ecoplan.errors import InputError
from ecoplan.monitoring.targets import load_bindings

router = APIRouter()
HELPERS = {"source_labels": SOURCE_LABELS, "frequency_labels": FREQUENCY_LABELS,
           "aggregation_labels": AGGREGATION_LABELS, "project_measures": PROJECT_MEASURES}


def _version(session):
    version = todo.published(session)
    if version is None:
        raise HTTPException(404, "还没有已发布的工作方案")
    return version


def _page(request, session, *, error=None, status=200):
    version = _version(session)
    indicators = {b["id"]: b["label"] for b in load_bindings()["bindings"]}
    return page(request, "obligations/index.html",
                {**HELPERS, "indicator_labels": indicators, **review.overview(session, version), "plan_version": version,
                 "error": error}, status_code=status)


@router.get("/obligations")
def obligations_page(request: Request, session: SessionDep,
                     _user=Depends(require("obligations.manage"))):
    return _page(request, session)


def parse_contributions(text: str) -> list[dict]:
    """``单位：额度`` per line (额度 optional) → ``[{"unit", "quota"}]``."""
    parts = []
    for line in (text or "").splitlines():
        name, _, quota = line.replace("：", ":").partition(":")
        if name.strip():
            parts.append({"unit": name.strip(), "quota": quota.strip() or None})
    return parts


@router.post("/obligations/{target_uid}")
def obligation_save(target_uid: str, request: Request, session: SessionDep,
                    user=Depends(require("obligations.manage")), source: str = Form(""),
                    owner: str = Form(""), frequency: str = Form(""), first_month: str = Form(""),
                    aggregation: str = Form(""), contributions: str = Form(""),
                    note: str = Form(""), row_version: str = Form(""),
                    project_measure: str = Form(""), project_category: str = Form(""),
                    project_district: str = Form("")):
    values = {"source": source, "owner": owner, "frequency": frequency,
              "first_month": first_month, "aggregation": aggregation, "note": note,
              "contributions": parse_contributions(contributions),
              "project_measure": project_measure, "project_category": project_category,
              "project_district": project_district}
    try:
        service.set_obligation(session, actor=current_actor(request), version=_version(session),
                               target_uid=target_uid, values=values, row_version=row_version)
    except InputError as err:
        session.rollback()
        return _page(request, session, error=str(err),
                     status=409 if isinstance(err, StaleEditError) else 422)
    return redirect(f"/obligations#t-{target_uid}", flash="报送责任已保存")


@router.post("/obligations/tasks/{task_uid}/units")
def collective_replace(task_uid: str, request: Request, session: SessionDep,
                       _user=Depends(require("plans.edit")), units: str = Form("")):
    """One step: the task's 市各有关部门 becomes the named units in a new published version."""
    version = _version(session)
    try:
        published = collective.replace_collective(
            session, actor=current_actor(request), plan_id=version.plan_id, task_uid=task_uid,
            names=collective.split_names(units))
    except InputError as err:
        session.rollback()
        return _page(request, session, error=describe(err), status=422)
    return redirect("/obligations#attention",
                    flash=f"已发布第{published.number}版：“{collective.PHRASE}”已改为{units_text(units)}")


def units_text(units: str) -> str:
    return "、".join(collective.split_names(units))


@router.get("/api/targets")
def targets_api(request: Request, session: SessionDep, _user=Depends(require("status.view"))):
    """Every target with where its figure comes from, its value and its one status."""
    data = overview_or_404(request, session)
    return {"as_of": data["as_of"], "targets": review.api_rows(data)}
