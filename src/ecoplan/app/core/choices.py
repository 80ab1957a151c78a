"""Columns that take one of a few codes: the codes, their Chinese labels and the database check
written once, as an enum whose members carry their label.

    class Stage(Choices):
        SHORT = "short", "短期"
        LONG = "long", "长期"

    Stage.values() == ("short", "long"); Stage.labels() == {"short": "短期", "long": "长期"}
    Stage.check("stage")  # CheckConstraint("stage IN ('short', 'long')", name="stage")

Members are strings (``Stage.SHORT == "short"``); the check's text is the one the migrations
wrote, so moving a model to a ``Choices`` changes no schema.
"""

from __future__ import annotations

import enum

from sqlalchemy import CheckConstraint


class Choices(enum.StrEnum):
    """The codes of a column, in order; each member's ``label`` is what people read."""

    label: str

    def __new__(cls, value: str, label: str):
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    @classmethod
    def values(cls) -> tuple[str, ...]:
        return tuple(member.value for member in cls)

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {member.value: member.label for member in cls}

    @classmethod
    def check(cls, column: str, name: str | None = None) -> CheckConstraint:
        """``column IN ('a', 'b', …)``, named ``name`` (default: the column's name)."""
        listed = ", ".join(f"'{value}'" for value in cls.values())
        return CheckConstraint(f"{column} IN ({listed})", name=name or column)
