"""Loading a CSV or xlsx file as text, and turning text cells into numbers with every bad cell reported.

Row numbers in messages are the file's own line numbers (the header is row 1), so a clerk can
find the cell in Excel/WPS.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ecoplan.errors import InputError

MAX_LISTED = 20
"""Rejected rows listed in one message; the count says how many more there are."""

HEADER_ROWS = 1
FIRST_DATA_ROW = HEADER_ROWS + 1


@dataclass(frozen=True)
class Reject:
    """One rejected cell or row: where it is and why."""

    file: str
    row: int | None
    field: str | None
    reason: str

    def __str__(self) -> str:
        where = ", ".join(p for p in (self.file, self.row and f"row {self.row}", self.field and f"field {self.field}") if p)
        return f"{where}: {self.reason}"


class ImportRejected(InputError):
    """An import refused as a whole, with every rejected row (``rejects``)."""

    def __init__(self, rejects: list[Reject]) -> None:
        first = rejects[0]
        more = len(rejects) - 1
        listed = "; ".join(str(r) for r in rejects[1:MAX_LISTED])
        tail = f" (另有 {more} 处被拒: {listed}{' …' if more >= MAX_LISTED else ''})" if more else ""
        super().__init__(f"{first.reason}{tail}；本文件未导入任何数据", file=first.file, row=first.row, field=first.field)
        self.rejects = rejects


def fail_if(rejects: list[Reject]) -> None:
    """Raise :class:`ImportRejected` when anything was rejected (all-or-nothing)."""
    if rejects:
        raise ImportRejected(rejects)


def read_text(path: Path) -> str:
    """The file's text: UTF-8 (with or without BOM), else GB18030 (national registries use it)."""
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError("文件编码无法识别（应为 UTF-8 或 GB18030）", file=path.name)


def load_table(path: Path) -> pd.DataFrame:
    """Every cell as text (``""`` for empty); CSV or the first sheet of an xlsx file."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        frame = pd.read_excel(path, dtype=str, keep_default_na=False, engine="openpyxl")
    else:
        import io

        text = read_text(path)
        if not text.strip():
            raise InputError("文件为空", file=path.name, row=1)
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, skipinitialspace=True)
    if frame.empty:
        raise InputError("文件没有数据行（只有表头或为空）", file=path.name, row=FIRST_DATA_ROW)
    frame.columns = [str(c).strip().lstrip("\ufeff") for c in frame.columns]
    return frame


NA_TEXT = ("", "na", "nan", "null", "--", "—", "-", "/")
"""Cells meaning "no value": empty, NA, dashes, and "/" (not monitored, as HJ 633's tables write it)."""


def to_numbers(frame: pd.DataFrame, columns: dict[str, str], file: str, rejects: list[Reject],
               row_numbers: np.ndarray | None = None) -> pd.DataFrame:
    """Columns ``{header: canonical}`` of ``frame`` as float64; empty/NA cells → NaN.

    Any other text that is not a plain number (``"35μg/m³"``, ``"abc"``) is a reject naming the
    row and the header as written; negative concentrations are rejects too.
    """
    rows = row_numbers if row_numbers is not None else np.arange(len(frame)) + FIRST_DATA_ROW
    out = {}
    for header, name in columns.items():
        text = frame[header].astype(str).str.strip()
        values = pd.to_numeric(text, errors="coerce").to_numpy(dtype="float64")
        missing = text.str.lower().isin(NA_TEXT).to_numpy()
        bad = np.isnan(values) & ~missing
        for i in np.flatnonzero(bad)[:MAX_LISTED]:
            rejects.append(Reject(file, int(rows[i]), header, f"不是数值: {text.iloc[i]!r}（单元格中只能填数字，单位写在表头）"))
        negative = values < 0
        for i in np.flatnonzero(negative)[:MAX_LISTED]:
            rejects.append(Reject(file, int(rows[i]), header, f"浓度不能为负: {values[i]:g}"))
        out[name] = values
    return pd.DataFrame(out, index=frame.index)


def parse_dates(text: pd.Series, fmt: str | None, file: str, field: str, rejects: list[Reject],
                row_numbers: np.ndarray | None = None) -> pd.Series:
    """Dates from text; a date that does not exist (20190230) or cannot be read is a reject."""
    rows = row_numbers if row_numbers is not None else np.arange(len(text)) + FIRST_DATA_ROW
    parsed = pd.to_datetime(text.astype(str).str.strip(), format=fmt, errors="coerce")
    bad = parsed.isna().to_numpy()
    for i in np.flatnonzero(bad)[:MAX_LISTED]:
        rejects.append(Reject(file, int(rows[i]), field, f"日期不存在或无法识别: {text.iloc[i]!r}"))
    return parsed
