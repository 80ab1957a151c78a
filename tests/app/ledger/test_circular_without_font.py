"""The quarterly circular on a machine without a Chinese font (issue 11 item 9): the document,
its chart without Chinese labels and a note under it, never a 500."""

from __future__ import annotations

import io

import docx

from ecoplan.reports.charts import NO_FONT_NOTE
from test_assessment_review import FakeInputs, ledger  # noqa: F401 (the fixture)

QUARTER = {"year": 2023, "quarter": 3, "doc_number": "常生态办〔2023〕9号", "date": "2023-10-12"}


def test_quarterly_circular_without_font(no_cjk_font, app, login_as, ledger):
    app.state.assessment_inputs = FakeInputs()
    admin = login_as("admin")
    response = admin.get("/assessment/circular.docx", params=QUARTER)
    assert response.status_code == 200
    assert NO_FONT_NOTE in "\n".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)
    view = admin.get("/assessment/circular", params=QUARTER)
    assert view.status_code == 200 and NO_FONT_NOTE in view.text
