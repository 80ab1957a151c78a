"""The typed models → the ``ecoplan.plan/1`` JSON object the reader has always written.

Keys in the contract's order; a task read from running text has ``paragraphs``, a task
table's row has ``row`` instead (and its deadlines no ``phrase``/offsets); both have ``start``
and ``end`` when found in the document's text; a
unit's ``outside`` and a measure's ``inline`` only when set; unknown fields (``extra``) last.
"""

from __future__ import annotations

from ecoplan.plan.contract.models import (FORMAT, Deadline, Document, PlanData, Subitem, Target, Task, Unit,
                                          UnitRef, Warning)


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def _document(d: Document) -> dict:
    return {"title": d.title, "doc_number": d.doc_number, "issuer": d.issuer, "signed": d.signed,
            "published": d.published, "year": d.year, "year_source": d.year_source, "region": d.region,
            **d.extra}


def responsibility(groups: dict[str, list[UnitRef]]) -> dict:
    return {role: [{"name": u.name, "written": u.written} for u in units] for role, units in groups.items()}


def subitem(s: Subitem) -> dict:
    out = {"number": s.number, "title": s.title, "plain": s.plain, "start": s.start, "end": s.end}
    return out | ({"inline": True} if s.inline else {})


def _deadline(d: Deadline) -> dict:
    out = {"date": _iso(d.date), "text": d.text, "target": d.target}
    if d.start is not None:
        out |= {"phrase": d.phrase, "start": d.start, "end": d.end}
    return out | {"kind": d.kind, "scope": d.scope}


def _task(t: Task) -> dict:
    out = {"id": t.id, "number": t.number, "section": t.section, "title": t.title, "text": t.text,
           "responsibility": responsibility(t.responsibility)}
    if t.paragraphs is not None:
        out["paragraphs"] = [{"start": p.start, "end": p.end, "responsibility": responsibility(p.responsibility)}
                             for p in t.paragraphs]
    out |= {"subitems": [subitem(s) for s in t.subitems], "districts": list(t.districts),
            "deadlines": [_deadline(d) for d in t.deadlines]}
    if t.row is not None:
        out["row"] = t.row
    if t.start is not None:
        out |= {"start": t.start, "end": t.end}
    return out | t.extra


def _target(g: Target) -> dict:
    return {"id": g.id, "task": g.task, "metric": g.metric, "scope": g.scope, "comparator": g.comparator,
            "value": g.value, "unit": g.unit, "baseline": g.baseline, "soft": g.soft,
            "deadline": _iso(g.deadline), "text": g.text, "start": g.start, "end": g.end, "change": g.change,
            "approximate": g.approximate, "words": g.words, **g.extra}


def _unit(u: Unit) -> dict:
    out = {"name": u.name, "aliases": list(u.aliases), "kind": u.kind, "known": u.known}
    return out | ({"outside": u.outside} if u.outside else {})


def _warning(w: Warning) -> dict:
    return {"text": w.text, "message": w.message, **w.extra}


def dump(plan: PlanData) -> dict:
    """``plan`` as the ``ecoplan.plan/1`` JSON object (``load(dump(p)) == p`` for a loaded ``p``)."""
    s, g = plan.source, plan.goal
    return {
        "format": FORMAT,
        "source": {"file": s.file, "sha256": s.sha256, "chars": s.chars} if s else None,
        "document": _document(plan.document),
        "sections": [{"id": x.id, "path": list(x.path), "title": x.title} for x in plan.sections],
        "goal": {"section": g.section, "text": g.text, "start": g.start, "end": g.end} if g else None,
        "tasks": [_task(t) for t in plan.tasks],
        "targets": [_target(t) for t in plan.targets],
        "units": [_unit(u) for u in plan.units],
        "warnings": [_warning(w) for w in plan.warnings],
    }
