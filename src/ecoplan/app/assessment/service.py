"""Quarterly review (季度点评) and annual assessment (综合考评) from what the platform knows."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecoplan.app.core.manifest import SessionHooks

from ecoplan.app.assessment.gather import (Period, assessed_units, lagging_tasks, ledger_stats,
                                           plan_version)
from ecoplan.app.assessment.grants import grants_by_unit
from ecoplan.app.assessment.sources import PlatformInputs
from ecoplan.app.ledger.models import LedgerItem
from ecoplan.app.supervision.proposals import Proposal, failing_grades, red_two_months
from ecoplan.assessment import RuleSet, UnitInputs, load_rules, score_units
from ecoplan.assessment.engine import UnitScore, honours
from ecoplan.assessment.rules import shipped_rules


@dataclass
class Review:
    period: Period
    rules: RuleSet
    scores: dict[str, list[UnitScore]]
    lagging: list = field(default_factory=list)
    summons: list[Proposal] = field(default_factory=list)
    commend: list[UnitScore] = field(default_factory=list)
    criticise: list[UnitScore] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    """Inputs the platform does not have yet (shown above the scores)."""
    provisional: bool = False
    """Annual scores on incomplete data: no honours, criticism or summons proposed from them."""


def rules_for(data_dir: Path, year: int) -> RuleSet:
    """The office's own ``<data_dir>/assessment/<year>.yaml`` if present, else the shipped one."""
    own = Path(data_dir) / "assessment" / f"{year}.yaml"
    return load_rules(own) if own.exists() else shipped_rules(year)


def unit_inputs(session: Session, *, targets: dict, reports: dict, grants: dict,
                when: Period, units: list[tuple[str, str]]) -> list[UnitInputs]:
    items = list(session.scalars(select(LedgerItem)))
    hooks = SessionHooks.of(session).unit_inputs  # features above: reports from the public
    return [UnitInputs(unit=name, kind=kind, targets=targets.get(name, {}),
                       reporting=reports.get(name),
                       ledger=ledger_stats(items, unit=name, kind=kind, end=when.end),
                       bonuses=grants.get(name, ((), ()))[0], vetoes=grants.get(name, ((), ()))[1],
                       **{h.field: h.stats(session, name, kind, when.start, when.end)
                          for h in hooks})
            for name, kind in units]


def review(session: Session, *, rules: RuleSet, source: PlatformInputs, when: Period) -> Review:
    """Scores and ranks of districts and lead departments for ``when``, with the lagging
    tasks, the units proposed for summons and (for a year) commendation and criticism.

    Summons (约谈) proposals: a quarter's review proposes them from targets red two months
    running up to the quarter's end; a year's assessment only from the year's grade (不合格),
    and a provisional one (data incomplete) proposes none at all, since its grades may still
    change. Red-month streaks belong to the quarterly reviews and the supervision page.
    """
    version = plan_version(session, when.year)
    targets = source.target_results(start=when.start, end=when.end)
    reports = source.reporting(start=when.start, end=when.end)
    grants = grants_by_unit(session, when.year, source.grants(year=when.year)) \
        if when.quarter is None else {}
    inputs = unit_inputs(session, targets=targets, reports=reports, grants=grants, when=when,
                         units=assessed_units(session, version))
    scores = score_units(rules, inputs)
    result = Review(period=when, rules=rules, scores=scores, lagging=lagging_tasks(version, when.end),
                    summons=_red_months(source, when), missing=_missing(version, targets, reports))
    until = source.data_until(year=when.year) if targets else None
    if until is not None and until < when.end:
        result.missing.append(f"监测数据截至 {until.isoformat()}：目标类项目按年初至该日累计值计")
    result.provisional = when.quarter is None and (
        not targets or not reports or (until is not None and until < when.end))
    if result.provisional:
        result.missing.append("数据不全，等次为暂定：暂不提出通报表扬、通报批评和约谈建议")
    elif when.quarter is None:  # the plan: 考核等级不合格的地区予以约谈和通报批评 (the year's grade)
        everyone = [s for kind in ("district", "department") for s in scores.get(kind, [])]
        result.commend, result.criticise = honours(rules, everyone)
        result.summons += failing_grades([(s.unit, s.grade) for s in result.criticise],
                                         period=when.label)
    return result


def _red_months(source: PlatformInputs, when: Period) -> list[Proposal]:
    """A quarter's 约谈 proposals from two red months ending by its last month (none for a year)."""
    if when.quarter is None:
        return []
    last = when.end.strftime("%Y-%m")
    return red_two_months([m for m in source.target_months(year=when.year) if m.month <= last])


def _missing(version, targets: dict, reports: dict) -> list[str]:
    notes = []
    if version is None:
        notes.append("该年度没有已发布的工作方案：无牵头部门排名与滞后任务")
    if not targets:
        notes.append("尚无目标完成数据（监测指标接入后计入），目标类项目按无数据计 0 分")
    if not reports:
        notes.append("尚无进展报送数据（进展填报接入后计入），报送类项目按无记录计 0 分")
    return notes
