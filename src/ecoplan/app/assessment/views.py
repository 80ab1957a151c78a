"""Assessment pages for the office: a quarter's review or a year's assessment, every point
explained, and the ranking as a spreadsheet."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select

from ecoplan.app.assessment.circular import build_circular
from ecoplan.app.assessment.gather import ledger_totals, period
from ecoplan.app.assessment.service import review, rules_for
from ecoplan.app.assessment.sources import inputs_of
from ecoplan.app.deps import SessionDep
from ecoplan.app.ledger.fields import parse_deadline
from ecoplan.app.ledger.models import LedgerItem
from ecoplan.app.permissions import require
from ecoplan.app.templating import render
from ecoplan.assessment.explain import fmt
from ecoplan.errors import InputError
from ecoplan.reports.html import render_official_html
from ecoplan.reports.official_docx import write_official_docx
from ecoplan.reports.xlsx import Sheet, write_workbook

router = APIRouter(prefix="/assessment")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
KIND_TITLES = {"district": "辖市区", "department": "牵头部门"}


def _when(request: Request):
    q = request.query_params
    year = int(q["year"]) if q.get("year", "").isdigit() else dt.date.today().year
    quarter = int(q["quarter"]) if q.get("quarter") in ("1", "2", "3", "4") else None
    return period(year, quarter)


def _review(request: Request, session):
    when = _when(request)
    rules = rules_for(request.app.state.settings.data_dir, when.year)
    return review(session, rules=rules, source=inputs_of(request.app), when=when)


@router.get("")
def assessment_page(request: Request, session: SessionDep, _admin=Depends(require("assessment.view"))):
    result = _review(request, session)
    return render(request, "assessment/review.html",
                  {"r": result, "fmt": fmt, "kind_titles": KIND_TITLES,
                   "query": request.url.query})


@router.get("/ranking.xlsx")
def ranking_xlsx(request: Request, session: SessionDep, _admin=Depends(require("assessment.view"))):
    result = _review(request, session)
    sheets = [Sheet(title=f"{KIND_TITLES[kind]}排名",
                    columns=("排名", "单位", "得分", "加分", "总分", "等次", "说明"),
                    rows=[(s.rank, s.unit, float(s.scaled), float(s.bonus), float(s.total), s.grade,
                           "；".join(f"{l.item}：{l.number}（{fmt(l.points)}分）" for l in s.lines))
                          for s in scores], wrap={6})
              for kind, scores in result.scores.items()]
    return Response(write_workbook(sheets), media_type=XLSX, headers={
        "Content-Disposition": "attachment; filename*=UTF-8''ranking.xlsx"})


def _circular(request: Request, session):
    """The circular for the review asked for, with the 发文字号 and 成文日期 from the query."""
    q = request.query_params
    if not q.get("doc_number", "").strip():
        raise InputError("请填写发文字号（如“常生态办〔2023〕5号”）", field="发文字号")
    date = parse_deadline(q["date"]) if q.get("date") else dt.date.today()
    result = _review(request, session)
    totals = ledger_totals(list(session.scalars(select(LedgerItem))), result.period.end)
    return build_circular(result, ledger=totals, doc_number=q["doc_number"], date=date)


@router.get("/circular.docx")
def circular_docx(request: Request, session: SessionDep, _admin=Depends(require("assessment.view"))):
    doc = _circular(request, session)
    return Response(write_official_docx(doc), media_type=DOCX, headers={
        "Content-Disposition": "attachment; filename*=UTF-8''circular.docx"})


@router.get("/circular")
def circular_html(request: Request, session: SessionDep, _admin=Depends(require("assessment.view"))):
    return HTMLResponse(render_official_html(_circular(request, session)))
