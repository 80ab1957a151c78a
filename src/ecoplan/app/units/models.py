"""Units (单位): departments, districts (辖市区), enterprises and others named in the plan."""

from __future__ import annotations

from sqlalchemy import JSON, Boolean, CheckConstraint, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ecoplan.app.db import Base

UNIT_KINDS = ("department", "district", "enterprise", "other")
KIND_LABELS = {"department": "部门", "district": "辖市区", "enterprise": "企业", "other": "其他"}


class Unit(Base):
    __tablename__ = "units"
    __table_args__ = (
        CheckConstraint(
            "kind IN ('department', 'district', 'enterprise', 'other')", name="kind"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    aliases: Mapped[list[str]] = mapped_column(JSON, default=list)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Bumped on every edit; a form carrying an older version is refused (never overwrites).
    version: Mapped[int] = mapped_column(Integer, default=1)

    def snapshot(self) -> dict:
        """What the audit log keeps of a unit."""
        return {"name": self.name, "kind": self.kind, "aliases": list(self.aliases or []),
                "active": self.active}
