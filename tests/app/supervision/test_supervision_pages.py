"""Supervision pages: issuing by hand with the unit picker, the unit handling its item with
evidence files, the office deciding; the items on task, unit and district pages."""

from __future__ import annotations

from sqlalchemy import select

from ecoplan.app.db import unit_of_work
from ecoplan.app.plans import versions
from ecoplan.app.units.models import Unit

PDF = ("验收报告.pdf", b"%PDF-1.4\n%test\n", "application/pdf")


def _issue_form(admin, **change):
    form = {"kind": "assignment", "units": "武进区", "title": "交办武进区：臭氧攻坚", "content": "请落实",
            "due": "2099-06-30", "basis": "task", "basis_ref": "10", **change}
    return admin.post("/supervision/items", data=form)


def _newest(admin) -> int:
    return admin.get("/api/supervision/items").json()["items"][0]["id"]


def test_issue_handle_and_close_through_the_pages(login_as, published):
    admin, district = login_as("admin"), login_as("district")
    page = admin.get("/supervision").text
    assert 'id="unit-names"' in page and '<option value="市环保局">市生态环境局</option>' in page
    bad = _issue_form(admin, units="火星局")
    assert bad.status_code == 422 and "单位名录中没有“火星局”" in bad.text and 'value="火星局"' in bad.text
    assert _issue_form(admin).status_code == 303
    item = _newest(admin)
    shown = admin.get(f"/supervision/items/{item}").text
    assert "工作方案第10项任务" in shown and "下载交办单（Word）" in shown
    assert 'id="form-sign"' not in shown and 'id="form-remind"' in shown

    assert 'id="form-sign"' in district.get(f"/supervision/items/{item}").text
    assert "交办武进区：臭氧攻坚" in district.get("/supervision").text
    assert "交办武进区：臭氧攻坚" not in login_as("reporter").get("/supervision").text
    assert login_as("reporter").get(f"/supervision/items/{item}").status_code == 403
    assert district.post(f"/supervision/items/{item}/handle", data={"action": "sign"}).status_code == 303
    done = district.post(f"/supervision/items/{item}/handle",
                         data={"action": "respond", "text": "已完成 VOCs 治理"}, files=[("files", PDF)])
    assert done.status_code == 303
    shown = district.get(f"/supervision/items/{item}").text
    assert "已反馈" in shown and "验收报告.pdf" in shown
    link = f"/supervision/items/{item}/files/"
    href = shown[shown.index(link):].split('"')[0]
    assert admin.get(href).content == PDF[1]
    assert login_as("reporter").get(href).status_code == 403
    wrong = district.post(f"/supervision/items/{item}/handle", data={"action": "accept"})
    assert wrong.status_code == 404
    refused = district.post(f"/supervision/items/{item}/handle",
                            data={"action": "respond", "text": "again"})
    assert refused.status_code == 422 and "不能反馈办理情况" in refused.text
    assert admin.post(f"/supervision/items/{item}/decide", data={"action": "accept"}).status_code == 303
    assert "已办结" in admin.get(f"/supervision/items/{item}").text


def test_bad_evidence_is_refused_and_nothing_moves(login_as, published):
    admin, district = login_as("admin"), login_as("district")
    _issue_form(admin)
    item = _newest(admin)
    district.post(f"/supervision/items/{item}/handle", data={"action": "sign"})
    bad = district.post(f"/supervision/items/{item}/handle", data={"action": "respond", "text": "x"},
                        files=[("files", ("a.exe", b"MZ..", "application/octet-stream"))])
    assert bad.status_code == 422 and "不支持的文件类型" in bad.text
    assert district.get(f"/api/supervision/items/{item}").json()["state"] == "signed"


def test_items_show_on_task_unit_and_district_pages(login_as, published, db):
    admin, district, reporter = login_as("admin"), login_as("district"), login_as("reporter")
    _issue_form(admin)
    with unit_of_work(db) as s:
        version = versions.latest_published(s)
        task_id = next(t.id for t in version.tasks if t.number == "10")
        unit_id = s.scalar(select(Unit.id).where(Unit.name == "武进区"))
    for path in (f"/tasks/{task_id}", f"/units/{unit_id}", "/districts/武进区"):
        assert "交办武进区：臭氧攻坚" in admin.get(path).text, path
        assert "交办武进区：臭氧攻坚" in district.get(path).text, path
        page = reporter.get(path).text
        assert 'id="supervision-linked"' in page and "交办武进区：臭氧攻坚" not in page, path
    assert 'id="supervision-linked"' not in login_as("viewer").get(f"/tasks/{task_id}").text


def test_items_show_on_the_target_page(login_as, published, with_monitoring):
    admin = login_as("admin")
    uid = next(t["targets"][0]["uid"] for t in admin.get("/api/status").json()["tasks"] if t["targets"])
    made = admin.post("/api/supervision/items", json={
        "kind": "约谈", "units": ["武进区"], "title": "约谈武进区：PM2.5浓度连续两个月红色预警",
        "basis": {"target": uid}})
    assert made.status_code == 201, made.text
    page = admin.get(f"/status/items/target/{uid}")
    assert page.status_code == 200 and "约谈武进区：PM2.5浓度连续两个月红色预警" in page.text
    assert "约谈武进区" in login_as("district").get(f"/status/items/target/{uid}").text
    assert "约谈武进区" not in login_as("reporter").get(f"/status/items/target/{uid}").text
