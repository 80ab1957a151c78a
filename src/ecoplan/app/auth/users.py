"""Managing people (admin): create, edit, reset password, unlock. Never commits."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecoplan.app.audit.service import record
from ecoplan.app.auth.models import User
from ecoplan.app.auth.passwords import hash_password
from ecoplan.app.auth.service import check_role, end_all_sessions
from ecoplan.app.forms import check_fresh, required
from ecoplan.app.units.models import Unit
from ecoplan.errors import InputError

UNIT_ROLES = {"reporter", "leader", "district"}


def _check_unit(session: Session, role: str, unit_id: int | None) -> Unit | None:
    unit = session.get(Unit, unit_id) if unit_id else None
    if unit_id and unit is None:
        raise InputError("所选单位不存在", field="所属单位")
    if role in UNIT_ROLES and unit is None:
        raise InputError("该角色必须属于一个单位", field="所属单位")
    if role == "district" and unit.kind != "district":
        raise InputError("辖市区用户必须属于一个辖市区", field="所属单位")
    return unit


def create_user(session: Session, *, actor, username: str, display_name: str, password: str,
                role: str, unit_id: int | None) -> User:
    username = required(username, field="用户名")
    if session.scalar(select(User.id).where(User.username == username)):
        raise InputError(f"用户名“{username}”已存在", field="用户名")
    unit = _check_unit(session, check_role(role), unit_id)
    user = User(username=username, display_name=required(display_name, field="姓名"),
                password_hash=hash_password(password), role=role, unit=unit, active=True,
                failed_logins=0, version=1)
    session.add(user)
    session.flush()
    record(session, actor=actor, action="user.created", object_type="user", object_id=user.id,
           after=user.snapshot())
    return user


def update_user(session: Session, user: User, *, actor, version, display_name: str, role: str,
                unit_id: int | None, active: bool) -> None:
    check_fresh(user, version, what=f"用户“{user.username}”")
    if actor is not None and actor.id == user.id and (role != "admin" or not active):
        raise InputError("不能取消自己的管理员角色或停用自己的账户", field="角色")
    before = user.snapshot()
    user.unit = _check_unit(session, check_role(role), unit_id)
    user.display_name = required(display_name, field="姓名")
    user.role, user.active = role, active
    user.version += 1
    if not active:
        end_all_sessions(session, user)
    record(session, actor=actor, action="user.updated", object_type="user", object_id=user.id,
           before=before, after=user.snapshot())


def reset_password(session: Session, user: User, *, actor, password: str) -> None:
    """Set a new password chosen by the admin, unlock the account and end its logins."""
    user.password_hash = hash_password(password)
    user.failed_logins, user.locked_until = 0, None
    user.version += 1
    end_all_sessions(session, user)
    record(session, actor=actor, action="user.password_reset", object_type="user",
           object_id=user.id)


def unlock(session: Session, user: User, *, actor) -> None:
    user.failed_logins, user.locked_until = 0, None
    record(session, actor=actor, action="user.unlocked", object_type="user", object_id=user.id)


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.role, User.username)))
