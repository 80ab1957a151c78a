"""Intake of uploaded files: read and check (no write), preview the change, commit all or nothing, undo.

The web intake and the drop folder use this module; the CLI keeps :func:`importer.import_files`
(file by file). Here an upload is one unit: any file refused refuses them all.

* :func:`stage` reads the files (a source's column map applied first, station names confirmed
  by the office mapped to codes) and lists errors and station names the registry does not know.
* :func:`preview` says what a commit would change: rows per station/section and month, and the
  stored values it would replace; it reads the store and writes nothing.
* :func:`commit` holds the store's lock (the same one as ``ecoplan data import``), copies every
  partition it will rewrite (and ``imports.json``) into ``undo_dir``, writes, registers; on any
  failure it restores the copies. :func:`undo` puts the copies back (under the lock).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np
import pandas as pd

from ecoplan.errors import InputError
from ecoplan.monitoring.columns import _ALIASES, AIR_POLLUTANTS, WATER_FACTORS, canonical
from ecoplan.monitoring.importer import ORDER, PINYIN_STATIONS
from ecoplan.monitoring import journal
from ecoplan.monitoring.lock import remove_leftovers
from ecoplan.monitoring.readers import Parsed, read_files
from ecoplan.monitoring.readers.base import ImportRejected, load_table
from ecoplan.monitoring.store import KEYS, Store, by_month, file_hash

SAMPLES = 50
"""Replaced values listed in a preview (the count covers all of them)."""


@dataclass
class Staged:
    """What :func:`stage` read: files ready to store, errors, unknown station and section names."""

    items: list[tuple[str, str, Parsed]] = field(default_factory=list)  # (file name, sha256, parsed)
    errors: list[dict] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    unknown_sections: list[str] = field(default_factory=list)
    """Water sections named as neither a code nor a name of the section registry, nor confirmed."""


def chinese_field(name: str | None) -> str | None:
    """A canonical column name as the office reads it (``hour`` → ``小时``); other names as given."""
    if name is None:
        return None
    text = {"station": "站点", "section": "断面", "type": "项目类型"}.get(name) or next(
        (a for a in _ALIASES.get(name, ()) if re.search(r"[\u4e00-\u9fff]", a)), None)
    return text or name


def error_dict(err: InputError) -> list[dict]:
    """An error as ``{file, row, field, message}`` records (every rejected row of a refusal)."""
    if isinstance(err, ImportRejected):
        return [{"file": r.file, "row": r.row, "field": chinese_field(r.field), "message": r.reason} for r in err.rejects]
    return [{"file": err.file, "row": err.row, "field": chinese_field(err.field), "message": err.message}]


def apply_column_map(path: Path, column_map: dict[str, str], out_dir: Path) -> Path:
    """``path`` with its headers renamed by ``column_map`` (header as written → canonical name),
    as a UTF-8 CSV in ``out_dir`` (same rows, header on row 1); ``path`` itself without a map."""
    if not column_map:
        return path
    frame = load_table(path)
    bad = [v for v in column_map.values() if canonical(v) is None]
    if bad:
        raise InputError(f"列对应关系中的字段名无效: {'、'.join(bad)}", file=path.name, field="source")
    frame = frame.rename(columns={k: v for k, v in column_map.items() if k in frame.columns})
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / (path.stem + ".csv")
    frame.to_csv(target, index=False, encoding="utf-8")
    return target


def stage(store: Store, files: list[tuple[str, Path]], *, stations: dict[str, str] | None = None,
          column_map: dict[str, str] | None = None, work_dir: Path | None = None,
          sections: dict[str, str] | None = None) -> Staged:
    """Read ``files`` (``(name shown, path)``) as one upload; nothing is written to the store.
    ``stations`` / ``sections``: the office's confirmations (name as written → code)."""
    staged, stations = Staged(), stations or {}
    imported = store.imports()
    paths: dict[Path, tuple[str, str]] = {}
    for name, path in files:
        try:
            digest = file_hash(path)
            if digest in imported:
                staged.skipped.append(name)
                continue
            read_path = apply_column_map(path, column_map or {}, (work_dir or path.parent) / "mapped")
        except InputError as err:
            staged.errors += error_dict(err)
            continue
        paths[read_path] = (name, digest)
    results = dict(read_files(list(paths)))
    for read_path, (name, digest) in paths.items():
        result = results[read_path]
        if isinstance(result, InputError):
            staged.errors += [{**e, "file": name} for e in error_dict(result)]
        else:
            staged.items.append((name, digest, result))
    staged.items.sort(key=lambda item: ORDER[item[2].kind])
    _resolve(store, staged, stations)
    _resolve_sections(store, staged, sections or {})
    return staged


def _registry(store: Store, staged: Staged, table: str, key: str) -> pd.DataFrame | None:
    frames = [f for f in [store.table(table)] + [p.frame for _, _, p in staged.items if p.kind == table] if f is not None]
    return pd.concat(frames, ignore_index=True) if frames else None


def _resolve(store: Store, staged: Staged, stations: dict[str, str]) -> None:
    """Station names → codes (registry names, pinyin names, the office's confirmations); the
    names left are ``unknown``."""
    reg = _registry(store, staged, "stations", "station")
    known = set(reg["station"].astype(str)) if reg is not None else set()
    names = {}
    if reg is not None:
        clean = reg["station_name"].astype(str).str.replace(r"[（(].*[)）]$", "", regex=True)
        names = {**dict(zip(reg["station_name"].astype(str), reg["station"])), **dict(zip(clean, reg["station"]))}
    lookup = {**names, **PINYIN_STATIONS, **stations}
    unknown: set[str] = set()
    for i, (name, digest, item) in enumerate(staged.items):
        if item.kind == "air_hourly":
            codes = item.frame["station"].astype(str).map(lambda s: s if s in known else lookup.get(s, s))
            unknown |= set(codes[~codes.isin(known | set(stations.values()))])
            staged.items[i] = (name, digest, Parsed(item.kind, item.layout, item.frame.assign(station=codes)))
    staged.unknown = sorted(unknown)


def _resolve_sections(store: Store, staged: Staged, sections: dict[str, str]) -> None:
    """Water sections as written → codes of the section registry (its codes, its names, the
    office's confirmations); the rest are ``unknown_sections``. A confirmation must name a
    section of the registry: a new section needs its level, water body and target class, which
    only a section registry file gives."""
    if not any(item.kind == "water" for _, _, item in staged.items):
        return
    reg = _registry(store, staged, "sections", "section")
    known = set(reg["section"].astype(str)) if reg is not None else set()
    names = dict(zip(reg["section_name"].astype(str), reg["section"].astype(str))) if reg is not None else {}
    lookup = {**names, **{k: v for k, v in sections.items() if v in known}}
    unknown: set[str] = set()
    for i, (name, digest, item) in enumerate(staged.items):
        if item.kind == "water":
            codes = item.frame["section"].astype(str).map(lambda s: s if s in known else lookup.get(s, s))
            unknown |= set(codes[~codes.isin(known)])
            staged.items[i] = (name, digest, Parsed(item.kind, item.layout, item.frame.assign(section=codes)))
    staged.unknown_sections = sorted(unknown)


def new_stations(stations: dict[str, str], known: set[str]) -> pd.DataFrame:
    """Registry rows for confirmed names whose code is new (name → new code)."""
    from ecoplan.monitoring.readers.registry import STATION_COLUMNS

    pairs = [(name, code) for name, code in stations.items() if code not in known]
    blank = {c: [""] * len(pairs) for c in STATION_COLUMNS}
    frame = pd.DataFrame({**blank, "station": [c for _, c in pairs], "station_name": [n for n, _ in pairs],
                          "background": [False] * len(pairs), "lon": [np.nan] * len(pairs), "lat": [np.nan] * len(pairs)})
    return frame[STATION_COLUMNS]


# ---- preview ---------------------------------------------------------------------------------
def preview(store: Store, staged: Staged) -> dict:
    """Rows per station/section and month, and the stored values that would be replaced."""
    counts: dict[tuple, int] = {}
    replaced, samples = 0, []
    periods: list[pd.Timestamp] = []
    for name, _digest, item in staged.items:
        if item.kind == "air_hourly":
            frame, where, when, columns = item.frame, "station", "day", list(AIR_POLLUTANTS)
        elif item.kind == "water":
            frame, where, when, columns = item.frame, "section", "time", [f for f in WATER_FACTORS if f in item.frame]
        else:
            counts[(item.kind, name, "")] = counts.get((item.kind, name, ""), 0) + len(item.frame)
            continue
        month = frame[when].dt.strftime("%Y-%m")
        periods += [frame[when].min(), frame[when].max()]
        for (code, ym), n in frame.groupby([frame[where].astype(str), month]).size().items():
            counts[(item.kind, code, ym)] = counts.get((item.kind, code, ym), 0) + int(n)
        n, listed = _replaced(store, item.kind, frame, columns, SAMPLES - len(samples))
        replaced += n
        samples += listed
    return {"rows": sum(counts.values()), "replaced": replaced,
            "per_month": [{"kind": k, "where": c, "month": m, "rows": n} for (k, c, m), n in sorted(counts.items())],
            "samples": samples, "period": _period(periods)}


def _period(stamps: list) -> list[str] | None:
    stamps = [s for s in stamps if pd.notna(s)]
    return [min(stamps).strftime("%Y-%m-%d"), max(stamps).strftime("%Y-%m-%d")] if stamps else None


def _partitions(store: Store, kind: str, frame: pd.DataFrame) -> list[Path]:
    if kind == "air_hourly":
        months = np.unique(frame["day"].to_numpy().astype("datetime64[M]"))
        return [store.root / kind / f"year={m.item().year}" / f"month={m.item().month:02d}" / "part.parquet" for m in months]
    if kind == "water":
        return [store.root / kind / f"year={y}" / "part.parquet" for y in sorted(frame["time"].dt.year.unique())]
    return [store.root / f"{kind}.parquet"]


def _replaced(store: Store, kind: str, frame: pd.DataFrame, columns: list[str], limit: int) -> tuple[int, list[dict]]:
    """Stored non-empty values this frame would change (same key, different value)."""
    keys = KEYS[kind]
    total, listed = 0, []
    for path in _partitions(store, kind, frame):
        if not path.exists():
            continue
        old = pd.read_parquet(path, columns=[*keys, *[c for c in columns]])
        new = frame[[*keys, *columns]].astype({keys[0]: str})
        joined = old.astype({keys[0]: str}).merge(new, on=keys, suffixes=("_old", "_new"))
        for column in columns:
            a, b = joined[f"{column}_old"].to_numpy(dtype=float), joined[f"{column}_new"].to_numpy(dtype=float)
            changed = ~np.isnan(a) & ~np.isclose(a, b, equal_nan=False)
            total += int(changed.sum())
            for i in np.flatnonzero(changed)[:max(0, limit - len(listed))]:
                listed.append({"where": str(joined[keys[0]].iloc[i]), "time": _when(joined, keys, i), "field": column,
                               "old": float(a[i]), "new": None if np.isnan(b[i]) else float(b[i])})
    return total, listed


def _when(joined: pd.DataFrame, keys: list[str], i: int) -> str:
    stamp = joined[keys[1]].iloc[i]
    text = stamp.strftime("%Y-%m-%d")
    return f"{text} {int(joined['hour'].iloc[i]):02d}时" if "hour" in keys else stamp.strftime("%Y-%m-%d %H:%M")


# ---- commit and undo -------------------------------------------------------------------------
def _touched(store: Store, staged: Staged, extra_kinds: tuple[str, ...]) -> list[Path]:
    paths = [store.root / "imports.json"] + [store.root / f"{k}.parquet" for k in extra_kinds]
    for _name, _digest, item in staged.items:
        for path in _partitions(store, item.kind, item.frame):
            paths.append(path)
            if item.kind == "air_hourly":
                paths.append(store.root / "air_daily" / path.parent.parent.name / path.parent.name / "part.parquet")
    return sorted(set(paths))


def commit(store: Store, staged: Staged, undo_dir: Path, *, stations: dict[str, str] | None = None,
           lock_timeout: float | None = 60, synthetic: bool = False,
           progress: Callable[[int, int], None] | None = None) -> int:
    """Store every staged file or none (rows written); ``undo_dir`` keeps what :func:`undo` needs.

    A journal names ``undo_dir`` while the files are written, so a process killed half-way is
    rolled back by the next writer (:mod:`ecoplan.monitoring.journal`). ``progress(done, total)``
    is called (under the lock) after each part written: rows so far and in all."""
    if staged.errors or staged.unknown or staged.unknown_sections:
        raise InputError("导入前仍有错误或未确认的站点、断面，未写入任何数据")
    with store.lock(timeout=lock_timeout):
        remove_leftovers(store.root)
        registry = store.table("stations")
        known = set(registry["station"].astype(str)) if registry is not None else set()
        added = new_stations(stations or {}, known | {c for _, _, p in staged.items if p.kind == "stations" for c in p.frame["station"]})
        journal.snapshot(store.root, _touched(store, staged, ("stations",) if len(added) else ()), undo_dir)
        journal.open_journal(store.root, undo_dir)
        try:
            rows = _write(store, staged, added, synthetic, progress or (lambda done, total: None))
        except BaseException:
            journal.restore(store.root, undo_dir)
            journal.close_journal(store.root)
            raise
        journal.close_journal(store.root)
    return rows


def _parts(kind: str, frames: list[pd.DataFrame]) -> list[list[pd.DataFrame]]:
    """What one write stores: hourly air a month at a time (so progress moves), the rest whole."""
    if kind != "air_hourly":
        return [frames]
    return [parts for _, parts in sorted(by_month(frames).items())]


def _write(store: Store, staged: Staged, added: pd.DataFrame, synthetic: bool,
           progress: Callable[[int, int], None]) -> int:
    by_kind: dict[str, list[pd.DataFrame]] = {}
    if len(added):
        by_kind["stations"] = [added]
    entries = {}
    for name, digest, item in staged.items:
        by_kind.setdefault(item.kind, []).append(item.frame)
        entries[digest] = {"file": name, "kind": item.kind, "layout": item.layout, "rows": len(item.frame), "synthetic": synthetic}
    total = sum(len(f) for frames in by_kind.values() for f in frames) - len(added)  # the upload's rows
    rows = 0
    progress(0, total)
    for kind in sorted(by_kind, key=ORDER.get):
        for parts in _parts(kind, by_kind[kind]):
            rows += store.write(kind, parts, synthetic=synthetic)
            progress(rows - len(added), total)
    if entries:
        store.register(entries)
    return rows - len(added)


def undo(store: Store, undo_dir: Path, *, lock_timeout: float | None = 60) -> None:
    """Put back every partition (and the registry) as it was before the commit that made ``undo_dir``."""
    if not (undo_dir / "manifest.json").exists():
        raise InputError("找不到本次导入的撤销数据，无法撤销", file=str(undo_dir))
    with store.lock(timeout=lock_timeout):
        remove_leftovers(store.root)
        journal.restore(store.root, undo_dir)
