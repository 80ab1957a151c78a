"""Daily national-centre files read in batches give exactly what reading each alone gives."""

import pandas as pd
import pytest

from ecoplan.errors import InputError
from ecoplan.monitoring.importer import import_files
from ecoplan.monitoring.readers import cnemc_batch, read_file, read_files

ROWS_PER_DAY = 15 * 24


@pytest.fixture(scope="module")
def daily_files(cnemc_dir, tmp_path_factory):
    """Five real Changzhou days as five daily files; day 3 has a negative cell, day 4 text in a
    cell (the typed parse of its batch fails), day 5 a blank line."""
    lines = (cnemc_dir / "china_sites_2019_changzhou.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    folder = tmp_path_factory.mktemp("daily")
    paths = []
    for d in range(5):
        body = lines[1 + d * ROWS_PER_DAY: 1 + (d + 1) * ROWS_PER_DAY]
        if d == 2:
            body[40] = _set_first_station(body[40], "-5")
        if d == 3:
            body[7] = _set_first_station(body[7], "abc")
        if d == 4:
            body.insert(10, "\n")
        paths.append(folder / f"china_sites_201901{d + 1:02d}.csv")
        paths[-1].write_text(lines[0] + "".join(body), encoding="utf-8")
    return paths


def _set_first_station(line: str, value: str) -> str:
    cells = line.rstrip("\n").split(",")
    cells[3] = value
    return ",".join(cells) + "\n"


def _alone(path):
    try:
        return read_file(path)
    except InputError as err:
        return err


def test_batches_equal_one_file_at_a_time(daily_files):
    assert all(cnemc_batch.cnemc_header(p) for p in daily_files)
    batched = dict(read_files(daily_files))
    assert set(batched) == set(daily_files)
    for path in daily_files:
        alone, got = _alone(path), batched[path]
        assert type(alone) is type(got), path.name
        if isinstance(alone, InputError):
            assert str(got) == str(alone) and (got.file, got.row, got.field) == (alone.file, alone.row, alone.field)
        else:
            pd.testing.assert_frame_equal(got.frame, alone.frame)
    assert not isinstance(batched[daily_files[0]], InputError)
    assert isinstance(batched[daily_files[2]], InputError) and batched[daily_files[2]].row == 2 + 40
    assert isinstance(batched[daily_files[3]], InputError) and batched[daily_files[3]].row == 2 + 7


def test_bad_file_in_a_batch_is_refused_alone(registry_store, daily_files):
    report = import_files(registry_store, daily_files)
    failed = {err.file for err in report.failed}
    assert failed == {daily_files[2].name, daily_files[3].name}
    assert {entry["file"] for entry in report.imported} == {daily_files[i].name for i in (0, 1, 4)}
    again = import_files(registry_store, daily_files)
    assert set(again.skipped) == {daily_files[i].name for i in (0, 1, 4)} and not again.imported


def test_clean_files_never_fall_back(daily_files, tmp_path):
    trailing = tmp_path / "china_sites_20190106.csv"
    trailing.write_bytes(daily_files[1].read_bytes() + b"\r\n\n")
    paths = [daily_files[0], daily_files[1], trailing]
    alone = []

    def read_one(path):
        alone.append(path)
        return path, read_file(path)

    got = dict(cnemc_batch.read_cnemc_batches(paths, [cnemc_batch.cnemc_header(p) for p in paths], read_one, lambda f: f))
    assert alone == []
    pd.testing.assert_frame_equal(got[trailing], read_file(daily_files[1]).frame)
    pd.testing.assert_frame_equal(got[daily_files[0]], read_file(daily_files[0]).frame)
