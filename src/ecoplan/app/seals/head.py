"""The 版头 the office chooses for a document it issues (issuing office, 份号, 密级, seal): shared
by the assessment circular and supervision documents."""

from __future__ import annotations

from dataclasses import dataclass

from ecoplan.reports.official_signing import SealImage

ISSUER = "常州市生态文明建设工作领导小组办公室"


@dataclass(frozen=True)
class CircularHead:
    """What the office chooses for the circular's 版头 besides 发文字号 and 成文日期: the issuing
    office (and offices issuing jointly with it, who also sign), “文件” after the name(s), 份号,
    密级和保密期限, 紧急程度, and whether it is sealed (7.3.5.1 layout) with which seal images.
    The library (``ecoplan.reports.official``) validates them against GB/T 9704-2012."""

    issuer: str = ISSUER
    co_issuers: tuple[str, ...] = ()
    issuer_suffix: str = ""
    copy_number: str = ""
    security: str = ""
    secrecy_term: str = ""
    urgency: str = ""
    sealed: bool = True
    seals: tuple[SealImage, ...] = ()
