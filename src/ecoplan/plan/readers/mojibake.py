"""Undo UTF-8 text that was decoded as Windows-1252/Latin-1 and saved again ("ä¿¡æ¯" for 信息).

A scraper that guesses the wrong charset turns every Chinese character into two or three Latin
letters. The damage is reversible: each such letter is one byte of the original UTF-8.
"""

from __future__ import annotations

import re

CP1252 = {}
for _byte in range(0x80, 0xA0):
    try:
        CP1252[bytes([_byte]).decode("cp1252")] = _byte
    except UnicodeDecodeError:
        continue

HAN = re.compile(r"[\u3400-\u9fff]")
LEAD = "\u00e2-\u00ef"  # Latin-1 letters of UTF-8 lead bytes 0xE2–0xEF (three-byte sequences: CJK, punctuation)
TRAIL = "\u0080-\u00bf" + "".join(CP1252)
MOJIBAKE = re.compile(f"[{LEAD}][{TRAIL}]{{1,2}}")
MIN_SEQUENCES = 8
MAX_LOST_SHARE = 0.25
"""Beyond this share of lost characters the text is left as it is: a repair would mislead."""


def looks_garbled(text: str) -> bool:
    """More mojibake sequences (``ä¿¡``) than Chinese characters, and enough of them to tell."""
    sequences = len(MOJIBAKE.findall(text))
    return sequences >= MIN_SEQUENCES and sequences > len(HAN.findall(text))


def repair(text: str) -> tuple[str, int] | None:
    """``(repaired text, characters lost)``, or None when the text does not come back as Chinese.

    Bytes 0x81, 0x8D, 0x8F, 0x90 and 0x9D have no Windows-1252 letter, so a garbling through
    Windows-1252 may have dropped them; a character missing one cannot be told from the four
    others it could have been, so it is lost, shown as U+FFFD and counted.
    """
    raw = bytearray()
    for ch in text:
        code = ord(ch)
        if code < 0x100:
            raw.append(code)
        elif ch in CP1252:
            raw.append(CP1252[ch])
        else:
            raw.extend(ch.encode("utf-8"))
    fixed = raw.decode("utf-8", errors="replace")
    lost = fixed.count("\ufffd")
    if len(HAN.findall(fixed)) <= len(HAN.findall(text)) or lost > MAX_LOST_SHARE * len(fixed):
        return None
    return fixed, lost
