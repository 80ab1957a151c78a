"""The published plan as the reporters' pages read it, loaded once per data version and kept.

The to-do list, the report page and every save, submit and approval need the whole published
version (its sections, tasks, targets, responsibilities and deadlines: some 500 rows on the
demo) and its reporting obligations; loading them cost 20–30 ms of CPU per request, most of a
reporter's page. They change only when the plan, the units or the obligations change, so the
loaded graph is kept per process under the data versions of those tables
(:mod:`ecoplan.app.versions`: a change by any process or host is seen at the next request).

The kept graph is loaded in a session of its own and closed: its objects are detached, read
by many requests' threads at once and never written. Every relationship the pages follow is
loaded with it (a detached object cannot load more), and its obligations are computed then
(:func:`ecoplan.app.obligations.store.of`). A request that has itself written one of those
tables sees its own uncommitted state: it gets a version loaded in its own session, as before.

A unit's to-do items (:func:`items_for`; with the one-query notice count they took the to-do
page from ~14 to ~10 ms of server CPU on the demo) are kept with the kept graph they come from,
by the unit's fields they depend on and the period (at most units × periods entries, dropped
with the graph); for any other version they are computed each time.
"""

from __future__ import annotations

import threading

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ecoplan.app import versions
from ecoplan.app.obligations import store as obligations
from ecoplan.app.plans import versions as plan_versions
from ecoplan.app.plans.models import PlanVersion, Target, Task
from ecoplan.app.progress import todo
from ecoplan.app.progress.todo import TodoItem
from ecoplan.app.units.models import Unit

TABLES = ("plans", "plan_versions", "plan_sections", "plan_tasks", "plan_targets",
          "plan_responsibilities", "plan_deadlines", "units", "obligations")
"""What the kept graph and its obligations are read from."""
KEPT_DATABASES = 8
_KEPT: dict[str, tuple[tuple[int, ...], PlanVersion | None]] = {}
_ITEMS: dict[int, tuple[PlanVersion, dict]] = {}
"""The to-do items computed on each kept graph (by ``id`` of the graph, which it holds)."""
_GUARD = threading.Lock()


def published(session: Session) -> PlanVersion | None:
    """The published version units report against (fully loaded, obligations computed), or
    None; kept while none of :data:`TABLES` changes. Read it, never change it."""
    if versions.touched(session) & set(TABLES):
        return _load_in(session)
    database = session.get_bind().url.render_as_string(hide_password=True)
    key = versions.read(session, TABLES)
    kept = _KEPT.get(database)
    if kept is not None and kept[0] == key:
        return kept[1]
    with _GUARD:  # one thread loads a new version; the others wait for it, then use it
        kept = _KEPT.get(database)
        if kept is not None and kept[0] == key:
            return kept[1]
        loaded = _load_apart(session)
        if len(_KEPT) >= KEPT_DATABASES and database not in _KEPT:
            _KEPT.pop(next(iter(_KEPT)))
        _KEPT[database] = (key, loaded)
        kept_ids = {id(graph) for _key, graph in _KEPT.values()}
        for dropped in [i for i in _ITEMS if i not in kept_ids]:
            del _ITEMS[dropped]
        if loaded is not None:
            _ITEMS[id(loaded)] = (loaded, {})
        return loaded


def items_for(version: PlanVersion, unit: Unit, period: str | None = None) -> list[TodoItem]:
    """:func:`todo.items_for`, kept with ``version`` when it is a kept graph (by the unit's id,
    kind, name and aliases: all it reads of the unit, so a unit changed since is a new key)."""
    kept = _ITEMS.get(id(version))
    if kept is None or kept[0] is not version:
        return todo.items_for(version, unit, period)
    key = (unit.id, unit.kind, unit.name, tuple(unit.aliases or ()), period)
    items = kept[1].get(key)
    if items is None:
        items = kept[1][key] = tuple(todo.items_for(version, unit, period))
    return list(items)


def find_item(version: PlanVersion, unit: Unit, kind: str, uid: str) -> TodoItem | None:
    """:func:`todo.find_item` on the kept items."""
    return next((i for i in items_for(version, unit) if i.key == (kind, uid)), None)


def _load_apart(session: Session) -> PlanVersion | None:
    """Loaded in a short session of its own on the same database, then detached."""
    with Session(bind=session.get_bind(), expire_on_commit=False) as own:
        return _load_in(own)  # closing detaches without expiring: loaded values stay


def _load_in(session: Session) -> PlanVersion | None:
    latest = plan_versions.latest_published(session)
    if latest is None:
        return None
    version = session.scalars(select(PlanVersion).where(PlanVersion.id == latest.id).options(
        selectinload(PlanVersion.plan),
        selectinload(PlanVersion.sections),
        selectinload(PlanVersion.tasks).selectinload(Task.responsibilities),
        selectinload(PlanVersion.tasks).selectinload(Task.deadlines),
        selectinload(PlanVersion.tasks).selectinload(Task.targets),
        selectinload(PlanVersion.tasks).selectinload(Task.section),
        selectinload(PlanVersion.targets).selectinload(Target.task),
    )).one()
    obligations.of(version, session)
    return version

