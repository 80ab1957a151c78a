"""Accounts in bulk (issue 16, item 5): units and users from one .xlsx, checked cell by cell,
all or nothing; first passwords shown once; the contact list exported."""

from __future__ import annotations

import io

from openpyxl import Workbook, load_workbook
from sqlalchemy import select

from ecoplan.app.auth.models import User
from ecoplan.app.auth.passwords import verify_password
from ecoplan.app.db import unit_of_work


def _book(units, users) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "单位"
    ws.append(["名称", "类型", "别名", "提醒邮箱"])
    for row in units:
        ws.append(row)
    us = wb.create_sheet("用户")
    us.append(["用户名", "姓名", "角色", "单位"])
    for row in users:
        us.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _upload(client, data):
    return client.post("/admin/accounts/import", files={"file": ("accounts.xlsx", data,
                       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")})


def test_import_creates_units_and_users_with_first_passwords(login_as, db):
    admin = login_as("admin")
    data = _book([["市水利局", "部门", "市水务局", "slj@example.cn"], ["武进区", "辖市区", "", "wj@example.cn"]],
                 [["slj01", "李四", "单位填报员", "市水务局"], ["wj02", "王五", "district", "武进区"],
                  ["hb03", "赵六", "单位负责人", "生态环境局"]])
    done = _upload(admin, data)
    assert done.status_code == 200, done.text
    assert "新增单位 1 个，用户 3 个" in done.text and done.headers["cache-control"] == "no-store"
    password = done.text.split("<td>slj01</td><td>李四</td><td><code>")[1].split("</code>")[0]
    with unit_of_work(db) as s:
        user = s.scalar(select(User).where(User.username == "slj01"))
        assert user.unit.name == "市水利局" and user.role == "reporter"
        assert verify_password(user.password_hash, password)
        assert s.scalar(select(User).where(User.username == "hb03")).unit.name == "市生态环境局"
    sheet = admin.get("/admin/accounts/contacts.xlsx")
    rows = list(load_workbook(io.BytesIO(sheet.content)).active.iter_rows(values_only=True))
    assert ("市水利局", "部门", "slj@example.cn", "slj01", "李四", "单位填报员") in rows
    assert any(r[0] == "武进区" and r[2] == "wj@example.cn" for r in rows)


def test_one_bad_cell_and_nothing_is_imported(login_as, db):
    admin = login_as("admin")
    data = _book([["市水利局", "局", "", "not-an-address"]],
                 [["slj01", "李四", "单位填报员", "市水利局"], ["admin", "重名", "查阅用户", ""],
                  ["x", "", "站长", "火星局"], ["y", "无单位", "单位填报员", ""]])
    refused = _upload(admin, data)
    assert refused.status_code == 422
    for message in ("单位!类型", "邮箱地址格式不正确", "用户名“admin”已存在", "用户!姓名", "角色只能是",
                    "单位名录中没有“火星局”", "须填写单位", "第2行"):
        assert message in refused.text, message
    with unit_of_work(db) as s:
        assert s.scalar(select(User).where(User.username == "slj01")) is None
    assert login_as("leader").get("/admin/accounts").status_code == 403
    assert _upload(admin, b"not a zip").status_code == 422
