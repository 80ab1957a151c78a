"""ecoplan.monitoring.intake and .completeness without the web application: a preview writes
nothing, a commit is all or nothing across files, undo puts the replaced values back, months
short of GB 3095 Table 4 are found."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecoplan.errors import InputError
from ecoplan.monitoring import intake
from ecoplan.monitoring.completeness import month_report, year_gaps
from ecoplan.monitoring.importer import import_files
from ecoplan.monitoring.store import Store

REGISTRY = Path(__file__).parent / "data" / "NewSiteList_beijing_changzhou.csv"
HEADER = "站点名称,年,月,日,小时,PM2.5,PM10,SO2,NO2,CO,O3"


def _export(path: Path, *, month=6, days=range(1, 3), so2=5, station="万寿西宫") -> Path:
    rows = [HEADER] + [f"{station},2023,{month},{d},{h},30,50,{so2},20,0.6,80" for d in days for h in range(24)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def store(tmp_path) -> Store:
    store = Store(tmp_path / "data")
    assert not import_files(store, [REGISTRY]).failed
    return store


def _so2(store: Store) -> float:
    return store.connect().sql("SELECT avg(so2) FROM air_hourly").fetchall()[0][0]


def test_preview_writes_nothing_and_counts_replacements(store, tmp_path):
    first = intake.stage(store, [("a.csv", _export(tmp_path / "a.csv"))])
    assert intake.preview(store, first)["replaced"] == 0
    assert not store.has("air_hourly")
    intake.commit(store, first, tmp_path / "undo-a")
    second = intake.stage(store, [("b.csv", _export(tmp_path / "b.csv", so2=9))])
    before = (store.root / "air_hourly").stat().st_mtime_ns, (store.root / "imports.json").read_bytes()
    summary = intake.preview(store, second)
    assert summary["replaced"] == 48 and summary["samples"][0]["old"] == 5 and summary["samples"][0]["new"] == 9
    assert ((store.root / "air_hourly").stat().st_mtime_ns, (store.root / "imports.json").read_bytes()) == before
    intake.commit(store, second, tmp_path / "undo-b")
    assert _so2(store) == 9
    intake.undo(store, tmp_path / "undo-b")
    assert _so2(store) == 5 and len(store.imports()) == 2  # the registry and a.csv
    intake.undo(store, tmp_path / "undo-a")
    assert store.connect().sql("SELECT count(*) FROM air_hourly").fetchall()[0][0] == 0


def test_one_bad_file_stores_none(store, tmp_path):
    good = _export(tmp_path / "good.csv")
    bad = _export(tmp_path / "bad.csv", station="无名站")
    staged = intake.stage(store, [("good.csv", good), ("bad.csv", bad)])
    assert staged.unknown == ["无名站"]
    with pytest.raises(InputError):
        intake.commit(store, staged, tmp_path / "undo")
    assert not store.has("air_hourly")


def test_a_failed_write_restores_what_was_there(store, tmp_path, monkeypatch):
    intake.commit(store, intake.stage(store, [("a.csv", _export(tmp_path / "a.csv"))]), tmp_path / "undo-a")
    staged = intake.stage(store, [("b.csv", _export(tmp_path / "b.csv", so2=9))])

    def fail(*_args, **_kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(Store, "register", fail)  # rows written, then the registry fails
    with pytest.raises(OSError):
        intake.commit(store, staged, tmp_path / "undo-b")
    assert _so2(store) == 5


def test_column_map_and_row_errors_in_chinese(store, tmp_path):
    path = tmp_path / "platform.csv"
    path.write_text("点位,年,月,日,小时,PM2.5\n万寿西宫,2023,6,1,25,30\n", encoding="utf-8")
    staged = intake.stage(store, [("platform.csv", path)], column_map={"点位": "station"}, work_dir=tmp_path / "w")
    assert staged.errors == [{"file": "platform.csv", "row": 2, "field": "小时", "message": staged.errors[0]["message"]}]
    with pytest.raises(InputError):
        intake.apply_column_map(path, {"点位": "不存在的字段"}, tmp_path / "w")


def test_completeness_and_year_gaps(store, tmp_path):
    intake.commit(store, intake.stage(store, [("a.csv", _export(tmp_path / "a.csv", month=5, days=range(1, 32)))]), tmp_path / "u1")
    intake.commit(store, intake.stage(store, [("b.csv", _export(tmp_path / "b.csv", month=6, days=range(1, 27)))]), tmp_path / "u2")
    report = month_report(store, "2023-06")
    station = report["air"][0]
    assert station["station"] == "1001A" and station["valid_days"]["pm25"] == 26  # 24 h × 26 days
    assert station["short"] and station["missing_days"] == [27, 28, 29, 30]
    may = month_report(store, "2023-05")["air"][0]
    assert may["valid_days"]["pm25"] == 31 and not may["short"] and may["missing_days"] == []
    # May is complete, June has 26 of 27 days; nothing before May is counted against the station
    assert year_gaps(store, 2023, 6) == [{"month": "2023-06", "stations": 1}]
    assert year_gaps(store, 2023, 5) == []
    with pytest.raises(InputError):
        month_report(store, "2023-6x")


def test_an_xlsx_export_with_a_column_map(store, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["点位", "年", "月", "日", "小时", "PM2.5浓度"])
    for hour in range(24):
        sheet.append(["东四", 2023, 6, 1, hour, 40])
    book.save(tmp_path / "platform.xlsx")
    staged = intake.stage(store, [("platform.xlsx", tmp_path / "platform.xlsx")],
                          column_map={"点位": "station", "PM2.5浓度": "pm25"}, work_dir=tmp_path / "w")
    assert staged.errors == [] and staged.unknown == []
    summary = intake.preview(store, staged)
    assert summary["per_month"] == [{"kind": "air_hourly", "where": "1003A", "month": "2023-05", "rows": 1},
                                    {"kind": "air_hourly", "where": "1003A", "month": "2023-06", "rows": 23}]
