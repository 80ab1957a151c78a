"""The audit log, browsed and filtered by the admin."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Request

from ecoplan.app.audit import labels
from ecoplan.app.audit.models import AuditEntry
from ecoplan.app.audit.service import (AuditFilter, daily_counts, distinct_values,
                                       field_changes, search)
from ecoplan.app.deps import SessionDep
from ecoplan.app.params import EARLIEST, LATEST
from ecoplan.app.permissions import require
from ecoplan.app.templating import render
from ecoplan.errors import InputError

router = APIRouter(prefix="/admin/audit", dependencies=[Depends(require("admin.audit"))])
PAGE_SIZE = 50


def _date(value: str, field: str) -> date | None:
    if not value:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise InputError(f"日期格式应为 YYYY-MM-DD：{value}", field=field) from None
    if not EARLIEST <= day <= LATEST:
        raise InputError(f"日期应在 {EARLIEST} 到 {LATEST} 之间：{value}", field=field)
    return day


def audit_filter(actor: str = "", action: str = "", object_type: str = "", object_id: str = "",
                 since: str = "", until: str = "", group: str = "") -> AuditFilter:
    """The filter from query parameters (shared by the page and the API)."""
    return AuditFilter(group=group or None, actor=actor or None, action=action or None,
                       object_type=object_type or None, object_id=object_id or None,
                       since=_date(since, "起始日期"), until=_date(until, "截止日期"))


def page_url(params: list[tuple[str, str]], number: int) -> str:
    """``?filters&page=N``: the current filters kept (empty ones dropped), ``page`` replaced."""
    kept = [(key, value) for key, value in params if key != "page" and value]
    return "?" + urlencode([*kept, ("page", str(number))])


@router.get("")
def audit_page(request: Request, session: SessionDep, page: int = 1,
               flt: AuditFilter = Depends(audit_filter)):
    page = max(page, 1)
    entries, total = search(session, flt, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    context = {
        "entries": entries, "total": total, "page": page, "flt": flt, "groups": labels.GROUPS,
        "pages": max(1, -(-total // PAGE_SIZE)),
        "actors": distinct_values(session, AuditEntry.actor),
        "actions": distinct_values(session, AuditEntry.action),
        "object_types": distinct_values(session, AuditEntry.object_type),
        "page_url": lambda number: page_url(request.query_params.multi_items(), number),
        "daily": daily_counts(session, flt),
        **request.app.state.audit_labels.template_helpers(),
    }
    return render(request, "admin/audit.html", context)


@router.get("/{entry_id}")
def audit_entry_page(request: Request, session: SessionDep, entry_id: int):
    entry = session.get(AuditEntry, entry_id)
    if entry is None:
        raise HTTPException(404)
    changes = field_changes(entry.before, entry.after)
    return render(request, "admin/audit_entry.html", {"entry": entry, "changes": changes,
                                                          "event": labels.is_event(entry.action),
                                                          **request.app.state.audit_labels.template_helpers()})
