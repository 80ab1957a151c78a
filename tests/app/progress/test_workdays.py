"""PRC working days on the 2023 holiday notice (国办发明电〔2022〕16号) and reporting periods."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from ecoplan.app.progress import periods, workdays
from ecoplan.errors import InputError

D = dt.date


@pytest.mark.parametrize("day, working", [
    (D(2023, 1, 23), False),   # 春节 (Monday)
    (D(2023, 1, 28), True),    # make-up working day (Saturday)
    (D(2023, 1, 29), True),    # make-up working day (Sunday)
    (D(2023, 4, 5), False),    # 清明节 (Wednesday)
    (D(2023, 4, 23), True),    # make-up working day for 劳动节 (Sunday)
    (D(2023, 5, 1), False),    # 劳动节
    (D(2023, 5, 6), True),     # make-up working day (Saturday)
    (D(2023, 6, 22), False),   # 端午节
    (D(2023, 6, 25), True),    # make-up working day (Sunday)
    (D(2023, 10, 2), False),   # 国庆节 (Monday)
    (D(2023, 10, 7), True),    # make-up working day (Saturday)
    (D(2023, 10, 8), True),    # make-up working day (Sunday)
    (D(2023, 3, 8), True),     # an ordinary Wednesday
    (D(2023, 3, 11), False),   # an ordinary Saturday
])
def test_2023_holidays_and_make_up_days(day, working):
    assert workdays.is_working_day(day) is working


def test_unknown_year_falls_back_to_weekdays():
    assert workdays.is_working_day(D(2099, 3, 2)) and not workdays.is_working_day(D(2099, 3, 7))


def test_shift_and_count_skip_holidays():
    # 2023-10-09 (Mon) is the first working day after the National Day week (Sep 29 – Oct 6);
    # the make-up days Sat Oct 7 and Sun Oct 8 are working days.
    assert workdays.on_or_after(D(2023, 10, 1)) == D(2023, 10, 7)
    assert workdays.shift(D(2023, 10, 9), -1) == D(2023, 10, 8)
    assert workdays.shift(D(2023, 10, 9), -3) == D(2023, 9, 28)
    assert workdays.shift(D(2023, 9, 28), 1) == D(2023, 10, 7)
    assert workdays.count_between(D(2023, 9, 28), D(2023, 10, 9)) == 3
    assert workdays.shift(D(2023, 5, 5), 0) == D(2023, 5, 5)


def _cal(**kw):
    base = {"frequency": "monthly", "due_day": 5, "workday_due": True, "remind_days": 3}
    return SimpleNamespace(**{**base, **kw})


def test_due_dates_move_to_the_next_working_day():
    # April 2023 is due 2023-05-05 (Friday, a working day).
    assert periods.due_date("2023-04", _cal()) == D(2023, 5, 5)
    # September is due on 2023-10-05, inside the National Day holiday → Saturday Oct 7 (make-up).
    assert periods.due_date("2023-09", _cal()) == D(2023, 10, 7)
    assert periods.due_date("2023-09", _cal(workday_due=False)) == D(2023, 10, 5)
    # December is due in January of the next year (2024-01-05, Friday).
    assert periods.due_date("2023-12", _cal()) == D(2024, 1, 5)
    assert periods.due_date("2023-Q3", _cal(frequency="quarterly")) == D(2023, 10, 7)
    # Reminder: three working days before 2023-05-05 skips the 劳动节 holiday (Apr 29 – May 3):
    # May 4, Apr 28, Apr 27.
    assert periods.remind_date("2023-04", _cal()) == D(2023, 4, 27)


def test_periods_parse_and_default():
    assert periods.periods_of_year(2023, "quarterly") == [f"2023-Q{q}" for q in range(1, 5)]
    assert periods.label("2023-05") == "2023年5月" and periods.label("2023-Q2") == "2023年第2季度"
    assert periods.first_day("2023-Q2", "quarterly") == D(2023, 4, 1)
    assert periods.default_period(_cal(), 2023, D(2023, 6, 3)) == "2023-05"
    assert periods.default_period(_cal(), 2023, D(2026, 1, 1)) == "2023-12"
    assert periods.default_period(_cal(), 2023, D(2022, 12, 1)) == "2023-01"
    for bad in ("2023-13", "2023-5", "23-05", "", "2023-Q5"):
        with pytest.raises(InputError):
            periods.parse(bad, "monthly")
    with pytest.raises(InputError):
        periods.parse("2023-05", "quarterly")
