"""One writer at a time (issue 11 item 6): concurrent imports lose nothing, a killed import is
cleaned up by the next, a busy store makes the second import wait or refuse clearly."""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time

import pandas as pd
import pytest

from ecoplan.monitoring.importer import import_files
from ecoplan.monitoring.lock import StoreBusy, holder, store_lock
from ecoplan.monitoring.store import Store

DAYS = 40  # January and part of February 2019: two monthly partitions, written by both imports


@pytest.fixture(scope="module")
def halves(cnemc_dir, tmp_path_factory):
    """The station list and two files of the same hours of Changzhou, split by station (disjoint keys,
    same partitions: the case where one import's rename dropped the other's rows)."""
    folder = tmp_path_factory.mktemp("halves")
    with open(cnemc_dir / "china_sites_2019_changzhou.csv", encoding="utf-8") as fh:
        rows = [row for _, row in zip(range(1 + 15 * 24 * DAYS), csv.reader(fh))]
    stations = len(rows[0]) - 3
    out = []
    for name, cols in (("a.csv", range(3, 3 + stations // 2)), ("b.csv", range(3 + stations // 2, 3 + stations))):
        with open(folder / name, "w", encoding="utf-8", newline="") as fh:
            csv.writer(fh).writerows([row[:3] + [row[c] for c in cols] for row in rows])
        out.append(folder / name)
    return cnemc_dir / "NewSiteList.csv", *out


def _cli(data_dir, *files, wait="600", env=None):
    return subprocess.Popen([sys.executable, "-m", "ecoplan", "data", "import", "--data-dir", str(data_dir),
                             "--wait", wait, *map(str, files)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def _snapshot(store: Store) -> dict[str, pd.DataFrame]:
    con = store.connect()
    keys = {"air_hourly": "station, day, hour", "air_daily": "station, day", "stations": "station"}
    return {name: con.execute(f"SELECT * EXCLUDE (synthetic) FROM {name} ORDER BY {order}").df()
            for name, order in keys.items()}


def _assert_same(store: Store, reference: Store) -> None:
    ours, theirs = _snapshot(store), _snapshot(reference)
    for name in theirs:
        pd.testing.assert_frame_equal(ours[name], theirs[name], check_dtype=False, obj=name)
    assert {e["file"] for e in store.imports().values()} == {e["file"] for e in reference.imports().values()}
    assert not list(store.root.rglob("*.tmp"))


@pytest.fixture(scope="module")
def sequential(halves, tmp_path_factory):
    store = Store(tmp_path_factory.mktemp("sequential"))
    registry, a, b = halves
    import_files(store, [registry])
    assert not import_files(store, [a]).failed and not import_files(store, [b]).failed
    return store


def test_two_imports_at_once_equal_one_sequential_run(halves, sequential, tmp_path):
    registry, a, b = halves
    import_files(Store(tmp_path), [registry])
    runs = [_cli(tmp_path, a), _cli(tmp_path, b)]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert sum(out.count("已导入") for out, _ in outputs) == 2
    _assert_same(Store(tmp_path), sequential)


KILLED_IMPORT = textwrap.dedent("""
    import os, sys, time
    import ecoplan.monitoring.store as store_module
    from ecoplan.monitoring.importer import import_files
    from ecoplan.monitoring.store import Store

    real_replace, renamed = os.replace, []

    def replace_then_hang(src, dst):
        real_replace(src, dst)
        renamed.append(dst)
        if len(renamed) == 2:  # one month renamed, the other still a temporary file
            print("midway", flush=True)
            time.sleep(600)

    store_module.os.replace = replace_then_hang
    import_files(Store(sys.argv[1]), sys.argv[2:])
""")


def test_killed_import_is_cleaned_up_and_redone_by_the_next(halves, sequential, tmp_path):
    registry, a, b = halves
    import_files(Store(tmp_path), [registry, a])
    run = subprocess.Popen([sys.executable, "-c", KILLED_IMPORT, str(tmp_path), str(b)],
                           stdout=subprocess.PIPE, text=True)
    try:
        assert run.stdout.readline().strip() == "midway"
        store = Store(tmp_path)
        assert list(store.root.rglob("*.tmp"))  # staged partitions of the killed run
        os.kill(run.pid, signal.SIGKILL)
        run.wait(timeout=30)
    finally:
        run.kill()
    assert "b.csv" not in {e["file"] for e in store.imports().values()}  # rows not all stored: not registered
    again = _cli(tmp_path, b)
    out, err = again.communicate(timeout=300)
    assert again.returncode == 0, err
    assert "已导入 b.csv" in out
    _assert_same(store, sequential)


def test_busy_store_refuses_clearly_with_no_wait(halves, tmp_path):
    registry, _, _ = halves
    with store_lock(tmp_path):
        run = _cli(tmp_path, registry, wait="0")
        out, err = run.communicate(timeout=120)
    assert run.returncode != 0
    assert "监测数据正被另一进程写入" in err and f"pid {os.getpid()}" in err and "Traceback" not in err
    assert not Store(tmp_path).imports()


def test_second_import_waits_with_a_message_then_imports(halves, tmp_path):
    registry, _, _ = halves
    with store_lock(tmp_path):
        run = _cli(tmp_path, registry, wait="120")
        message = run.stderr.readline()  # printed once the child finds the store locked
        assert "等待其结束" in message and f"pid {os.getpid()}" in message
        time.sleep(0.5)
        assert run.poll() is None
    out, err = run.communicate(timeout=120)
    assert run.returncode == 0, err
    assert "已导入 NewSiteList.csv" in out


def test_lock_is_reentrant_in_a_thread_and_excludes_other_threads(tmp_path):
    with store_lock(tmp_path):
        with store_lock(tmp_path):
            assert f"pid {os.getpid()}" in holder(tmp_path)
        outcome = []
        other = threading.Thread(target=lambda: outcome.append(_try_lock(tmp_path)))
        other.start()
        other.join()
        assert outcome == ["busy"]
    assert _try_lock(tmp_path) == "locked"


def _try_lock(data_dir) -> str:
    try:
        with store_lock(data_dir, timeout=0.2):
            return "locked"
    except StoreBusy:
        return "busy"
