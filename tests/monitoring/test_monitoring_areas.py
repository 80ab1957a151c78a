from datetime import date

import pytest

from ecoplan.errors import InputError
from ecoplan.monitoring.areas import parse_period, resolve_area


@pytest.mark.parametrize("text, start, end", [
    ("2019", date(2019, 1, 1), date(2019, 12, 31)),
    ("2019-06", date(2019, 6, 1), date(2019, 6, 30)),
    ("2020-02", date(2020, 2, 1), date(2020, 2, 29)),
    ("2019Q2", date(2019, 4, 1), date(2019, 6, 30)),
    ("2019Q4", date(2019, 10, 1), date(2019, 12, 31)),
    ("2019-01-01..2019-06-30", date(2019, 1, 1), date(2019, 6, 30)),
    ("2019-06-15", date(2019, 6, 15), date(2019, 6, 15)),
])
def test_periods(text, start, end):
    period = parse_period(text)
    assert (period.start, period.end) == (start, end)


def test_year_before_handles_leap_day():
    assert parse_period("2020-02-29").year_before().start == date(2019, 2, 28)


@pytest.mark.parametrize("text", ["2019-13", "2019-02-30", "2019Q5", "next year", "2019-06-30..2019-01-01"])
def test_bad_periods(text):
    with pytest.raises(InputError):
        parse_period(text)


def test_areas_named_as_people_name_them(changzhou_store):
    stations = changzhou_store.table("stations")
    city = resolve_area("常州市", stations)
    assert resolve_area("常州", stations).stations == city.stations
    assert "1196A" in city.stations and "1197A" not in city.stations  # stopped, flagged 对照点
    assert resolve_area("溧阳", stations).stations == ("2006A", "2007A")
    assert resolve_area("1196A", stations).level == "station"
    assert "1002A" not in resolve_area("北京市", stations).stations  # 定陵 background
    with pytest.raises(InputError):
        resolve_area("火星", stations)


def test_a_registry_without_levels_mixes_with_one_with_levels(changzhou_store, tmp_path):
    from ecoplan.monitoring.store import Store
    from ecoplan.monitoring.synthetic import changzhou_stations

    store = Store(tmp_path)
    store.write("stations", changzhou_store.table("stations"))
    store.write("stations", changzhou_stations(), synthetic=True)
    city = resolve_area("常州市", store.table("stations")).stations
    assert "1196A" in city and "8101A" in city and "8111A" not in city and "8101S" not in city
