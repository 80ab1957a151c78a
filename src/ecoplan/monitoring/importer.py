"""``import_files``: many files, each recognised, checked and then stored all-or-nothing.

Registries are taken first, so a station list and the data that needs it can come in one call.
A file with any rejected row contributes nothing; the other files of the call are still stored.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pandas as pd

from ecoplan.errors import InputError
from ecoplan.monitoring.readers import Parsed, read_files
from ecoplan.monitoring.readers.air import CO_UG_THRESHOLD
from ecoplan.monitoring.readers.base import ImportRejected, Reject
from ecoplan.monitoring.lock import remove_leftovers
from ecoplan.monitoring.store import Store, file_hash

# The UCI/PRSA Beijing set names stations in pinyin; the national list names them in Chinese.
PINYIN_STATIONS = {
    "Wanshouxigong": "1001A", "Dingling": "1002A", "Dongsi": "1003A", "Tiantan": "1004A",
    "Nongzhanguan": "1005A", "Guanyuan": "1006A", "Wanliu": "1007A", "Shunyi": "1008A",
    "Huairou": "1009A", "Changping": "1010A", "Aotizhongxin": "1011A", "Gucheng": "1012A",
}
ORDER = {"stations": 0, "sections": 1, "air_hourly": 2, "water": 3, "dustfall": 4}


@dataclass
class ImportReport:
    imported: list[dict] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[InputError] = field(default_factory=list)
    rows: int = 0
    seconds: float = 0.0

    @property
    def throughput(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0


def import_files(store: Store, paths: list[Path], *, synthetic: bool = False,
                 progress: Callable[[str], None] | None = None, lock_timeout: float | None = None,
                 on_wait: Callable[[str], None] | None = None) -> ImportReport:
    """Read, check and store ``paths``; see :class:`ImportReport` for what happened to each.

    Files are read without the store's lock; checking, writing and registering hold it (waiting
    up to ``lock_timeout`` seconds for another writer, ``on_wait(holder)`` told once), so a file
    registered by another import meanwhile is skipped, and nothing another import wrote is lost.
    """
    started, report = time.perf_counter(), ImportReport()
    pending = _unregistered(store, paths, report, progress)
    results = {}
    for path, result in read_files([path for path, _ in pending]):
        results[path] = result
        if progress:
            progress(path.name)
    parsed: list[tuple[Path, str, Parsed]] = []
    for path, digest in pending:
        if isinstance(results[path], InputError):
            report.failed.append(results[path])
        else:
            parsed.append((path, digest, results[path]))
    parsed.sort(key=lambda item: ORDER[item[2].kind])
    with store.lock(timeout=lock_timeout, on_wait=on_wait):
        remove_leftovers(store.root)
        _store_parsed(store, parsed, report, synthetic)
    report.seconds = time.perf_counter() - started
    return report


def _unregistered(store: Store, paths: list[Path], report: ImportReport,
                  progress: Callable[[str], None] | None) -> list[tuple[Path, str | None]]:
    """``(path, content hash)`` of the files not imported yet (the others are reported skipped)."""
    pending = []
    imported = store.imports()
    for path in map(Path, paths):
        digest = file_hash(path) if path.is_file() else None
        if digest and digest in imported:
            report.skipped.append(path.name)
            if progress:
                progress(path.name)
        else:
            pending.append((path, digest))
    return pending


def _store_parsed(store: Store, parsed: list[tuple[Path, str, Parsed]], report: ImportReport,
                  synthetic: bool) -> None:
    """Check, write and register (under the store's lock): rows first, the registry last."""
    imported = store.imports()
    accepted: dict[str, list[pd.DataFrame]] = {}
    entries: dict[str, dict] = {}
    registries: dict[str, tuple] = {}
    for path, digest, item in parsed:
        if digest in imported or digest in entries:
            report.skipped.append(path.name)
            continue
        try:
            frame = _check(store, accepted, registries, path, item)
        except InputError as err:
            report.failed.append(err)
            continue
        accepted.setdefault(item.kind, []).append(frame)
        entries[digest] = {"file": path.name, "kind": item.kind, "layout": item.layout, "rows": len(frame), "synthetic": synthetic}
        report.imported.append(entries[digest])
    for kind in sorted(accepted, key=ORDER.get):
        report.rows += store.write(kind, accepted[kind], synthetic=synthetic)
    if entries:
        store.register(entries)


def _check(store: Store, accepted: dict, registries: dict, path: Path, item: Parsed) -> pd.DataFrame:
    """Check codes against the registries (stored ones and those of this call, read once per call:
    registries sort first, so they are complete when the first data file is checked)."""
    if item.kind == "air_hourly":
        if "stations" not in registries:
            registries["stations"] = (_known(store, accepted, "stations", "station"), _aliases(store, accepted), {})
        return _check_air(path, item.frame, *registries["stations"])
    if item.kind == "water":
        if "sections" not in registries:
            registries["sections"] = _known(store, accepted, "sections", "section")
        return _check_codes(path, item.frame, "section", registries["sections"], "断面")
    return item.frame


def _known(store: Store, accepted: dict, table: str, key: str) -> set[str]:
    frames = [f for f in [store.table(table), *accepted.get(table, [])] if f is not None]
    return set(pd.concat(frames)[key].astype(str)) if frames else set()


def _aliases(store: Store, accepted: dict) -> dict[str, str]:
    frames = [f for f in [store.table("stations"), *accepted.get("stations", [])] if f is not None]
    names = {}
    if frames:
        reg = pd.concat(frames)
        clean = reg["station_name"].str.replace(r"[（(].*[)）]$", "", regex=True)
        names = dict(zip(clean, reg["station"]))
    return {**names, **PINYIN_STATIONS}


def _check_codes(path: Path, frame: pd.DataFrame, key: str, known: set[str], noun: str) -> pd.DataFrame:
    if not known:
        raise InputError(f"尚未导入{noun}名录，无法核对{noun}编码；请先导入{noun}名录", file=path.name, field=key)
    values = frame[key]
    distinct = values.cat.categories if isinstance(values.dtype, pd.CategoricalDtype) else values.unique()
    unknown = sorted(set(map(str, distinct)) - known)
    if unknown:
        raise ImportRejected([Reject(path.name, None, key, f"未知的{noun}编码: {code}（不在{noun}名录中）") for code in unknown])
    return frame


def _check_air(path: Path, frame: pd.DataFrame, known: set[str], aliases: dict[str, str],
               resolved: dict[tuple, pd.Index]) -> pd.DataFrame:
    """``resolved``: written station names → codes, per distinct set of names in this call (the
    daily files of a year mostly share one set), so each name is resolved once, not per row or file."""
    station = frame["station"].astype("category")
    names = tuple(map(str, station.cat.categories.to_numpy(dtype=object)))
    if names not in resolved:
        resolved[names] = pd.Index([n if n in known else aliases.get(n, n) for n in names], dtype=object)
    frame = frame.assign(station=station.cat.rename_categories(resolved[names]))
    frame = _check_codes(path, frame, "station", known, "站点")
    co = frame["co"]
    if co.notna().any() and co.median() > CO_UG_THRESHOLD:
        raise InputError(f"CO 中位数为 {co.median():g}：CO 应以 mg/m³ 计，这些数值像 µg/m³（请在表头注明单位或换算）",
                         file=path.name, field="CO")
    return frame
