"""A district's own units and accounts (辖市区自建单位和账号): the district (a user of role
``district`` whose unit is the district) creates, renames and retires its towns (镇、街道) and
departments (区级部门) — units whose ``parent_id`` is the district — and the accounts of those
units (单位填报员, 单位负责人), with the office's rules (unique names, hashed passwords of the
same strength, version checks, the audit log). Who may act on which unit or user is
``permissions.OBJECT_RULES`` (``district.units``, ``district.users``); the functions here check
the district again, so no caller reaches another district's units. Never commits.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecoplan.app.auth.models import User
from ecoplan.app.auth.users import create_user, reset_password, update_user
from ecoplan.app.units.models import Unit
from ecoplan.app.units.service import create_unit, update_unit
from ecoplan.errors import InputError

UNIT_KINDS = ("town", "department")
"""What a district creates: 镇（街道） and 区级部门."""
KIND_NAMES = {"town": "镇（街道）", "department": "区级部门"}
ROLES = ("reporter", "leader")
"""The accounts a district creates for its units: 单位填报员 and 单位负责人 (never a district
user or the office's roles)."""
TOWN_ENDINGS = ("镇", "街道", "乡", "开发区", "园区", "度假区")


def guess_kind(name: str) -> str:
    """``town`` for a name ending like a town or street (湖塘镇, 南夏墅街道), else ``department``."""
    return "town" if name.endswith(TOWN_ENDINGS) else "department"


def suggested_name(district: Unit, written: str) -> str:
    """The unit name for a unit a district's plan writes as ``written``: 区工业和信息化局 in
    武进区's plan → 武进区工业和信息化局 (unit names are unique in the city); a town
    (湖塘镇) and a name already carrying the district's (武进生态环境局) keep theirs."""
    short = district.name.removesuffix("区").removesuffix("市").removesuffix("县")
    bare = written.removeprefix("区").removeprefix("市").removeprefix("县")
    if guess_kind(written) == "town" or written.startswith(district.name):
        return written
    return bare if short and bare.startswith(short) else f"{district.name}{bare}"


def units_of(session: Session, district: Unit, *, active_only: bool = False) -> list[Unit]:
    query = select(Unit).where(Unit.parent_id == district.id).order_by(Unit.kind.desc(), Unit.name)
    if active_only:
        query = query.where(Unit.active.is_(True))
    return list(session.scalars(query))


def users_of(session: Session, district: Unit) -> list[User]:
    ids = [u.id for u in units_of(session, district)]
    if not ids:
        return []
    return list(session.scalars(select(User).where(User.unit_id.in_(ids))
                                .order_by(User.unit_id, User.username)))


def _check_kind(kind: str) -> str:
    if kind not in UNIT_KINDS:
        raise InputError("辖市区只能新建镇（街道）或区级部门", field="类型")
    return kind


def _own_unit(district: Unit, unit: Unit | None) -> Unit:
    if unit is None or unit.parent_id != district.id:
        raise InputError(f"所选单位不属于{district.name}", field="所属单位")
    return unit


def create_district_unit(session: Session, *, actor, district: Unit, name: str, kind: str) -> Unit:
    if district.kind != "district":
        raise InputError("只有辖市区可以新建下属单位", field="所属辖市区")
    return create_unit(session, actor=actor, name=name, kind=_check_kind(kind), aliases=[],
                       parent=district)


def update_district_unit(session: Session, unit: Unit, *, actor, district: Unit, version,
                         name: str, kind: str, active: bool) -> int:
    """Rename, change the kind of, retire (``active`` False) or restore one of the district's
    units. Retiring ends its accounts (deactivated, logged out). Returns how many were ended."""
    _own_unit(district, unit)
    update_unit(session, unit, actor=actor, version=version, name=name, kind=_check_kind(kind),
                aliases=list(unit.aliases or []), active=active)
    if active:
        return 0
    ended = 0
    for user in session.scalars(select(User).where(User.unit_id == unit.id, User.active.is_(True))):
        update_user(session, user, actor=actor, version=user.version, display_name=user.display_name,
                    role=user.role, unit_id=user.unit_id, active=False)
        ended += 1
    return ended


def _check_role(role: str) -> str:
    if role not in ROLES:
        raise InputError("辖市区只能为下属单位开设单位填报员或单位负责人账号", field="角色")
    return role


def _unit_for(session: Session, district: Unit, unit_id: int | None) -> Unit:
    unit = _own_unit(district, session.get(Unit, unit_id) if unit_id else None)
    if not unit.active:
        raise InputError(f"“{unit.name}”已撤销，不能开设账号", field="所属单位")
    return unit


def create_district_user(session: Session, *, actor, district: Unit, username: str,
                         display_name: str, password: str, role: str, unit_id: int | None) -> User:
    unit = _unit_for(session, district, unit_id)
    return create_user(session, actor=actor, username=username, display_name=display_name,
                       password=password, role=_check_role(role), unit_id=unit.id)


def update_district_user(session: Session, user: User, *, actor, district: Unit, version,
                         display_name: str, role: str, unit_id: int | None, active: bool) -> None:
    _own_unit(district, user.unit)
    unit = _unit_for(session, district, unit_id) if active else _own_unit(
        district, session.get(Unit, unit_id) if unit_id else None)
    update_user(session, user, actor=actor, version=version, display_name=display_name,
                role=_check_role(role), unit_id=unit.id, active=active)


def reset_district_password(session: Session, user: User, *, actor, district: Unit,
                            password: str) -> None:
    _own_unit(district, user.unit)
    reset_password(session, user, actor=actor, password=password)

