"""Reporting timeliness and completeness read from progress reports, counted by hand."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from ecoplan.app.assessment.progress_inputs import ProgressInputs
from ecoplan.app.db import unit_of_work
from ecoplan.app.progress import todo
from ecoplan.app.progress.models import ProgressReport
from ecoplan.app.units.models import Unit

UTC = dt.timezone.utc


def _report(version, unit, item, period, state, submitted, narrative="进展", value=None):
    at = dt.datetime(2023, 1, 1, tzinfo=UTC)
    return ProgressReport(plan_id=version.plan_id, item_kind=item.kind, item_uid=item.uid,
                          unit_id=unit.id, period=period, role=item.role, value_to_date=value,
                          narrative=narrative, state=state, created_at=at, updated_at=at,
                          submitted_at=submitted, version=1)


def test_first_quarter_counted_by_hand(db, published):
    with unit_of_work(db) as s:
        version = todo.published(s)
        wujin = s.scalar(select(Unit).where(Unit.name == "武进区"))
        items = todo.items_for(version, wujin)
        first = items[0]
        # Monthly calendar, due on the 5th working day-adjusted: 2023-01 is due 2023-02-06
        # (the 5th is a Sunday), 2023-02 due 2023-03-06.
        s.add_all([
            _report(version, wujin, first, "2023-01", "approved",
                    dt.datetime(2023, 2, 6, 15, 0, tzinfo=UTC)),            # 23:00 Beijing: on time
            _report(version, wujin, first, "2023-02", "submitted",
                    dt.datetime(2023, 3, 6, 16, 30, tzinfo=UTC), narrative=" "),  # 00:30 on the 7th: late
            _report(version, wujin, first, "2023-03", "draft", None),         # not reported
        ])
    with unit_of_work(db) as s:
        stats = ProgressInputs(s, today=dt.date(2023, 4, 30)).reporting(
            start=dt.date(2023, 1, 1), end=dt.date(2023, 3, 31))
    wujin_stats = stats["武进区"]
    assert wujin_stats.due == len(items) * 3
    assert (wujin_stats.on_time, wujin_stats.late, wujin_stats.complete) == (1, 1, 1)
    assert stats["市生态环境局"].on_time == 0 and stats["市生态环境局"].due > 0


def test_periods_not_yet_due_do_not_count(db, published):
    with unit_of_work(db) as s:
        wujin = s.scalar(select(Unit).where(Unit.name == "武进区"))
        stats = ProgressInputs(s, today=dt.date(2023, 3, 1)).reporting(
            start=dt.date(2023, 1, 1), end=dt.date(2023, 3, 31))
        # Only January's reports (due 6 February) are due on 1 March.
        assert stats["武进区"].due == len(todo.items_for(todo.published(s), wujin))
        assert ProgressInputs(s, today=dt.date(2023, 2, 1)).reporting(
            start=dt.date(2023, 1, 1), end=dt.date(2023, 3, 31)) == {}


def test_due_is_what_the_todo_page_asked_as_of_the_evaluation_day(db, published):
    from ecoplan.app.progress import reminders
    from ecoplan.app.status.models import StatusSettings
    from ecoplan.app.status.settings import DEFAULTS

    with unit_of_work(db) as s:
        version = todo.published(s)
        wujin = s.scalar(select(Unit).where(Unit.name == "武进区"))
        items = todo.items_for(version, wujin)
        tasks = [i for i in items if i.kind == "task"]
        target = next(i for i in items if i.quantitative)
        at = dt.datetime(2023, 2, 6, 1, 0, tzinfo=UTC)         # 09:00 Beijing on the due date
        s.add_all([
            _report(version, wujin, tasks[0], "2023-01", "approved", at),            # on time
            _report(version, wujin, target, "2023-01", "submitted", at),            # no value
            _report(version, wujin, tasks[1], "2023-01", "returned", at),           # to redo
            _report(version, wujin, tasks[2], "2023-01", "submitted",
                    dt.datetime(2023, 2, 6, 16, 30, tzinfo=UTC)),  # 00:30 on the 7th: late
        ])
        # January is due on 6 February: on that day reports may still come in time.
        s.add(StatusSettings(**{**DEFAULTS, "as_of": dt.date(2023, 2, 6)}))
    quarter = dict(start=dt.date(2023, 1, 1), end=dt.date(2023, 3, 31))
    with unit_of_work(db) as s:
        assert ProgressInputs(s).reporting(**quarter) == {}
        s.scalar(select(StatusSettings)).as_of = dt.date(2023, 2, 7)
    with unit_of_work(db) as s:
        stats = ProgressInputs(s).reporting(**quarter)["武进区"]
        chased = next(x for x in reminders.statuses(s, todo.published(s), "2023-01")
                      if x.unit.name == "武进区")
    # Due: every item of the to-do list, as the reminders count them; the returned report is
    # missing until resubmitted; the target without its value is reported but not complete.
    assert stats.due == len(items) == len(chased.items)
    assert (stats.on_time, stats.late, stats.complete) == (2, 1, 2)
    assert stats.missing == len(items) - 3 == len(chased.missing)
