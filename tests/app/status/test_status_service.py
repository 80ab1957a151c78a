"""Statuses from the database: reports in, statuses with their numbers out."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from ecoplan.app.progress import service as progress
from ecoplan.app.progress.models import ProgressReport
from ecoplan.app.status import service
from ecoplan.app.status import settings as status_settings
from ecoplan.app.status.units import units
from ecoplan.errors import InputError

AS_OF = dt.date(2023, 7, 10)  # the evaluation day the fixture stores
TASK6 = "6"     # 强化生态环境分区管控: 市生态环境局 leads; no targets, no deadlines
TASK19 = "19"   # 实施支流支浜整治提升工程: 市生态环境局 leads; target ≥ 113 条 by 2023-12-31


def _overview(env):
    with env.session() as s:
        ctx = service.context(s, today=dt.date(2026, 1, 1))
        tasks = service.tasks(ctx)
        return ctx, tasks, units(s, ctx, tasks)


def _task(tasks, number):
    return next(t for t in tasks if t["number"] == number)


def test_evaluation_day_and_the_period_due(seeded):
    ctx, tasks, _ = _overview(seeded)
    assert ctx.as_of == AS_OF
    assert (ctx.period, ctx.due) == ("2023-06", dt.date(2023, 7, 5))
    assert service.counts(tasks)["missing"] == len(tasks) == 36


def test_nothing_due_yet_is_not_missing(seeded):
    with seeded.session() as s:
        status_settings.current(s).as_of = dt.date(2023, 2, 3)  # January is due on 02-06
    _, tasks, _ = _overview(seeded)
    assert service.counts(tasks)["missing"] == 0
    assert _task(tasks, TASK6)["status"]["why"]["period_due"] is None


def test_only_an_approved_report_counts(seeded):
    seeded.report(TASK6, approve=False)
    assert _task(_overview(seeded)[1], TASK6)["status"]["code"] == "missing"
    seeded.report(TASK6, period="2023-07")
    status = _task(_overview(seeded)[1], TASK6)["status"]
    assert status["code"] == "on_pace"
    assert status["why"]["report_period"] == "2023-07" and status["why"]["report_unit"] == "市生态环境局"


def test_an_older_report_is_missing_for_the_period_due(seeded):
    seeded.report(TASK6, period="2023-05")
    status = _task(_overview(seeded)[1], TASK6)["status"]
    assert status["code"] == "missing" and status["why"]["report_period"] == "2023-05"


def test_quantitative_target_against_the_pace(seeded):
    # ≥ 113 条 by 2023-12-31; on 07-10 (day 191 of 365) the pace is 52.3 %.
    seeded.report(TASK19, kind="target", value_to_date="30")   # 26.5 %: 25.8 points behind
    _, tasks, _ = _overview(seeded)
    task = _task(tasks, TASK19)
    target = task["targets"][0]["status"]
    assert target["why"]["expected_percent"] == 52.3
    assert target["why"]["achieved_percent"] == 26.5 and target["why"]["gap_points"] == 25.8
    assert target["code"] == "far_behind"
    # the task takes its targets' share; its own report is missing but its target's is in
    assert task["status"]["code"] == "far_behind" and task["status"]["why"]["achieved_percent"] == 26.5
    assert task["targets"][1]["status"]["code"] == "missing"  # 劣Ⅴ类 = 0: nobody reported


def test_thresholds_from_the_settings(seeded):
    seeded.report(TASK19, kind="target", value_to_date="40")   # 35.4 %: 16.9 points behind
    assert _task(_overview(seeded)[1], TASK19)["targets"][0]["status"]["code"] == "behind"
    with seeded.session() as s:
        row = status_settings.current(s)
        status_settings.update(s, actor=seeded.user(s, "admin"), version=row.version,
                               values={"lag_points": 20.0, "severe_points": 30.0,
                                       "pace_mode": "time", "as_of": AS_OF})
    assert _task(_overview(seeded)[1], TASK19)["targets"][0]["status"]["code"] == "on_pace"


def test_overdue_after_the_deadline(seeded):
    seeded.report(TASK19, kind="target", value_to_date="100", period="2023-12")
    with seeded.session() as s:
        status_settings.current(s).as_of = dt.date(2024, 1, 10)
    status = _task(_overview(seeded)[1], TASK19)["targets"][0]["status"]
    assert status["code"] == "overdue"
    # a period past the plan year is refused (issue #11): the year's last report is corrected
    with pytest.raises(InputError, match="报告期"):
        seeded.report(TASK19, kind="target", value_to_date="113", period="2024-01")
    with seeded.session() as s:
        report = s.scalars(select(ProgressReport).where(ProgressReport.period == "2023-12")).one()
        users = {u: seeded.user(s, u) for u in ("admin", "reporter", "leader")}
        progress.return_report(s, actor=users["admin"], report=report, comment="请更正完成值")
        item = seeded.item(s, TASK19, "target")
        progress.save_report(s, actor=users["reporter"], plan_id=report.plan_id,
                             unit_id=report.unit_id, item=item, period="2023-12",
                             values={"value_to_date": "113", "narrative": "已完成"})
        progress.submit(s, actor=users["reporter"], report=report)
        progress.approve(s, actor=users["leader"], report=report)
    assert _task(_overview(seeded)[1], TASK19)["targets"][0]["status"]["code"] == "done"


def test_units_ranked_by_completeness_and_timeliness(seeded):
    report_id = seeded.report(TASK6)
    with seeded.session() as s:  # submitted before the due date (Beijing time)
        s.get(ProgressReport, report_id).submitted_at = dt.datetime(2023, 7, 5, 15, 30, tzinfo=dt.timezone.utc)
    rows = _overview(seeded)[2]
    sthj = next(u for u in rows if u["name"] == "市生态环境局")
    assert sthj["reported"] == 1 and sthj["on_time"] == 1 and sthj["timeliness"] == 100.0
    assert sthj["completeness"] == round(100 / sthj["item_count"], 1)
    assert sthj["rank"] == 1 and sthj["status"]["why"]["counts"]["missing"] == sthj["item_count"] - 1
    assert next(u for u in rows if u["name"] == "武进区")["kind"] == "district"


def test_late_report_is_not_on_time(seeded):
    report_id = seeded.report(TASK6)
    with seeded.session() as s:  # 00:30 on 07-06 in Beijing is a day late
        s.get(ProgressReport, report_id).submitted_at = dt.datetime(2023, 7, 5, 16, 30, tzinfo=dt.timezone.utc)
    sthj = next(u for u in _overview(seeded)[2] if u["name"] == "市生态环境局")
    assert sthj["on_time"] == 0 and sthj["timeliness"] == 0.0


def test_due_dates_follow_the_kind_of_period():
    from ecoplan.app.progress.models import ReportingCalendar
    from ecoplan.app.status.units import due_date

    quarterly = ReportingCalendar(frequency="quarterly", due_day=5, workday_due=True,
                                  remind_days=3, max_evidence_bytes=1, version=1)
    # Q2 is due on 2023-07-05 (Wednesday); May 2023 on Monday 2023-06-05, even under a
    # quarterly calendar (a report written before the calendar changed).
    assert due_date("2023-Q2", quarterly) == dt.date(2023, 7, 5)
    assert due_date("2023-05", quarterly) == dt.date(2023, 6, 5)
    # 2023-10-05 falls in the National Day holiday (09-29 to 10-06); Saturday 10-07 is a
    # make-up working day (调休上班), so Q3 is due then.
    assert due_date("2023-Q3", quarterly) == dt.date(2023, 10, 7)


def test_task_done_when_every_target_is_reached(seeded):
    # task 16: ≥ 1545 家, ≥ 5 万吨/日, ≥ 100 公里 — all led by 市生态环境局
    for nth, value in enumerate(("1545", "5.2", "99")):
        seeded.report("16", kind="target", nth=nth, value_to_date=value)
    task = _task(_overview(seeded)[1], "16")
    assert [t["status"]["code"] for t in task["targets"]] == ["done", "done", "on_pace"]
    assert task["status"]["code"] == "on_pace"  # 99 of 100 公里: not yet all done
    seeded.report("16", kind="target", nth=2, value_to_date="100", period="2023-07")
    task = _task(_overview(seeded)[1], "16")
    assert task["status"]["code"] == "done" and task["status"]["why"]["achieved_percent"] == 100.0
