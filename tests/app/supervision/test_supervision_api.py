"""Supervision items through the API as each role: issue, sign, respond, return, accept, extend,
remind; who sees what; the document; escalation of late items (SQLite and PostgreSQL)."""

from __future__ import annotations

import io

import pytest
from docx import Document
from sqlalchemy import select

from ecoplan.app.audit.models import AuditEntry
from ecoplan.app.db import unit_of_work
from ecoplan.app.workbench.models import InboxNotice

ITEM = {"kind": "交办", "units": ["武进区"], "title": "交办武进区：太滆运河沿线排口整治",
        "content": "太滆运河沿线 3 个雨水排口晴天排水，请排查整治。", "due": "2099-08-31",
        "basis": {"assessment": "2023年第二季度点评扣分"}}


def _issue(admin, **change) -> int:
    response = admin.post("/api/supervision/items", json={**ITEM, **change})
    assert response.status_code == 201, response.text
    assert response.json()["state"] == "issued"
    return response.json()["id"]


def _texts(data: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)


def test_the_life_cycle_through_the_api(login_as, db):
    admin, district, reporter = login_as("admin"), login_as("district"), login_as("reporter")
    item = _issue(admin)
    assert [i["id"] for i in district.get("/api/supervision/items?mine=1").json()["items"]] == [item]
    assert reporter.get("/api/supervision/items?mine=1").json()["items"] == []
    assert reporter.get(f"/api/supervision/items/{item}").status_code == 403
    assert reporter.post(f"/api/supervision/items/{item}/sign").status_code == 403
    assert admin.post(f"/api/supervision/items/{item}/sign").status_code == 403
    assert login_as("viewer").get("/api/supervision/items").status_code == 403

    refused = admin.post(f"/api/supervision/items/{item}/accept")
    assert refused.status_code == 422 and "不能办结" in refused.json()["error"]
    assert district.post(f"/api/supervision/items/{item}/sign").json() == {"id": item, "state": "signed"}
    empty = district.post(f"/api/supervision/items/{item}/respond", json={"content": " "})
    assert empty.status_code == 422 and "办理情况" in empty.json()["error"]
    moved = district.post(f"/api/supervision/items/{item}/respond", json={"content": "已封堵 2 个排口"})
    assert moved.json()["state"] == "responded"
    assert district.post(f"/api/supervision/items/{item}/accept").status_code == 403
    back = admin.post(f"/api/supervision/items/{item}/return", json={"comment": "第 3 个排口未整治"})
    assert back.json()["state"] == "returned"
    assert district.post(f"/api/supervision/items/{item}/respond",
                         json={"content": "3 个排口均已封堵"}).json()["state"] == "responded"
    assert admin.post(f"/api/supervision/items/{item}/accept").json()["state"] == "closed"

    shown = district.get(f"/api/supervision/items/{item}").json()
    assert [e["action"] for e in shown["events"]] == ["sign", "respond", "return", "respond", "accept"]
    assert shown["response"] == "3 个排口均已封堵" and shown["return_comment"] == "第 3 个排口未整治"
    with unit_of_work(db) as s:
        actions = s.scalars(select(AuditEntry.action).where(
            AuditEntry.object_type == "supervision_item")).all()
        returned = s.scalars(select(InboxNotice.message).where(InboxNotice.kind == "supervision")).all()
    assert actions == ["supervision.assignment", "supervision.sign", "supervision.respond",
                       "supervision.return", "supervision.respond", "supervision.accept"]
    assert any("被退回：第 3 个排口未整治" in m for m in returned)


def test_the_audit_log_reads_in_chinese(login_as):
    admin = login_as("admin")
    _issue(admin)
    page = admin.get("/admin/audit").text
    assert "下发督办事项：交办" in page and "督办事项" in page


def test_issuing_to_several_units_by_alias(login_as):
    admin = login_as("admin")
    made = admin.post("/api/supervision/items", json={**ITEM, "kind": "督办",
                                                      "units": ["生态环境局", "武进区", "市生态环境局"]})
    assert made.status_code == 201
    assert [i["unit"] for i in made.json()["items"]] == ["市生态环境局", "武进区"]
    assert len(login_as("reporter").get("/api/supervision/items?mine=1").json()["items"]) == 1
    unknown = admin.post("/api/supervision/items", json={**ITEM, "units": ["火星局"]})
    assert unknown.status_code == 422 and "单位名录中没有“火星局”" in unknown.json()["error"]
    bad_kind = admin.post("/api/supervision/items", json={**ITEM, "kind": "表扬"})
    assert bad_kind.status_code == 422 and "未知督办方式" in bad_kind.json()["error"]
    no_link = admin.post("/api/supervision/items", json={**ITEM, "kind": "媒体曝光"})
    assert no_link.status_code == 422 and "链接" in no_link.json()["error"]
    exposure = _issue(admin, kind="媒体曝光", link="https://news.example.cn/2023/0712.html")
    assert admin.get(f"/api/supervision/items/{exposure}").json()["link"].endswith("0712.html")
    assert login_as("district").post("/api/supervision/items", json=ITEM).status_code == 403


def test_writes_need_the_csrf_header(login_as):
    admin = login_as("admin")
    del admin.headers["X-CSRF-Token"]
    assert admin.post("/api/supervision/items", json=ITEM).status_code == 403


def test_extension_granted_moves_the_due_date(login_as):
    admin, district = login_as("admin"), login_as("district")
    item = _issue(admin)
    ask = {"reason": "汛期无法施工", "due": "2099-10-31"}
    assert district.post(f"/api/supervision/items/{item}/extend", json=ask).status_code == 200
    again = district.post(f"/api/supervision/items/{item}/extend", json=ask)
    assert again.status_code == 422 and "等待办公室答复" in again.json()["error"]
    assert district.post(f"/api/supervision/items/{item}/extension", json={"grant": True}).status_code == 403
    assert admin.post(f"/api/supervision/items/{item}/extension", json={"grant": True}).status_code == 200
    shown = admin.get(f"/api/supervision/items/{item}").json()
    assert shown["due"] == "2099-10-31" and shown["extension"] is None
    district.post(f"/api/supervision/items/{item}/extend", json={"reason": "再延", "due": "2099-12-31"})
    admin.post(f"/api/supervision/items/{item}/extension", json={"grant": False, "comment": "不予延期"})
    assert admin.get(f"/api/supervision/items/{item}").json()["due"] == "2099-10-31"


def test_a_reminder_reaches_the_unit(login_as, db):
    admin, district = login_as("admin"), login_as("district")
    item = _issue(admin)
    assert admin.post(f"/api/supervision/items/{item}/remind").json()["state"] == "issued"
    with unit_of_work(db) as s:
        (notice,) = s.scalars(select(InboxNotice).where(InboxNotice.kind == "remind")).all()
    assert notice.message.startswith("催办：交办“交办武进区：太滆运河沿线排口整治”尚未办结")
    assert notice.link == f"/supervision/items/{item}"
    assert district.get(f"/api/supervision/items/{item}").json()["reminders"] == 1


def test_the_document_is_a_gbt_9704_docx(login_as):
    admin, district = login_as("admin"), login_as("district")
    item = _issue(admin, basis={"assessment": "2023年第二季度点评扣分"})
    response = district.get(f"/api/supervision/items/{item}/notice.docx")
    assert response.status_code == 200
    text = _texts(response.content)
    assert "关于太滆运河沿线排口整治的交办单" in text.replace("\n", "")
    assert "武进区：" in text and "太滆运河沿线 3 个雨水排口晴天排水" in text
    assert "依据：考评结果：2023年第二季度点评扣分。" in text
    assert "请于2099年8月31日前" in text and f"常生态办〔" in text
    assert "常州市生态文明建设工作领导小组办公室" in text
    sealed = admin.get(f"/api/supervision/items/{item}/notice.docx",
                       params={"seal": "none", "doc_number": "常生态办〔2023〕12号", "urgency": "加急"})
    assert "常生态办〔2023〕12号" in _texts(sealed.content) and "加急" in _texts(sealed.content)
    bad = admin.get(f"/api/supervision/items/{item}/notice.docx", params={"doc_number": "12号"})
    assert bad.status_code == 422 and "发文字号" in bad.json()["error"]
    image = admin.get(f"/api/supervision/items/{item}/notice.docx", params={"seal": "image"})
    assert image.status_code == 422 and "尚未上传电子印章" in image.json()["error"]
    summons = _issue(admin, kind="约谈", title="约谈武进区：PM2.5浓度连续两个月红色预警")
    assert "约谈通知书" in _texts(admin.get(f"/api/supervision/items/{summons}/notice.docx").content)
    assert login_as("reporter").get(f"/api/supervision/items/{item}/notice.docx").status_code == 403


@pytest.mark.parametrize("kind, next_kind", [("交办", "通报"), ("通报", "约谈")])
def test_late_items_escalate_on_the_proposals_list(login_as, kind, next_kind):
    admin = login_as("admin")
    item = _issue(admin, kind=kind, due="2020-01-31")
    _issue(admin, title="未逾期", due="2099-01-31")
    page = admin.get("/supervision").text
    key = ("circular" if next_kind == "通报" else "summons") + f":item:{item}"
    assert key in page and f"{next_kind}武进区：{kind}事项逾期未办结" in page
    confirmed = admin.post("/supervision/confirm", data={"key": [key], "deadline": "2099-03-31"})
    assert confirmed.status_code == 303
    items = admin.get("/api/supervision/items").json()["items"]
    assert items[0]["kind_label"] == next_kind and items[0]["proposal"] == key
    assert key not in admin.get("/supervision").text


def test_several_proposals_issued_at_once(login_as):
    admin = login_as("admin")
    late = [_issue(admin, due="2020-01-31", title=f"交办武进区：事项{n}") for n in (1, 2)]
    keys = [f"circular:item:{i}" for i in late]
    done = admin.post("/supervision/confirm", data={"key": keys, "deadline": "2099-02-28"})
    assert done.status_code == 303 and done.headers["location"] == "/supervision"
    items = admin.get("/api/supervision/items").json()["items"]
    issued = sorted(i["proposal"] for i in items if i["proposal"])
    assert issued == sorted(keys) and all(i["due"] == "2099-02-28" for i in items if i["proposal"])
    assert admin.post("/supervision/confirm", data={"key": keys}).status_code == 409
