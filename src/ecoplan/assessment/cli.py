"""``ecoplan assessment check`` and ``ecoplan assessment score``: rules files without the web app."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ecoplan.assessment.engine import UnitScore, score_units
from ecoplan.assessment.explain import fmt
from ecoplan.assessment.inputs import (LedgerStats, ReportingStats, TargetResult, UnitInputs,
                                       WorkItem)
from ecoplan.assessment.rules import load_rules
from ecoplan.errors import InputError

RULES = click.argument("rules", type=click.Path(dir_okay=False, path_type=Path))


@click.group("assessment")
def assessment() -> None:
    """考评细则：检查细则文件，按细则为单位计分。"""


@assessment.command("check")
@RULES
def check(rules: Path) -> None:
    """检查考评细则 RULES（YAML），以 JSON 输出其考评项目和满分。"""
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
            work=tuple(WorkItem(**w) for w in raw["work"]) if raw.get("work") is not None else None,
            bonuses=tuple(raw.get("bonuses", ())), vetoes=tuple(raw.get("vetoes", ())))
    except (KeyError, TypeError, ValueError) as err:
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
    """按考评细则 RULES 为 INPUTS 中的单位计分，以 JSON 输出排名和逐项得分说明。

    INPUTS：JSON 列表，每个单位含 unit、kind、targets、reporting、ledger、work、bonuses、vetoes。

    targets：{指标: {target, actual, applicable}}；指标即细则中的 metric，水质项目前加断面级别
    （如 国考优Ⅲ比例）；applicable 为 false 时该项不适用，不计入该单位满分。

    work：[{kind, name, status, deadline}]，单位牵头的任务（kind task）和承担或分解给它的目标
    （kind target）在评估日的状态（done、on_pace、behind、far_behind、overdue、missing、
    not_due）；deadline 为本期到期事项的结果 met / late / missed，未到期不填。"""
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
