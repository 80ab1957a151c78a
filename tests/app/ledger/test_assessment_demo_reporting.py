"""The demo's progress reports: what each to-do list asks, spread enough for the reviews."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from ecoplan.app.assessment.progress_inputs import ProgressInputs
from ecoplan.app.db import unit_of_work
from ecoplan.app.progress import todo
from ecoplan.app.progress.demo import LEFT_OPEN, RETURN_COMMENT, load_demo_reports
from ecoplan.app.progress.models import ProgressEvent, ProgressReport
from ecoplan.demo.build import DemoReport

SECOND_QUARTER = dict(start=dt.date(2023, 4, 1), end=dt.date(2023, 6, 30))


def test_demo_reports_follow_the_todo_lists_and_spread(db, published):
    report = DemoReport()
    with unit_of_work(db) as s:
        load_demo_reports(s, report)
    with unit_of_work(db) as s:
        asked = {u.name: len(items) for u, items in todo.reporting_units(s, todo.published(s))}
        stats = ProgressInputs(s, today=dt.date(2023, 7, 10)).reporting(**SECOND_QUARTER)
        returned = s.scalars(select(ProgressReport).where(ProgressReport.state == "returned")).all()
        open_months = s.scalar(select(func.count(ProgressReport.id)).where(
            ProgressReport.period.in_(LEFT_OPEN[1]), ProgressReport.unit.has(name=LEFT_OPEN[0])))
        reports = s.scalar(select(func.count(ProgressReport.id)))
        events = s.scalar(select(func.count(ProgressEvent.id)))
    assert {name: st.due for name, st in stats.items()} == {n: 3 * k for n, k in asked.items()}
    # Save, submit, approve for each report; the office's return adds one more event.
    assert events == 3 * reports + 1
    (back,) = returned
    assert back.return_comment == RETURN_COMMENT and back.period == "2023-06"
    assert open_months == 0
    rates = {name: (st.on_time + st.late) / st.due for name, st in stats.items() if st.due}
    assert min(rates.values()) < 0.8 and max(rates.values()) == 1.0
    assert sum(st.late for st in stats.values()) > 0
    reported = sum(st.on_time + st.late for st in stats.values())
    assert sum(st.complete for st in stats.values()) < reported  # some targets lack a value
    line = next(l for l in report.lines if l.startswith("进展报告"))
    assert "退回 1 份" in line
    with unit_of_work(db) as s:  # run twice: nothing added
        load_demo_reports(s, report)
        assert s.scalar(select(func.count(ProgressReport.id))) == reports
