"""The typed models of the ``ecoplan.plan/1`` contract: every field the reader writes.

Field order is the JSON's (:func:`ecoplan.plan.contract.dump` writes them in this order).
Offsets (``start``/``end``) are character offsets into the document's text; ``None`` where
the item was not read from running text (a task table's row, a stored plan's item).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

FORMAT = "ecoplan.plan/1"
ROLES = ("lead", "cooperating", "shared", "implementers")
COMPARATORS = ("<=", ">=", "<", ">", "==")
DEADLINE_KINDS = ("due", "start")


@dataclass
class UnitRef:
    """A unit as a task names it: ``name`` the gazetteer's, ``written`` as the text writes it."""

    name: str
    written: str | None = None


@dataclass
class Deadline:
    date: dt.date | None
    text: str
    kind: str = "due"
    """``due`` (完成时限) or ``start`` (启动)."""
    scope: str | None = None
    """What the date governs: ``task``, ``paragraph`` or ``clause`` (see docs/plan.md)."""
    target: str | None = None
    """The id of the target the date is the deadline of (``g3``), if any."""
    phrase: str | None = None
    start: int | None = None
    """Offsets of the date in the text; ``None`` (with ``phrase``) for a task table's deadline."""
    end: int | None = None


@dataclass
class Section:
    """A heading of the plan's outline that tasks sit under (``Task.section`` is its ``id``)."""

    id: str
    title: str = ""
    path: list[str] = field(default_factory=list)


@dataclass
class Subitem:
    """A numbered measure inside a task (（1）…); ``inline`` when written within a paragraph."""

    number: str
    title: str
    plain: str = ""
    start: int | None = None
    end: int | None = None
    inline: bool = False


@dataclass
class Paragraph:
    """A paragraph of a task with its own division of responsibility."""

    start: int
    end: int
    responsibility: dict[str, list[UnitRef]] = field(default_factory=dict)


@dataclass
class Task:
    number: str
    title: str
    text: str = ""
    section: str | None = None
    responsibility: dict[str, list[UnitRef]] = field(default_factory=dict)
    deadlines: list[Deadline] = field(default_factory=list)
    districts: list[str] = field(default_factory=list)
    subitems: list[Subitem] = field(default_factory=list)
    extra: dict = field(default_factory=dict)
    id: str | None = None
    """The reader's id (``t1``)."""
    paragraphs: list[Paragraph] | None = None
    """Read from running text only (with ``start``/``end``); ``None`` for a task table's row."""
    start: int | None = None
    end: int | None = None
    row: dict | None = None
    """A task table's row: ``{"table": where, "row": n}``."""


@dataclass
class Target:
    task: str
    metric: str
    comparator: str
    value: float
    unit: str = ""
    scope: str | None = None
    baseline: str | None = None
    """A relative target's base (``2020年``): the value is a change from it (see ``change``)."""
    soft: bool = False
    deadline: dt.date | None = None
    text: str = ""
    id: str | None = None
    """The target's id: the reader's (``g1``), a stored plan's uid."""
    extra: dict = field(default_factory=dict)
    start: int | None = None
    end: int | None = None
    change: str | None = None
    """A relative target's direction (``decrease``/``increase``), ``None`` for a level."""
    approximate: bool = False
    """左右 / 约: the value is a tolerance, not a bound."""
    words: str | None = None
    """The words a value is written in when not a number (不减少, 逐年下降, 全部…)."""


@dataclass
class Document:
    year: int | None
    region: str | None
    title: str | None = None
    extra: dict = field(default_factory=dict)
    doc_number: str | None = None
    issuer: str | None = None
    signed: str | None = None
    """ISO date text, as read."""
    published: str | None = None
    year_source: str | None = None
    """Where the year came from: ``title``, ``signed``, ``published``, ``text`` or ``given``."""


@dataclass
class Source:
    file: str
    sha256: str
    chars: int


@dataclass
class Goal:
    """The goals section (工作目标): its section id, text and offsets."""

    section: str
    text: str
    start: int
    end: int


@dataclass
class Unit:
    """A unit the plan names; ``outside`` the kind of another level's or place's unit."""

    name: str
    aliases: list[str] = field(default_factory=list)
    kind: str = "other"
    known: bool = False
    outside: str | None = None


@dataclass
class Warning:
    """Something the reader saw but could not use (warnings come ranked: reading errors first)."""

    text: str
    message: str
    extra: dict = field(default_factory=dict)


@dataclass
class PlanData:
    document: Document
    tasks: list[Task]
    targets: list[Target]
    sections: list[Section] = field(default_factory=list)
    raw: dict = field(repr=False, compare=False, default_factory=dict)
    """The JSON object as given to :func:`load` (empty for the reader's own)."""
    source: Source | None = None
    goal: Goal | None = None
    units: list[Unit] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
