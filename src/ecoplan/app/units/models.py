"""Units (单位): departments, districts (辖市区), enterprises and others named in the plan."""

from __future__ import annotations

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ecoplan.app.core.choices import Choices
from ecoplan.app.db import Base


class Kind(Choices):
    DEPARTMENT = "department", "部门"
    DISTRICT = "district", "辖市区"
    TOWN = "town", "镇（街道）"
    ENTERPRISE = "enterprise", "企业"
    OTHER = "other", "其他"


UNIT_KINDS, KIND_LABELS = Kind.values(), Kind.labels()


class Unit(Base):
    __tablename__ = "units"
    __table_args__ = (
        Kind.check("kind"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    aliases: Mapped[list[str]] = mapped_column(JSON, default=list)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    """The district a town (镇、街道) or a district department (区级部门) belongs to: the district
    manages it (:mod:`ecoplan.app.units.district`); None for the city's units and the districts."""
    # Bumped on every edit; a form carrying an older version is refused (never overwrites).
    version: Mapped[int] = mapped_column(Integer, default=1)

    parent = relationship("Unit", remote_side=[id])

    def snapshot(self) -> dict:
        """What the audit log keeps of a unit."""
        out = {"name": self.name, "kind": self.kind, "aliases": list(self.aliases or []),
               "active": self.active}
        if self.parent is not None:
            out["parent"] = self.parent.name
        return out
