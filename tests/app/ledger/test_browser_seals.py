"""The office uploads its seal image, then generates the quarterly circular with 加盖电子印章
(GB/T 9704-2012 7.3.5.1) in Debian's chromium; the Word file carries that very image."""

from __future__ import annotations

import io

import pytest
from docx import Document
from docx.oxml.ns import qn

from ecoplan.demo.build import ACCOUNTS

from seal_pngs import seal_png

pytestmark = pytest.mark.browser
ADMIN = next(a for a in ACCOUNTS if a.role == "admin")
OFFICE = "常州市生态文明建设工作领导小组办公室"


def test_electronic_seal_on_the_quarterly_circular(page, live_server, web_login, screenshot):
    web_login(page, live_server, "admin", ADMIN.password)
    page.goto(f"{live_server}/assessment?year=2023&quarter=2")
    assert page.is_disabled("#circular-form input[name=seal][value=image]")
    assert "尚未上传电子印章" in page.inner_text("#seal-hint")

    png = seal_png(360)
    page.goto(f"{live_server}/admin/seals")
    page.fill("#seal-form input[name=issuer]", OFFICE)
    page.set_input_files("#seal-form input[name=file]", files=[{"name": "印章.png", "mimeType": "image/png", "buffer": png}])
    page.click("#seal-form button[type=submit]")
    assert OFFICE in page.inner_text("#seals")
    screenshot(page, "admin-seals")

    page.goto(f"{live_server}/assessment?year=2023&quarter=2")
    page.fill("#circular-form input[name=doc_number]", "常生态办〔2023〕5号")
    page.fill("#circular-form input[name=date]", "2023-07-10")
    page.check("#circular-form input[name=seal][value=image]")
    screenshot(page, "assessment-seal-choice")
    with page.expect_download() as info:
        page.click("#circular-form button.primary")
    document = Document(io.BytesIO(open(info.value.path(), "rb").read()))
    anchors = list(document.element.body.iter(qn("wp:anchor")))
    assert len(anchors) == 1
    blip = anchors[0].find(".//" + qn("a:blip"))
    assert document.part.related_parts[blip.get(qn("r:embed"))].blob == png
    signature = next(p for p in document.paragraphs if p.style.name == "公文署名")
    assert signature.text == OFFICE
