"""Five projects whose roll-ups the tests compute by hand, evaluated on 2023-07-10."""

from __future__ import annotations

import datetime as dt

from ecoplan.app.db import unit_of_work
from ecoplan.app.projects.importing import save
from ecoplan.app.status import settings as status_settings

DAY = dt.date(2023, 7, 10)
D = dt.date


def _values(code, category, owner, district, planned, done, **dates) -> dict:
    return {"code": code, "name": f"项目{code}", "category": category, "task": "31",
            "owner": owner, "district": district, "invest_planned": planned,
            "invest_done": done, **dates}


PROJECTS = (
    # building: started, main not yet due
    _values("P1", "城镇污水处理设施", "市生态环境局", "武进区", 1000.0, 400.0,
            start_planned=D(2023, 1, 1), start_actual=D(2023, 1, 10), main_planned=D(2023, 12, 31)),
    # operating: every milestone reached
    _values("P2", "城镇污水处理设施", "市发展和改革委员会", "新北区", 3000.0, 3000.0,
            start_planned=D(2022, 3, 1), start_actual=D(2022, 3, 1), main_planned=D(2023, 3, 1),
            main_actual=D(2023, 2, 20), ops_planned=D(2023, 6, 30), ops_actual=D(2023, 6, 30)),
    # behind: its start is due on the evaluation day itself and has not happened
    _values("P3", "工业绿岛", "市生态环境局", "武进区", 500.0, 0.0, start_planned=DAY),
    # behind: main completion due 06-30, reached only the day after the evaluation day
    _values("P4", "工业绿岛", "武进区", "", 1500.0, 600.0, start_planned=D(2023, 1, 1),
            start_actual=D(2023, 2, 1), main_planned=D(2023, 6, 30), main_actual=D(2023, 7, 11)),
    # pending: not due yet
    _values("P5", "生态保护基础设施", "市发展和改革委员会", "武进区", 2000.0, 0.0,
            start_planned=D(2023, 9, 1)),
)


def set_day(db, day: dt.date) -> None:
    with unit_of_work(db) as session:
        row = status_settings.current(session)
        row.as_of = day
        session.add(row)


