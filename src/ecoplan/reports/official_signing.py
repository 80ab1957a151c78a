"""The 版头 marks and the signing elements of a 公文 beyond the single-office 下行文, as data.

GB/T 9704-2012 clauses: 7.2.1 份号, 7.2.2 密级和保密期限, 7.2.4 joint 发文机关标志 (联合行文, with
“文件”), 7.2.5/7.2.6 发文字号 and 签发人 of a 上行文, 7.3.5.1 印章 (one seal per issuer), 7.3.5.2
joint signatures without seals. :func:`validate_signing` is called by
``ecoplan.reports.official.validate``; the writers read the helpers below.
"""

from __future__ import annotations

import re
import struct
import zlib
from dataclasses import dataclass
from typing import Sequence

from ecoplan.errors import InputError
from ecoplan.reports.official_layout import CHARS_PER_LINE, text_width_chars
from ecoplan.reports.official_signing_layout import signer_tabs

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SEAL_MAX_BYTES = 2 * 1024 * 1024
SEAL_PIXELS = (100, 3000)
"""Smallest and largest side [px] of a seal image: below 100 px a 42 mm seal prints blurred (< 60 dpi)."""
SEAL_MM = (30.0, 50.0)
"""Printed seal width and height [mm]: Chinese official seals are 38–45 mm across (42 mm for a
people's government, 40 mm for its departments); the bounds leave room for trimmed images."""
DEFAULT_SEAL_MM = 42.0
MAX_ISSUERS = 9
MAX_SIGNATURE_CHARS = CHARS_PER_LINE - 2
"""A 署名 stays on one line with the two 字 kept free on the right (7.3.5.2: 右空二字)."""
_COPY_NUMBER = re.compile(r"^\d{6}$")
# 7.2.2: 保密期限中的数字用阿拉伯数字标注 — “1年”, “6个月”, “10年”, or “长期”.
_SECRECY_TERM = re.compile(r"^(?:[1-9]\d*(?:年|个月)|长期)$")
SUFFIXES = ("", "文件")


@dataclass(frozen=True)
class SealImage:
    """A seal (印章) as a PNG with a transparent background, printed ``size_mm`` wide."""

    png: bytes
    size_mm: float = DEFAULT_SEAL_MM

    @property
    def pixels(self) -> tuple[int, int]:
        """Width and height from the PNG's IHDR chunk (bytes 16–24)."""
        return struct.unpack(">II", self.png[16:24])

    @property
    def height_mm(self) -> float:
        width, height = self.pixels
        return self.size_mm * height / width


def validate_signing(doc) -> None:
    """Raise :class:`InputError` naming the element of 7.2.1–7.2.6 or 7.3.5 that ``doc`` breaks."""
    if doc.copy_number and not _COPY_NUMBER.match(doc.copy_number):
        # 7.2.1: 如需标注份号，一般用6位3号阿拉伯数字.
        raise InputError(f"份号应为6位阿拉伯数字（如“000123”），得到“{doc.copy_number}”", field="份号")
    if doc.secrecy_term and not doc.security:
        raise InputError("有保密期限时须标注密级", field="保密期限")
    if doc.secrecy_term and not _SECRECY_TERM.match(doc.secrecy_term):
        raise InputError(f"保密期限应如“1年”“6个月”（阿拉伯数字），得到“{doc.secrecy_term}”", field="保密期限")
    _validate_names(doc)
    _validate_seals(doc)


def _validate_names(doc) -> None:
    for field, names in (("签发人", doc.signers), ("联署发文机关", doc.co_issuers), ("联署机关署名", doc.co_signatures)):
        if isinstance(names, str):
            raise InputError("应为名称列表，而不是一段文字", field=field)
        if any(not str(n).strip() or len(str(n).strip()) > 40 for n in names):
            raise InputError("名称不能为空，也不能超过40字", field=field)
    if len(doc.co_issuers) + 1 > MAX_ISSUERS:
        raise InputError(f"联合行文的发文机关不能超过{MAX_ISSUERS}个", field="联署发文机关")
    if len(doc.co_signatures) != len(doc.co_issuers):
        # 7.3.5: every issuer of a joint document signs (and seals) it.
        raise InputError(f"联合行文有{len(doc.co_issuers) + 1}个发文机关，署名须同样{len(doc.co_issuers) + 1}个",
                         field="联署机关署名")
    if doc.issuer_suffix not in SUFFIXES:
        raise InputError("发文机关标志后只能加“文件”二字", field="发文机关标志")
    if doc.issuer_suffix and any(n.endswith("文件") for n in (doc.issuer, *doc.co_issuers)):
        raise InputError("机关名称已以“文件”结尾，不要再加“文件”", field="发文机关标志")
    for name in (doc.signature, *doc.co_signatures):
        if text_width_chars(name) > MAX_SIGNATURE_CHARS:
            raise InputError(f"署名“{name}”超过{MAX_SIGNATURE_CHARS}字，一行排不下（可用规范化简称）", field="发文机关署名")
    if len(doc.signers) > 8:
        raise InputError("签发人不能超过8人", field="签发人")
    if doc.signers:
        signer_tabs(doc.signers, doc.doc_number)  # raises when 发文字号 and names overrun one line


def _validate_seals(doc) -> None:
    if not doc.seals:
        return
    if not doc.sealed:
        raise InputError("不加盖印章的公文不能带印章图片（sealed=False）", field="印章")
    issuers = 1 + len(doc.co_signatures)
    if len(doc.seals) != issuers:
        raise InputError(f"印章图片须与发文机关一一对应：{issuers}个机关，得到{len(doc.seals)}个印章", field="印章")
    for i, seal in enumerate(doc.seals, start=1):
        if not isinstance(seal, SealImage):
            raise InputError(f"第{i}个印章须为PNG图片（透明背景）", field="印章")
        validate_seal(seal, f"第{i}个印章")


def validate_seal(seal: SealImage, what: str = "印章") -> None:
    """Raise :class:`InputError` (field 印章) unless ``seal`` can be printed over a 落款.

    7.3.5.1: the seal 端正、居中下压发文机关署名和成文日期, so the words under it must stay
    legible: the PNG needs a transparent background (an alpha channel or a ``tRNS`` chunk).
    The file must be a whole PNG (every chunk's CRC right, ending in ``IEND``; ISO/IEC 15948
    5.3–5.4), at most :data:`SEAL_MAX_BYTES`, :data:`SEAL_PIXELS` a side and :data:`SEAL_MM`
    printed. ``what`` names the seal in the message (“第2个印章”, a file name).
    """
    if len(seal.png) > SEAL_MAX_BYTES:
        raise InputError(f"{what}图片超过{SEAL_MAX_BYTES // 1024 // 1024}MB", field="印章")
    chunks = png_chunks(seal.png)
    if chunks is None or chunks[0][0] != b"IHDR":
        raise InputError(f"{what}须为完整的PNG图片（透明背景），文件不是PNG或已损坏", field="印章")
    colour_type = chunks[0][1][9]
    if colour_type not in (4, 6) and not any(kind == b"tRNS" for kind, _ in chunks):
        raise InputError(f"{what}图片须为透明背景（带透明通道的PNG），否则会遮住署名和成文日期", field="印章")
    low, high = SEAL_PIXELS
    if not all(low <= side <= high for side in seal.pixels):
        raise InputError(f"{what}图片宽高应在{low}至{high}像素之间，得到{seal.pixels[0]}×{seal.pixels[1]}",
                         field="印章")
    if not all(SEAL_MM[0] <= side <= SEAL_MM[1] for side in (seal.size_mm, seal.height_mm)):
        raise InputError(f"{what}尺寸应在{SEAL_MM[0]:g}至{SEAL_MM[1]:g}毫米之间", field="印章")


def png_chunks(data: bytes) -> list[tuple[bytes, bytes]] | None:
    """The (type, data) chunks of a PNG up to ``IEND``; None unless the signature, every length
    and CRC-32 (ISO/IEC 15948:2003 5.3) and the final ``IEND`` are right."""
    if not data.startswith(PNG_SIGNATURE):
        return None
    chunks, at = [], len(PNG_SIGNATURE)
    while at + 12 <= len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        body = data[at + 8:at + 8 + length]
        if len(body) != length or data[at + 8 + length:at + 12 + length] != struct.pack(
                ">I", zlib.crc32(kind + body)):
            return None
        chunks.append((kind, body))
        if kind == b"IEND":
            return chunks if chunks[0][0] == b"IHDR" and len(chunks[0][1]) == 13 else None
        at += 12 + length
    return None


def security_text(security: str, term: str) -> str:
    """密级 with its 保密期限, e.g. ``机密★1年`` (7.2.2; the ★ joins them as offices print it)."""
    return f"{security}★{term}" if term else security


def head_marks(doc) -> list[str]:
    """The lines top left of the 版心, top to bottom: 份号, 密级和保密期限, 紧急程度 (7.2.3:
    如需同时标注份号、密级和保密期限、紧急程度，按照份号、密级和保密期限、紧急程度的顺序自上而下分行排列)."""
    return [t for t in (doc.copy_number, security_text(doc.security, doc.secrecy_term), doc.urgency) if t]


def issuer_names(doc) -> list[str]:
    """Names in the 发文机关标志, the 主办机关 first (7.2.4: 一般应当将主办机关名称排列在前)."""
    return [doc.issuer, *doc.co_issuers]


def signatures(doc) -> list[str]:
    """发文机关署名 in issuing order, the 主办机关 first."""
    return [doc.signature, *doc.co_signatures]


def signer_rows(signers: Sequence[str]) -> list[list[str]]:
    """签发人 names two to a line (7.2.6: 一般每行排两个姓名)."""
    return [list(signers[i:i + 2]) for i in range(0, len(signers), 2)]
