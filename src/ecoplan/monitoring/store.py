"""The embedded store: Parquet files in the data directory, queried with DuckDB.

Layout under ``<data dir>/monitoring/``::

    air_hourly/year=2019/month=01/part.parquet   station, day, hour, pm25 … o3, centre_* (the national
                                                 centre's day values, slot 23 only), synthetic
    air_daily/year=2019/month=01/part.parquet    station, day, so2 … o3_8h, centre (bit mask), synthetic (derived)
    water/year=2019/part.parquet                 section, time, GB 3838 factors, synthetic
    stations.parquet, sections.parquet, dustfall.parquet
    imports.json                                 sha256 of every imported file → what it held

Rules: a file whose content hash is already registered is skipped (re-importing changes
nothing). Duplicates across imports: the later import wins for the same station and hour (an
audited release replaces the real-time one); inside one file they are refused unless identical
(see the readers). Every file is written to a temporary name in the same directory and renamed
over the old one (atomic on POSIX), after every partition of the import was written and
flushed to disk; the registry is written (and flushed) last, so a file is registered only once
its rows are durably stored. Each rewritten hourly month also rewrites its station-day month
(:mod:`ecoplan.monitoring.air_daily`). Every write holds the store's lock
(:mod:`ecoplan.monitoring.lock`): one writer at a time, across processes.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from ecoplan import clock
from ecoplan.config import default_data_dir
from ecoplan.monitoring.columns import AIR_POLLUTANTS
from ecoplan.monitoring.lock import StoreBusy, store_lock

DAILY_KEYS = ("so2", "no2", "pm10", "pm25", "co", "o3", "o3_8h")

WRITERS = 2
"""Partitions staged at once: this machine's cores; more only adds memory."""

KEYS = {"air_hourly": ["station", "day", "hour"], "water": ["section", "time"],
        "stations": ["station"], "sections": ["section"], "dustfall": ["town", "month"]}


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# (pid, store root) → (state of its files, the DuckDB holding its views): see Store.connect
_KEPT: dict[tuple[int, str], tuple[tuple, duckdb.DuckDBPyConnection]] = {}
_KEPT_LOCK = threading.Lock()
_KEPT_MAX = 8


class Store:
    """One data directory. Cheap to create; nothing is read until asked."""

    def __init__(self, data_dir: str | Path | None = None) -> None:
        self.data_dir = Path(data_dir or default_data_dir())
        self.root = self.data_dir / "monitoring"

    def lock(self, *, timeout: float | None = None, on_wait=None):
        """The store's exclusive lock (see :func:`ecoplan.monitoring.lock.store_lock`)."""
        return store_lock(self.data_dir, timeout=timeout, on_wait=on_wait)

    # ---- the import registry -------------------------------------------------------------
    @property
    def _registry_path(self) -> Path:
        return self.root / "imports.json"

    def imports(self) -> dict[str, dict]:
        if not self._registry_path.exists():
            return {}
        return json.loads(self._registry_path.read_text(encoding="utf-8"))

    def register(self, entries: dict[str, dict]) -> None:
        with self.lock():
            registry = self.imports()
            stamp = clock.utcnow().isoformat(timespec="seconds")
            registry.update({k: {**v, "imported_at": stamp} for k, v in entries.items()})
            _atomic_write_bytes(self._registry_path, json.dumps(registry, ensure_ascii=False, indent=1).encode())

    # ---- writing ---------------------------------------------------------------------------
    def write(self, kind: str, frame: pd.DataFrame | list[pd.DataFrame], *, synthetic: bool = False) -> int:
        """Merge ``frame`` (or frames, in order) into the table of ``kind`` (later rows win per
        key); rows written. Hourly air is split by month file by file, so a year of daily files
        is never joined into one frame only to be cut up again."""
        with self.lock():
            return self._write(kind, frame, synthetic)

    def _write(self, kind: str, frame, synthetic: bool) -> int:
        frames = [frame] if isinstance(frame, pd.DataFrame) else list(frame)
        if kind == "air_hourly":
            pending = [(self.root / kind / f"year={y}" / f"month={m:02d}" / "part.parquet", parts)
                       for (y, m), parts in sorted(by_month(frames).items())]
        elif kind == "water":
            joined = pd.concat(frames, ignore_index=True)
            pending = [(self.root / kind / f"year={y}" / "part.parquet", [part]) for y, part in joined.groupby(joined["time"].dt.year)]
        else:
            pending = [(self.root / f"{kind}.parquet", frames)]
        # Partitions are independent: two at a time (Parquet encoding and numpy release the GIL).
        with ThreadPoolExecutor(max_workers=WRITERS) as pool:
            futures = [pool.submit(self._stage, kind, path, parts, synthetic) for path, parts in pending]
        staged = [pair for future in futures if not future.exception() for pair in future.result()]
        failed = next((future.exception() for future in futures if future.exception()), None)
        if failed:  # nothing is renamed: the stored files stay as they were
            _remove([temp for temp, _ in staged])
            raise failed
        for temp, path in staged:
            os.replace(temp, path)
        _sync_dirs({path.parent for _, path in staged})
        return sum(map(len, frames))

    def _stage(self, kind: str, path: Path, parts: list[pd.DataFrame], synthetic: bool) -> list[tuple[Path, Path]]:
        """The merged partition (and, for hourly air, its station-day month) written to temporary files."""
        part = pd.concat(parts, ignore_index=True)
        if "synthetic" not in part:
            part["synthetic"] = synthetic
        merged = _merge(path, part, KEYS[kind])
        staged = [(_to_temp(path, merged), path)]
        if kind == "air_hourly":
            from ecoplan.monitoring.air_daily import station_days

            daily_path = self.root / "air_daily" / path.parent.parent.name / path.parent.name / "part.parquet"
            try:
                staged.append((_to_temp(daily_path, station_days(merged)), daily_path))
            except BaseException:
                _remove([staged[0][0]])
                raise
        return staged

    # ---- reading ---------------------------------------------------------------------------
    def ensure_daily(self) -> None:
        """Derive the station-day month of any hourly month that lacks one (a data directory
        written before ``air_daily`` existed, or an interrupted import)."""
        from ecoplan.monitoring.air_daily import station_days

        if not self._stale_daily():
            return
        try:
            with self.lock(timeout=0):  # a writer at work writes the station-day months itself
                for hourly, daily in self._stale_daily():
                    os.replace(_to_temp(daily, station_days(pd.read_parquet(hourly))), daily)
        except StoreBusy:
            pass

    def _stale_daily(self) -> list[tuple[Path, Path]]:
        out = []
        for hourly in sorted((self.root / "air_hourly").glob("year=*/month=*/part.parquet")):
            daily = self.root / "air_daily" / hourly.parent.parent.name / hourly.parent.name / "part.parquet"
            if not daily.exists() or daily.stat().st_mtime < hourly.stat().st_mtime:
                out.append((hourly, daily))
        return out

    def connect(self) -> duckdb.DuckDBPyConnection:
        """A DuckDB connection with one view per stored table (an empty view where nothing is stored).

        Binding the views reads every file's schema (~0.1 s on the demo store), and a status page
        asks for dozens of connections: the database holding the views is built once per process
        and per state of the files (path, size, mtime of every Parquet file), and each call gets
        its own cursor on it (a cursor is DuckDB's connection for one thread; registering a frame
        on it stays local to it). Any import changes a file, so the next call binds afresh."""
        self.ensure_daily()
        key = (os.getpid(), str(self.root))
        state = self._files_state()
        with _KEPT_LOCK:
            kept = _KEPT.get(key)
            if kept is None or kept[0] != state:
                kept = (state, self._bind())
                _KEPT.pop(key, None)
                _KEPT[key] = kept
                while len(_KEPT) > _KEPT_MAX:  # the oldest bound store goes (tests make hundreds)
                    _KEPT.pop(next(iter(_KEPT)))
            return kept[1].cursor()

    def _files_state(self) -> tuple:
        out = []
        for path in sorted(self.root.glob("**/*.parquet")):
            st = path.stat()
            out.append((str(path), st.st_size, st.st_mtime_ns))
        return tuple(out)

    def _bind(self) -> duckdb.DuckDBPyConnection:
        con = duckdb.connect()
        con.execute("SET preserve_insertion_order = false")
        con.execute("SET enable_progress_bar = false")
        empty_hourly = ", ".join(["NULL::VARCHAR AS station", "NULL::TIMESTAMP AS day", "NULL::TINYINT AS hour"]
                                 + [f"NULL::DOUBLE AS {p}" for p in AIR_POLLUTANTS] + ["NULL::BOOLEAN AS synthetic"])
        hourly = list((self.root / "air_hourly").glob("year=*/month=*/part.parquet"))
        source = f"read_parquet('{self.root / 'air_hourly'}/*/*/part.parquet', hive_partitioning = true, union_by_name = true)" if hourly else None
        con.execute(f"CREATE VIEW air_hourly AS SELECT * FROM {source}" if source else f"CREATE VIEW air_hourly AS SELECT {empty_hourly} WHERE false")
        daily = list((self.root / "air_daily").glob("year=*/month=*/part.parquet"))
        empty_daily = ", ".join(["NULL::VARCHAR AS station", "NULL::TIMESTAMP AS day"] + [f"NULL::DOUBLE AS {k}" for k in DAILY_KEYS]
                                + ["NULL::SMALLINT AS centre", "NULL::BOOLEAN AS synthetic", "NULL::BIGINT AS year"])
        source = f"read_parquet('{self.root / 'air_daily'}/*/*/part.parquet', hive_partitioning = true, union_by_name = true)"
        con.execute(f"CREATE VIEW air_daily AS SELECT * FROM {source}" if daily else f"CREATE VIEW air_daily AS SELECT {empty_daily} WHERE false")
        if daily and "centre" not in con.sql("SELECT * FROM air_daily LIMIT 0").columns:  # written before the centre fallback
            con.execute(f"CREATE OR REPLACE VIEW air_daily AS SELECT *, 0::SMALLINT AS centre FROM {source}")
        water = list((self.root / "water").glob("year=*/part.parquet"))
        if water:
            con.execute(f"CREATE VIEW water AS SELECT * FROM read_parquet('{self.root / 'water'}/*/part.parquet', hive_partitioning = true, union_by_name = true)")
        for name in ("stations", "sections", "dustfall"):
            path = self.root / f"{name}.parquet"
            if path.exists():
                con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{path}')")
        return con

    def table(self, name: str) -> pd.DataFrame | None:
        path = self.root / f"{name}.parquet"
        return pd.read_parquet(path) if path.exists() else None

    def has(self, name: str) -> bool:
        return (self.root / f"{name}.parquet").exists() or any((self.root / name).glob("**/part.parquet"))


def by_month(frames: list[pd.DataFrame]) -> dict[tuple[int, int], list[pd.DataFrame]]:
    """``{(year, month): [rows of each frame in that month]}``, frames and rows in their order
    (what ``groupby`` of their concatenation gives). A daily file spans at most two months."""
    out: dict[tuple[int, int], list[pd.DataFrame]] = {}
    for frame in frames:
        month = frame["day"].to_numpy().astype("datetime64[M]")
        if not len(month):
            continue
        first, last = month.min(), month.max()
        for value in [first] if first == last else np.unique(month):
            stamp = value.item()
            out.setdefault((stamp.year, stamp.month), []).append(frame if first == last else frame[month == value])
    return out


def _merge(path: Path, new: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """``new`` merged into the stored file: the later row wins per key."""
    if not path.exists():
        return new
    old = pd.read_parquet(path)
    text_keys = {k: str for k in keys if k in new and not pd.api.types.is_datetime64_any_dtype(new[k]) and new[k].dtype.kind not in "iuf"}
    merged = pd.concat([old.astype(text_keys), new.astype(text_keys).astype({k: old[k].dtype for k in keys if k in old and k not in text_keys})],
                       ignore_index=True)
    return merged.drop_duplicates(keys, keep="last")


def _to_temp(path: Path, frame: pd.DataFrame) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    frame.to_parquet(temp, index=False, compression="zstd")
    _fsync(temp)
    return temp


def _fsync(path: Path) -> None:
    """Flush ``path`` (a file or a directory) to disk: renamed files survive a power cut."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _sync_dirs(folders: set[Path]) -> None:
    for folder in folders:
        _fsync(folder)


def _remove(temps: list[Path]) -> None:
    for temp in temps:
        temp.unlink(missing_ok=True)


def _atomic_write_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    temp.write_bytes(data)
    _fsync(temp)
    os.replace(temp, path)
    _fsync(path.parent)
