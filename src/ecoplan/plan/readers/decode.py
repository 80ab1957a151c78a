"""Bytes of a text document to str: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK.

Chinese government downloads are UTF-8 or GBK (GB18030 is its superset). A strict cascade is
exact for both; charset-normalizer is asked only when both fail (Big5, a stray encoding).
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from ecoplan.plan.readers import mojibake

CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
MAX_CONTROL_SHARE = 0.01
"""Text with more C0 control characters than this share is binary, whatever decodes it."""

BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_text(data: bytes) -> tuple[str, str, str | None] | None:
    """Return ``(text, encoding, note)`` with line endings normalised to ``\\n``, or None if
    ``data`` is not text (binary junk). ``note`` says what was repaired, if anything."""
    text, encoding = _decode(data)
    if text is None:
        return None
    note = None
    if mojibake.looks_garbled(text):
        repaired = mojibake.repair(text)
        if repaired is not None:
            text, lost = repaired
            note = "文本编码错乱（UTF-8 被当作 Latin-1/Windows-1252 读取后保存），已还原" + (
                f"；{lost} 个字符无法还原，显示为 �" if lost else "")
    # Word's manual line break (VT) and page break (FF) survive a copy into a .txt file.
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n").replace("\x0c", "\n")
    if len(CONTROL.findall(text)) > MAX_CONTROL_SHARE * max(len(text), 1):
        return None
    return text, encoding, note


def _decode(data: bytes) -> tuple[str | None, str]:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                return None, encoding
    if b"\x00" in data:
        return None, ""
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    best = from_bytes(data).best()
    if best is None:
        return None, ""
    return str(best), best.encoding
