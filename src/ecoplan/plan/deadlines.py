"""Deadlines written in plan text (完成时限): "6月底前", "到2023年底", "6月1日起", "上半年" …

Each phrase resolves to an ISO date in the plan's year unless it names its own year
("2025年底前" → 2025-12-31). Recurring or relative periods are not deadlines: "每月底前",
"一年内", "一季度一次" (a frequency), "全年" (the whole year, which is every target's default).
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

from ecoplan.plan.clauses import Boundaries
from ecoplan.plan.numerals import parse_number, to_halfwidth_digits

# A space may sit around 年/月/日 in text taken from PDF ("5 月底前", "2024 年 6 月 30 日").
_YEAR = r"(?:(?P<year>20\d\d|二〇[〇一二三四五六七八九]{2}) ?年 ?|(?P<next>次年|明年|翌年))?"
_MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_DAY = r"(?:3[01]|[12]\d|0?[1-9]|[一二]?十[一二三四五六七八九]?|三十一?|[一二三四五六七八九])"
_BEFORE = r"(?:之前|以前|前)"
_FORMS = (
    rf"(?P<md_m>{_MONTH}) ?月 ?(?P<md_d>{_DAY}) ?[日号](?P<md_tail>{_BEFORE}|起|开始)?",
    rf"(?P<m_m>{_MONTH}) ?月(?:(?P<m_fen>份)(?![以起开的至到、—\-－~0-9])|份)?(?P<m_part>底|末|上旬|中旬|下旬)?(?P<m_before>{_BEFORE})?",
    rf"(?P<ye>年底|年末|年终|(?<=年)[底末]){_BEFORE}?",
    r"(?P<yin>年内|年度内|(?<=年)内)",
    r"(?P<half>上半年|下半年|年中)(?:末|底)?" + _BEFORE + "?",
    r"(?P<q_pre>前)?第?(?P<q>[一二三四1-4])季度(?:末|底)?" + _BEFORE + "?",
    # 月 left out between a year and 底/末: "2016 年 6 底前" is the end of June
    rf"(?:(?<=年)|(?<=年 ))(?P<mo_m>1[0-2]|0?[1-9]) ?(?:底|末){_BEFORE}?",
)
#: The lookahead lets the engine skip, at one character's cost, the positions where no phrase
#: can start (8x faster on the seed than trying every alternative everywhere).
_FIRST_CHARS = "(?=[到至0-9〇一二三四五六七八九十年底末内上下前第次明翌])"
_PHRASE_RE = re.compile(rf"{_FIRST_CHARS}(?:到|至)?{_YEAR}(?:{'|'.join(_FORMS)})")
#: A year alone: "到2025年", "2025年前", or a year set for the work's completion ("于2009年实现",
#: "力争2013年形成减排能力", "争取2010年建成").
_YEAR_ONLY_RE = re.compile(r"(?:(?P<to>到|至)(?P<y1>20\d\d)年(?![底末内度])|"
                           rf"(?P<y2>20\d\d)年{_BEFORE}|"
                           r"(?<=[于争取])(?P<y3>20\d\d)年(?=(?:全面|基本|全部)?(?:实现|完成|形成|建成|达到|达标|投运|投产)))")
#: What may not precede a phrase: recurring (每月底前) or relative (一年内, 两年内) periods,
#: ordinal years (第二年) and longer numbers (12月 read as 2月).
_NOT_AFTER = tuple("每一两三四五六七八九十第0123456789")
_QUARTER_END = {1: 3, 2: 6, 3: 9, 4: 12}
_NUMERIC_DATE_RE = re.compile(
    r"(?P<y>20\d\d)\s*[./-]\s*(?P<m>1[0-2]|0?[1-9])(?:\s*[./-]\s*(?P<d>3[01]|[12]\d|0?[1-9]))?")
_BARE_DATE_RE = re.compile(rf"{_YEAR}(?:{_FORMS[0]}|{_FORMS[1]})(?:完成|前完成)?")
_WHOLE_YEAR_RE = re.compile(r"(?:(?P<y>20\d\d)年(?:度)?|全年|年度|当年|本年度)(?:内)?(?:完成)?")
_TENTHS = {"上旬": 10, "中旬": 20}
_NO_YEAR = 2000  # a leap year, to tell a deadline phrase from other text when the year is unknown


@dataclass
class FoundDeadline:
    """A deadline phrase and the clause it governs, located in the given text."""

    date: str | None
    text: str
    start: int
    end: int
    phrase: str
    phrase_start: int = 0
    kind: str = "due"
    """``due`` (完成时限: by then) or ``start`` (起始: "6月1日起", the start of a range)."""


def _iso(year: int, month: int, day: int) -> str | None:
    """``YYYY-MM-DD``, or None for a day the month does not have ("2月30日")."""
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


def _month_end(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def _resolve_match(m: re.Match, year: int) -> str | None:
    g = m.groupdict()
    if g.get("year"):
        year = int(parse_number(g["year"]))
    elif g.get("next"):
        year += 1
    if g.get("md_m"):
        return _iso(year, int(parse_number(g["md_m"])), int(parse_number(g["md_d"])))
    if g.get("m_m"):
        if not (g["m_part"] or g["m_before"] or g["m_fen"] or m.group(0)[0] in "到至" or g.get("year")):
            return None  # a bare month name ("6月") is a date of something, not a deadline
        # a month named for the work, "9月份做好…准备": by its last day (as 上半年 → June 30)
        month = int(parse_number(g["m_m"]))
        day = _TENTHS.get(g["m_part"] or "")
        return f"{year:04d}-{month:02d}-{day:02d}" if day else _month_end(year, month)
    if g.get("mo_m"):
        return _month_end(year, int(g["mo_m"]))
    if g.get("s_year") or g.get("s_m2"):
        start_year = int(g["s_year"]) if g.get("s_year") else year
        month = g.get("s_m") or g.get("s_m2")
        return _iso(start_year, int(parse_number(month)) if month else 1, 1)
    if g.get("ye") or g.get("yin") or g.get("y1") or g.get("y2") or g.get("y3"):
        return f"{int(g.get('y1') or g.get('y2') or g.get('y3') or year):04d}-12-31"
    if g.get("half"):
        return _month_end(year, 12 if g["half"] == "下半年" else 6)
    if g.get("q"):
        return _month_end(year, _QUARTER_END[int(parse_number(g["q"]))])
    return None


def resolve_deadline(phrase: str, *, year: int) -> str | None:
    """Resolve a deadline phrase to an ISO date in the plan's year.

    Parameters
    ----------
    phrase : str
        ``"6月底前"``, ``"2023年6月底前"``, ``"到2023年底"``, ``"年内"``, ``"6月1日起"``,
        ``"上半年"``, ``"第三季度"``, ``"到2025年"`` …
    year : int
        The plan's year, used when the phrase names none.

    Returns
    -------
    str or None
        ``"YYYY-MM-DD"``: the month's or quarter's or year's last day, a 上/中旬 10th/20th, or
        the day named; None when the phrase is not a deadline.
    """
    phrase = to_halfwidth_digits(phrase.strip())
    for regex in (_PHRASE_RE, _YEAR_ONLY_RE):
        m = regex.fullmatch(phrase)
        if m:
            return _resolve_match(m, year)
    return None


#: A year written as a blank or masked ("20xx年", "20__年", "20××年") just before a month.
_MASKED_YEAR_RE = re.compile(r"(?:\d{2}|[xX×_＿]{2})[xX×_＿]{2}\s*年\s*$")


def _is_excluded(text: str, m: re.Match) -> bool:
    before = text[m.start() - 1] if m.start() else ""
    after = text[m.end():m.end() + 2]
    if before in _NOT_AFTER:
        return True
    if _MASKED_YEAR_RE.search(text, max(0, m.start() - 8), m.start()):
        return True  # "于20xx年6月底前": the year is masked (a template or a site's redaction)
    g = m.groupdict()
    if _YEARLY_RE.search(text, 0, m.start()):
        return True  # "每年11月至次年2月": every year, not this year's deadline
    if g.get("m_fen") and before and before in "-—－~、":
        return True  # "1-9月份", "8、9月份": months counted over, not a month for the work
    if g.get("q") and (after.startswith("一次") or after.startswith("1次")):
        return True  # "一季度一次": a frequency
    if g.get("md_m") and not g.get("md_tail") and m.group(0)[0] not in "到至" and (
            not before or before not in "于在"):
        return True  # "2023年4月17日": a date (of signing, of a meeting), not a deadline
    return False


def _governed(text: str, bounds: Boundaries, start: int, end: int, next_start: int) -> tuple[int, int]:
    """The clause a phrase governs: from the phrase to the next phrase or the clause end; a
    phrase closing its clause ("…上报（11月底前）") governs the text before it instead."""
    c_start, c_end = bounds.span(start, "clause")
    stop = min(c_end, next_start)
    tail = text[end:stop].strip(" ，,、)）\u3000")
    if tail:
        while stop > end and text[stop - 1] in " ，,、\u3000":
            stop -= 1
        return start, stop
    return c_start, end


def _dated(m: re.Match, date: str, year: int | None) -> str | None:
    """``date``, or None when the plan's year is unknown and the phrase names none."""
    g = m.groupdict()
    return date if year is not None or g.get("year") or g.get("y1") or g.get("y2") or g.get("y3") or g.get("s_year") else None


def find_deadlines(text: str, *, year: int | None, whole: bool = False) -> list[FoundDeadline]:
    """Find every deadline phrase in ``text`` and the clause it governs.

    Parameters
    ----------
    text : str
        A task's text, a sub-item or a goals paragraph.
    year : int or None
        The plan's year; when None, a phrase that names no year has ``date`` None.
    whole : bool
        The text is a task table's deadline cell (完成时限, 时间节点): when no phrase is found,
        the cell as a whole may still be a date ("6月", "2023年6月30日", "2023.6.30", "全年").

    Returns
    -------
    list of FoundDeadline
        In text order; ``text[d.start:d.end] == d.text``.
    """
    norm = to_halfwidth_digits(text)
    found = deadlines_in(text, norm, Boundaries(norm), year)
    if whole and not found:
        return _cell_deadline(text, norm, year)
    return found


def _bare_month_or_day(m: re.Match, year: int) -> str | None:
    if m["year"]:
        year = int(parse_number(m["year"]))
    elif m["next"]:
        year += 1
    if m["md_m"]:
        return _iso(year, int(parse_number(m["md_m"])), int(parse_number(m["md_d"])))
    month, day = int(parse_number(m["m_m"])), _TENTHS.get(m["m_part"] or "")
    return f"{year:04d}-{month:02d}-{day:02d}" if day else _month_end(year, month)


def _cell_deadline(text: str, norm: str, year: int | None) -> list[FoundDeadline]:
    """A deadline cell read as one date: a bare month or day, a numeric date, the whole year.
    The date is None when the cell names no year and the plan's year is unknown."""
    cell = norm.strip()
    start = norm.find(cell)
    if m := _NUMERIC_DATE_RE.fullmatch(cell):
        y, mo, d = int(m["y"]), int(m["m"]), m["d"]
        date = _iso(y, mo, int(d)) if d else _month_end(y, mo)
        if date is None:
            return []
    elif m := _BARE_DATE_RE.fullmatch(cell):
        resolved = _bare_month_or_day(m, year or _NO_YEAR)
        if resolved is None:
            return []
        date = _dated(m, resolved, year)
    elif m := _WHOLE_YEAR_RE.fullmatch(cell):
        y = int(m["y"]) if m["y"] else year
        date = f"{y:04d}-12-31" if y else None
    else:
        return []
    written = text[start:start + len(cell)]
    return [FoundDeadline(date=date, text=written, start=start, end=start + len(cell),
                          phrase=written, phrase_start=start)]


def deadlines_in(text: str, norm: str, bounds: Boundaries, year: int | None) -> list[FoundDeadline]:
    """:func:`find_deadlines` on ``norm`` (``text`` with half-width digits) and its boundaries,
    shared with the target finder so each paragraph is scanned once."""
    ranges = _ranges(norm, year) if _RANGE_HINT_RE.search(norm) else []
    hits = list(ranges)
    for regex in (_PHRASE_RE, _YEAR_ONLY_RE, _START_RE) if "起" in norm or "开始" in norm else (_PHRASE_RE, _YEAR_ONLY_RE):
        for m in regex.finditer(norm):
            date = _resolve_match(m, year or _NO_YEAR)
            if date and not _is_excluded(norm, m) and not any(r[0] < m.end() and m.start() < r[1] for r in ranges):
                hits.append((m.start(), m.end(), _dated(m, date, year), _kind(m)))
    hits = _drop_restated(_drop_overlaps(sorted(hits)), bounds)
    out = []
    for i, (start, end, date, kind) in enumerate(hits):
        next_start = hits[i + 1][0] if i + 1 < len(hits) else len(norm)
        g_start, g_end = _governed(norm, bounds, start, end, next_start)
        if kind == "start" and i + 1 < len(hits) and hits[i + 1][0] == end:  # a range's start
            g_end = _governed(norm, bounds, hits[i + 1][0], hits[i + 1][1], len(norm))[1]
        out.append(FoundDeadline(date=date, text=text[g_start:g_end], start=g_start, end=g_end,
                                 phrase=text[start:end], phrase_start=start, kind=kind))
    return out


#: A range's separator: 至, 到, a dash or a run of dashes ("2007年12月11日---2008年1月31日").
_TO = r"\s*(?:[至到~]|[—\-－]{1,3})\s*"
#: "2019年1月1日至12月31日": a start and a due date; the second takes the first's year, or
#: the next ("11月15日至次年3月15日", or a day before the first: "2008年12月21日-1月10日").
_RANGE_RE = re.compile(rf"(?=[从自0-9〇一二三四五六七八九十])(?:从|自)?{_YEAR}(?P<a_m>{_MONTH})月(?P<a_d>{_DAY})[日号]{_TO}"
                       rf"(?:(?P<b_y>20\d\d)年|(?P<b_next>次年|翌年|明年))?(?P<b_m>{_MONTH})月(?P<b_d>{_DAY})[日号]")
#: "2023年4月—6月", "11月至次年2月": a start (the first month's first day) and a due date (the
#: second month's last day).
_MONTH_RANGE_RE = re.compile(rf"(?=[从自0-9〇一二三四五六七八九十])(?:从|自)?{_YEAR}(?P<a_m>{_MONTH})月份?{_TO}"
                             rf"(?:(?P<b_y>20\d\d)年|(?P<b_next>次年|翌年|明年))?(?P<b_m>{_MONTH})月份?(?![0-9〇一二三四五六七八九十日号])")
#: Cheap test before the range patterns: a day or a month followed by a separator.
_RANGE_HINT_RE = re.compile(r"(?:[日号]|月份?)\s*[至到—\-~－]|阶段\s*[（(]")
#: A schedule's phase lasting one month, written in brackets after its name: "动员部署阶段(5月)" →
#: the month's first day (start) and last day (due).
_PHASE_MONTH_RE = re.compile(rf"(?<=阶段)\s*[（(]\s*{_YEAR}(?P<a_m>{_MONTH})月份?\s*[)）]")
#: A schedule's phase lasting years, in brackets after its name: "第一阶段(2016年—2018年)" → the
#: first year's first day (start) and the last year's last day (due).
_PHASE_YEARS_RE = re.compile(rf"(?<=阶段)\s*[（(]\s*(?P<y1>(?:19|20)\d\d)\s*年?{_TO}(?P<y2>(?:19|20)\d\d)\s*年?\s*[)）]")
#: A period recurring every year ("每年11月至次年2月") is no deadline.
_YEARLY_RE = re.compile(r"每年[^，,。；;]{0,6}$")
#: A start that names only a month or a year: "7月起", "从2024年起".
_START_RE = re.compile(rf"(?=[从自0-9一二三四五六七八九十])(?:从|自)?(?:(?P<s_year>20\d\d)年(?P<s_m>{_MONTH})?月?|(?P<s_m2>{_MONTH})月)(?:份)?(?:起|开始)")


def _kind(m: re.Match) -> str:
    g = m.groupdict()
    if g.get("md_tail") in ("起", "开始") or g.get("s_year") or g.get("s_m2"):
        return "start"
    return "due"


def _ranges(norm: str, year: int | None) -> list[tuple]:
    hits = []
    for m in _PHASE_MONTH_RE.finditer(norm):
        first = int(parse_number(m["year"])) if m["year"] else year
        if first is not None and (a_m := int(parse_number(m["a_m"]))):
            split = m.end("a_m") + 1
            hits += [(m.start(), split, _iso(first, a_m, 1), "start"), (split, m.end(), _month_end(first, a_m), "due")]
    for m in _PHASE_YEARS_RE.finditer(norm):
        if int(m["y1"]) <= int(m["y2"]):
            split = m.end("y1") + norm.startswith("年", m.end("y1"))
            hits += [(m.start("y1"), split, _iso(int(m["y1"]), 1, 1), "start"), (split, m.end() - 1, _iso(int(m["y2"]), 12, 31), "due")]  # brackets left out
    for m in [*_RANGE_RE.finditer(norm), *_MONTH_RANGE_RE.finditer(norm)]:
        if m.start() and norm[m.start() - 1] in _NOT_AFTER or _YEARLY_RE.search(norm, 0, m.start()):
            continue
        first = int(parse_number(m["year"])) if m["year"] else (year or _NO_YEAR)
        a_m, b_m = int(parse_number(m["a_m"])), int(parse_number(m["b_m"]))
        days = "a_d" in m.re.groupindex
        second = int(m["b_y"]) if m["b_y"] else first + (1 if m["b_next"] or _before(m, a_m, b_m, days) else 0)
        a = _iso(first, a_m, int(parse_number(m["a_d"])) if days else 1)
        b = _iso(second, b_m, int(parse_number(m["b_d"]))) if days else _month_end(second, b_m)
        if a and b:
            named = year is not None or bool(m["year"])
            split = m.end("a_d" if days else "a_m") + 1  # after its 日 / 月 (月份)
            split += norm.startswith("份", split)
            hits.append((m.start(), split, a if named else None, "start"))
            hits.append((split, m.end(), b if named or m["b_y"] else None, "due"))
    return sorted(hits)


def _before(m: re.Match, a_m: int, b_m: int, days: bool) -> bool:
    """Whether a range's second date, written without a year, falls before its first: it is in
    the next year ("12月21日-1月10日")."""
    if days:
        return (b_m, int(parse_number(m["b_d"]))) < (a_m, int(parse_number(m["a_d"])))
    return b_m < a_m


def _drop_overlaps(hits: list[tuple]) -> list[tuple]:
    """The longest of overlapping phrases; a range's two halves (start, due) stay."""
    kept: list[tuple] = []
    for hit in hits:
        if kept and hit[0] < kept[-1][1]:
            if hit[1] - hit[0] > kept[-1][1] - kept[-1][0]:
                kept[-1] = hit
            continue
        kept.append(hit)
    return kept


def _drop_restated(hits: list[tuple], bounds: Boundaries) -> list[tuple]:
    """One deadline per restatement: "到2023年底，通过…，年底全市完成…" names one date twice in
    one clause; the first phrase then governs the clause."""
    kept: list[tuple] = []
    for hit in hits:
        if kept and kept[-1][2:] == hit[2:] and bounds.span(kept[-1][0]) == bounds.span(hit[0]):
            continue
        kept.append(hit)
    return kept


#: Bracketed responsibility clauses, left out when measuring what a deadline governs.
_ROLE_GROUP_RE = re.compile(r"[（(【〔\[［][^（）()【】〔〕\[\]［］]*(?:牵头|负责|配合|单位|落实)[^（）()【】〔〕\[\]［］]*[）)】〕\]］]")
_SCOPE_SHARE = 0.6


def deadline_scope(task_text: str, governed: str) -> str:
    """What a deadline governs in its task: ``task`` (most of the task's text), ``paragraph``
    (one whole paragraph of a task written over several) or ``clause`` (a part: task 9's
    "2023年6月底前，…完成对…102台生物质锅炉开展集中排查" is due in June, the rest of the task
    by the year's end). A task is due on its latest ``task``-scope deadline, else at year end."""
    body = _ROLE_GROUP_RE.sub("", task_text).strip()
    core = _ROLE_GROUP_RE.sub("", governed).strip(" ，,。；;")
    if not core or not body:
        return "clause"
    if len(core) >= _SCOPE_SHARE * len(body):
        return "task"
    lines = [line.strip(" ，,。；;") for line in body.splitlines() if line.strip()]
    if len(lines) > 1 and any(line == core or (core in line and len(core) >= 0.9 * len(line)) for line in lines):
        return "paragraph"
    return "clause"


def deadline_kind(text: str) -> str:
    """The kind of the deadline a governed text opens with (or closes with): ``start`` for
    "6月1日起…", else ``due``; for stored deadlines that keep only their text."""
    found = find_deadlines(text, year=_NO_YEAR)
    return found[0].kind if found else "due"
