"""A machine without a Chinese font still gets its documents (issue 11 item 9): the monthly air
circular as .docx and print view (the quarterly circular: tests/app/ledger), the chart without Chinese labels
and a note under it, never a 500."""

from __future__ import annotations

import io

import docx
import pytest

from ecoplan.reports.charts import NO_FONT_NOTE

JUNE = {"month": "2023-06", "doc_number": "常环通〔2023〕18号", "date": "2023-07-10"}


def _docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    return "\n".join(p.text for p in document.paragraphs)


@pytest.mark.parametrize("have_font", [True, False], ids=["font", "no-font"])
def test_air_circular_with_and_without_font(request, login_as, published, with_monitoring, have_font):
    if not have_font:
        request.getfixturevalue("no_cjk_font")
    office = login_as("admin")
    response = office.get("/documents/air-monthly.docx", params=JUNE)
    assert response.status_code == 200
    assert (NO_FONT_NOTE in _docx_text(response.content)) is not have_font
    view = office.get("/documents/air-monthly/print", params=JUNE)
    assert view.status_code == 200 and (NO_FONT_NOTE in view.text) is not have_font
