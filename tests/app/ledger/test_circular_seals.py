"""The circular form's seal choice (GB/T 9704-2012 7.3.5): 不加盖印章 (7.3.5.2), 加盖印章 with the
seal's place left for stamping by hand (7.3.5.1, no image), 加盖电子印章 (the office's uploaded
image; offered only when the issuing offices have one)."""

from __future__ import annotations

import io

import docx
import pytest
from bs4 import BeautifulSoup
from docx.oxml.ns import qn

from ecoplan.reports import official_layout as L

from seal_pngs import seal_png
from test_assessment_review import FakeInputs

OFFICE = "常州市生态文明建设工作领导小组办公室"
QUERY = {"year": 2023, "quarter": 3, "doc_number": "常生态办〔2023〕9号", "date": "2023-10-12"}


@pytest.fixture
def admin(app, login_as):
    app.state.assessment_inputs = FakeInputs()
    return login_as("admin")


def _upload(admin, issuer=OFFICE):
    response = admin.post("/admin/seals", data={"issuer": issuer, "size_mm": "42"},
                          files={"file": ("seal.png", seal_png(), "image/png")})
    assert response.status_code == 303


def _closing(content: bytes):
    """The blank lines above the first 署名, the 署名 paragraphs and the floating pictures."""
    document = docx.Document(io.BytesIO(content))
    paragraphs = document.paragraphs
    first = next(i for i, p in enumerate(paragraphs) if p.style.name == "公文署名")
    blanks = 0
    while not paragraphs[first - 1 - blanks].text:
        blanks += 1
    anchors = list(document.element.body.iter(qn("wp:anchor")))
    return blanks, [p for p in paragraphs if p.style.name == "公文署名"], anchors


def test_the_form_offers_three_choices_electronic_only_with_a_seal(admin):
    form = BeautifulSoup(admin.get("/assessment", params={"year": 2023}).text, "lxml").select_one("#circular-form")
    radios = {r["value"]: r for r in form.select("input[name=seal]")}
    assert list(radios) == ["none", "stamp", "image"] and radios["stamp"].has_attr("checked")
    assert radios["image"].has_attr("disabled")
    assert f"{OFFICE}尚未上传电子印章" in form.select_one("#seal-hint").get_text()
    _upload(admin)
    form = BeautifulSoup(admin.get("/assessment", params={"year": 2023}).text, "lxml").select_one("#circular-form")
    assert not form.select_one("input[name=seal][value=image]").has_attr("disabled")


def test_sealed_by_hand_leaves_the_seals_place(admin):
    blanks, signed, anchors = _closing(admin.get("/assessment/circular.docx", params={**QUERY, "seal": "stamp"}).content)
    # 7.3.5.1: two empty lines so a 42 mm seal misses the 正文; this 署名 is too long to centre
    # over a date 右空四字, so it ends flush right and the date is centred under it.
    assert blanks == 2 and anchors == []
    assert [p.text for p in signed] == [OFFICE, "2023年10月12日"]
    signature_right, date_right = L.signature_offsets(OFFICE, "2023年10月12日", sealed=True)
    assert signature_right == 0 and date_right > 2
    assert signed[0].paragraph_format.right_indent == L.chars(0)
    assert signed[1].paragraph_format.right_indent == L.chars(date_right)


def test_not_sealed_moves_the_signature_right(admin):
    blanks, signed, anchors = _closing(admin.get("/assessment/circular.docx", params={**QUERY, "seal": "none"}).content)
    # 7.3.5.2: one empty line, 署名 右空二字, the date's first character two 字 right of the 署名's.
    assert blanks == 1 and anchors == []
    assert signed[0].paragraph_format.right_indent == L.chars(2)


def test_electronic_seal_refused_without_an_image_then_printed(admin):
    refused = admin.get("/assessment/circular.docx", params={**QUERY, "seal": "image"})
    assert refused.status_code == 422 and f"印章：{OFFICE}尚未上传电子印章" in refused.text
    _upload(admin)
    blanks, signed, anchors = _closing(admin.get("/assessment/circular.docx", params={**QUERY, "seal": "image"}).content)
    assert len(anchors) == 1 and signed[0].text == OFFICE
    joint = admin.get("/assessment/circular.docx", params={**QUERY, "seal": "image", "co_issuers": "常州市生态环境局"})
    assert joint.status_code == 422 and "常州市生态环境局尚未上传电子印章" in joint.text
    _upload(admin, "常州市生态环境局")
    _, _, anchors = _closing(admin.get("/assessment/circular.docx", params={
        **QUERY, "seal": "image", "co_issuers": "常州市生态环境局"}).content)
    assert len(anchors) == 2  # one seal per issuing office (7.3.5.1)
    view = admin.get("/assessment/circular", params={**QUERY, "seal": "image"})
    assert view.status_code == 200 and view.text.count('alt="印章"') == 1


def test_an_unknown_choice_is_refused(admin):
    response = admin.get("/assessment/circular.docx", params={**QUERY, "seal": "maybe"})
    assert response.status_code == 422 and "印章：只能选择" in response.text


def test_the_air_circular_is_linked_from_the_assessment_page(admin):
    page = BeautifulSoup(admin.get("/assessment", params={"year": 2023}).text, "lxml")
    assert page.select_one("a#air-circular")["href"] == "/documents/air-monthly"


def test_the_air_circular_link_follows_the_policy(admin, monkeypatch):
    from ecoplan.app import permissions

    monkeypatch.setitem(permissions.POLICY, "documents.air", frozenset())  # as if no role could
    page = BeautifulSoup(admin.get("/assessment", params={"year": 2023}).text, "lxml")
    assert page.select_one("a#air-circular") is None
