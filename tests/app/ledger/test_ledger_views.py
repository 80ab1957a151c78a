"""Ledger pages: list and filters, the workflow through forms, refusals, import and export."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from ledger_sheets import xlsx


def test_list_filters_and_overdue(login_as, items):
    viewer = login_as("viewer")
    page = viewer.get("/ledger")
    assert page.status_code == 200 and "ZY-1" in page.text and "SJ-3" in page.text
    assert "逾期 2 项" in page.text
    only = viewer.get("/ledger", params={"district": "新北区"})
    assert "ZY-2" in only.text and "ZY-1" not in only.text
    overdue = viewer.get("/ledger", params={"overdue": "1"})
    assert "SJ-3" not in overdue.text and "ZY-1" in overdue.text
    assert "新建事项" not in page.text  # viewers do not manage


def test_close_through_the_forms(login_as, items):
    district, admin = login_as("district"), login_as("admin")
    url = f"/ledger/{items['ZY-1']}"
    assert "开始整改" in district.get(url).text
    assert district.post(f"{url}/act", data={"action": "start", "version": "1"}).status_code == 303
    refused = district.post(f"{url}/act", data={"action": "request", "version": "2"})
    assert refused.status_code == 422 and "佐证材料：申请销号必须提交整改佐证材料" in refused.text
    assert "field " not in refused.text  # the field is named in Chinese, not "field 佐证材料"
    done = district.post(f"{url}/act", data={"action": "request", "version": "2",
                                             "evidence": "验收报告 武环〔2023〕12号"})
    assert done.status_code == 303
    page = admin.get(url)
    assert "同意销号" in page.text and "退回" in page.text and "验收报告" in page.text
    no_reason = admin.post(f"{url}/act", data={"action": "return", "version": "3"})
    assert no_reason.status_code == 422 and "退回必须说明理由" in no_reason.text
    assert admin.post(f"{url}/act", data={"action": "approve", "version": "3"}).status_code == 303
    closed = admin.get(url).text
    assert "已销号" in closed and "回头看：重新整改" in closed
    stale = admin.post(f"{url}/act", data={"action": "confirm", "version": "3"})
    assert stale.status_code == 409


def test_another_districts_item_is_refused(login_as, items):
    district = login_as("district")
    response = district.post(f"/ledger/{items['ZY-2']}/act", data={"action": "start", "version": "1"})
    assert response.status_code == 403
    assert response.headers["X-Ecoplan-Refused"] == "object"
    assert "该事项属于新北区，武进区不能处理其他辖市区的整改事项" in response.text
    assert "开始整改" not in district.get(f"/ledger/{items['ZY-2']}").text
    approve = district.post(f"/ledger/{items['ZY-1']}/act", data={"action": "approve", "version": "1"})
    assert approve.status_code == 422 and "不能同意销号" in approve.text


def test_import_lists_the_first_50_errors_and_counts_the_rest(login_as, people):
    rows = [(n, f"B-{n}", "火星", "", "", "", "没有的局", "", "2023-10-31", "永久")
            for n in range(20)]
    page = login_as("admin").post("/ledger/import", files={"file": ("台账.xlsx", xlsx(rows))})
    assert page.status_code == 422 and "共 80 处错误" in page.text  # 4 per row
    table = page.text.split('id="import-errors"')[1].split("</table>")[0]
    assert table.count("<tr>") == 1 + 50
    assert "<td>3</td><td>问题来源</td>" in table and "<td>3</td><td>问题描述</td>" in table
    assert "另有 30 处错误未列出" in page.text


def test_create_import_export(login_as, items):
    admin = login_as("admin")
    bad = admin.post("/ledger", data={"code": "N-1", "source": "city", "description": "",
                                      "units": "市生态环境局", "deadline": "2023-09-30"})
    assert bad.status_code == 422 and "问题描述：不能为空" in bad.text and "field " not in bad.text
    good = admin.post("/ledger", data={"code": "N-1", "source": "city", "description": "堆场扬尘",
                                       "district": "武进区", "units": "市生态环境局",
                                       "deadline": "2023-09-30", "stage": "short"})
    assert good.status_code == 303
    rows = [(1, "N-2", "专项督查", "", "问题甲", "", "市生态环境局", "", "2023-10-31", ""),
            (2, "N-3", "专项督查", "", "问题乙", "", "没有的局", "", "2023-10-31", "")]
    failed = admin.post("/ledger/import", files={"file": ("台账.xlsx", xlsx(rows))})
    assert failed.status_code == 422 and "没有的局" in failed.text and "N-2" not in admin.get("/ledger").text
    ok = admin.post("/ledger/import", files={"file": ("台账.xlsx", xlsx(rows[:1]))})
    assert ok.status_code == 303 and "N-2" in admin.get("/ledger").text
    export = admin.get("/ledger/export.xlsx", params={"district": "武进区"})
    sheet = load_workbook(io.BytesIO(export.content)).active
    assert [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)] == ["ZY-1", "N-1"]


PDF = b"%PDF-1.4\n% evidence\n"


def test_evidence_files_are_checked_stored_and_served(login_as, items, settings):
    district, viewer = login_as("district"), login_as("viewer")
    url = f"/ledger/{items['ZY-1']}"
    district.post(f"{url}/act", data={"action": "start", "version": "1"})
    fake = district.post(f"{url}/act", data={"action": "request", "version": "2", "evidence": "报告"},
                         files=[("files", ("验收报告.pdf", b"MZ not a pdf"))])
    assert fake.status_code == 422 and "文件内容与扩展名“.pdf”不符" in fake.text
    exe = district.post(f"{url}/act", data={"action": "request", "version": "2", "evidence": "报告"},
                        files=[("files", ("run.exe", b"MZ"))])
    assert exe.status_code == 422 and "不支持的文件类型" in exe.text
    assert not (settings.data_dir / "ledger").exists()  # nothing kept from refused moves
    ok = district.post(f"{url}/act", data={"action": "request", "version": "2", "evidence": "报告"},
                       files=[("files", ("验收报告.pdf", PDF)), ("files", ("照片.png", b"\x89PNG\r\n\x1a\nx"))])
    assert ok.status_code == 303
    page = viewer.get(url).text
    assert "验收报告.pdf" in page and "照片.png" in page
    link = page.split('class="evidence-file"')[0].rsplit('href="', 1)[1].split('"')[0]
    download = viewer.get(link)
    assert download.status_code == 200 and download.content == PDF
    assert "attachment" in download.headers["content-disposition"]
    assert viewer.get(link.rsplit("/", 1)[0] + "/9").status_code == 404


def test_follow_up_check_keeps_its_note(login_as, items):
    admin = login_as("admin")
    url = f"/ledger/{items['SJ-3']}"
    admin.post(f"{url}/act", data={"action": "start", "version": "1"})
    admin.post(f"{url}/act", data={"action": "request", "version": "2", "evidence": "整改报告"})
    admin.post(f"{url}/act", data={"action": "approve", "version": "3"})
    assert "回头看情况（可选）" in admin.get(url).text
    admin.post(f"{url}/act", data={"action": "confirm", "version": "4", "reason": "现场复核无反弹"})
    reopened = admin.post(f"{url}/act", data={"action": "reopen", "version": "5", "reason": "群众再次投诉"})
    assert reopened.status_code == 303
    page = admin.get(url).text
    assert "现场复核无反弹" in page and "群众再次投诉" in page and "整改中" in page


def test_own_items_link(login_as, items):
    district = login_as("district").get("/ledger").text
    assert 'href="/ledger?district=%E6%AD%A6%E8%BF%9B%E5%8C%BA"' in district
    reporter = login_as("reporter")
    link = reporter.get("/ledger").text.split('id="my-items" href="')[1].split('"')[0]
    mine = reporter.get(link.replace("&amp;", "&")).text
    assert "ZY-1" in mine and "SJ-3" in mine and "ZY-2" not in mine
    assert 'id="my-items"' not in login_as("admin").get("/ledger").text
