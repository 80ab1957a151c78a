"""The monthly air-quality circular from the web app: the form, its three outputs opened back
(the same document as ``ecoplan report air-monthly``), Chinese errors on the page, who may."""

from __future__ import annotations

import io

import docx
import pytest
from bs4 import BeautifulSoup
from openpyxl import load_workbook

from ecoplan.app.permissions import POLICY
from ecoplan.cli import main
from ecoplan.reports.air_circular import SYNTHETIC_LABEL

JUNE = {"month": "2023-06", "doc_number": "常环通〔2023〕18号", "date": "2023-07-10"}


def _text(content: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)


@pytest.fixture
def office(login_as, published, with_monitoring):
    return login_as("admin")


def test_form_defaults_to_the_last_month_with_data(office):
    page = BeautifulSoup(office.get("/documents/air-monthly").text, "lxml")
    form = page.select_one("#air-form")
    assert form.select_one("[name=month]")["value"] == "2023-06"  # the demo store ends on 2023-06-30
    assert form.select_one("[name=issuer]")["value"] == "常州市生态环境局"  # as the CLI
    assert form.select_one("[name=doc_number]")["value"] == ""
    assert SYNTHETIC_LABEL in page.select_one(".synthetic").get_text()
    assert [b.get("formaction") for b in form.select("button")] == [
        None, "/documents/air-monthly.xlsx", "/documents/air-monthly/print"]


def test_docx_is_the_documents_the_cli_writes(office, settings, tmp_path, capsys):
    response = office.get("/documents/air-monthly.docx", params=JUNE)
    assert response.status_code == 200
    assert response.headers["content-type"].endswith("wordprocessingml.document")
    assert "filename*=UTF-8''%E5%B8%B8%E5%B7%9E%E5%B8%822023%E5%B9%B46%E6%9C%88" in response.headers["content-disposition"]
    text = _text(response.content)
    assert "常州市2023年6月环境空气质量状况通报" in text and "常环通〔2023〕18号" in text
    assert "2023年7月10日" in text and f"{SYNTHETIC_LABEL}（全市、辖市区、镇（街道）的监测值为程序生成）" in text
    out = tmp_path / "cli.docx"
    with pytest.raises(SystemExit) as exit_:
        main(["report", "air-monthly", "--period", "2023-06", "--data-dir", str(settings.data_dir),
              "--doc-number", JUNE["doc_number"], "--date", JUNE["date"], "--out", str(out)])
    assert exit_.value.code == 0 and "（合成演示数据）" in capsys.readouterr().out
    assert _text(out.read_bytes()) == text


def test_blank_doc_number_is_numbered_as_the_cli_does(office):
    response = office.get("/documents/air-monthly.docx", params={**JUNE, "doc_number": ""})
    assert response.status_code == 200 and "常环通〔2023〕6号" in _text(response.content)


def test_xlsx_opened_back(office):
    response = office.get("/documents/air-monthly.xlsx", params=JUNE)
    assert response.status_code == 200 and 'filename="air-2023-06.xlsx"' in response.headers["content-disposition"]
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["全市", "辖市区6月", "辖市区1—6月", "镇街道最低10个", "镇街道最高10个", "说明"]
    assert [c.value for c in book["辖市区6月"][1]][:2] == ["排名", "辖市、区"]
    assert book["辖市区6月"].max_row == 8  # seven districts under the header
    notes = [row[0].value for row in book["说明"].iter_rows(min_row=2)]
    assert notes[0] == "常州市2023年6月环境空气质量状况通报" and any(SYNTHETIC_LABEL in n for n in notes)


def test_print_view_is_the_document(office):
    response = office.get("/documents/air-monthly/print", params=JUNE)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    soup = BeautifulSoup(response.text, "lxml")
    assert soup.select_one(".doc-number").get_text() == "常环通〔2023〕18号"
    assert SYNTHETIC_LABEL in soup.get_text() and soup.select("td.mark-yellow, td.mark-red")


@pytest.mark.parametrize(("params", "message"), [
    ({"doc_number": "常环通2023年18号"}, "发文字号：“常环通2023年18号”不是“机关代字〔年份〕序号号”的形式"),
    ({"month": "2024-06"}, "月份：常州市2024年6月没有空气质量监测数据"),
    ({"month": "2023-13"}, "月份：无法识别的时段"),
    ({"month": "2023"}, "月份：月度通报的时段应为某年某月"),
    ({"month": " "}, "月份：请选择月份"),
    ({"date": "2023-07-32"}, "成文日期：应为 YYYY-MM-DD，得到“2023-07-32”"),
    ({"issuer": ""}, "发文机关标志：不能为空"),
])
def test_bad_input_is_a_message_on_the_form(office, params, message):
    response = office.get("/documents/air-monthly.docx", params={**JUNE, **params})
    assert response.status_code == 422
    page = BeautifulSoup(response.text, "lxml")
    assert message in page.select_one(".flash-error").get_text()
    assert page.select_one("#air-form") is not None and "Traceback" not in response.text
    assert page.select_one("[name=month]")["value"] == {**JUNE, **params}["month"]


def test_print_view_refuses_as_the_download_does(office):
    response = office.get("/documents/air-monthly/print", params={**JUNE, "doc_number": "18号"})
    assert response.status_code == 422 and "发文字号：“18号”不是" in response.text


def test_xlsx_reads_only_the_month(office):
    assert office.get("/documents/air-monthly.xlsx", params={**JUNE, "doc_number": "x"}).status_code == 200
    response = office.get("/documents/air-monthly.xlsx", params={"month": "2021-01"})
    assert response.status_code == 422 and "没有空气质量监测数据" in response.text


def test_without_monitoring_data(login_as, published):
    client = login_as("admin")
    page = BeautifulSoup(client.get("/documents/air-monthly").text, "lxml")
    assert page.select_one("[name=month]")["value"] == "" and page.select_one(".synthetic") is None
    response = client.get("/documents/air-monthly.docx", params=JUNE)
    assert response.status_code == 422 and "尚未导入站点名录" in response.text


def test_who_may_generate(login_as, published, with_monitoring):
    assert POLICY["documents.air"] == {"admin"}
    assert login_as("admin").get("/documents/air-monthly.xlsx", params=JUNE).status_code == 200
    for role in ("leader", "reporter", "district", "viewer"):
        response = login_as(role).get("/documents/air-monthly.docx", params=JUNE)
        assert response.status_code == 403 and response.headers["X-Ecoplan-Refused"] == "route"
    assert login_as(None).get("/documents/air-monthly").headers["location"].startswith("/login")


def test_linked_from_the_monitoring_page_for_those_who_may(login_as, published, with_monitoring):
    link = BeautifulSoup(login_as("admin").get("/status/monitoring?period=2023-05").text, "lxml").select_one("#air-circular")
    assert link["href"] == "/documents/air-monthly?month=2023-05"
    viewer = BeautifulSoup(login_as("viewer").get("/status/monitoring").text, "lxml")
    assert viewer.select_one("#air-circular") is None
