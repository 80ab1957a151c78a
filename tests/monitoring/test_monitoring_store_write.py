"""Store writes stage every partition before renaming any: a failure leaves the store as it was."""

import pytest

import ecoplan.monitoring.air_daily as air_daily
from ecoplan.monitoring.importer import import_files


def test_failed_partition_leaves_store_and_no_temporary_files(registry_store, cnemc_dir, tmp_path, write_slice, monkeypatch):
    path = write_slice(cnemc_dir / "china_sites_2019_changzhou.csv", tmp_path / "d40.csv", 1 + 15 * 24 * 40)
    real = air_daily.station_days

    def fails_in_january(hourly):
        if hourly["day"].dt.month.eq(1).any() and hourly["day"].dt.year.eq(2019).any():
            raise OSError("disk full")
        return real(hourly)

    monkeypatch.setattr(air_daily, "station_days", fails_in_january)
    with pytest.raises(OSError, match="disk full"):
        import_files(registry_store, [path])
    root = registry_store.root
    assert not list(root.rglob("*.tmp"))
    assert not list(root.rglob("part.parquet"))  # Dec 2018 and Feb 2019 were staged, then removed
    assert {entry["kind"] for entry in registry_store.imports().values()} == {"stations"}
    monkeypatch.setattr(air_daily, "station_days", real)
    assert import_files(registry_store, [path]).imported  # the same file imports once the fault is gone
