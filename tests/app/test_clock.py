"""One clock: "now" in Beijing time, the office's evaluation day for every "today" question,
times shown in Beijing time."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from ecoplan.app.core import clock as app_clock
from ecoplan.app.db import unit_of_work
from ecoplan.app.ledger.fields import ItemFields
from ecoplan.app.ledger.service import act, create_item
from ecoplan.app.auth.models import User
from ecoplan.app.status.models import StatusSettings

UTC = dt.timezone.utc
# 2026-03-01 17:30 UTC is already 2 March in Beijing.
LATE_EVENING_UTC = dt.datetime(2026, 3, 1, 17, 30, tzinfo=UTC)


def _item(code: str, deadline: dt.date) -> ItemFields:
    return ItemFields(code=code, source="central", batch="第二轮第二批", description=f"{code} 问题",
                      district="武进区", units=["市生态环境局"], measures="立即整改",
                      deadline=deadline, stage="short")


def _evaluate_on(db, day: dt.date | None) -> None:
    with unit_of_work(db) as session:
        session.add(StatusSettings(lag_points=10.0, severe_points=25.0, pace_mode="milestones",
                                   as_of=day, version=1))


def test_now_and_today_are_beijing_time(clock):
    clock(LATE_EVENING_UTC)
    assert app_clock.utcnow() == LATE_EVENING_UTC
    assert app_clock.now().utcoffset() == dt.timedelta(hours=8)
    assert app_clock.now().replace(tzinfo=None) == dt.datetime(2026, 3, 2, 1, 30)
    assert app_clock.today() == dt.date(2026, 3, 2)
    assert app_clock.beijing_time(LATE_EVENING_UTC.replace(tzinfo=None)) == "2026-03-02 01:30:00"


def test_frozen_needs_an_aware_time_and_lets_go():
    with pytest.raises(ValueError):
        with app_clock.frozen(dt.datetime(2026, 1, 1)):
            pass
    with app_clock.frozen(LATE_EVENING_UTC):
        assert app_clock.utcnow() == LATE_EVENING_UTC
    assert app_clock.utcnow() > LATE_EVENING_UTC  # the real clock again (this test runs later)


def test_evaluation_day_is_the_offices_setting_else_today_in_beijing(db, clock):
    clock(LATE_EVENING_UTC)
    with db() as session:
        assert app_clock.evaluation_day(session) == dt.date(2026, 3, 2)
    _evaluate_on(db, dt.date(2023, 7, 10))
    with db() as session:
        assert app_clock.evaluation_day(session) == dt.date(2023, 7, 10)


def test_ledger_overdue_is_judged_on_the_evaluation_day(db, people, login_as, clock):
    clock(LATE_EVENING_UTC)  # the server's clock is years past every deadline
    _evaluate_on(db, dt.date(2023, 7, 10))
    with unit_of_work(db) as session:
        late = create_item(session, actor="test", fields=_item("ZY-1", dt.date(2023, 6, 30)))
        later = create_item(session, actor="test", fields=_item("ZY-2", dt.date(2024, 12, 31)))
        session.flush()
        ids = {"late": late.id, "later": later.id}
    viewer = login_as("viewer")
    page = viewer.get("/ledger")
    assert "逾期 1 项" in page.text
    overdue = viewer.get("/ledger", params={"overdue": "1"}).text
    assert "ZY-1" in overdue and "ZY-2" not in overdue
    assert "逾期</span>" not in viewer.get(f"/ledger/{ids['later']}").text
    assert "逾期</span>" in viewer.get(f"/ledger/{ids['late']}").text


def test_a_new_item_is_not_overdue_the_moment_it_is_made(db, people, login_as, clock):
    clock(LATE_EVENING_UTC)
    _evaluate_on(db, dt.date(2023, 7, 10))
    admin = login_as("admin")
    made = admin.post("/ledger", data={"code": "N-1", "source": "city", "description": "堆场扬尘",
                                       "district": "武进区", "units": "市生态环境局",
                                       "deadline": "2023-09-30", "stage": "short"})
    assert made.status_code == 303, made.text
    assert "逾期" not in admin.get(made.headers["location"]).text.split("<h1")[1].split("</h1>")[0]


def test_ledger_history_shows_beijing_time(db, people, login_as, clock):
    clock(LATE_EVENING_UTC)
    with unit_of_work(db) as session:
        item = create_item(session, actor="test", fields=_item("ZY-1", dt.date(2023, 6, 30)))
        session.flush()
        district = session.get(User, people["district"])
        act(session, item, actor=district, action="start", version=1)
        item_id = item.id
    text = login_as("viewer").get(f"/ledger/{item_id}").text
    assert "2026-03-02 01:30" in text
    assert not re.search(r"2026-03-01 17:30", text)


REAL_TIME = re.compile(r"\b(?:date\.today|datetime\.now|datetime\.utcnow|time\.time|time\.strftime"
                       r"|time\.localtime)\(")


def real_time_reads(root) -> list[str]:
    """``file:line`` of every read of the real time under ``root`` outside the clock."""
    return [f"{path.relative_to(root)}:{n}" for path in sorted(root.rglob("*.py"))
            if path.name != "clock.py"
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if REAL_TIME.search(line)]


def test_only_the_clock_reads_the_real_time():
    import ecoplan.app
    from pathlib import Path

    assert real_time_reads(Path(ecoplan.app.__file__).parent) == []


def test_the_real_time_check_finds_a_read(tmp_path):
    (tmp_path / "clock.py").write_text("dt.datetime.now(dt.timezone.utc)\n")
    (tmp_path / "feature.py").write_text("x = 1\nday = dt.date.today()\n")
    assert real_time_reads(tmp_path) == ["feature.py:2"]
