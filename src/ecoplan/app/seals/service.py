"""Uploading, replacing and removing an issuing office's seal image, and finding the seals of
a circular's issuing offices. Every change is in the audit log; the caller commits once."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecoplan.app.core.actor import actor_name
from ecoplan.app.audit.service import record
from ecoplan.app.seals import files
from ecoplan.app.seals.models import IssuerSeal
from ecoplan.app.core.clock import utcnow
from ecoplan.errors import InputError
from ecoplan.reports.official_signing import (DEFAULT_SEAL_MM, MAX_SIGNATURE_CHARS, SealImage,
                                              validate_seal)
from ecoplan.reports.official_layout import text_width_chars

OBJECT_TYPE = "issuer_seal"
ADMIN_PAGE = "用户管理 › 电子印章"


def list_seals(session: Session) -> list[IssuerSeal]:
    return list(session.scalars(select(IssuerSeal).order_by(IssuerSeal.issuer)))


def by_issuer(session: Session, issuer: str) -> IssuerSeal | None:
    return session.scalars(select(IssuerSeal).where(IssuerSeal.issuer == issuer.strip())).first()


def _issuer(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise InputError("请填写发文机关（与公文落款的署名一致）", field="发文机关")
    if text_width_chars(name) > MAX_SIGNATURE_CHARS:
        raise InputError(f"发文机关名称超过{MAX_SIGNATURE_CHARS}字，署名一行排不下", field="发文机关")
    return name


def _size(text: str) -> float:
    try:
        return float(text) if str(text).strip() else DEFAULT_SEAL_MM
    except ValueError:
        raise InputError(f"印章尺寸应为毫米数（如42），得到“{text}”", field="印章尺寸") from None


def save_seal(session: Session, *, actor, issuer: str, png: bytes, file_name: str, size_mm: str,
              data_dir: Path) -> IssuerSeal:
    """Upload (or replace) ``issuer``'s seal: checked by the library's rules for a seal image
    (:func:`~ecoplan.reports.official_signing.validate_seal`) before anything is written."""
    issuer = _issuer(issuer)
    if not png:
        raise InputError("请选择印章图片文件（PNG）", field="印章")
    image = SealImage(png, _size(size_mm))
    validate_seal(image, f"“{file_name or '上传文件'}”")
    stored = files.write_new(session, data_dir, png)
    seal = by_issuer(session, issuer)
    before = seal.snapshot() if seal else None
    if seal is None:
        seal = IssuerSeal(issuer=issuer)
        session.add(seal)
    else:
        files.remove_on_commit(session, data_dir, seal.stored_name)
    width, height = image.pixels
    seal.stored_name, seal.size_mm, seal.width_px, seal.height_px = stored, image.size_mm, width, height
    seal.bytes, seal.sha256 = len(png), hashlib.sha256(png).hexdigest()
    seal.uploaded_by, seal.uploaded_at = actor_name(actor), utcnow()
    session.flush()
    record(session, actor=actor, action="seal.replaced" if before else "seal.uploaded",
           object_type=OBJECT_TYPE, object_id=seal.id, before=before, after=seal.snapshot())
    return seal


def remove_seal(session: Session, *, actor, seal: IssuerSeal, data_dir: Path) -> None:
    record(session, actor=actor, action="seal.removed", object_type=OBJECT_TYPE, object_id=seal.id,
           before=seal.snapshot(), after=None)
    files.remove_on_commit(session, data_dir, seal.stored_name)
    session.delete(seal)


def missing_seals(session: Session, issuers: Sequence[str]) -> list[str]:
    """The offices among ``issuers`` that have no seal image uploaded."""
    have = {s.issuer for s in list_seals(session)}
    return [name for name in issuers if name.strip() not in have]


def seal_images(session: Session, issuers: Sequence[str], data_dir: Path) -> list[SealImage]:
    """The seals of ``issuers`` in issuing order, for ``OfficialDocument(seals=...)``; an
    :class:`InputError` naming the offices without one."""
    missing = missing_seals(session, issuers)
    if missing:
        raise InputError(f"{'、'.join(missing)}尚未上传电子印章（由管理员在“{ADMIN_PAGE}”上传），"
                         "请选择“加盖印章（打印后盖章）”或“不加盖印章”", field="印章")
    seals = [by_issuer(session, name) for name in issuers]
    return [SealImage(files.read(data_dir, s.stored_name), s.size_mm) for s in seals]
