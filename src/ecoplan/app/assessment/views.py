"""Assessment pages for the office: a quarter's review or a year's assessment, every point
explained, and the ranking as a spreadsheet."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import select

from ecoplan.app.core import clock
from ecoplan.app.seals.head import ISSUER, CircularHead
from ecoplan.app.assessment.circular import build_circular
from ecoplan.app.assessment.gather import ledger_totals, period
from ecoplan.app.assessment.grants import add_grant, list_grants, remove_grant
from ecoplan.app.assessment.models import GRANT_LABELS, AssessmentGrant
from ecoplan.app.assessment.ranking import KIND_TITLES, ranking_sheets
from ecoplan.app.assessment.service import review, rules_for
from ecoplan.app.assessment.progress_inputs import inputs_of
from ecoplan.app.deps import SessionDep
from ecoplan.app.funding.summary import synthetic_tasks, task_money
from ecoplan.app.progress import todo
from ecoplan.app.core.actor import current_actor
from ecoplan.app.forms import describe
from ecoplan.app.ledger.fields import parse_deadline
from ecoplan.app.ledger.models import LedgerItem
from ecoplan.app.permissions import require
from ecoplan.app.plans import versions
from ecoplan.app.seals import choice as seal_choice
from ecoplan.app.templating import attachment, redirect, render
from ecoplan.assessment.explain import fmt
from ecoplan.errors import InputError
from ecoplan.reports.html import render_official_html
from ecoplan.reports.official_docx import write_official_docx
from ecoplan.reports.xlsx import write_workbook

router = APIRouter(prefix="/assessment")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


YEARS = (2000, 2100)
"""The years the period form offers (its ``min`` and ``max``)."""


def _default_year(session) -> int:
    latest = versions.latest_published(session)
    return latest.plan.year if latest else clock.today().year


def _asked_year(raw: str) -> int | None:
    """The ``year`` query parameter: None when absent or empty, an error when not a year."""
    raw = raw.strip()
    if not raw:
        return None
    if not (raw.isascii() and raw.isdigit() and YEARS[0] <= int(raw) <= YEARS[1]):
        raise InputError(f"年度应为 {YEARS[0]}—{YEARS[1]} 之间的年份，而不是“{raw}”", field="年度")
    return int(raw)


def _asked_quarter(raw: str) -> int | None:
    """The ``quarter`` query parameter: None (the whole year) when absent or empty."""
    raw = raw.strip()
    if not raw:
        return None
    if raw not in ("1", "2", "3", "4"):
        raise InputError(f"季度应为 1—4，不填为全年，而不是“{raw}”", field="期间")
    return int(raw)


def _when(request: Request, session, year: int | None = None):
    """The period asked for; without ``year`` the latest published plan's year, without
    ``quarter`` the whole year. A malformed one is an :class:`InputError` (422), never a default."""
    q = request.query_params
    quarter = _asked_quarter(q.get("quarter", ""))
    if year is None or not YEARS[0] <= year <= YEARS[1]:  # a form's year (grants) is checked there
        year = _asked_year(q.get("year", "")) or _default_year(session)
    return period(year, quarter)


def requested_review(request: Request, session, year: int | None = None):
    """The review of the period in the query (``year``, ``quarter``), as the page shows it;
    the print view uses it too, so both read the period the same way."""
    when = _when(request, session, year)
    rules = rules_for(request.app.state.settings.data_dir, when.year)
    return review(session, rules=rules, source=inputs_of(request.app, session), when=when)


def _page(request: Request, session, error: str | None = None, status: int = 200,
          year: int | None = None):
    result = requested_review(request, session, year)
    return render(request, "assessment/review.html",
                  {"r": result, "fmt": fmt, "kind_titles": KIND_TITLES, "query": request.url.query,
                   "grants": list_grants(session, result.period.year), "grant_labels": GRANT_LABELS,
                   "seal_offer": seal_choice.offer(session, [ISSUER]), "seal_choices": seal_choice.CHOICES,
                   "error": error}, status_code=status)


@router.get("")
def assessment_page(request: Request, session: SessionDep, _admin=Depends(require("assessment.view"))):
    try:
        _when(request, session)
    except InputError as err:
        return render(request, "assessment/bad_query.html",
                      {"error": describe(err), "default_year": _default_year(session),
                       "years": YEARS}, status_code=422)
    return _page(request, session)


@router.post("/grants")
def new_grant(request: Request, session: SessionDep, admin=Depends(require("assessment.manage")),
              year: Annotated[int, Form()] = 0, unit: Annotated[str, Form()] = "",
              rule: Annotated[str, Form()] = "", note: Annotated[str, Form()] = ""):
    kind, _, rule_id = rule.partition(":")
    try:
        rules = rules_for(request.app.state.settings.data_dir, year)
        add_grant(session, actor=current_actor(request), rules=rules, unit=unit, kind=kind, rule_id=rule_id,
                  note=note)
    except InputError as err:
        session.rollback()
        return _page(request, session, describe(err), 422, year=year)
    return redirect(f"/assessment?year={year}#grants", flash=f"已登记：{unit}")


@router.post("/grants/{grant_id}/delete")
def delete_grant(grant_id: int, request: Request, session: SessionDep,
                 admin=Depends(require("assessment.manage"))):
    grant = session.get(AssessmentGrant, grant_id)
    if grant is None:
        raise HTTPException(404, "没有找到该登记")
    year = grant.year
    remove_grant(session, actor=current_actor(request), grant=grant)
    return redirect(f"/assessment?year={year}#grants", flash="已删除该登记")


@router.get("/ranking.xlsx")
def ranking_xlsx(request: Request, session: SessionDep, _admin=Depends(require("assessment.view"))):
    sheets = ranking_sheets(requested_review(request, session))
    return attachment(write_workbook(sheets), "ranking.xlsx", XLSX)


def _circular(request: Request, session):
    """The circular for the review asked for, with the 发文字号 and 成文日期 from the query."""
    q = request.query_params
    if not q.get("doc_number", "").strip():
        raise InputError("请填写发文字号（如“常生态办〔2023〕5号”）", field="发文字号")
    date = parse_deadline(q["date"]) if q.get("date") else clock.today()
    result = requested_review(request, session)
    totals = ledger_totals(list(session.scalars(select(LedgerItem))), result.as_of or result.period.end)
    head = _head(q, session, request.app.state.settings.data_dir)
    version = todo.published(session)
    money = task_money(session, version) if version is not None else {}
    fake = synthetic_tasks(session, version) if version is not None else set()
    return build_circular(result, ledger=totals, doc_number=q["doc_number"], date=date, head=head,
                          money=money, money_synthetic=fake)


def _head(q, session, data_dir) -> CircularHead:
    """份号, 密级, 保密期限, 紧急程度, the issuing office(s) and the seal choice from the circular form."""
    text = {name: q.get(name, "").strip() for name in ("copy_number", "security", "secrecy_term", "urgency", "issuer")}
    issuer = text.pop("issuer") or ISSUER
    co_issuers = tuple(line.strip() for line in q.get("co_issuers", "").splitlines() if line.strip())
    suffix = "文件" if q.get("wenjian") else ""
    signing = seal_choice.signing(session, q.get("seal", ""), (issuer, *co_issuers), data_dir)
    return CircularHead(issuer=issuer, co_issuers=co_issuers, issuer_suffix=suffix, sealed=signing.sealed,
                        seals=signing.seals, **text)


@router.get("/circular.docx")
def circular_docx(request: Request, session: SessionDep, _admin=Depends(require("assessment.view"))):
    doc = _circular(request, session)
    return attachment(write_official_docx(doc), "circular.docx", DOCX)


@router.get("/circular")
def circular_html(request: Request, session: SessionDep, _admin=Depends(require("assessment.view"))):
    return HTMLResponse(render_official_html(_circular(request, session)))
