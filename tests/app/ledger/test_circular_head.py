"""The circular form's 版头 fields: 份号, 密级和保密期限, 紧急程度 and joint issuing offices."""

from __future__ import annotations

import io

import docx
import pytest

from test_assessment_review import FakeInputs

QUERY = {"year": 2023, "quarter": 3, "doc_number": "常生态办〔2023〕9号", "date": "2023-10-12"}


@pytest.fixture
def admin(app, login_as):
    app.state.assessment_inputs = FakeInputs()
    return login_as("admin")


def test_head_fields_reach_the_docx(admin):
    response = admin.get("/assessment/circular.docx", params={
        **QUERY, "copy_number": "000012", "security": "秘密", "secrecy_term": "6个月", "urgency": "加急",
        "issuer": "", "co_issuers": "常州市生态环境局\n\n常州市发展和改革委员会\n", "wenjian": "1"})
    assert response.status_code == 200
    document = docx.Document(io.BytesIO(response.content))
    texts = [p.text for p in document.paragraphs]
    assert texts[:3] == ["000012", "秘密★6个月", "加急"]
    # The default office leads the joint 版头 and signs first; the others sign after it.
    names = [p.text for p in document.tables[0].rows[0].cells[0].paragraphs]
    assert names == ["常州市生态文明建设工作领导小组办公室", "常州市生态环境局", "常州市发展和改革委员会"]
    assert document.tables[0].rows[0].cells[1].text == "文件"
    # Sealed joint signatures: names side by side in rows (tab-separated), one seal each (7.3.5.1).
    signed = [name for p in document.paragraphs if p.style.name == "公文署名" for name in p.text.split("\t") if name]
    assert signed == [*names, "2023年10月12日"]
    view = admin.get("/assessment/circular", params={**QUERY, "copy_number": "000012", "issuer": "常州市生态环境局"})
    assert view.status_code == 200 and "000012" in view.text and "常州市生态环境局" in view.text


@pytest.mark.parametrize("extra, words", [
    ({"copy_number": "12"}, "份号：份号应为6位阿拉伯数字"),
    ({"secrecy_term": "1年"}, "保密期限：有保密期限时须标注密级"),
    ({"security": "秘密", "secrecy_term": "一年"}, "保密期限：保密期限应如"),
    ({"security": "内部"}, "密级：密级只能是"),
    ({"urgency": "急"}, "紧急程度：紧急程度只能是"),
    ({"co_issuers": "很" * 41}, "联署发文机关"),
])
def test_bad_head_values_are_refused_in_chinese(admin, extra, words):
    response = admin.get("/assessment/circular.docx", params={**QUERY, **extra})
    assert response.status_code == 422 and words in response.text


def test_the_form_offers_the_head_fields(admin):
    page = admin.get("/assessment", params={"year": 2023, "quarter": 3}).text
    for name in ("copy_number", "security", "secrecy_term", "urgency", "issuer", "co_issuers", "wenjian"):
        assert f'name="{name}"' in page
