"""Quarterly review (季度点评) and annual assessment (综合考评) from what the platform knows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecoplan.app.assessment.gather import Period, assessed_units, ledger_stats, plan_version
from ecoplan.app.assessment.grants import grants_by_unit
from ecoplan.app.assessment.sources import PlatformInputs
from ecoplan.app.assessment.synthetic import synthetic_parts
from ecoplan.app.assessment.work_inputs import Work, work
from ecoplan.app.core import clock
from ecoplan.app.core.manifest import SessionHooks
from ecoplan.app.ledger.models import LedgerItem
from ecoplan.app.supervision.proposals import Proposal, failing_grades, red_two_months
from ecoplan.assessment import RuleSet, UnitInputs, load_rules, score_units
from ecoplan.assessment.engine import UnitScore, honours, summoned
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
    as_of: dt.date | None = None
    """The day the review's figures run to: the evaluation day, capped at the period's end."""
    synthetic: list[str] = field(default_factory=list)
    """Inputs that are synthetic (监测数据, 进展报告 …): the page and circular say 合成数据."""
    task_status: dict = field(default_factory=dict)
    """Task uid → its one status, for the lagging tasks' labels."""

    @property
    def until(self) -> str:
        """截至6月底 when the figures run to a month's end, else 截至7月10日."""
        day = self.as_of or self.period.end
        if (day + dt.timedelta(days=1)).day == 1:
            return f"截至{day.month}月底"
        return f"截至{day.month}月{day.day}日"


def rules_for(data_dir: Path, year: int) -> RuleSet:
    """The office's own ``<data_dir>/assessment/<year>.yaml`` if present, else the shipped one."""
    own = Path(data_dir) / "assessment" / f"{year}.yaml"
    return load_rules(own) if own.exists() else shipped_rules(year)


def unit_inputs(session: Session, *, targets: dict, reports: dict, grants: dict,
                start: dt.date, as_of: dt.date, units: list[tuple[str, str]],
                done: Work) -> list[UnitInputs]:
    items = list(session.scalars(select(LedgerItem)))
    hooks = SessionHooks.of(session).unit_inputs  # features above: reports from the public
    return [UnitInputs(unit=name, kind=kind, targets=targets.get(name, {}),
                       reporting=reports.get(name),
                       ledger=ledger_stats(items, unit=name, kind=kind, end=as_of),
                       work=done.by_unit.get(name, ()) if done.as_of else None,
                       bonuses=grants.get(name, ((), ()))[0], vetoes=grants.get(name, ((), ()))[1],
                       **{h.field: h.stats(session, name, kind, start, as_of) for h in hooks})
            for name, kind in units]


def review(session: Session, *, rules: RuleSet, source: PlatformInputs, when: Period) -> Review:
    """Scores and ranks of districts and lead departments for ``when``, with the lagging
    tasks, the units proposed for summons and (for a year) commendation and criticism.

    Figures run to the evaluation day (capped at the period's end): ledger items due by then,
    the one status of each unit's tasks and targets on that day. A year assessed before its
    end is provisional (暂定), as is one on incomplete data.

    Measures follow the rules file: a quarter's review proposes 约谈 from targets red two months
    running when the rules say so (``summon_red_months``); a year's assessment commends,
    criticises and summons the grades (and unit kinds) the rules name, and a provisional one
    proposes none, since its grades may still change.
    """
    version = plan_version(session, when.year)
    units = assessed_units(session, version)
    done = work(session, when=when, today=clock.evaluation_day(session), units=units)
    as_of = done.as_of or min(when.end, clock.evaluation_day(session))
    targets = source.target_results(start=when.start, end=when.end)
    reports = source.reporting(start=when.start, end=when.end)
    grants = grants_by_unit(session, when.year, source.grants(year=when.year)) \
        if when.quarter is None else {}
    inputs = unit_inputs(session, targets=targets, reports=reports, grants=grants,
                         start=when.start, as_of=as_of, units=units, done=done)
    scores = score_units(rules, inputs)
    result = Review(period=when, rules=rules, scores=scores, lagging=done.lagging(version),
                    summons=_red_months(rules, source, when), as_of=as_of, task_status=done.tasks,
                    missing=_missing(version, targets, reports, done),
                    synthetic=synthetic_parts(session, source, start=when.start, end=when.end))
    until = source.data_until(year=when.year) if targets else None
    if until is not None and until < when.end:
        result.missing.append(f"监测数据截至 {until.isoformat()}：目标类项目按年初至该日累计值计")
    result.provisional = when.quarter is None and (
        not targets or not reports or (until is not None and until < when.end) or as_of < when.end)
    if when.quarter is None and as_of < when.end:
        result.missing.append(f"评估日期为 {as_of.isoformat()}，年度尚未结束：任务和目标按该日状态计")
    if result.provisional:
        result.missing.append("数据不全，等次为暂定：暂不提出通报表扬、通报批评和约谈建议")
    elif when.quarter is None:  # the rules say which grades (and kinds) are criticised, summoned
        everyone = [s for kind in ("district", "department") for s in scores.get(kind, [])]
        result.commend, result.criticise = honours(rules, everyone)
        result.summons += failing_grades([(s.unit, s.grade) for s in summoned(rules, everyone)],
                                         period=when.label)
    return result


def _red_months(rules: RuleSet, source: PlatformInputs, when: Period) -> list[Proposal]:
    """A quarter's 约谈 proposals from two red months ending by its last month, when the rules
    say so (none for a year)."""
    if when.quarter is None or not rules.summon_red_months:
        return []
    last = when.end.strftime("%Y-%m")
    return red_two_months([m for m in source.target_months(year=when.year) if m.month <= last])


def _missing(version, targets: dict, reports: dict, done: Work) -> list[str]:
    notes = []
    if version is None:
        notes.append("该年度没有已发布的工作方案：无牵头部门排名与滞后任务")
    elif done.as_of is None:
        notes.append("尚无任务和目标状态，完成情况类项目按无数据计 0 分")
    if not targets:
        notes.append("尚无目标完成数据（监测指标接入后计入），目标类项目按无数据计 0 分")
    if not reports:
        notes.append("尚无进展报送数据（进展填报接入后计入），报送类项目按无记录计 0 分")
    return notes
