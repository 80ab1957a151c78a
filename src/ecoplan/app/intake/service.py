"""Uploads of monitoring files: preview (nothing written), check before the import (:func:`begin`;
the import itself runs in :mod:`ecoplan.app.intake.running`, all or nothing), undo the last.

Uploaded files are kept under ``<data dir>/intake/<id>/files``; the copies of the store's
partitions a confirmed import rewrote under ``<data dir>/intake/<id>/undo`` (what undo puts
back). Every import and undo is audited; the store's lock is the CLI's (one writer at a time).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import shutil
import zipfile
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecoplan.app.core import clock
from ecoplan.app.audit.service import record
from ecoplan.app.core.actor import actor_name
from ecoplan.app.intake.models import STATE_LABELS, ColumnMap, MonitoringImport
from ecoplan.errors import InputError
from ecoplan.monitoring import intake
from ecoplan.monitoring.columns import canonical
from ecoplan.monitoring.store import Store

MAX_FILES = 20
MAX_ERRORS = 200
LOCK_WAIT_SECONDS = 30
XLSX_EXPANSION = 8
"""An xlsx may unpack to this many times the upload limit (sheets compress about 5–10×)."""


def now() -> dt.datetime:
    return clock.utcnow()


def folder(data_dir: Path, import_id: int) -> Path:
    return Path(data_dir) / "intake" / str(import_id)


def _safe_name(name: str) -> str:
    base = re.sub(r"[\\/:*?\"<>|\x00-\x1f]", "_", Path(name or "").name).strip(". ") or "upload.csv"
    return base[:120]


def _bounded_xlsx(name: str, data: bytes, limit: int) -> None:
    """An xlsx is a zip: refuse one that would unpack to more than ``limit`` bytes before any
    reader opens it (a small upload must not fill the memory)."""
    if not name.lower().endswith((".xlsx", ".xlsm")):
        return
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(item.file_size for item in archive.infolist())
    except zipfile.BadZipFile:
        raise InputError("不是有效的 xlsx 文件（无法解压）", file=name) from None
    if unpacked > limit:
        raise InputError(f"xlsx 解压后过大（{unpacked // (1024 * 1024)} MB，上限 {limit // (1024 * 1024)} MB）", file=name)


def column_map(session: Session, source: str) -> dict[str, str]:
    if not source:
        return {}
    row = session.scalar(select(ColumnMap).where(ColumnMap.source == source))
    if row is None:
        raise InputError(f"未找到数据来源“{source}”的列对应关系；请先在“列对应关系”中保存", field="source")
    return dict(row.mapping)


def parse_mapping(text: str) -> dict[str, str]:
    """``表头=字段`` lines (字段: a canonical name or any header the column map knows)."""
    mapping = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        header, sep, name = line.partition("=")
        if not sep or not header.strip() or not name.strip():
            raise InputError("每行应写作“表头=字段”", row=number, field="列对应关系")
        target = canonical(name.strip())
        if target is None:
            raise InputError(f"字段“{name.strip()}”无法识别（可写 station、pm25、时间、溶解氧 等）", row=number, field="列对应关系")
        mapping[header.strip()] = target
    return mapping


def save_column_map(session: Session, *, source: str, text: str, actor) -> ColumnMap:
    source = source.strip()
    if not source or len(source) > 100:
        raise InputError("数据来源名称不能为空，且不超过 100 字", field="source")
    mapping = parse_mapping(text)
    if not mapping:
        raise InputError("列对应关系为空", field="列对应关系")
    row = session.scalar(select(ColumnMap).where(ColumnMap.source == source)) or ColumnMap(source=source)
    before = dict(row.mapping) if row.id else None
    row.mapping, row.updated_by, row.updated_at = mapping, actor_name(actor), now()
    session.add(row)
    session.flush()
    record(session, actor=actor, action="monitoring.column_map", object_type="monitoring_column_map",
           object_id=row.id, before=before and {"mapping": before}, after={"source": source, "mapping": mapping})
    return row


def create(session: Session, data_dir: Path, uploads: list[tuple[str, bytes]], *, source: str = "",
           actor, origin: str = "web", max_bytes: int) -> MonitoringImport:
    """Keep the uploaded files and preview them (state ``previewed`` or ``failed``)."""
    if not uploads:
        raise InputError("请选择要上传的文件", field="files")
    if len(uploads) > MAX_FILES:
        raise InputError(f"一次最多上传 {MAX_FILES} 个文件", field="files")
    for name, data in uploads:
        if len(data) > max_bytes:
            raise InputError(f"文件过大（上限 {max_bytes // (1024 * 1024)} MB）", file=name)
        if not data:
            raise InputError("文件为空", file=name, row=1)
        _bounded_xlsx(name, data, max_bytes * XLSX_EXPANSION)
    mapping = column_map(session, source)
    row = MonitoringImport(state="previewed", origin=origin, source=source, actor=getattr(actor, "username", actor or "system"),
                           created_at=now(), files=[], rows=0, replaced=0, period_from="", period_to="",
                           errors=[], unknown=[], stations={}, preview={}, unknown_sections=[],
                           sections={})
    session.add(row)
    session.flush()
    files_dir = folder(data_dir, row.id) / "files"
    files_dir.mkdir(parents=True, exist_ok=True)
    names = []
    for name, data in uploads:
        safe = _safe_name(name)
        while safe in names:
            safe = "_" + safe
        names.append(safe)
        (files_dir / safe).write_bytes(data)
        row.files = [*row.files, {"name": safe, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}]
    _preview(row, data_dir, mapping)
    return row


def _staged(row: MonitoringImport, data_dir: Path, mapping: dict[str, str]) -> intake.Staged:
    files_dir = folder(data_dir, row.id) / "files"
    files = [(f["name"], files_dir / f["name"]) for f in row.files]
    return intake.stage(Store(data_dir), files, stations=dict(row.stations), column_map=mapping,
                        work_dir=folder(data_dir, row.id), sections=dict(row.sections or {}))


def _preview(row: MonitoringImport, data_dir: Path, mapping: dict[str, str]) -> intake.Staged:
    staged = _staged(row, data_dir, mapping)
    row.errors = staged.errors[:MAX_ERRORS]
    row.unknown, row.unknown_sections = staged.unknown, staged.unknown_sections
    summary = intake.preview(Store(data_dir), staged)
    summary["skipped"] = staged.skipped
    row.preview = summary
    row.rows, row.replaced = summary["rows"], summary["replaced"]
    row.period_from, row.period_to = summary["period"] or ("", "")
    if staged.errors:
        row.state, row.finished_at = "failed", now()
    elif not staged.items:
        row.state, row.finished_at = "failed", now()
        row.errors = [{"file": None, "row": None, "field": None, "message": "所有文件此前都已导入过（内容相同），没有新数据"}]
    return staged


def begin(session: Session, data_dir: Path, row: MonitoringImport, *, stations: dict[str, str] | None,
          actor, sections: dict[str, str] | None = None) -> intake.Staged | None:
    """Check the upload again with the confirmed names and mark it ``importing``: what to write,
    or None when it failed (audited)."""
    if row.state != "previewed":
        raise InputError(f"该导入当前状态为“{STATE_LABELS.get(row.state, row.state)}”，不能确认", field="state")
    row.stations = {**row.stations, **_confirmed(stations)}
    row.sections = {**(row.sections or {}), **_confirmed(sections)}
    staged = _preview(row, data_dir, column_map(session, row.source))
    if row.state == "failed":
        _audit(session, row, actor, "monitoring.import")
        return None
    if staged.unknown:
        raise InputError("以下站点不在站点名录中，请逐一确认对应的站点编码或新增为站点："
                         f"{'、'.join(staged.unknown)}", field="stations")
    if staged.unknown_sections:
        raise InputError("以下断面不在断面名录中，请逐一对应到名录中的断面（新增断面请先上传断面名录，"
                         f"写明级别、水体和目标类别）：{'、'.join(staged.unknown_sections)}", field="sections")
    row.state = "importing"
    row.preview = {**row.preview, "started_at": now().isoformat()}
    return staged


def _confirmed(names: dict[str, str] | None) -> dict[str, str]:
    return {k.strip(): v.strip() for k, v in (names or {}).items() if k.strip() and v and v.strip()}


def _registry_hash(data_dir: Path) -> str:
    path = Store(data_dir).root / "imports.json"
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else ""


def last_done(session: Session) -> MonitoringImport | None:
    return session.scalar(select(MonitoringImport).where(MonitoringImport.state.in_(("done", "undone")))
                          .order_by(MonitoringImport.finished_at.desc(), MonitoringImport.id.desc()).limit(1))


def undo_last(session: Session, data_dir: Path, *, actor) -> MonitoringImport:
    """Put back what the last import replaced. Refused when the store changed since (another
    import, e.g. from the command line), so nothing written later is lost."""
    row = last_done(session)
    if row is None or row.state != "done":
        raise InputError("没有可撤销的导入（只能撤销最近一次导入）")
    store = Store(data_dir)
    with store.lock(timeout=LOCK_WAIT_SECONDS):
        if _registry_hash(data_dir) != row.preview.get("registry_after"):
            raise InputError("该导入之后监测数据已有其他写入（如命令行导入），无法安全撤销")
        intake.undo(store, folder(data_dir, row.id) / "undo", lock_timeout=LOCK_WAIT_SECONDS)
    row.state, row.finished_at = "undone", now()
    _audit(session, row, actor, "monitoring.undo")
    return row


def _audit(session: Session, row: MonitoringImport, actor, action: str) -> None:
    record(session, actor=actor, action=action, object_type="monitoring_import", object_id=row.id,
           after={"state": row.state, "files": [f"{f['name']} ({f['sha256'][:12]})" for f in row.files],
                  "rows": row.rows, "replaced": row.replaced, "period": f"{row.period_from}–{row.period_to}",
                  "source": row.source, "errors": len(row.errors)})


def history(session: Session, limit: int = 50) -> list[MonitoringImport]:
    return list(session.scalars(select(MonitoringImport).order_by(MonitoringImport.id.desc()).limit(limit)))


def discard_files(data_dir: Path, row: MonitoringImport) -> None:
    """Drop the uploaded copies of a failed upload (its history row stays)."""
    shutil.rmtree(folder(data_dir, row.id) / "files", ignore_errors=True)
    shutil.rmtree(folder(data_dir, row.id) / "mapped", ignore_errors=True)


def out(row: MonitoringImport) -> dict:
    """The API's view of an upload."""
    return {"id": row.id, "state": row.state, "rows": row.rows, "replaced": row.replaced, "errors": row.errors,
            "unknown_stations": row.unknown, "unknown_sections": row.unknown_sections or [], "files": row.files, "source": row.source, "origin": row.origin,
            "actor": row.actor, "created_at": row.created_at.isoformat() if row.created_at else None,
            "finished_at": row.finished_at.isoformat() if row.finished_at else None,
            "period": [row.period_from, row.period_to] if row.period_from else None,
            "per_month": row.preview.get("per_month", []), "replaced_samples": row.preview.get("samples", []),
            "progress": _progress(row)}


def _progress(row: MonitoringImport) -> dict | None:
    """``{done, total}`` rows of an import that started (None before)."""
    moved = (row.preview or {}).get("progress")
    return {"done": moved["done"], "total": moved["total"]} if moved else None
