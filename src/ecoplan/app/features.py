"""The application's features, bottom layer first: the one list everything else loops over.

A feature may use the core (``ecoplan.app.core``, ``db``, ``forms``, ``deps``, ``permissions``,
``templating``) and the features listed before it, never one listed after it
(``tests/test_layering.py`` checks it). To add a feature, write its ``manifest.py``
(:mod:`ecoplan.app.core.manifest`) and add it here.
"""

from __future__ import annotations

from typing import Callable

from ecoplan.app import api, api_admin, home
from ecoplan.app.admin.manifest import MANIFEST as admin
from ecoplan.app.annualreports.manifest import MANIFEST as annualreports
from ecoplan.app.assessment.manifest import MANIFEST as assessment
from ecoplan.app.audit.labels import LabelBook
from ecoplan.app.auth.manifest import MANIFEST as auth
from ecoplan.app.core import events
from ecoplan.app.core.manifest import (ExportPart, FigureSource, Manifest, NavEntry, PageSection,
                                       SessionHooks, Tile, WorkbenchCount)
from ecoplan.app.documents.manifest import MANIFEST as documents
from ecoplan.app.feedback.manifest import MANIFEST as feedback
from ecoplan.app.funding.manifest import MANIFEST as funding
from ecoplan.app.intake.manifest import MANIFEST as intake
from ecoplan.app.letters.manifest import MANIFEST as letters
from ecoplan.app.ledger.manifest import MANIFEST as ledger
from ecoplan.app.meetings.manifest import MANIFEST as meetings
from ecoplan.app.obligations.manifest import MANIFEST as obligations
from ecoplan.app.plans.manifest import MANIFEST as plans
from ecoplan.app.progress.manifest import MANIFEST as progress
from ecoplan.app.projects.manifest import MANIFEST as projects
from ecoplan.app.public.manifest import MANIFEST as public
from ecoplan.app.seals.manifest import MANIFEST as seals
from ecoplan.app.status.manifest import MANIFEST as status
from ecoplan.app.subplans.manifest import MANIFEST as subplans
from ecoplan.app.supervision.manifest import MANIFEST as supervision
from ecoplan.app.surveys.manifest import MANIFEST as surveys
from ecoplan.app.units.manifest import MANIFEST as units
from ecoplan.app.workbench.manifest import MANIFEST as workbench

site = Manifest(name="site", routers=(home.router, api.router, api_admin.router),
                nav=(NavEntry("/", "首页", "public", 10),))
"""The home page and the users/units/audit API (``app/home.py``, ``api.py``, ``api_admin.py``)."""

FEATURES: tuple[Manifest, ...] = (units, auth, seals, plans, obligations, ledger, progress, workbench,
                                  intake, supervision, status, projects, funding, subplans, letters, meetings,
                                  assessment, annualreports, documents, admin,
                                  public, feedback, surveys,
                                  site)


def _subscribe(features: tuple[Manifest, ...]) -> None:
    for feature in features:
        for event, listener in feature.listeners.items():
            events.subscribe(event, listener)


_subscribe(FEATURES)


def workbench_counts(features: tuple[Manifest, ...] = FEATURES) -> list[WorkbenchCount]:
    """What every feature counts for the workbench, in feature order."""
    return [count for f in features for count in f.counts]


def badges(features: tuple[Manifest, ...] = FEATURES) -> dict[str, Callable]:
    """Header badge name → how to count it."""
    return {name: badge for f in features for name, badge in f.badges.items()}


def navigation(features: tuple[Manifest, ...] = FEATURES) -> list[NavEntry]:
    """Every feature's menu entries in menu order."""
    return sorted((entry for f in features for entry in f.nav), key=lambda e: e.place)


def page_sections(features: tuple[Manifest, ...] = FEATURES) -> dict[str, list[PageSection]]:
    """Page name → the blocks features add to it, in feature order."""
    found: dict[str, list[PageSection]] = {}
    for section in (s for f in features for s in f.sections):
        found.setdefault(section.page, []).append(section)
    return found


def export_parts(features: tuple[Manifest, ...] = FEATURES) -> dict[str, list[ExportPart]]:
    """Export name → the columns and sheets features add to it, in feature order."""
    found: dict[str, list[ExportPart]] = {}
    for part in (p for f in features for p in f.exports):
        found.setdefault(part.export, []).append(part)
    return found


def audit_labels(features: tuple[Manifest, ...] = FEATURES) -> LabelBook:
    """The audit log's labels of every feature."""
    return LabelBook(f.audit for f in features)


def figure_sources(features: tuple[Manifest, ...] = FEATURES) -> dict[str, FigureSource]:
    """Obligation source → the feature's figure of a target (one feature per source)."""
    found: dict[str, FigureSource] = {}
    for source in (s for f in features for s in f.figure_sources):
        if source.source in found:
            raise ValueError(f"two features give the figure of source {source.source!r}")
        found[source.source] = source
    return found


def tiles(features: tuple[Manifest, ...] = FEATURES) -> tuple[Tile, ...]:
    """The workbench counts features add, in feature order."""
    return tuple(t for f in features for t in f.tiles)


def session_hooks(features: tuple[Manifest, ...] = FEATURES) -> SessionHooks:
    """What the application's sessions carry for the status and the assessment."""
    return SessionHooks(figure_sources(features),
                        tuple(i for f in features for i in f.unit_inputs))


def application_sessionmaker(engine, settings=None):
    """Sessions on ``engine`` as the application makes them: writes bump the data versions,
    ``settings`` ride along (:func:`ecoplan.app.versions.make_sessionmaker`) and each session
    carries the features' hooks (figures measured by surveys, the assessment's inputs from public
    reports), so a command sees the same figures as the web pages."""
    from ecoplan.app.core.manifest import SESSION_HOOKS
    from ecoplan.app.versions import make_sessionmaker

    return make_sessionmaker(engine, settings, info={SESSION_HOOKS: session_hooks(FEATURES)})

