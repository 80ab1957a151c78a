"""Water classes in one spelling, the standard's: GB 3838-2002 writes the classes with Roman
numerals (Ⅰ类 … Ⅴ类, and 劣Ⅴ类 for worse than Ⅴ). Plans also type the Latin letters ("劣V类",
"III类"), in lower case or full width ("劣v类", "劣Ｖ类"), the small Roman forms ("劣ⅴ类") or
the Chinese numeral ("劣五类"). A target named two ways would be two targets in a picker and
two rows in a table; :func:`roman_classes` gives every spelling the standard's.
"""

from __future__ import annotations

import re

_LATIN = "IVivＩＶｉｖ"
_HALF = str.maketrans("ivＩＶｉｖ", "IVIVIV")
ROMAN = {"I": "Ⅰ", "II": "Ⅱ", "III": "Ⅲ", "IV": "Ⅳ", "V": "Ⅴ"}
_SMALL = str.maketrans("ⅰⅱⅲⅳⅴ", "ⅠⅡⅢⅣⅤ")
"""The small Roman numerals (U+2170…): the capital ones are the standard's."""
_NUMERAL = f"[{_LATIN}]{{1,3}}"
#: Latin letters that are a class numeral: followed (maybe through a range "Ⅱ～Ⅲ", a list
#: "Ⅰ、Ⅱ") by 类, and not the tail of a word ("VOCs", "TV类").
ROMAN_CLASS = re.compile(f"(?<![A-Za-zＡ-Ｚａ-ｚ])({_NUMERAL})"
                         f"(?=(?:[～~\\-—至到、]?(?:{_NUMERAL}|[ⅠⅡⅢⅣⅤⅰⅱⅲⅳⅴ]))*类)")
#: 劣五类 only: a bare 五类 is five kinds of something ("五类重点行业").
_WORSE_FIVE = re.compile("劣五(?=类)")
#: A Chinese numeral glossed with its Roman one: "三(III)类", "劣五(V)类".
_GLOSSED = re.compile(f"[一二三四五][(（]\\s*({_NUMERAL}|[ⅠⅡⅢⅣⅤ])\\s*[)）](?=类)")


def _latin(match: re.Match) -> str:
    written = match.group(1)
    return ROMAN.get(written.translate(_HALF), written)


def roman_classes(text: str) -> str:
    """Every spelling of a water class as the standard writes it: "劣V类", "劣v类", "劣Ｖ类",
    "劣ⅴ类", "劣五类" → "劣Ⅴ类", "II～III类" → "Ⅱ～Ⅲ类"; letters of words stay ("VOCs"), and
    so do other numbers before 类 ("五类重点行业"); "三(III)类", "劣五(V)类" → "Ⅲ类", "劣Ⅴ类"."""
    text = _GLOSSED.sub(_latin, text)
    text = ROMAN_CLASS.sub(_latin, text)
    text = text.translate(_SMALL)  # ⅰ…ⅴ are numerals wherever they stand
    return _WORSE_FIVE.sub("劣Ⅴ", text)
