"""Numbers as written in Chinese government documents: ``5207``, ``92.2``, ``两``, ``一百五十``.

Multipliers that belong to the unit (万, 亿 in "5.6万千瓦", "175亿元") are not read here: the
target keeps them in its unit, as written.
"""

from __future__ import annotations

import re

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
          "六": 6, "七": 7, "八": 8, "九": 9}
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}

#: A Chinese numeral below ten thousand; it must start with a digit or 十 so that a bare 万/亿
#: ("万头以上") is never read as a number.
CHINESE_NUMBER = "[零〇一二两三四五六七八九十][零〇一二两三四五六七八九十百千]*"
#: An Arabic number with optional thousands separators and decimals (full-width digits are
#: normalised before matching, see :func:`to_halfwidth_digits`).
ARABIC_NUMBER = r"\d+(?:,\d{3})*(?:\.\d+)?"
NUMBER = f"(?:{ARABIC_NUMBER}|{CHINESE_NUMBER})"

_FULLWIDTH = str.maketrans("０１２３４５６７８９．％／－～", "0123456789.%/-~")
_FULLWIDTH_RE = re.compile("[０-９．％／－～]")
_CHINESE_RE = re.compile(f"^{CHINESE_NUMBER}$")


def to_halfwidth_digits(text: str) -> str:
    """Map full-width digits, point, percent, slash, dash and tilde to ASCII; the length is
    unchanged, so offsets found in the result hold for the original."""
    return text.translate(_FULLWIDTH) if _FULLWIDTH_RE.search(text) else text


def parse_number(written: str) -> int | float:
    """Read a number written in Arabic or Chinese numerals.

    Parameters
    ----------
    written : str
        ``"5207"``, ``"92.2"``, ``"1,200"``, ``"两"``, ``"十二"``, ``"一百五十"``, ``"三千零五"``.

    Returns
    -------
    int or float
        An int when the number has no fractional part as written, else a float.

    Raises
    ------
    ValueError
        When ``written`` is not a number.
    """
    arabic = to_halfwidth_digits(written).replace(",", "")
    if re.fullmatch(r"\d+", arabic):
        return int(arabic)
    if re.fullmatch(r"\d+\.\d+", arabic):
        return float(arabic)
    if not _CHINESE_RE.match(written):
        raise ValueError(f"not a number: {written!r}")
    return _parse_chinese(written)


def _parse_chinese(written: str) -> int:
    if all(ch in DIGITS for ch in written) and len(written) > 1:
        return int("".join(str(DIGITS[ch]) for ch in written))  # 二〇二三 style
    total, digit = 0, None
    for ch in written:
        if ch in DIGITS:
            digit = DIGITS[ch]
        else:
            total += (1 if digit is None else digit) * SMALL_UNITS[ch]
            digit = None
    return total + (digit or 0)
