"""Document pages (/documents): the monthly air-quality circular's form and its three outputs,
and the print views of the ranking, ledger and status tables (each under its export's action)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from ecoplan.app.core import clock
from ecoplan.app.assessment import views as assessment_views
from ecoplan.app.deps import SessionDep
from ecoplan.app.documents import air, printing
from ecoplan.app.forms import describe
from ecoplan.app.ledger import service as ledger_service
from ecoplan.app.ledger import views as ledger_views
from ecoplan.app.permissions import require
from ecoplan.app.seals import choice as seal_choice
from ecoplan.app.status import environment
from ecoplan.app.status import export as status_export
from ecoplan.app.status.views import overview_or_404, store_of
from ecoplan.app.templating import render
from ecoplan.errors import InputError
from ecoplan.reports import air_circular

router = APIRouter(prefix="/documents")


def _air_form(request: Request, store) -> air.AirForm:
    q = request.query_params
    return air.AirForm(month=q.get("month") or air.last_month_with_data(store) or "",
                       doc_number=q.get("doc_number", ""), date=q.get("date", ""),
                       issuer=q.get("issuer", air.DEFAULT_ISSUER), seal=q.get("seal", seal_choice.DEFAULT))


def _air_page(request: Request, session, form: air.AirForm, store, *, error: str | None = None,
              status: int = 200):
    """The form; a note when the month's figures are synthetic (the documents will say so too)."""
    month = form.month.strip()
    ranks = environment.rankings(store, city=air.city_of(session), period=month) if month else {}
    return render(request, "documents/air.html",
                  {"form": form, "error": error, "synthetic": ranks.get("synthetic", False),
                   "label": air_circular.SYNTHETIC_LABEL, "seal_offer": seal_choice.offer(session, [form.issuer]),
                   "seal_choices": seal_choice.CHOICES, "seal_chosen": form.seal}, status_code=status)


@router.get("/air-monthly")
def air_page(request: Request, session: SessionDep, _user=Depends(require("documents.air"))):
    store = store_of(request)
    return _air_page(request, session, _air_form(request, store), store)


def _air_output(request: Request, session, make):
    """``make(store, form, city, signing)`` as a download or a page, or the form again with the
    error (422)."""
    store = store_of(request)
    form = _air_form(request, store)
    try:
        signing = seal_choice.signing(session, form.seal, [form.issuer], request.app.state.settings.data_dir)
        made = make(store, form, air.city_of(session), signing)
    except InputError as err:
        return _air_page(request, session, form, store, error=describe(err), status=422)
    if isinstance(made, air.Download):
        return Response(made.data, media_type=made.media_type, headers=made.headers())
    return HTMLResponse(made)


@router.get("/air-monthly.docx")
def air_docx(request: Request, session: SessionDep, _user=Depends(require("documents.air"))):
    return _air_output(request, session, air.docx_file)


@router.get("/air-monthly.xlsx")
def air_xlsx(request: Request, session: SessionDep, _user=Depends(require("documents.air"))):
    return _air_output(request, session, air.xlsx_file)


@router.get("/air-monthly/print")
def air_print(request: Request, session: SessionDep, _user=Depends(require("documents.air"))):
    return _air_output(request, session, air.print_view)


@router.get("/print/ranking")
def ranking_print(request: Request, session: SessionDep, _user=Depends(require("assessment.view"))):
    """The ranking export's rows; ``year`` and ``quarter`` read as the assessment page reads them."""
    return HTMLResponse(printing.ranking_page(assessment_views.requested_review(request, session)))


@router.get("/print/ledger")
def ledger_print(request: Request, session: SessionDep, _user=Depends(require("ledger.view"))):
    """The ledger export's rows with the list's filters (the same query string)."""
    flt = ledger_views.filter_of(request)
    day = clock.evaluation_day(session)  # as the export counts overdue items
    items = ledger_service.list_items(session, flt=flt, today=day)
    return HTMLResponse(printing.ledger_page(items, flt=flt, today=day, links=ledger_views.link_keys(session)))


@router.get("/print/status")
def status_print(request: Request, session: SessionDep, user=Depends(require("status.view"))):
    data = overview_or_404(request, session)
    parts = status_export.parts_for(getattr(request.app.state, "export_parts", {}), user)
    return HTMLResponse(printing.status_page(data, status_export.additions(session, parts, data, user)))
