"""The library reads the real time in one place (``ecoplan.clock``), as the app does: a command's
default date is today in Beijing, and tests stop the clock."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

import ecoplan
import ecoplan.clock

REAL_TIME = re.compile(r"\b(?:date\.today|datetime\.now|datetime\.utcnow|datetime\.today"
                       r"|time\.time|time\.strftime|time\.localtime|time\.gmtime)\(")
# 2026-03-01 17:30 UTC is already 2 March in Beijing.
LATE_EVENING_UTC = dt.datetime(2026, 3, 1, 17, 30, tzinfo=dt.timezone.utc)


def real_time_reads(root: Path) -> list[str]:
    """``file:line`` of every read of the real time under ``root`` outside ``clock.py``."""
    return [f"{path.relative_to(root)}:{n}" for path in sorted(root.rglob("*.py"))
            if path.name != "clock.py"
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if REAL_TIME.search(line)]


def test_only_the_clock_reads_the_real_time():
    root = Path(ecoplan.__file__).parent
    assert real_time_reads(root) == []
    assert sorted(p.relative_to(root).as_posix() for p in root.rglob("clock.py")) == [
        "app/core/clock.py", "clock.py"]


def test_the_check_finds_a_read(tmp_path):
    (tmp_path / "clock.py").write_text("dt.datetime.now(dt.timezone.utc)\n")
    (tmp_path / "cli.py").write_text("x = 1\nyear = date.today().year\nt = time.time()\n")
    assert real_time_reads(tmp_path) == ["cli.py:2", "cli.py:3"]


def test_today_is_beijings_and_the_app_shares_the_clock(clock):
    from ecoplan.app.core import clock as app_clock

    clock(LATE_EVENING_UTC)
    assert ecoplan.clock.today() == dt.date(2026, 3, 2) == app_clock.today()
    assert ecoplan.clock.utcnow() == app_clock.utcnow() == LATE_EVENING_UTC


def test_command_defaults_follow_the_clock(clock):
    from ecoplan.reports.air_circular import Letterhead
    from ecoplan.reports_cli import _date

    clock(LATE_EVENING_UTC)
    assert Letterhead().date == _date(None) == dt.date(2026, 3, 2)
    assert _date("2024-01-31") == dt.date(2024, 1, 31)


def test_frozen_needs_an_aware_time():
    with pytest.raises(ValueError):
        with ecoplan.clock.frozen(dt.datetime(2026, 1, 1)):
            pass


TESTS_DAY = re.compile(r"\b(?:date\.today|datetime\.today)\(")


def test_tests_take_the_day_from_the_clock():
    """A test comparing with the app's day must ask ``ecoplan.clock.today()`` (Beijing): the
    host's ``date.today()`` is another day from 16:00 to 24:00 UTC, and such a test fails only
    then (it did: a print view's 截至 date)."""
    root = Path(__file__).parent
    found = [f"{path.relative_to(root)}:{n}" for path in sorted(root.rglob("*.py"))
             if path != Path(__file__)
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if TESTS_DAY.search(line) and "write_text" not in line]
    assert found == []
