"""How items are shown: the JSON shape, the labels pages use, the document download."""

from __future__ import annotations


from fastapi import Request
from fastapi.responses import Response

from ecoplan.app.core import clock
from ecoplan.app.seals.head import ISSUER, CircularHead
from ecoplan.app.ledger.fields import parse_deadline
from ecoplan.app.seals import choice as seal_choice
from ecoplan.app.supervision.documents import build_notice
from ecoplan.app.supervision.models import (BASIS_LABELS, DOCUMENT_LABELS, KIND_LABELS,
                                            SupervisionItem)
from ecoplan.app.supervision.workflow import ACTION_LABELS, STATE_LABELS, is_overdue
from ecoplan.app.templating import attachment
from ecoplan.reports.official_docx import write_official_docx

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
LABELS = {"kinds": KIND_LABELS, "states": STATE_LABELS, "actions": ACTION_LABELS,
          "bases": BASIS_LABELS, "documents": DOCUMENT_LABELS}


def item_out(item: SupervisionItem) -> dict:
    return {"id": item.id, "kind": item.kind, "kind_label": KIND_LABELS[item.kind],
            "unit": item.unit.name if item.unit else None, "title": item.title,
            "content": item.content, "basis": {"kind": item.basis, "ref": item.basis_ref},
            "link": item.link, "due": item.due.isoformat() if item.due else None,
            "state": item.state, "state_label": STATE_LABELS[item.state],
            "response": item.response, "return_comment": item.return_comment,
            "extension": ({"due": item.extension_due.isoformat(), "reason": item.extension_reason}
                          if item.extension_due else None),
            "reminders": item.reminders, "doc_number": item.doc_number,
            "issued_at": item.issued_at.isoformat(), "proposal": item.proposal_key}


def overdue_ids(session, items: list[SupervisionItem]) -> frozenset[int]:
    """Items still owed after their due date, judged on the office's evaluation day."""
    from ecoplan.app.supervision.service import facts

    day = clock.evaluation_day(session)
    return frozenset(i.id for i in items if is_overdue(facts(i), day))


def head_from(query, session, data_dir) -> CircularHead:
    """The circular form's choices (issuing offices, 份号, 密级, 紧急程度, seal) from the query."""
    text = {name: query.get(name, "").strip()
            for name in ("copy_number", "security", "secrecy_term", "urgency", "issuer")}
    issuer = text.pop("issuer") or ISSUER
    co_issuers = tuple(line.strip() for line in query.get("co_issuers", "").splitlines() if line.strip())
    signing = seal_choice.signing(session, query.get("seal", ""), (issuer, *co_issuers), data_dir)
    return CircularHead(issuer=issuer, co_issuers=co_issuers,
                        issuer_suffix="文件" if query.get("wenjian") else "",
                        sealed=signing.sealed, seals=signing.seals, **text)


def notice_docx(request: Request, session, item: SupervisionItem) -> Response:
    q = request.query_params
    head = head_from(q, session, request.app.state.settings.data_dir)
    date = parse_deadline(q["date"]) if q.get("date") else None
    doc = build_notice(session, item, head=head, doc_number=q.get("doc_number", ""), date=date)
    return attachment(write_official_docx(doc), f"{DOCUMENT_LABELS[item.kind]}-{item.id}.docx", DOCX)
