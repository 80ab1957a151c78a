"""The circular forms' seal choice (印章): not sealed (GB/T 9704-2012 7.3.5.2), sealed by hand
after printing with the seal's place left over the 署名 and 成文日期 (7.3.5.1, no image), or an
electronic seal image per issuing office (7.3.5.1, the images uploaded on the admin page)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from sqlalchemy.orm import Session

from ecoplan.app.seals import service
from ecoplan.errors import InputError
from ecoplan.reports.official_signing import SealImage

NONE, STAMP, IMAGE = "none", "stamp", "image"
CHOICES = {NONE: "不加盖印章", STAMP: "加盖印章（打印后盖章：留出印章位置）", IMAGE: "加盖电子印章"}
DEFAULT = STAMP


@dataclass(frozen=True)
class Signing:
    """What the document gets: ``sealed`` (the 7.3.5.1 layout) and the seal images, if any."""

    sealed: bool = True
    seals: tuple[SealImage, ...] = field(default=())


@dataclass(frozen=True)
class Offer:
    """What the form shows: whether the electronic seal can be chosen for ``issuers``, and why not."""

    issuers: tuple[str, ...]
    missing: tuple[str, ...]
    available: tuple[str, ...]

    @property
    def image_ok(self) -> bool:
        return not self.missing

    @property
    def reason(self) -> str:
        """Why 加盖电子印章 is not offered (empty when it is)."""
        if self.image_ok:
            return ""
        return (f"{'、'.join(self.missing)}尚未上传电子印章（管理员可在“{service.ADMIN_PAGE}”上传），"
                "暂不能加盖电子印章")


def parse(raw: str) -> str:
    raw = (raw or "").strip() or DEFAULT
    if raw not in CHOICES:
        raise InputError(f"只能选择：{'、'.join(CHOICES.values())}", field="印章")
    return raw


def offer(session: Session, issuers: Sequence[str]) -> Offer:
    names = tuple(n.strip() for n in issuers if n.strip())
    return Offer(names, tuple(service.missing_seals(session, names)),
                 tuple(s.issuer for s in service.list_seals(session)))


def signing(session: Session, raw: str, issuers: Sequence[str], data_dir: Path) -> Signing:
    """The signing elements for the choice ``raw`` and the issuing offices (主办机关 first);
    an :class:`InputError` naming the offices without a seal when the image is asked for."""
    chosen = parse(raw)
    if chosen == IMAGE:
        return Signing(True, tuple(service.seal_images(session, issuers, data_dir)))
    return Signing(chosen == STAMP)
