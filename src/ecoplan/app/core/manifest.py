"""What a feature plugs into the application: the one page a newcomer reads to add a feature.

Each feature package has a ``manifest.py`` with ``MANIFEST = Manifest(...)``; the list of
features is ``ecoplan.app.features.FEATURES`` (plain imports, bottom layer first). From it
``create_app`` includes the routers, the page layout shows the navigation entries, the audit
log reads its Chinese labels, ``ecoplan demo`` runs the demo steps in order, ``ecoplan``
adds the CLI commands, events reach their listeners, the workbench adds up the counts and the
page header shows the badges.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Hashable, Mapping

if TYPE_CHECKING:
    import datetime as dt

    import click
    from fastapi import APIRouter
    from sqlalchemy.orm import Session


@dataclass(frozen=True)
class NavEntry:
    """An item of the main navigation, shown when the user may do ``action``."""

    path: str
    label: str
    action: str
    place: int
    """Position in the menu (ascending); features leave gaps of ten."""


@dataclass(frozen=True)
class AuditLabels:
    """The Chinese the audit log shows for what a feature records (see ``record(...)``)."""

    actions: Mapping[str, str] = field(default_factory=dict)
    """Action code → label (``"ledger.created": "新建整改事项"``)."""
    objects: Mapping[str, str] = field(default_factory=dict)
    """Object type → label."""
    fields: Mapping[str, str] = field(default_factory=dict)
    """Snapshot field → label (the same name means the same thing on every object)."""
    object_fields: Mapping[tuple[str, str], str] = field(default_factory=dict)
    """(object type, field) → label, where a field means something else on that object."""
    values: Mapping[tuple[str, str], Mapping[str, str]] = field(default_factory=dict)
    """(object type, field) → coded value → label (a ledger item's ``state``)."""
    composed: Mapping[str, Callable[[str], str | None]] = field(default_factory=dict)
    """Area → label of the codes ``area.rest`` made from a kind or verb, None when unknown."""


@dataclass(frozen=True)
class PageSection:
    """A block a feature adds to a page of a feature below it (the ledger's items on a plan's
    task page), so the lower feature never imports the higher one."""

    page: str
    """The page's name, as its view asks for it (``"plans.task"``)."""
    template: str
    """The partial rendered with ``context``'s variables."""
    context: Callable[[Session, Any, Any], dict | None]
    """``context(session, user, subject)``: the partial's variables, None to leave it out."""


@dataclass(frozen=True)
class FigureSource:
    """Where a target's figure comes from when its obligation's source is ``source`` and a
    feature above the status measures it (the survey's combined index), so the status never
    imports that feature."""

    source: str
    """The obligation's source code (``"survey"``)."""
    tables: tuple[str, ...]
    """The tables ``figure`` reads: the kept statuses are recomputed when one of them changes."""
    figure: Callable[[Session, Any, int, Any], dict | None]
    """``figure(session, obligation, year, as_of)``: the figure of the target whose
    :class:`~ecoplan.app.obligations.rules.Obligation` it is, in the plan ``year`` on the
    evaluation day ``as_of``: ``{"value", "span", "method", "n"}`` or None."""


@dataclass(frozen=True)
class UnitInput:
    """One field of a unit's assessment inputs (:class:`ecoplan.assessment.UnitInputs`) that a
    feature above the assessment gathers (the reports from the public it handled)."""

    field: str
    """The ``UnitInputs`` field (``"public_reports"``)."""
    stats: Callable[[Session, str, str, Any, Any], Any]
    """``stats(session, unit_name, unit_kind, start, end)``: the value for one unit."""


@dataclass(frozen=True)
class ExportColumns:
    """Columns a feature appends to the rows of a table of a lower feature's export."""

    headers: tuple[str, ...]
    values: Mapping[str, tuple]
    """Row key (the row's ``uid``) → one value per header; other rows are left blank."""
    number_formats: Mapping[int, str] = field(default_factory=dict)
    """Index in ``headers`` → Excel number format (``"0.00"``)."""


@dataclass(frozen=True)
class ExportAddition:
    """What an :class:`ExportPart` adds to one export."""

    columns: Mapping[str, ExportColumns] = field(default_factory=dict)
    """The export's table (``"tasks"``, ``"goals"``) → the columns appended to its rows."""
    sheets: tuple[Any, ...] = ()
    """Whole sheets (:class:`ecoplan.reports.xlsx.Sheet`) after the export's own."""


@dataclass(frozen=True)
class ExportPart:
    """Columns and sheets a feature adds to an export of a feature below it (the money of each
    task in the status workbook), so the lower feature never imports the higher one."""

    export: str
    """The export's name, as its view asks for it (``"status.workbook"``)."""
    action: str
    """Shown only to users who may do it (``"funding.view"``)."""
    tables: tuple[str, ...]
    """The tables ``build`` reads: a kept export is made again when one of them changes."""
    build: Callable[..., ExportAddition | None]
    """``build(session, subject)``: the addition for the export's subject (the status overview),
    None to add nothing; ``build(session, subject, audience(user))`` with an ``audience``."""
    audience: Callable[[Any], Hashable] | None = None
    """For an addition that depends on who asks (what they may see): the user's visibility
    class. ``build`` gets the class, never the user, and a kept export is kept per class, so
    users of one class share a file and nobody receives a file made for another class."""


SESSION_HOOKS = "ecoplan_hooks"
"""``session.info`` key under which ``create_app`` puts :class:`SessionHooks` (the features'
figure sources and unit inputs), so the status and the assessment read them from their session
without importing the features above them."""


@dataclass(frozen=True)
class SessionHooks:
    figure_sources: Mapping[str, FigureSource] = field(default_factory=dict)
    """Obligation source → its :class:`FigureSource`."""
    unit_inputs: tuple[UnitInput, ...] = ()

    @classmethod
    def of(cls, session: Session) -> "SessionHooks":
        """The hooks of ``session`` (none for a session made outside the application)."""
        return session.info.get(SESSION_HOOKS) or cls()


@dataclass(frozen=True)
class Tile:
    """A count of its own a feature adds to the workbench (工作台): its key (counted by the
    feature's :data:`WorkbenchCount`), label and link, shown when the user may ``action``."""

    key: str
    label: str
    link: str
    action: str


WorkbenchCount = Callable[["Session", Any, "dt.date"], Mapping[str, int]]
"""``count(session, user, day)``: what waits for ``user`` on ``day``, by workbench key
(``"overdue"``…); the workbench adds up every feature's counts."""

DemoStep = Callable[["Session", Any], None]
"""``step(session, report)``: idempotent; appends what it did to ``report.lines``."""


@dataclass(frozen=True)
class Manifest:
    """A feature's contributions; each entry is optional."""

    name: str
    routers: tuple[APIRouter, ...] = ()
    """Included in this order (no two features' paths overlap)."""
    nav: tuple[NavEntry, ...] = ()
    audit: AuditLabels = AuditLabels()
    sections: tuple[PageSection, ...] = ()
    """Blocks shown on other features' pages (see :func:`ecoplan.app.templating.sections`)."""
    demo_steps: tuple[DemoStep, ...] = ()
    """Run by ``ecoplan demo`` after the steps of the features below."""
    commands: tuple[click.Command, ...] = ()
    """Added to the ``ecoplan`` command group."""
    figure_sources: tuple[FigureSource, ...] = ()
    """Figures a target's status reads from this feature (see :class:`FigureSource`)."""
    tiles: tuple[Tile, ...] = ()
    """Counts of its own on the workbench (see :class:`Tile`; counted by ``counts``)."""
    unit_inputs: tuple[UnitInput, ...] = ()
    """Assessment inputs this feature gathers per unit (see :class:`UnitInput`)."""
    jobs: tuple[Callable[[Any], Callable[[], None] | None], ...] = ()
    """Background work of ``ecoplan serve``: ``hook(app)`` starts it in each worker process
    (under a database lease: :class:`ecoplan.app.serving.lease.LeasedJob`) and returns the
    function that stops it; tests and ``create_app`` alone start nothing."""
    settings: tuple[str, ...] = ()
    """Environment variables read beyond ``ecoplan.config.Settings`` (in docs/settings.md)."""
    listeners: Mapping[str, Callable[..., Any]] = field(default_factory=dict)
    """Event → what this feature does when a feature below announces it
    (:mod:`ecoplan.app.core.events`)."""
    counts: tuple[WorkbenchCount, ...] = ()
    """What waits for a user in this feature, shown on the workbench (工作台) below it."""
    exports: tuple[ExportPart, ...] = ()
    """Columns and sheets added to lower features' exports (see :class:`ExportPart`)."""
    badges: Mapping[str, Callable[[Session, Any], int]] = field(default_factory=dict)
    """Name → ``badge(session, user)``: a number every page's header shows
    (``"unread_notices"``)."""
