"""The plan's year: from its title, its signature (落款) or date, else from its own dated phrases.

Titles carry the year in many forms: "2023年…工作方案", "数字山东2021行动方案" (no 年),
"…实施方案（2019-2020年）" or "…行动方案（2021—2023）" (a range: the plan starts in its first
year). A plan whose title says nothing is dated by its signing date (GB/T 9704-2012 §7.3.5), and
failing that by the years its own phrases name ("到2022年底", "2022年，全市…"): the most
frequent one, the earliest on a tie.
"""

from __future__ import annotations

import re
from collections import Counter

#: A year in a title: not part of a longer number, not a date's year of a cited document (《…》).
_TITLE_YEAR_RE = re.compile(r"(?<![\d《])(20\d{2}|19\d{2})(?!\d)")
#: Phrases dating themselves: 到2022年底, 2021年9月底前, 2022年，… , 2018年度.
_DATED_PHRASE_RE = re.compile(r"(?<!\d)(20\d{2})\s*年(?:度|底|末|内|[0-9一二三四五六七八九十]{1,2}月|[，,])")


#: A year in Chinese digits: "二〇二三年" (〇, ○ or 零 for zero).
_CN_YEAR_RE = re.compile(r"[一二〇○零]{2}[〇○零一二三四五六七八九]{2}(?=年)")
_CN_DIGITS = str.maketrans("〇○零一二三四五六七八九", "00012345678" + "9")


def title_year(title: str | None) -> int | None:
    """The first year written in the title, with or without 年 ("数字山东2021行动方案"), in
    Arabic or Chinese digits ("二〇二三年")."""
    title = _CN_YEAR_RE.sub(lambda m: m.group().translate(_CN_DIGITS), re.sub(r"《[^》]*》", "", title or ""))
    found = _TITLE_YEAR_RE.search(title)
    return int(found.group(1)) if found else None


def text_year(text: str) -> int | None:
    """The year most of the text's own dated phrases name (the earliest on a tie)."""
    counts = Counter(int(m.group(1)) for m in _DATED_PHRASE_RE.finditer(text))
    if not counts:
        return None
    return min(counts, key=lambda y: (-counts[y], y))


def plan_year(doc: dict, text: str) -> tuple[int | None, str | None]:
    """The year and where it was read: ``title``, ``signed``, ``published`` or ``text``."""
    year = title_year(doc.get("title"))
    if year:
        return year, "title"
    for key in ("signed", "published"):
        if doc.get(key):
            return int(doc[key][:4]), key
    year = text_year(text)
    return (year, "text") if year else (None, None)
