"""``ecoplan assessment check`` and ``ecoplan assessment score``: rules files without the web app."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ecoplan.assessment.engine import UnitScore, score_units
from ecoplan.assessment.explain import fmt
from ecoplan.assessment.inputs import LedgerStats, ReportingStats, TargetResult, UnitInputs
from ecoplan.assessment.rules import load_rules
from ecoplan.errors import InputError

RULES = click.argument("rules", type=click.Path(dir_okay=False, path_type=Path))


@click.group("assessment")
def assessment() -> None:
    """Assessment rules (考评细则): validate a rules file, score units against it."""


@assessment.command("check")
@RULES
def check(rules: Path) -> None:
    """Validate RULES (YAML) and print its items and full scores as JSON."""
    ruleset = load_rules(rules)
    click.echo(json.dumps({
        "year": ruleset.year, "title": ruleset.title,
        "items": [{"id": i.id, "name": i.name, "kind": i.kind, "weight": i.weight,
                   **({"mode": i.mode} if i.mode else {}), "applies_to": list(i.applies_to)}
                  for i in ruleset.items],
        "full_score": {k: ruleset.full_score(k) for k in ("district", "department")},
        "grades": {g.name: g.min for g in ruleset.grades}}, ensure_ascii=False, indent=2))


def _unit(raw: dict, file: str, row: int) -> UnitInputs:
    try:
        return UnitInputs(
            unit=raw["unit"], kind=raw["kind"],
            targets={m: TargetResult(m, t["target"], t.get("actual"), t.get("applicable", True))
                     for m, t in raw.get("targets", {}).items()},
            reporting=ReportingStats(**raw["reporting"]) if raw.get("reporting") else None,
            ledger=LedgerStats(**raw["ledger"]) if raw.get("ledger") else None,
            bonuses=tuple(raw.get("bonuses", ())), vetoes=tuple(raw.get("vetoes", ())))
    except (KeyError, TypeError) as err:
        raise InputError(f"单位数据不完整或字段有误：{err}", file=file, row=row) from None


def _as_dict(score: UnitScore) -> dict:
    return {"rank": score.rank, "unit": score.unit, "total": fmt(score.total), "grade": score.grade,
            "veto": score.veto, "notes": score.notes,
            "lines": [{"item": l.item, "rule": l.rule, "number": l.number, "points": fmt(l.points)}
                      for l in score.lines]}


@assessment.command("score")
@RULES
@click.argument("inputs", type=click.Path(dir_okay=False, path_type=Path))
def score(rules: Path, inputs: Path) -> None:
    """Score the units in INPUTS (a JSON list: unit, kind, targets, reporting, ledger, bonuses,
    vetoes) against RULES; print the ranking with every point explained, as JSON.

    targets: {measure: {target, actual, applicable}}; a measure is the rules' metric, after its
    section level for water items (国考优Ⅲ比例); applicable false leaves the item out of the unit's
    full score."""
    ruleset = load_rules(rules)
    try:
        raw = json.loads(inputs.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise InputError(f"无法读取单位数据：{err}", file=str(inputs)) from None
    if not isinstance(raw, list):
        raise InputError("应为单位数据的 JSON 列表", file=str(inputs))
    units = [_unit(u, str(inputs), i) for i, u in enumerate(raw, start=1)]
    result = {kind: [_as_dict(s) for s in scores]
              for kind, scores in score_units(ruleset, units).items()}
    click.echo(json.dumps(result, ensure_ascii=False, indent=2))
