"""Logging in and out, lock-out, password change and managing people. Never commits."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.attributes import set_committed_value

from ecoplan.app.audit.service import record
from ecoplan.app.auth.client import USERNAME_CHARS, Client, bounded
from ecoplan.app.auth.models import AuthSession, User
from ecoplan.app.permissions import ROLES
from ecoplan.app.auth.passwords import hash_password, verify_password
from ecoplan.app.db import unit_of_work
from ecoplan.app.core.clock import as_utc, utcnow
from ecoplan.errors import InputError

MAX_FAILURES = 5
LOCK_MINUTES = 15


class LoginRefused(InputError):
    """Wrong name or password, or a locked or inactive account."""


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return hash_password(secrets.token_urlsafe(16))


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _refused(session: Session, user: User | None, username: str, reason: str,
             client: Client) -> None:
    """Audit a failed login; every reason writes the same kind of entry, so the refusal's
    work does not tell an unknown name from a wrong password."""
    record(session, actor=client.acting(None), action="auth.login_failed", object_type="user",
           object_id=user.id if user else None,
           after={"username": bounded(username, USERNAME_CHARS), "reason": reason,
                  "user_agent": client.user_agent})


def _find_user(session: Session, username: str) -> User | None:
    name = username.strip()
    if not name or not name.isprintable():  # no account has such a name (and PG refuses NUL)
        return None
    return session.scalar(select(User).where(User.username == name))


def authenticate(session: Session, username: str, password: str, *,
                 client: Client = Client()) -> User:
    """The user for ``username``/``password``, counting failures and locking after MAX_FAILURES.

    Every attempt costs one Argon2 verification (a dummy hash for unknown or inactive names)
    and one audit entry, whatever the outcome.
    """
    user = _find_user(session, username)
    now = utcnow()
    if user is None or not user.active:
        verify_password(_dummy_hash(), password)
        _refused(session, user, username, "unknown_user" if user is None else "inactive", client)
        raise LoginRefused("用户名或密码错误")
    locked_until = as_utc(user.locked_until)
    if locked_until and locked_until > now:
        verify_password(user.password_hash, password)  # the same work as any other attempt
        _refused(session, user, username, "locked", client)
        minutes = max(1, int((locked_until - now).total_seconds() // 60) + 1)
        raise LoginRefused(f"登录失败次数过多，账户已锁定，请在 {minutes} 分钟后重试")
    if locked_until:
        user.locked_until, user.failed_logins = None, 0
    if not verify_password(user.password_hash, password):
        user.failed_logins += 1
        _refused(session, user, username, "wrong_password", client)
        if user.failed_logins >= MAX_FAILURES:
            user.locked_until = now + timedelta(minutes=LOCK_MINUTES)
            record(session, actor=client.acting(user), action="user.locked", object_type="user",
                   object_id=user.id, after={"user_agent": client.user_agent})
            raise LoginRefused(f"密码连续错误 {MAX_FAILURES} 次，账户已锁定 {LOCK_MINUTES} 分钟")
        left = MAX_FAILURES - user.failed_logins
        raise LoginRefused(f"用户名或密码错误（再错 {left} 次将锁定账户）")
    user.failed_logins = 0
    record(session, actor=client.acting(user), action="auth.login", object_type="user", object_id=user.id,
           after={"user_agent": client.user_agent})
    return user


@dataclass(frozen=True)
class SessionPolicy:
    """How long a login lasts: ``idle`` since the last request, never beyond ``absolute``
    since it started (OWASP Session Management Cheat Sheet, "Session Expiration")."""

    idle: timedelta = timedelta(minutes=120)
    absolute: timedelta = timedelta(hours=12)

    @classmethod
    def of(cls, settings) -> "SessionPolicy":
        return cls(timedelta(minutes=settings.session_idle_minutes),
                   timedelta(hours=settings.session_max_hours))

    def expiry(self, created_at: datetime, now: datetime) -> datetime:
        return min(as_utc(created_at) + self.absolute, now + self.idle)


@dataclass(frozen=True)
class NewSession:
    token: str
    record: AuthSession


def start_session(session: Session, user: User,
                  policy: SessionPolicy = SessionPolicy()) -> NewSession:
    """A new login for ``user`` (a new random token: never one the browser brought, so a
    planted cookie cannot be fixed on the victim); the token goes in the cookie, its hash
    in the table."""
    token = secrets.token_urlsafe(32)
    now = utcnow()
    table = AuthSession.__table__  # only expired logins: nothing ends (bumps no version)
    session.execute(delete(table).where(table.c.user_id == user.id, table.c.expires_at < now))
    row = AuthSession(token_hash=_token_hash(token), user_id=user.id, user=user,
                      csrf_token=secrets.token_urlsafe(32), created_at=now,
                      expires_at=policy.expiry(now, now))
    session.add(row)
    return NewSession(token, row)


def find_session(session: Session, token: str | None) -> AuthSession | None:
    """The live login for a cookie token (None when unknown, expired or the user inactive)."""
    if not token:
        return None
    row = session.scalar(select(AuthSession).where(AuthSession.token_hash == _token_hash(token)))
    if row is None or as_utc(row.expires_at) <= utcnow() or not row.user.active:
        return None
    return row


def touch_session(factory: sessionmaker[Session], row: AuthSession,
                  policy: SessionPolicy) -> None:
    """Push the idle expiry of a used login forward (at most to its absolute end).

    Written only when it moves by more than a twentieth of the idle time, so a page view does
    not write every time; and in a transaction of its own, committed at once: inside the
    request's, a page that only reads would hold SQLite's write lock until it is rendered.
    """
    expiry = policy.expiry(row.created_at, utcnow())
    if expiry - as_utc(row.expires_at) <= policy.idle / 20:
        return
    with unit_of_work(factory) as own:
        table = AuthSession.__table__  # the table: a touch ends no login (bumps no version)
        own.execute(update(table).where(table.c.id == row.id).values(expires_at=expiry))
    set_committed_value(row, "expires_at", expiry)


def fresh_until(row: AuthSession, policy: SessionPolicy) -> datetime:
    """Until when ``row`` is live and :func:`touch_session` would write nothing: a page kept
    for this login may be answered without the database until then."""
    expires = as_utc(row.expires_at)
    if as_utc(row.created_at) + policy.absolute - expires <= policy.idle / 20:
        return expires  # at its absolute end: never touched again
    return expires - policy.idle + policy.idle / 20


def end_session(session: Session, token: str | None) -> None:
    if token:
        session.execute(delete(AuthSession).where(AuthSession.token_hash == _token_hash(token)))


def end_all_sessions(session: Session, user: User, *, keep: AuthSession | None = None) -> None:
    query = delete(AuthSession).where(AuthSession.user_id == user.id)
    if keep is not None:
        query = query.where(AuthSession.id != keep.id)
    session.execute(query)


def change_password(session: Session, user: User, *, current: str, new: str, confirm: str,
                    keep: AuthSession | None = None, client: Client = Client()) -> None:
    """Change ``user``'s own password; every other login of theirs ends."""
    if not verify_password(user.password_hash, current):
        record(session, actor=client.acting(user), action="auth.password_change_failed", object_type="user",
               object_id=user.id, after={"reason": "wrong_password",
                                         "user_agent": client.user_agent})
        raise InputError("当前密码不正确", field="当前密码")
    if new != confirm:
        raise InputError("两次输入的新密码不一致", field="确认新密码")
    if new == current:
        raise InputError("新密码不能与当前密码相同", field="新密码")
    user.password_hash = hash_password(new)
    user.version += 1
    end_all_sessions(session, user, keep=keep)
    record(session, actor=client.acting(user), action="user.password_changed", object_type="user",
           object_id=user.id, after={"user_agent": client.user_agent})


def check_role(role: str) -> str:
    if role not in ROLES:
        raise InputError(f"未知角色：{role}", field="角色")
    return role


def log_out(session: Session, user: User, token: str | None, *, client: Client = Client()) -> None:
    """End the login behind ``token`` (server-side: the cookie alone no longer works)."""
    end_session(session, token)
    record(session, actor=client.acting(user), action="auth.logout", object_type="user", object_id=user.id,
           after={"user_agent": client.user_agent})


def rate_limited(session: Session, *, actor, endpoint: str, retry_after: int,
                 client: Client) -> None:
    """Audit that ``client`` reached the credential-attempt limit of ``endpoint``."""
    record(session, actor=client.acting(actor), action="auth.rate_limited",
           object_type="client_ip", object_id=client.ip,
           after={"endpoint": endpoint, "retry_after": retry_after,
                  "user_agent": client.user_agent})
