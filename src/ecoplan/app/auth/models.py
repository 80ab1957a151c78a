"""People (用户) and their server-side login sessions."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, inspect
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ecoplan.app.db import Base
from ecoplan.app.permissions import UserRole
from ecoplan.app.units.models import Unit



class User(Base):
    __tablename__ = "users"
    __table_args__ = (
        UserRole.check("role"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(100))
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer, default=1)

    unit: Mapped[Unit | None] = relationship(lazy="joined")

    def snapshot(self) -> dict:
        """What the audit log keeps of a user (never the password hash)."""
        return {"username": self.username, "display_name": self.display_name, "role": self.role,
                "unit": self.unit.name if self.unit else None, "active": self.active}


ENDED = "auth_sessions.ended"


class AuthSession(Base):
    """A login: the cookie holds a random token; only its SHA-256 is stored."""

    __tablename__ = "auth_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    user: Mapped[User] = relationship(lazy="joined")

    DATA_VERSIONS = ("auth_sessions", ENDED)
    """A statement that deletes logins (log-out, a password change, an account disabled) bumps
    ``auth_sessions.ended``: the kept responses (:mod:`ecoplan.app.serving.kept_responses`)
    stop answering for an ended login in every process. The idle-expiry touch and the clean-up
    of expired logins go through the table (``AuthSession.__table__``) and bump nothing."""

    def data_versions(self) -> tuple[str, ...]:
        """A login removed from the session (``session.delete``) ends it, too."""
        state = inspect(self)
        return self.DATA_VERSIONS if state.session is not None and self in state.session.deleted \
            else self.DATA_VERSIONS[:1]
