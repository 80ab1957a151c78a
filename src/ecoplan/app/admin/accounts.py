"""Setting up the city's accounts from one .xlsx: units (sheet 单位) and users (sheet 用户).

Every cell is checked first and every problem is reported with its sheet, row and column; one
problem and nothing is saved. Units already in the directory are kept (their e-mail address is
set when given); each new user gets a random first password, handed out once on the result
page (only its hash is stored). The contact list exports units, their people and addresses.
"""

from __future__ import annotations

import io
import secrets
import zipfile
from dataclasses import dataclass
from types import SimpleNamespace

from openpyxl import load_workbook
from sqlalchemy import select
from sqlalchemy.orm import Session

from ecoplan import ooxml
from ecoplan.app.permissions import ROLE_LABELS, ROLES
from ecoplan.app.auth.models import User
from ecoplan.app.auth.users import create_user
from ecoplan.app.progress.contacts import EMAIL, emails, save_emails
from ecoplan.app.units.addressees import directory, resolve_one
from ecoplan.app.units.models import KIND_LABELS, UNIT_KINDS, Unit
from ecoplan.app.units.service import create_unit
from ecoplan.errors import InputError
from ecoplan.plan.gazetteer import normalise
from ecoplan.reports.xlsx import Sheet

UNIT_COLUMNS = ("名称", "类型", "别名", "提醒邮箱")
USER_COLUMNS = ("用户名", "姓名", "角色", "单位")
MAX_ROWS = 2000
LIMITS = ooxml.Limits(max_uncompressed=10 * 1024 * 1024, max_rows=MAX_ROWS * 2, max_cells=MAX_ROWS * 20)


class AccountsError(InputError):
    """Every problem found in the file."""

    def __init__(self, errors: list[InputError], *, file: str) -> None:
        super().__init__(f"文件中有 {len(errors)} 处问题，未导入任何单位或用户", file=file)
        self.errors = errors


@dataclass(frozen=True)
class Created:
    units: list[str]
    users: list[tuple[str, str, str]]
    """(username, display name, first password), shown once."""


def template() -> list[Sheet]:
    return [Sheet("单位", list(UNIT_COLUMNS), [["市生态环境局", "部门", "市环保局", "hbj@example.cn"]]),
            Sheet("用户", list(USER_COLUMNS), [["sthjj01", "张三", "单位填报员", "市生态环境局"]])]


def _sheets(data: bytes, file: str) -> dict[str, list[tuple]]:
    ooxml.inspect(data, file=file, limits=LIMITS)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        found = {ws.title: [tuple(r) for r in ws.iter_rows(values_only=True)] for ws in book.worksheets}
        book.close()
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, IndexError, TypeError):
        raise InputError("不是有效的 .xlsx 文件", file=file) from None
    if "单位" not in found and "用户" not in found:
        raise InputError("找不到名为“单位”或“用户”的工作表", file=file)
    return found


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _rows(rows: list[tuple], columns: tuple[str, ...], sheet: str, file: str, errors: list) -> list[dict]:
    if not rows:
        return []
    header = [_text(c) for c in rows[0]]
    missing = [c for c in columns if c not in header]
    if missing:
        errors.append(InputError(f"工作表“{sheet}”缺少列：{'、'.join(missing)}", file=file, row=1))
        return []
    index = {c: header.index(c) for c in columns}
    out = []
    for number, row in enumerate(rows[1:], start=2):
        values = {c: _text(row[i]) if i < len(row) else "" for c, i in index.items()}
        if any(values.values()):
            out.append({"_row": number, **values})
    return out


def _code(text: str, labels: dict[str, str], codes) -> str | None:
    by_label = {v: k for k, v in labels.items()}
    return text if text in codes else by_label.get(text)


def _check_units(rows, names, file, errors) -> list[dict]:
    seen, ok = set(), []
    for r in rows:
        def bad(message, field):
            errors.append(InputError(message, file=file, row=r["_row"], field=f"单位!{field}"))
        kind = _code(r["类型"] or "部门", KIND_LABELS, UNIT_KINDS)
        if not r["名称"]:
            bad("不能为空", "名称")
        elif r["名称"] in seen:
            bad(f"“{r['名称']}”重复", "名称")
        if kind is None:
            bad(f"类型只能是{'、'.join(KIND_LABELS.values())}", "类型")
        if r["提醒邮箱"] and not EMAIL.match(r["提醒邮箱"]):
            bad(f"邮箱地址格式不正确：{r['提醒邮箱']}", "提醒邮箱")
        seen.add(r["名称"])
        ok.append({**r, "kind": kind, "aliases": [a for a in r["别名"].replace("，", "、").split("、") if a]})
    return ok


def _check_users(session, rows, unit_names: set[str], names, file, errors) -> list[dict]:
    taken = set(session.scalars(select(User.username)))
    seen, ok = set(), []
    for r in rows:
        def bad(message, field):
            errors.append(InputError(message, file=file, row=r["_row"], field=f"用户!{field}"))
        role = _code(r["角色"], ROLE_LABELS, ROLES)
        if not r["用户名"]:
            bad("不能为空", "用户名")
        elif r["用户名"] in taken or r["用户名"] in seen:
            bad(f"用户名“{r['用户名']}”已存在", "用户名")
        if not r["姓名"]:
            bad("不能为空", "姓名")
        if role is None:
            bad(f"角色只能是{'、'.join(ROLE_LABELS.values())}", "角色")
        unit = r["单位"] if r["单位"] in unit_names else None
        if r["单位"] and unit is None:
            try:
                unit = resolve_one(r["单位"], names, field="用户!单位").name
            except InputError as err:
                bad(err.message, "单位")
        if role in ("reporter", "leader", "district") and not r["单位"]:
            bad("单位填报员、单位负责人和辖市区用户须填写单位", "单位")
        seen.add(r["用户名"])
        ok.append({**r, "role": role, "unit": unit})
    return ok


def import_accounts(session: Session, data: bytes, *, file: str, actor) -> Created:
    """Create the file's units and users, or raise :class:`AccountsError` with every problem."""
    sheets, errors = _sheets(data, file), []
    names = directory(session)
    units = _check_units(_rows(sheets.get("单位", []), UNIT_COLUMNS, "单位", file, errors), names, file, errors)
    new_names = {u["名称"] for u in units}
    for u in units:  # users may name a unit of this file by its alias too
        for form in (u["名称"], *u["aliases"]):
            names.setdefault(normalise(form), []).append(SimpleNamespace(id=f"new:{u['名称']}", name=u["名称"]))
    users = _check_users(session, _rows(sheets.get("用户", []), USER_COLUMNS, "用户", file, errors),
                         new_names, names, file, errors)
    if errors:
        raise AccountsError(errors, file=file)
    existing = {u.name: u for u in session.scalars(select(Unit))}
    made_units, wanted = [], {}
    for u in units:
        unit = existing.get(u["名称"])
        if unit is None:
            unit = create_unit(session, actor=actor, name=u["名称"], kind=u["kind"], aliases=u["aliases"])
            existing[unit.name] = unit
            made_units.append(unit.name)
        if u["提醒邮箱"]:
            wanted[unit.id] = u["提醒邮箱"]
    save_emails(session, actor=actor, wanted=wanted, names={v.id: k for k, v in existing.items()})
    made_users = []
    for u in users:
        password = secrets.token_urlsafe(9)
        unit = existing.get(u["unit"]) if u["unit"] else None
        create_user(session, actor=actor, username=u["用户名"], display_name=u["姓名"], password=password,
                    role=u["role"], unit_id=unit.id if unit else None)
        made_users.append((u["用户名"], u["姓名"], password))
    return Created(made_units, made_users)


def contacts(session: Session) -> list[Sheet]:
    """Units with their addresses and their active people (the contact list)."""
    mails = emails(session)
    units = list(session.scalars(select(Unit).order_by(Unit.kind, Unit.name)))
    people: dict[int | None, list[User]] = {}
    for user in session.scalars(select(User).where(User.active.is_(True)).order_by(User.username)):
        people.setdefault(user.unit_id, []).append(user)
    rows = [[u.name, KIND_LABELS[u.kind], mails.get(u.id, ""), p.username, p.display_name, ROLE_LABELS[p.role]]
            for u in units for p in people.get(u.id, [None]) if p is not None]
    rows += [[u.name, KIND_LABELS[u.kind], mails.get(u.id, ""), "", "", ""]
             for u in units if u.id not in people]
    return [Sheet("通讯录", ["单位", "类型", "提醒邮箱", "用户名", "姓名", "角色"], rows)]
