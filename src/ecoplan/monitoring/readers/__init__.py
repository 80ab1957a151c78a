"""Read a monitoring file whose kind is recognised from its content (headers), not its name.

``read_file(path)`` returns a :class:`Parsed`: the kind (``stations``, ``sections``,
``air_hourly``, ``water``, ``dustfall``), the layout and a frame in canonical columns.
Any problem raises :class:`ecoplan.errors.InputError` (``ImportRejected`` lists every rejected
row); nothing is half-read.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pandas as pd

from ecoplan.config import MAX_UPLOAD_BYTES
from ecoplan.errors import InputError
from ecoplan.monitoring.columns import map_headers
from ecoplan.monitoring.readers import air, cnemc_batch, registry, water
from ecoplan.monitoring.readers.base import load_table

KINDS = ("stations", "sections", "air_hourly", "water", "dustfall")


@dataclass
class Parsed:
    kind: str
    layout: str
    frame: pd.DataFrame


def _csv_headers(path: Path) -> list[str] | None:
    """The header line of a CSV (cheap: the national files are large)."""
    with path.open("rb") as fh:
        first = fh.readline(1 << 20)
    if not first.strip():
        return None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            line = first.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise InputError("文件编码无法识别（应为 UTF-8 或 GB18030）", file=path.name, row=1)
    return [h.strip().lstrip("\ufeff") for h in next(csv.reader([line.rstrip("\r\n")]))]


def read_file(path: str | Path) -> Parsed:
    """Recognise and read one file."""
    path = Path(path)
    if not path.is_file():
        raise InputError("文件不存在", file=str(path))
    if path.stat().st_size > MAX_UPLOAD_BYTES * 40:
        raise InputError("文件过大", file=path.name)
    if path.stat().st_size == 0:
        raise InputError("文件为空", file=path.name, row=1)
    is_csv = path.suffix.lower() not in (".xlsx", ".xlsm")
    headers = _csv_headers(path) if is_csv else None
    if is_csv and headers is None:
        raise InputError("文件为空", file=path.name, row=1)
    if headers and air.is_cnemc_wide(headers):
        return Parsed("air_hourly", "cnemc_wide", air.read_cnemc_wide(path, headers))
    frame = load_table(path)
    if air.is_cnemc_wide(list(frame.columns)):
        return Parsed("air_hourly", "cnemc_wide", air.read_cnemc_wide(path, list(frame.columns), frame))
    mapping = map_headers(frame.columns)
    names = set(mapping.values())
    if air.is_long(names):
        return Parsed("air_hourly", "long", air.read_long(path, frame, mapping))
    if air.is_station_wide(names):
        return Parsed("air_hourly", "station_wide", air.read_station_wide(path, frame, mapping))
    if "station" not in names and "station_name" in names and air.is_station_wide(names | {"station"}):
        # City platforms' exports name the station only (站点名称): the importer resolves names to codes.
        named = {k: ("station" if v == "station_name" else v) for k, v in mapping.items()}
        return Parsed("air_hourly", "station_wide", air.read_station_wide(path, frame, named))
    if registry.is_station_registry(names):
        return Parsed("stations", "registry", registry.read_stations(path, frame, mapping))
    if registry.is_section_registry(names):
        return Parsed("sections", "registry", registry.read_sections(path, frame, mapping))
    if water.is_dustfall(names):
        return Parsed("dustfall", "monthly", water.read_dustfall(path, frame, mapping))
    if water.is_water(names):
        return Parsed("water", "samples", water.read_water(path, frame, mapping))
    shown = "、".join(list(frame.columns)[:8])
    raise InputError(f"无法识别的文件格式（表头: {shown}）；支持站点/断面名录、小时空气数据（国家站日文件、长表、单站宽表）、水质数据、降尘", file=path.name, row=1)



def read_files(paths: list[Path]) -> Iterator[tuple[Path, Parsed | InputError]]:
    """Each of ``paths`` read as :func:`read_file` reads it, with what it gave or the error that
    refused it; the national centre's daily CSVs are parsed in batches (:mod:`.cnemc_batch`).
    Results come as files are done, not in the order given."""
    headers = [cnemc_batch.cnemc_header(path) for path in paths]
    yield from (_read_one(path) for path, header in zip(paths, headers) if header is None)
    daily = [(path, header) for path, header in zip(paths, headers) if header is not None]
    yield from cnemc_batch.read_cnemc_batches([p for p, _ in daily], [h for _, h in daily], _read_one,
                                              lambda frame: Parsed("air_hourly", "cnemc_wide", frame))


def _read_one(path: Path) -> tuple[Path, Parsed | InputError]:
    try:
        return path, read_file(path)
    except InputError as err:
        return path, err
