"""Many national-centre daily files (``china_sites_YYYYMMDD.csv``) parsed as one CSV.

A daily file has ~1,700 station columns but only 24 × 15 rows, so Arrow's CSV reader spends
most of its time on per-call, per-column set-up; files with the same header line are therefore
joined (header once, then every file's data lines) and parsed in one call, about 5× less CPU
than one call per file. Each file's rows are then checked and reshaped on their own, by the very
code of the one-file path (:func:`air.cnemc_rows_to_hourly`), so results, row numbers and
messages are those of :func:`ecoplan.monitoring.readers.read_file`.

Whenever the join cannot be trusted to keep rows apart (a blank line or a quoted line break
inside a file makes the parsed row count fall short of the files' line count) or the typed
parse refuses a cell, the files of that batch are read one by one instead, which also gives the
exact message naming file, row and field.
"""

from __future__ import annotations

import csv
import functools
import io
from pathlib import Path
from typing import Callable, Iterator

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from ecoplan.config import MAX_UPLOAD_BYTES
from ecoplan.errors import InputError
from ecoplan.monitoring.readers import air

BATCH_BYTES = 48 << 20
"""Bytes of CSV text parsed in one call: a month of 1,700-station files, ~1.3 GB of float64 at most."""

Result = tuple[Path, object]
"""A file and what reading it gave: a ``Parsed`` or the ``InputError`` that refused it."""


def cnemc_header(path: Path) -> bytes | None:
    """The raw header line when ``path`` is a CSV in the national centre's layout, else None."""
    if path.suffix.lower() in (".xlsx", ".xlsm") or not path.is_file() or path.stat().st_size > MAX_UPLOAD_BYTES * 40:
        return None
    with path.open("rb") as fh:
        first = fh.readline(1 << 20)
    return first if _is_cnemc_header(first) else None


@functools.lru_cache(maxsize=16)
def _is_cnemc_header(first: bytes) -> bool:
    """Memoised: the daily files of a year mostly share one header line of ~1,700 codes."""
    try:
        return air.is_cnemc_wide(_names(first))
    except UnicodeDecodeError:
        return False


def _names(header: bytes) -> list[str]:
    """Column names as Arrow reads them (quotes removed, spaces kept)."""
    return next(csv.reader([header.decode("ascii").rstrip("\r\n")]))


def read_cnemc_batches(paths: list[Path], headers: list[bytes], read_one: Callable[[Path], Result],
                       parsed: Callable[[pd.DataFrame], object]) -> Iterator[Result]:
    """Every file of ``paths`` (each with its raw header line) read in batches of one header;
    ``read_one`` reads a file alone, ``parsed`` wraps an hourly frame as the reader's result."""
    groups: dict[bytes, list[Path]] = {}
    for path, header in zip(paths, headers):
        groups.setdefault(header, []).append(path)
    for header, members in groups.items():
        batch, size = [], 0
        for path in members:
            # Trailing blank lines dropped here; any other line Arrow would not count as a row
            # (blank, or a quoted line break) makes the batch's row count fall short.
            body = path.read_bytes()[len(header):].rstrip(b"\r\n")
            if not body:
                yield read_one(path)
                continue
            batch.append((path, body + b"\n"))
            size += len(body)
            if size >= BATCH_BYTES:
                yield from _read_batch(header, batch, read_one, parsed)
                batch, size = [], 0
        if batch:
            yield from _read_batch(header, batch, read_one, parsed)


def _read_batch(header: bytes, batch: list[tuple[Path, bytes]], read_one, parsed) -> Iterator[Result]:
    stations = _names(header)[3:]
    counts = np.array([body.count(b"\n") for _, body in batch])
    try:
        table = pacsv.read_csv(io.BytesIO(header + b"".join(body for _, body in batch)),
                               read_options=pacsv.ReadOptions(block_size=8 << 20),
                               convert_options=air.cnemc_convert_options(stations))
    except (pa.ArrowInvalid, UnicodeDecodeError):
        table = None
    if table is None or table.num_rows != counts.sum():
        yield from (read_one(path) for path, _ in batch)
        return
    numbers = air.cnemc_numbers(table)
    date_text = table["date"].to_numpy(zero_copy_only=False)
    hour, kind = table["hour"].to_numpy(), table["type"].to_numpy(zero_copy_only=False)
    ends = np.cumsum(counts)
    for (path, _), stop, count in zip(batch, ends, counts):
        rows = slice(stop - count, stop)
        try:
            frame = air.cnemc_rows_to_hourly(path.name, stations, pd.Series(date_text[rows]), pd.Series(hour[rows]),
                                             pd.Series(kind[rows]), numbers[rows], [], typed=True)
        except InputError as err:
            yield path, err
        else:
            yield path, parsed(frame)
