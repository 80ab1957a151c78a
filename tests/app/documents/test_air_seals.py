"""The air circular form's seal choice: the same three choices as the assessment circular."""

from __future__ import annotations

import io

import docx
import pytest
from bs4 import BeautifulSoup
from docx.oxml.ns import qn

from seal_pngs import seal_png

JUNE = {"month": "2023-06", "doc_number": "常环通〔2023〕18号", "date": "2023-07-10"}
BUREAU = "常州市生态环境局"


@pytest.fixture
def office(login_as, published, with_monitoring):
    return login_as("admin")


def _anchors(content: bytes) -> int:
    return len(list(docx.Document(io.BytesIO(content)).element.body.iter(qn("wp:anchor"))))


def test_electronic_seal_on_the_air_circular(office):
    form = BeautifulSoup(office.get("/documents/air-monthly").text, "lxml").select_one("#air-form")
    assert form.select_one("input[name=seal][value=image]").has_attr("disabled")
    refused = office.get("/documents/air-monthly.docx", params={**JUNE, "seal": "image"})
    assert refused.status_code == 422 and f"印章：{BUREAU}尚未上传电子印章" in refused.text
    assert BeautifulSoup(refused.text, "lxml").select_one("input[name=seal][value=image]").has_attr("checked")
    office.post("/admin/seals", data={"issuer": BUREAU, "size_mm": "40"},
                files={"file": ("seal.png", seal_png(), "image/png")})
    form = BeautifulSoup(office.get("/documents/air-monthly").text, "lxml").select_one("#air-form")
    assert not form.select_one("input[name=seal][value=image]").has_attr("disabled")
    assert _anchors(office.get("/documents/air-monthly.docx", params={**JUNE, "seal": "image"}).content) == 1
    assert _anchors(office.get("/documents/air-monthly.docx", params={**JUNE, "seal": "stamp"}).content) == 0
    unsealed = docx.Document(io.BytesIO(office.get("/documents/air-monthly.docx", params={**JUNE, "seal": "none"}).content))
    signature = next(p for p in unsealed.paragraphs if p.style.name == "公文署名")
    assert signature.text == BUREAU and signature.paragraph_format.right_indent is not None
    printed = office.get("/documents/air-monthly/print", params={**JUNE, "seal": "image"})
    assert printed.status_code == 200 and 'alt="印章"' in printed.text
