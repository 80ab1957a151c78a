from ecoplan.monitoring.importer import import_files
from ecoplan.monitoring.store import Store


def _count(store):
    return store.connect().execute("select count(*), sum(pm25) from air_hourly").fetchone()


def test_reimport_changes_nothing(registry_store, cnemc_dir, tmp_path, write_slice):
    path = write_slice(cnemc_dir / "china_sites_2019_changzhou.csv", tmp_path / "d1.csv", 1 + 15 * 48)
    first = import_files(registry_store, [path])
    before = _count(registry_store)
    again = import_files(registry_store, [path])
    assert first.rows > 0 and again.skipped == ["d1.csv"] and again.rows == 0
    assert _count(registry_store) == before


def test_later_import_wins_for_same_station_hour(registry_store, tmp_path):
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.write_text("date,hour,type,1196A\n20190101,0,PM2.5,35\n20190101,1,PM2.5,40\n", encoding="utf-8")
    b.write_text("date,hour,type,1196A\n20190101,0,PM2.5,50\n", encoding="utf-8")
    import_files(registry_store, [a])
    import_files(registry_store, [b])
    rows = registry_store.connect().execute("select day::DATE::VARCHAR, hour, pm25 from air_hourly order by day, hour").fetchall()
    assert rows == [("2018-12-31", 23, 50.0), ("2019-01-01", 0, 40.0)]


def test_bad_file_in_batch_contributes_nothing(registry_store, tmp_path):
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_text("date,hour,type,1196A\n20190102,0,PM2.5,35\n", encoding="utf-8")
    bad.write_text("date,hour,type,1196A\n20190103,0,PM2.5,35\n20190103,1,PM2.5,3 5\n", encoding="utf-8")
    report = import_files(registry_store, [good, bad])
    assert [i["file"] for i in report.imported] == ["good.csv"] and len(report.failed) == 1
    days = registry_store.connect().execute("select distinct day::DATE::VARCHAR from air_hourly").fetchall()
    assert days == [("2019-01-01",)]  # label 0 of 01-02 closes 01-01
    assert len(registry_store.imports()) == 2  # the registry and good.csv; bad.csv may be fixed and retried


def test_air_data_needs_a_station_registry(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("date,hour,type,1196A\n20190101,0,PM2.5,35\n", encoding="utf-8")
    report = import_files(Store(tmp_path / "empty"), [path])
    assert report.failed and "站点名录" in str(report.failed[0])


def test_partitioned_by_year_and_month(changzhou_store):
    parts = sorted(p.parent.name for p in (changzhou_store.root / "air_hourly" / "year=2019").glob("*/part.parquet"))
    assert [f"month={m:02d}" for m in range(1, 13)] == parts
    assert (changzhou_store.root / "air_hourly" / "year=2018" / "month=12" / "part.parquet").exists()
    assert not list(changzhou_store.root.rglob("*.tmp"))


def _day_file(path, value):
    rows = [f"20190105,{h},PM2.5,{value}" for h in range(1, 24)] + [f"20190106,0,PM2.5,{value}"]
    path.write_text("date,hour,type,1196A\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_station_day_values_follow_the_hourly_data(registry_store, tmp_path):
    import_files(registry_store, [_day_file(tmp_path / "a.csv", 30)])
    import_files(registry_store, [_day_file(tmp_path / "b.csv", 60)])
    rows = registry_store.connect().execute("select day::DATE::VARCHAR, pm25 from air_daily").fetchall()
    assert rows == [("2019-01-05", 60.0)]


def test_connections_share_bound_views_until_a_file_changes(registry_store, tmp_path):
    """Store.connect keeps the bound views per state of the files: a second call reuses them
    (cursor on the same database), an import in between is seen at once, a registered frame
    stays local to its cursor."""
    import pandas as pd

    import_files(registry_store, [_day_file(tmp_path / "a.csv", 30)])
    first, second = registry_store.connect(), Store(registry_store.data_dir).connect()
    assert first.execute("select pm25 from air_daily").fetchall() == [(30.0,)]
    first.register("wanted", pd.DataFrame({"x": [1]}))
    assert "wanted" not in {r[0] for r in second.execute("select view_name from duckdb_views()").fetchall()}
    first.close()  # closing one cursor leaves the others working
    assert second.execute("select pm25 from air_daily").fetchall() == [(30.0,)]
    import_files(registry_store, [_day_file(tmp_path / "b.csv", 60)])
    assert registry_store.connect().execute("select pm25 from air_daily").fetchall() == [(60.0,)]
