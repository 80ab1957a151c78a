"""Each target's figure from its obligation, and its one status (:mod:`.verdict`).

``report``: the owner's latest approved value; ``contributions``: each named unit's latest
approved value, made into the city figure by the aggregation rule, every part kept beside it;
``monitoring``: the goal's monitoring row (:func:`goal_status`); ``survey`` and ``projects``: a
feature above measures it (:mod:`.outside`: the survey's index, the project ledger's aggregate on
the evaluation day, in the target's money unit). The figure is due in the
latest period of the obligation's frequency whose due date has passed; before its first one, a
target without a value is 未到报送期.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from ecoplan.app.obligations import store as obligations
from ecoplan.app.obligations.rules import Obligation, aggregate
from ecoplan.app.plans.models import Target
from ecoplan.app.plans.present import target_text
from ecoplan.app.progress import periods
from ecoplan.app.progress.todo import span_of
from ecoplan.app.status import settings as status_settings
from ecoplan.app.status.pace import expected_pace
from ecoplan.app.status.status import DONE, MISSING, NOT_DUE, OVERDUE, Status
from ecoplan.app.obligations.rules import is_cumulative
from ecoplan.app.status.verdict import Figure, judge, readable_basis, span_words
from ecoplan.plan.reading import relative_words


def due_period(ctx, ob: Obligation) -> str | None:
    """The latest calendar period due by the evaluation day that asks for this figure."""
    return next((p for p in reversed(ctx.passed) if ob.due_in(*span_of(p))), None)


def _report(ctx, uid: str, unit_id: int | None):
    return ctx.latest.get(("target", uid, unit_id)) if unit_id else None


def _deadline(ctx, target: Target) -> dt.date:
    from ecoplan.app.status.service import task_deadline

    if target.deadline:
        return target.deadline
    return task_deadline(target.task, ctx.year) if target.task else dt.date(ctx.year, 12, 31)


def parts_of(ctx, target: Target, ob: Obligation) -> list[dict]:
    """Each contribution with its quota and its latest approved value and period."""
    out = []
    for c in ob.contributions:
        r = _report(ctx, target.uid, c.unit_id)
        out.append({"unit": c.unit, "unit_id": c.unit_id, "quota": c.quota,
                    "value": r.value_to_date if r else None, "period": r.period if r else None})
    return out


def target_status(ctx, target: Target) -> tuple[Status, dict]:
    """The target's status and its figure (source, owner, aggregation, contributions, value)."""
    ob = obligations.of(ctx.version)[target.uid]
    period = due_period(ctx, ob)
    deadline = _deadline(ctx, target)
    pace = expected_pace(start=dt.date(ctx.year, 1, 1), deadline=deadline, as_of=ctx.as_of,
                         mode="time")
    words = relative_words(target.comparator, target.value, target.unit, target.baseline,
                           target.text)
    metric = target.metric or target_text(target)
    if words:  # 生态质量指数持续提升: the figure is the change against the base, in %
        metric = f"{metric}较{target.baseline or '上年'}变化幅度"
    base = dict(metric=metric, comparator=target.comparator,
                target=target.value, unit=target.unit, expected=pace.share,
                cumulative=is_cumulative(target.comparator, target.value, target.unit),
                deadline_passed=ctx.as_of > deadline)
    parts: list[dict] = []
    if ob.source == "contributions":
        parts = parts_of(ctx, target, ob)
        city = aggregate(ob.aggregation, [(p["value"], p["quota"]) for p in parts],
                         comparator=target.comparator, target=target.value)
        late = [p["unit"] for p in parts if period and (p["period"] or "") < period]
        counted = ob.aggregation in ("all_met", "share_met")  # units meeting their quota
        fig = Figure(**{**base, "comparator": city.comparator, "target": city.target,
                        "cumulative": base["cumulative"] and ob.aggregation == "sum",
                        **({"metric": f"{base['metric']}达标单位",
                            "unit": "个" if ob.aggregation == "all_met" else "%"}
                           if counted else {})},
                     value=city.value, reported=not late, span=_span(ctx, parts),
                     missing_text=f"{'、'.join(late)}尚未报送{periods.label(period or '')}的分解数")
    elif ob.source == "report":
        r = _report(ctx, target.uid, ob.owner_id)
        missing = (f"{ob.owner}尚未报送{periods.label(period or '')}的数据" if ob.owner
                   else "没有报送单位：请生态办在报送责任中指定")
        fig = Figure(**base, value=r.value_to_date if r else None,
                     reported=r is not None and (period is None or r.period >= period),
                     span=f"截至{periods.label(r.period)}" if r else "", missing_text=missing)
    elif ob.source == "survey":
        fig = survey_figure(ctx, target, base)
    elif ob.source == "projects":
        fig = projects_figure(ctx, target, base)
    else:
        fig = Figure(**base, value=None, reported=False,
                     missing_text="由监测数据评价：见工作目标")
    status = _judge(ctx, fig, ob, period, words)
    found = ctx.outside.get(target.uid) or {}
    return status, {"source": ob.source, "owner": ob.owner, "frequency": ob.frequency,
                    "aggregation": ob.aggregation, "contributions": parts, "value": fig.value,
                    "period_due": period, "pace": pace.explain(),
                    **({"method": found.get("method"), "n": found.get("n"),
                        "survey": found.get("survey")} if ob.source == "survey" else {}),
                    **({"method": found.get("method"), "n": found.get("n"),
                        "measure": found.get("measure_label"), "scope": found.get("scope"),
                        "span": found.get("span")} if ob.source == "projects" else {})}


def survey_figure(ctx, target: Target, base: dict) -> Figure:
    """The survey's combined index as the target's figure (``ctx.outside``: the survey feature
    measures it); it stands whenever a survey of the year has answers."""
    found = ctx.outside.get(target.uid)
    if found is None or found.get("value") is None:
        return Figure(**base, value=None, reported=False,
                      missing_text="本年度满意度和参与度调查尚无结果")
    return Figure(**{**base, "cumulative": False}, value=found["value"], reported=True,
                  span=found.get("span") or "")


MONEY = {"万元": 1.0, "亿元": 1e-4, "元": 1e4}
"""A target's money unit → its amount per 万元 (the ledger's unit)."""


def in_target_unit(value: float | None, unit: str, target_unit: str) -> float | None:
    """A project aggregate in ``unit`` (个, 万元, %) as the target counts it (万元 → 亿元);
    None when the target's unit is not of that kind (a count bound to a money target)."""
    if value is None:
        return None
    if unit == "万元":
        return round(value * MONEY[target_unit], 6) if target_unit in MONEY else None
    if unit == "%":
        return value if target_unit == "%" else None
    return value if target_unit not in MONEY and target_unit != "%" else None


def projects_figure(ctx, target: Target, base: dict) -> Figure:
    """The project ledger's aggregate as the target's figure (``ctx.outside``: the projects
    feature measures it on the evaluation day)."""
    found = ctx.outside.get(target.uid)
    if found is None:
        return Figure(**base, value=None, reported=False,
                      missing_text="没有重点工程项目统计口径：请生态办在报送责任中指定")
    value = in_target_unit(found.get("value"), found["unit"], target.unit or "")
    if value is None:
        text = ("统计口径的单位（" + found["unit"] + "）与目标单位（" + (target.unit or "无")
                + "）不符" if found.get("value") is not None else "所选项目尚无计划投资")
        return Figure(**base, value=None, reported=False, missing_text=text)
    return Figure(**base, value=value, reported=True, span=found.get("span") or "")


def _span(ctx, parts: list[dict]) -> str:
    reported = [p["period"] for p in parts if p["period"]]
    return f"截至{periods.label(max(reported))}各单位合计" if reported else ""


def _judge(ctx, fig: Figure, ob: Obligation, period: str | None, words: str | None = None) -> Status:
    """The status of a target's figure; ``words``: a target without a figure of its own
    (较2022年提升) is said so, as a goal whose figure is its change against the base."""
    goal = f"目标为{words}（方案未给出数值，以{fig.metric}衡量）；" if words else ""
    if ob.source in ("survey", "projects"):  # measured whenever there is a figure
        return judge(fig, status_settings.thresholds(ctx.settings))
    if not ob.has_path and ob.source != "monitoring":
        text = goal + (fig.missing_text or "没有报送路径：请生态办在报送责任中指定")
        return Status(MISSING, {"now": text, "year_end": None, "text": text,
                                "comparator": fig.comparator, "target": fig.target})
    if period is None:
        if fig.value is None:
            who = f"由{ob.owner}报送，" if ob.owner else ""
            text = f"{goal}{who}首次报送期为{ob.months[0] if ob.months else 12}月，尚未到期"
            return Status(NOT_DUE, {"now": text, "year_end": None, "text": text,
                                     "comparator": fig.comparator, "target": fig.target})
        fig = replace(fig, reported=True)
    return judge(fig, status_settings.thresholds(ctx.settings))


def monitoring_figure(row: dict) -> Figure:
    """A goal's monitoring row (:func:`ecoplan.monitoring.targets.status`) as a figure."""
    cast = row.get("backcast") or {}
    projection = cast.get("projection") or {}
    as_of = dt.date.fromisoformat(row["as_of"])
    unit = row.get("unit", "") or ""
    return Figure(metric=row.get("label") or "", comparator=row["comparator"],
                  target=row["value"], unit=unit, value=row.get("current"),
                  reported=row.get("current") is not None,
                  span=span_words(dt.date(as_of.year, 1, 1), as_of),
                  statistic="均值" if "/" in unit else "",
                  deadline_passed=as_of >= dt.date(as_of.year, 12, 31),
                  projection=projection.get("value"), basis=readable_basis(projection.get("basis")),
                  achievable=False if row["status"] == "无法完成" else None,
                  missing_text="该目标暂无监测数据")



FINAL = {"已完成": DONE, "未完成": OVERDUE}
"""The monitoring verdicts once the year is over."""


def goal_status(row: dict | None) -> Status:
    """A goal's status from its monitoring row (current value, back-cast, projection) of
    :func:`ecoplan.monitoring.targets.status`; None: no indicator measures it."""
    if row is None:
        text = "该目标没有对应的监测指标：请在报送责任中指定报送单位"
        return Status(MISSING, {"source": "monitoring", "now": text, "year_end": None, "text": text})
    cast = row.get("backcast") or {}
    status = judge(monitoring_figure(row))
    code = FINAL.get(row["status"], status.code)
    why = {**status.why, "source": "monitoring", "monitoring_status": row["status"],
           "current": row.get("current"), "as_of": row.get("as_of"),
           "statistic": row["indicator"].get("statistic", ""),
           "achievable": (cast.get("achievable") or {}).get("text"),
           "max_remaining_mean": cast.get("max_remaining_mean"),
           "good_days_needed": cast.get("good_days_needed"),
           "bad_days_allowed": cast.get("bad_days_allowed")}
    return Status(code, why)


def goal_rows(ctx, rows: list[dict]) -> list[dict]:
    """The goals' monitoring rows, with the goals the office gave an owner or contributions
    (emission cuts, 林木覆盖率 …) judged from their reports instead."""
    obs = obligations.of(ctx.version)
    by_uid = {t.uid: t for t in ctx.version.targets}
    out = []
    for row in rows:
        ob = obs.get(row["uid"])
        if ob is None or ob.source == "monitoring":
            out.append({**row, "source": "monitoring", "owner": None})
            continue
        status, figure = target_status(ctx, by_uid[row["uid"]])
        out.append({**row, "source": ob.source, "owner": ob.owner, "current": figure["value"],
                    "projection": None, "backcast": None,
                    "status": Status(status.code, {**status.why, "figure": figure}).as_dict()})
    return out
